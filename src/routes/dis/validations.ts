/**
 * Validations of tasks, data flows, pipelines and connections (the object to
 * check is in the body; the result is kept), and an application's detailed
 * description.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { op } from '../../openapi/routes';
import { loadSpec } from '../../openapi/spec';
import type { Doc } from '../../store/dis/objects';
import type { ValidationKind } from '../../store/dis/validations';
import { actor, type FamilyRequest, ifMatch, listQuery } from './http';
import { createOnce, docOf, sendList, sendRecord } from './views';

type ValidationQuery = { key?: string; name?: string; identifier?: string };

const FAMILIES = [
  { kind: 'taskValidation', name: 'TaskValidation', keyParam: 'taskValidationKey' },
  { kind: 'dataFlowValidation', name: 'DataFlowValidation', keyParam: 'dataFlowValidationKey' },
  { kind: 'pipelineValidation', name: 'PipelineValidation', keyParam: 'pipelineValidationKey' },
  { kind: 'connectionValidation', name: 'ConnectionValidation', keyParam: 'connectionValidationKey' },
] as const satisfies ReadonlyArray<{ kind: ValidationKind; name: string; keyParam: string }>;

export default async function validationRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('dis');
  const { validations, retryTokens } = app.stores.dis;

  for (const f of FAMILIES) {
    op(app, spec, `list${f.name}s`, async (request: FamilyRequest<ValidationQuery>, reply: FastifyReply) => {
      const query = request.query;
      const q = listQuery(query);
      const filter = { key: query.key, name: query.name, identifier: query.identifier };
      return sendList(reply, validations.list(f.kind, request.params.workspaceId, filter, q), q, 'items', docOf);
    });
    op(app, spec, `create${f.name}`, async (request: FamilyRequest<unknown, Doc | undefined>, reply: FastifyReply) =>
      createOnce(retryTokens, request, reply, () => validations.create(f.kind, request.params.workspaceId, request.body ?? {}, actor(request))));
    op(app, spec, `get${f.name}`, async (request: FamilyRequest<unknown>, reply: FastifyReply) => {
      return sendRecord(reply, validations.get(f.kind, request.params.workspaceId, request.params[f.keyParam]));
    });
    op(app, spec, `delete${f.name}`, async (request: FamilyRequest<unknown>, reply: FastifyReply) => {
      validations.delete(f.kind, request.params.workspaceId, request.params[f.keyParam], ifMatch(request));
      return reply.code(204).send();
    });
  }

  op(app, spec, 'getApplicationDetailedDescription', async (request, reply) =>
    sendRecord(reply, validations.getDescription(request.params.workspaceId, request.params.applicationKey)));
  op(app, spec, 'createApplicationDetailedDescription', async (request, reply) =>
    createOnce(retryTokens, request, reply, () => validations.putDescription(request.params.workspaceId, request.params.applicationKey, request.body ?? {}, actor(request), 'create')));
  op(app, spec, 'updateApplicationDetailedDescription', async (request, reply) =>
    sendRecord(reply, validations.putDescription(request.params.workspaceId, request.params.applicationKey, request.body ?? {}, actor(request), 'update', ifMatch(request))));
  op(app, spec, 'deleteApplicationDetailedDescription', async (request, reply) => {
    validations.deleteDescription(request.params.workspaceId, request.params.applicationKey, ifMatch(request));
    return reply.code(204).send();
  });
}
