/**
 * DIS applications (/disApplications/{disApplicationId}: OCID or key) and
 * their detailed description (the same one /applications/{key} has).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { op } from '../../openapi/routes';
import { loadSpec } from '../../openapi/spec';
import type { Doc } from '../../store/dis/objects';
import { actor, arrayParam, ifMatch, listQuery } from './http';
import { idempotent, sendDoc, sendList } from './views';

type P = { workspaceId: string; disApplicationId: string; applicationKey: string };

export default async function disAppRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('dis');
  const { retryTokens, validations } = app.stores.dis;
  const { disApps } = app.stores.dis.apps;
  const p = (r: FastifyRequest) => r.params as P;

  op(app, spec, 'listDisApplications', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const q = listQuery(query);
    const filter = {
      name: query.name as string | undefined,
      nameContains: query.nameContains as string | undefined,
      identifiers: arrayParam(query.identifier),
      compartmentId: query.compartmentId as string | undefined,
    };
    return sendList(reply, disApps.list(p(request).workspaceId, filter, q), q, 'items', (o) => o.doc);
  });

  op(app, spec, 'createDisApplication', async (request, reply) =>
    idempotent(retryTokens, request, reply, () => {
      const o = disApps.create(p(request).workspaceId, request.body as Doc, actor(request));
      return { status: 200, headers: { etag: o.etag }, body: o.doc };
    }));

  op(app, spec, 'getDisApplication', async (request, reply) => {
    const o = disApps.resolve(p(request).workspaceId, p(request).disApplicationId);
    return sendDoc(reply, o.doc, o.etag);
  });

  op(app, spec, 'updateDisApplication', async (request, reply) => {
    const o = disApps.update(p(request).workspaceId, p(request).disApplicationId, request.body as Doc, actor(request), ifMatch(request));
    return sendDoc(reply, o.doc, o.etag);
  });

  op(app, spec, 'deleteDisApplication', async (request, reply) => {
    disApps.delete(p(request).workspaceId, p(request).disApplicationId, ifMatch(request));
    return reply.code(204).send();
  });

  op(app, spec, 'changeDisApplicationCompartment', async (request, reply) =>
    idempotent(retryTokens, request, reply, () => {
      const { compartmentId } = request.body as { compartmentId: string };
      disApps.changeCompartment(p(request).workspaceId, p(request).disApplicationId, compartmentId, ifMatch(request));
      return { status: 200, headers: {}, body: undefined };
    }));

  // ---- the detailed description, stored once per application
  const appKey = (r: FastifyRequest) => disApps.resolve(p(r).workspaceId, p(r).applicationKey).key;

  op(app, spec, 'getDisApplicationDetailedDescription', async (request, reply) => {
    const o = validations.getDescription(p(request).workspaceId, appKey(request));
    return sendDoc(reply, o.doc, o.etag);
  });
  op(app, spec, 'createDisApplicationDetailedDescription', async (request, reply) =>
    idempotent(retryTokens, request, reply, () => {
      const o = validations.putDescription(p(request).workspaceId, appKey(request), (request.body as Doc | undefined) ?? {}, actor(request), 'create');
      return { status: 200, headers: { etag: o.etag }, body: o.doc };
    }));
  op(app, spec, 'updateDisApplicationDetailedDescription', async (request, reply) => {
    const o = validations.putDescription(p(request).workspaceId, appKey(request), (request.body as Doc | undefined) ?? {}, actor(request), 'update', ifMatch(request));
    return sendDoc(reply, o.doc, o.etag);
  });
  op(app, spec, 'deleteDisApplicationDetailedDescription', async (request, reply) => {
    validations.deleteDescription(p(request).workspaceId, appKey(request), ifMatch(request));
    return reply.code(204).send();
  });
}
