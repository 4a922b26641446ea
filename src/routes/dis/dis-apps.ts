/**
 * DIS applications (/disApplications/{disApplicationId}: OCID or key) and
 * their detailed description (the same one /applications/{key} has).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { op } from '../../openapi/routes';
import { loadSpec } from '../../openapi/spec';
import type { Doc } from '../../store/dis/objects';
import { actor, arrayParam, ifMatch, listQuery } from './http';
import { createOnce, docOf, idempotent, sendList, sendRecord } from './views';

type P = { workspaceId: string; disApplicationId: string; applicationKey: string };

export default async function disAppRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('dis');
  const { retryTokens, validations } = app.stores.dis;
  const { disApps } = app.stores.dis.apps;

  op(app, spec, 'listDisApplications', async (request, reply) => {
    const query = request.query;
    const q = listQuery(query);
    const filter = {
      name: query.name,
      nameContains: query.nameContains,
      identifiers: arrayParam(query.identifier),
      compartmentId: query.compartmentId,
    };
    return sendList(reply, disApps.list(request.params.workspaceId, filter, q), q, 'items', docOf);
  });

  op(app, spec, 'createDisApplication', async (request, reply) =>
    createOnce(retryTokens, request, reply, () => disApps.create(request.params.workspaceId, request.body, actor(request))));

  op(app, spec, 'getDisApplication', async (request, reply) => {
    return sendRecord(reply, disApps.resolve(request.params.workspaceId, request.params.disApplicationId));
  });

  op(app, spec, 'updateDisApplication', async (request, reply) => {
    return sendRecord(reply, disApps.update(request.params.workspaceId, request.params.disApplicationId, request.body, actor(request), ifMatch(request)));
  });

  op(app, spec, 'deleteDisApplication', async (request, reply) => {
    disApps.delete(request.params.workspaceId, request.params.disApplicationId, ifMatch(request));
    return reply.code(204).send();
  });

  op(app, spec, 'changeDisApplicationCompartment', async (request, reply) =>
    idempotent(retryTokens, request, reply, () => {
      const { compartmentId } = request.body;
      disApps.changeCompartment(request.params.workspaceId, request.params.disApplicationId, compartmentId, ifMatch(request));
      return { status: 200, headers: {}, body: undefined };
    }));

  // ---- the detailed description, stored once per application
  const appKey = (params: { workspaceId: string; applicationKey: string }) => disApps.resolve(params.workspaceId, params.applicationKey).key;

  op(app, spec, 'getDisApplicationDetailedDescription', async (request, reply) => {
    return sendRecord(reply, validations.getDescription(request.params.workspaceId, appKey(request.params)));
  });
  op(app, spec, 'createDisApplicationDetailedDescription', async (request, reply) =>
    createOnce(retryTokens, request, reply, () => validations.putDescription(request.params.workspaceId, appKey(request.params), request.body ?? {}, actor(request), 'create')));
  op(app, spec, 'updateDisApplicationDetailedDescription', async (request, reply) => {
    return sendRecord(reply, validations.putDescription(request.params.workspaceId, appKey(request.params), request.body ?? {}, actor(request), 'update', ifMatch(request)));
  });
  op(app, spec, 'deleteDisApplicationDetailedDescription', async (request, reply) => {
    validations.deleteDescription(request.params.workspaceId, appKey(request.params), ifMatch(request));
    return reply.code(204).send();
  });
}
