/**
 * What a workspace reads from its sources and offers ready-made: schemas,
 * data entities and entity shapes of a connection (simulated, stable per
 * connection), application templates, and count statistics of containers.
 * As in the SDK's responses, none of these carries an etag.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { op } from '../../openapi/routes';
import { loadSpec } from '../../openapi/spec';
import type { Doc } from '../../store/dis/objects';
import { arrayParam, listQuery } from './http';
import { idempotent, sendDoc, sendList } from './views';

type P = { workspaceId: string; connectionKey: string; schemaResourceName: string; dataEntityKey: string; templateId: string; countStatisticKey: string };

export default async function sourceRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('dis');
  const { schemas, templates, countStatistics, retryTokens } = app.stores.dis;
  const p = (r: FastifyRequest) => r.params as P;
  const query = (r: FastifyRequest) => r.query as Record<string, unknown>;

  op(app, spec, 'listSchemas', async (request, reply) => {
    const qs = query(request);
    const q = listQuery(qs);
    return sendList(reply, schemas.listSchemas(p(request).workspaceId, p(request).connectionKey, { name: qs.name as string | undefined, nameList: arrayParam(qs.nameList) }, q), q, 'items');
  });

  op(app, spec, 'getSchema', async (request, reply) => {
    const doc = schemas.getSchema(p(request).workspaceId, p(request).connectionKey, p(request).schemaResourceName);
    return sendDoc(reply, doc);
  });

  op(app, spec, 'listDataEntities', async (request, reply) => {
    const qs = query(request);
    const q = listQuery(qs);
    const filter = { name: qs.name as string | undefined, nameList: arrayParam(qs.nameList), type: qs.type as string | undefined, isPattern: qs.isPattern as boolean | undefined };
    return sendList(reply, schemas.listEntities(p(request).workspaceId, p(request).connectionKey, p(request).schemaResourceName, filter, q), q, 'items');
  });

  op(app, spec, 'getDataEntity', async (request, reply) => {
    const doc = schemas.getEntity(p(request).workspaceId, p(request).connectionKey, p(request).schemaResourceName, p(request).dataEntityKey);
    return sendDoc(reply, doc);
  });

  op(app, spec, 'createEntityShape', async (request, reply) =>
    idempotent(retryTokens, request, reply, () => {
      const doc = schemas.createEntityShape(p(request).workspaceId, p(request).connectionKey, p(request).schemaResourceName, request.body as Doc);
      return { status: 200, headers: {}, body: doc };
    }));

  op(app, spec, 'listTemplates', async (request, reply) => {
    const qs = query(request);
    const q = listQuery(qs);
    return sendList(reply, templates.list(p(request).workspaceId, { name: qs.name as string | undefined, identifiers: arrayParam(qs.identifier) }, q), q, 'items');
  });

  op(app, spec, 'getTemplate', async (request, reply) => {
    const doc = templates.get(p(request).workspaceId, p(request).templateId);
    return sendDoc(reply, doc);
  });

  op(app, spec, 'getCountStatistic', async (request, reply) => {
    const doc = countStatistics.get(p(request).workspaceId, p(request).countStatisticKey);
    return sendDoc(reply, doc);
  });
}
