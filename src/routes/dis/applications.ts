/**
 * Applications, their patches (PUBLISH / UNPUBLISH / REFRESH tasks into the
 * application, applied at once) and the published objects patches leave.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { op } from '../../openapi/routes';
import { loadSpec } from '../../openapi/spec';
import type { Doc } from '../../store/dis/objects';
import { actor, arrayParam, ifMatch, listQuery } from './http';
import { idempotent, sendDoc, sendList } from './views';

type P = { workspaceId: string; applicationKey: string; patchKey: string; publishedObjectKey: string };

export default async function applicationRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('dis');
  const { applications, retryTokens } = app.stores.dis;
  const p = (r: FastifyRequest) => r.params as P;
  const filterOf = (q: Record<string, unknown>) => ({
    name: q.name as string | undefined,
    nameContains: q.nameContains as string | undefined,
    nameStartsWith: q.nameStartsWith as string | undefined,
    identifiers: arrayParam(q.identifier),
    modelTypes: arrayParam(q.type),
  });

  op(app, spec, 'listApplications', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const q = listQuery(query);
    return sendList(reply, applications.list(p(request).workspaceId, filterOf(query), q), q, 'items', (o) => o.doc);
  });

  op(app, spec, 'createApplication', async (request, reply) =>
    idempotent(retryTokens, request, reply, () => {
      const o = applications.create(p(request).workspaceId, request.body as Doc, actor(request));
      return { status: 200, headers: { etag: o.etag }, body: o.doc };
    }));

  op(app, spec, 'getApplication', async (request, reply) => {
    const o = applications.get(p(request).workspaceId, p(request).applicationKey);
    return sendDoc(reply, o.doc, o.etag);
  });

  op(app, spec, 'updateApplication', async (request, reply) => {
    const o = applications.update(p(request).workspaceId, p(request).applicationKey, request.body as Doc, actor(request), ifMatch(request));
    return sendDoc(reply, o.doc, o.etag);
  });

  op(app, spec, 'deleteApplication', async (request, reply) => {
    applications.delete(p(request).workspaceId, p(request).applicationKey, ifMatch(request));
    return reply.code(204).send();
  });

  // ---- patches

  op(app, spec, 'listPatches', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const q = listQuery(query);
    return sendList(reply, applications.listPatches(p(request).workspaceId, p(request).applicationKey, filterOf(query), q), q, 'items', (o) => o.doc);
  });

  op(app, spec, 'createPatch', async (request, reply) =>
    idempotent(retryTokens, request, reply, () => {
      const o = applications.createPatch(p(request).workspaceId, p(request).applicationKey, request.body as Doc, actor(request));
      return { status: 200, headers: { etag: o.etag }, body: o.doc };
    }));

  op(app, spec, 'getPatch', async (request, reply) => {
    const o = applications.getPatch(p(request).workspaceId, p(request).applicationKey, p(request).patchKey);
    return sendDoc(reply, o.doc, o.etag);
  });

  op(app, spec, 'deletePatch', async (request, reply) => {
    applications.deletePatch(p(request).workspaceId, p(request).applicationKey, p(request).patchKey, ifMatch(request));
    return reply.code(204).send();
  });

  op(app, spec, 'listPatchChanges', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const q = listQuery(query);
    const filter = { name: query.name as string | undefined, sincePatch: query.sincePatch as string | undefined, toPatch: query.toPatch as string | undefined };
    return sendList(reply, applications.listPatchChanges(p(request).workspaceId, p(request).applicationKey, filter, q), q, 'items');
  });

  // ---- published objects

  op(app, spec, 'listPublishedObjects', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const q = listQuery(query);
    return sendList(reply, applications.listPublished(p(request).workspaceId, p(request).applicationKey, filterOf(query), q), q, 'items', (o) => o.doc);
  });

  op(app, spec, 'getPublishedObject', async (request, reply) => {
    const o = applications.getPublished(p(request).workspaceId, p(request).applicationKey, p(request).publishedObjectKey);
    return sendDoc(reply, o.doc, o.etag);
  });
}
