/**
 * Function libraries, user-defined functions (CRUD with etag, if-match and
 * opc-retry-token) and user-defined function validations.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { op } from '../../openapi/routes';
import { loadSpec } from '../../openapi/spec';
import type { LibraryKind } from '../../store/dis/function-libraries';
import type { Doc } from '../../store/dis/objects';
import { actor, arrayParam, type FamilyRequest, ifMatch, listQuery } from './http';
import { createOnce, docOf, sendList, sendRecord } from './views';

type LibraryQuery = { aggregatorKey?: string; functionLibraryKey?: string; name?: string; identifier?: string[] };

const FAMILIES = [
  { kind: 'functionLibrary', one: 'FunctionLibrary', many: 'FunctionLibraries', keyParam: 'functionLibraryKey', parentParam: 'aggregatorKey' },
  { kind: 'userDefinedFunction', one: 'UserDefinedFunction', many: 'UserDefinedFunctions', keyParam: 'userDefinedFunctionKey', parentParam: 'functionLibraryKey' },
] as const satisfies ReadonlyArray<{ kind: LibraryKind; one: string; many: string; keyParam: string; parentParam: keyof LibraryQuery }>;

export default async function functionLibraryRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('dis');
  const { retryTokens } = app.stores.dis;
  const { functionLibraries, functionValidations } = app.stores.dis.apps;

  for (const f of FAMILIES) {
    op(app, spec, `list${f.many}`, async (request: FamilyRequest<LibraryQuery>, reply: FastifyReply) => {
      const query = request.query;
      const q = listQuery(query);
      const filter = { aggregatorKey: query[f.parentParam], name: query.name, identifiers: arrayParam(query.identifier) };
      return sendList(reply, functionLibraries.list(f.kind, request.params.workspaceId, filter, q), q, 'items', docOf);
    });
    op(app, spec, `create${f.one}`, async (request: FamilyRequest<unknown, Doc>, reply: FastifyReply) =>
      createOnce(retryTokens, request, reply, () => functionLibraries.create(f.kind, request.params.workspaceId, request.body, actor(request))));
    op(app, spec, `get${f.one}`, async (request: FamilyRequest<unknown>, reply: FastifyReply) => {
      return sendRecord(reply, functionLibraries.get(f.kind, request.params.workspaceId, request.params[f.keyParam]));
    });
    op(app, spec, `update${f.one}`, async (request: FamilyRequest<unknown, Doc>, reply: FastifyReply) => {
      return sendRecord(reply, functionLibraries.update(f.kind, request.params.workspaceId, request.params[f.keyParam], request.body, actor(request), ifMatch(request)));
    });
    op(app, spec, `delete${f.one}`, async (request: FamilyRequest<unknown>, reply: FastifyReply) => {
      functionLibraries.delete(f.kind, request.params.workspaceId, request.params[f.keyParam], ifMatch(request));
      return reply.code(204).send();
    });
  }

  const kind = 'userDefinedFunctionValidation';
  op(app, spec, 'listUserDefinedFunctionValidations', async (request, reply) => {
    const query = request.query;
    const q = listQuery(query);
    const filter = { key: query.key, name: query.name, identifier: query.identifier };
    return sendList(reply, functionValidations.list(kind, request.params.workspaceId, filter, q), q, 'items', docOf);
  });
  op(app, spec, 'createUserDefinedFunctionValidation', async (request, reply) =>
    createOnce(retryTokens, request, reply, () => functionValidations.create(kind, request.params.workspaceId, request.body ?? {}, actor(request))));
  op(app, spec, 'getUserDefinedFunctionValidation', async (request, reply) =>
    sendRecord(reply, functionValidations.get(kind, request.params.workspaceId, request.params.userDefinedFunctionValidationKey)));
  op(app, spec, 'deleteUserDefinedFunctionValidation', async (request, reply) => {
    functionValidations.delete(kind, request.params.workspaceId, request.params.userDefinedFunctionValidationKey, ifMatch(request));
    return reply.code(204).send();
  });
}
