/**
 * Validations of tasks, data flows, pipelines and connections (the object to
 * check is in the body; the result is kept), and an application's detailed
 * description.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { op, opDynamic } from '../../openapi/routes';
import { loadSpec } from '../../openapi/spec';
import type { Doc } from '../../store/dis/objects';
import type { ValidationKind } from '../../store/dis/validations';
import { actor, ifMatch, listQuery } from './http';
import { idempotent, sendDoc, sendList } from './views';

const FAMILIES: Array<{ kind: ValidationKind; name: string; keyParam: string }> = [
  { kind: 'taskValidation', name: 'TaskValidation', keyParam: 'taskValidationKey' },
  { kind: 'dataFlowValidation', name: 'DataFlowValidation', keyParam: 'dataFlowValidationKey' },
  { kind: 'pipelineValidation', name: 'PipelineValidation', keyParam: 'pipelineValidationKey' },
  { kind: 'connectionValidation', name: 'ConnectionValidation', keyParam: 'connectionValidationKey' },
];

export default async function validationRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('dis');
  const { validations, retryTokens } = app.stores.dis;
  const params = (r: FastifyRequest) => r.params as Record<string, string>;

  for (const f of FAMILIES) {
    opDynamic(app, spec, `list${f.name}s`, async (request, reply) => {
      const query = request.query as Record<string, unknown>;
      const q = listQuery(query);
      const filter = { key: query.key as string | undefined, name: query.name as string | undefined, identifier: query.identifier as string | undefined };
      return sendList(reply, validations.list(f.kind, params(request).workspaceId, filter, q), q, 'items', (o) => o.doc);
    });
    opDynamic(app, spec, `create${f.name}`, async (request, reply) =>
      idempotent(retryTokens, request, reply, () => {
        const o = validations.create(f.kind, params(request).workspaceId, (request.body as Doc | undefined) ?? {}, actor(request));
        return { status: 200, headers: { etag: o.etag }, body: o.doc };
      }));
    opDynamic(app, spec, `get${f.name}`, async (request, reply) => {
      const o = validations.get(f.kind, params(request).workspaceId, params(request)[f.keyParam]);
      return sendDoc(reply, o.doc, o.etag);
    });
    opDynamic(app, spec, `delete${f.name}`, async (request, reply) => {
      validations.delete(f.kind, params(request).workspaceId, params(request)[f.keyParam], ifMatch(request));
      return reply.code(204).send();
    });
  }

  const appParams = (r: FastifyRequest) => r.params as { workspaceId: string; applicationKey: string };
  op(app, spec, 'getApplicationDetailedDescription', async (request, reply) => {
    const o = validations.getDescription(appParams(request).workspaceId, appParams(request).applicationKey);
    return sendDoc(reply, o.doc, o.etag);
  });
  op(app, spec, 'createApplicationDetailedDescription', async (request, reply) =>
    idempotent(retryTokens, request, reply, () => {
      const o = validations.putDescription(appParams(request).workspaceId, appParams(request).applicationKey, (request.body as Doc | undefined) ?? {}, actor(request), 'create');
      return { status: 200, headers: { etag: o.etag }, body: o.doc };
    }));
  op(app, spec, 'updateApplicationDetailedDescription', async (request, reply) => {
    const o = validations.putDescription(appParams(request).workspaceId, appParams(request).applicationKey, (request.body as Doc | undefined) ?? {}, actor(request), 'update', ifMatch(request));
    return sendDoc(reply, o.doc, o.etag);
  });
  op(app, spec, 'deleteApplicationDetailedDescription', async (request, reply) => {
    validations.deleteDescription(appParams(request).workspaceId, appParams(request).applicationKey, ifMatch(request));
    return reply.code(204).send();
  });
}
