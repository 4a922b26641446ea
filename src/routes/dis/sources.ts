/**
 * What a workspace reads from its sources and offers ready-made: schemas,
 * data entities and entity shapes of a connection (simulated, stable per
 * connection), application templates, and count statistics of containers.
 * As in the SDK's responses, none of these carries an etag.
 */
import type { FastifyInstance } from 'fastify';
import { op } from '../../openapi/routes';
import { loadSpec } from '../../openapi/spec';
import { arrayParam, listQuery } from './http';
import { idempotent, sendDoc, sendList } from './views';

export default async function sourceRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('dis');
  const { schemas, templates, countStatistics, retryTokens } = app.stores.dis;

  op(app, spec, 'listSchemas', async (request, reply) => {
    const qs = request.query;
    const q = listQuery(qs);
    return sendList(reply, schemas.listSchemas(request.params.workspaceId, request.params.connectionKey, { name: qs.name, nameList: arrayParam(qs.nameList) }, q), q, 'items');
  });

  op(app, spec, 'getSchema', async (request, reply) => {
    const doc = schemas.getSchema(request.params.workspaceId, request.params.connectionKey, request.params.schemaResourceName);
    return sendDoc(reply, doc);
  });

  op(app, spec, 'listDataEntities', async (request, reply) => {
    const qs = request.query;
    const q = listQuery(qs);
    const filter = { name: qs.name, nameList: arrayParam(qs.nameList), type: qs.type, isPattern: qs.isPattern };
    return sendList(reply, schemas.listEntities(request.params.workspaceId, request.params.connectionKey, request.params.schemaResourceName, filter, q), q, 'items');
  });

  op(app, spec, 'getDataEntity', async (request, reply) => {
    const doc = schemas.getEntity(request.params.workspaceId, request.params.connectionKey, request.params.schemaResourceName, request.params.dataEntityKey);
    return sendDoc(reply, doc);
  });

  op(app, spec, 'createEntityShape', async (request, reply) =>
    idempotent(retryTokens, request, reply, () => {
      const doc = schemas.createEntityShape(request.params.workspaceId, request.params.connectionKey, request.params.schemaResourceName, request.body);
      return { status: 200, headers: {}, body: doc };
    }));

  op(app, spec, 'listTemplates', async (request, reply) => {
    const qs = request.query;
    const q = listQuery(qs);
    return sendList(reply, templates.list(request.params.workspaceId, { name: qs.name, identifiers: arrayParam(qs.identifier) }, q), q, 'items');
  });

  op(app, spec, 'getTemplate', async (request, reply) => {
    const doc = templates.get(request.params.workspaceId, request.params.templateId);
    return sendDoc(reply, doc);
  });

  op(app, spec, 'getCountStatistic', async (request, reply) => {
    const doc = countStatistics.get(request.params.workspaceId, request.params.countStatisticKey);
    return sendDoc(reply, doc);
  });
}
