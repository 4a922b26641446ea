/**
 * Applications, their patches (PUBLISH / UNPUBLISH / REFRESH tasks into the
 * application, applied at once) and the published objects patches leave.
 */
import type { FastifyInstance } from 'fastify';
import { op } from '../../openapi/routes';
import { loadSpec } from '../../openapi/spec';
import { recordRoutes } from './record-routes';
import { actor, arrayParam, ifMatch, listQuery } from './http';
import { createOnce, docOf, sendList, sendRecord } from './views';

export default async function applicationRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('dis');
  const { applications, retryTokens } = app.stores.dis;
  const filterOf = (q: { name?: string; nameContains?: string; nameStartsWith?: string; identifier?: string[]; type?: string[] }) => ({
    name: q.name,
    nameContains: q.nameContains,
    nameStartsWith: q.nameStartsWith,
    identifiers: arrayParam(q.identifier),
    modelTypes: arrayParam(q.type),
  });

  recordRoutes(app, {
    list: ['listApplications', (request, q) => applications.list(request.params.workspaceId, filterOf(request.query), q)],
    create: ['createApplication', (request) => applications.create(request.params.workspaceId, request.body, actor(request))],
    get: ['getApplication', (request) => applications.get(request.params.workspaceId, request.params.applicationKey)],
    update: ['updateApplication', (request) => applications.update(request.params.workspaceId, request.params.applicationKey, request.body, actor(request), ifMatch(request))],
    delete: ['deleteApplication', (request) => applications.delete(request.params.workspaceId, request.params.applicationKey, ifMatch(request))],
  });

  // ---- patches

  op(app, spec, 'listPatches', async (request, reply) => {
    const query = request.query;
    const q = listQuery(query);
    return sendList(reply, applications.listPatches(request.params.workspaceId, request.params.applicationKey, filterOf(query), q), q, 'items', docOf);
  });

  op(app, spec, 'createPatch', async (request, reply) =>
    createOnce(retryTokens, request, reply, () => applications.createPatch(request.params.workspaceId, request.params.applicationKey, request.body, actor(request))));

  op(app, spec, 'getPatch', async (request, reply) =>
    sendRecord(reply, applications.getPatch(request.params.workspaceId, request.params.applicationKey, request.params.patchKey)));

  op(app, spec, 'deletePatch', async (request, reply) => {
    applications.deletePatch(request.params.workspaceId, request.params.applicationKey, request.params.patchKey, ifMatch(request));
    return reply.code(204).send();
  });

  op(app, spec, 'listPatchChanges', async (request, reply) => {
    const query = request.query;
    const q = listQuery(query);
    const filter = { name: query.name, sincePatch: query.sincePatch, toPatch: query.toPatch };
    return sendList(reply, applications.listPatchChanges(request.params.workspaceId, request.params.applicationKey, filter, q), q, 'items');
  });

  // ---- published objects

  op(app, spec, 'listPublishedObjects', async (request, reply) => {
    const query = request.query;
    const q = listQuery(query);
    return sendList(reply, applications.listPublished(request.params.workspaceId, request.params.applicationKey, filterOf(query), q), q, 'items', docOf);
  });

  op(app, spec, 'getPublishedObject', async (request, reply) =>
    sendRecord(reply, applications.getPublished(request.params.workspaceId, request.params.applicationKey, request.params.publishedObjectKey)));
}
