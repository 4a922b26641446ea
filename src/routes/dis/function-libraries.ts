/**
 * Function libraries, user-defined functions (CRUD with etag, if-match and
 * opc-retry-token) and user-defined function validations.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { op, opDynamic } from '../../openapi/routes';
import { loadSpec } from '../../openapi/spec';
import type { LibraryKind } from '../../store/dis/function-libraries';
import type { Doc } from '../../store/dis/objects';
import { actor, arrayParam, ifMatch, listQuery } from './http';
import { idempotent, sendDoc, sendList } from './views';

const FAMILIES: Array<{ kind: LibraryKind; one: string; many: string; keyParam: string; parentParam: string }> = [
  { kind: 'functionLibrary', one: 'FunctionLibrary', many: 'FunctionLibraries', keyParam: 'functionLibraryKey', parentParam: 'aggregatorKey' },
  { kind: 'userDefinedFunction', one: 'UserDefinedFunction', many: 'UserDefinedFunctions', keyParam: 'userDefinedFunctionKey', parentParam: 'functionLibraryKey' },
];

export default async function functionLibraryRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('dis');
  const { retryTokens } = app.stores.dis;
  const { functionLibraries, functionValidations } = app.stores.dis.apps;
  const params = (r: FastifyRequest) => r.params as Record<string, string>;

  for (const f of FAMILIES) {
    opDynamic(app, spec, `list${f.many}`, async (request, reply) => {
      const query = request.query as Record<string, unknown>;
      const q = listQuery(query);
      const filter = { aggregatorKey: query[f.parentParam] as string | undefined, name: query.name as string | undefined, identifiers: arrayParam(query.identifier) };
      return sendList(reply, functionLibraries.list(f.kind, params(request).workspaceId, filter, q), q, 'items', (o) => o.doc);
    });
    opDynamic(app, spec, `create${f.one}`, async (request, reply) =>
      idempotent(retryTokens, request, reply, () => {
        const o = functionLibraries.create(f.kind, params(request).workspaceId, request.body as Doc, actor(request));
        return { status: 200, headers: { etag: o.etag }, body: o.doc };
      }));
    opDynamic(app, spec, `get${f.one}`, async (request, reply) => {
      const o = functionLibraries.get(f.kind, params(request).workspaceId, params(request)[f.keyParam]);
      return sendDoc(reply, o.doc, o.etag);
    });
    opDynamic(app, spec, `update${f.one}`, async (request, reply) => {
      const o = functionLibraries.update(f.kind, params(request).workspaceId, params(request)[f.keyParam], request.body as Doc, actor(request), ifMatch(request));
      return sendDoc(reply, o.doc, o.etag);
    });
    opDynamic(app, spec, `delete${f.one}`, async (request, reply) => {
      functionLibraries.delete(f.kind, params(request).workspaceId, params(request)[f.keyParam], ifMatch(request));
      return reply.code(204).send();
    });
  }

  const kind = 'userDefinedFunctionValidation';
  op(app, spec, 'listUserDefinedFunctionValidations', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const q = listQuery(query);
    const filter = { key: query.key as string | undefined, name: query.name as string | undefined, identifier: query.identifier as string | undefined };
    return sendList(reply, functionValidations.list(kind, params(request).workspaceId, filter, q), q, 'items', (o) => o.doc);
  });
  op(app, spec, 'createUserDefinedFunctionValidation', async (request, reply) =>
    idempotent(retryTokens, request, reply, () => {
      const o = functionValidations.create(kind, params(request).workspaceId, (request.body as Doc | undefined) ?? {}, actor(request));
      return { status: 200, headers: { etag: o.etag }, body: o.doc };
    }));
  op(app, spec, 'getUserDefinedFunctionValidation', async (request, reply) => {
    const o = functionValidations.get(kind, params(request).workspaceId, params(request).userDefinedFunctionValidationKey);
    return sendDoc(reply, o.doc, o.etag);
  });
  op(app, spec, 'deleteUserDefinedFunctionValidation', async (request, reply) => {
    functionValidations.delete(kind, params(request).workspaceId, params(request).userDefinedFunctionValidationKey, ifMatch(request));
    return reply.code(204).send();
  });
}
