/**
 * DIS applications (/disApplications/{disApplicationId}: OCID or key) and
 * their detailed description (the same one /applications/{key} has).
 */
import type { FastifyInstance } from 'fastify';
import { op } from '../../openapi/routes';
import { loadSpec } from '../../openapi/spec';
import { recordRoutes } from './record-routes';
import { actor, arrayParam, ifMatch } from './http';
import { createOnce, idempotent, sendRecord } from './views';

export default async function disAppRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('dis');
  const { retryTokens, validations } = app.stores.dis;
  const { disApps } = app.stores.dis.apps;

  recordRoutes(app, {
    list: ['listDisApplications', (request, q) => {
      const { name, nameContains, identifier, compartmentId } = request.query;
      return disApps.list(request.params.workspaceId, { name, nameContains, identifiers: arrayParam(identifier), compartmentId }, q);
    }],
    create: ['createDisApplication', (request) => disApps.create(request.params.workspaceId, request.body, actor(request))],
    get: ['getDisApplication', (request) => disApps.resolve(request.params.workspaceId, request.params.disApplicationId)],
    update: ['updateDisApplication', (request) => disApps.update(request.params.workspaceId, request.params.disApplicationId, request.body, actor(request), ifMatch(request))],
    delete: ['deleteDisApplication', (request) => disApps.delete(request.params.workspaceId, request.params.disApplicationId, ifMatch(request))],
  });

  op(app, spec, 'changeDisApplicationCompartment', async (request, reply) =>
    idempotent(retryTokens, request, reply, () => {
      const { compartmentId } = request.body;
      disApps.changeCompartment(request.params.workspaceId, request.params.disApplicationId, compartmentId, ifMatch(request));
      return { status: 200, headers: {}, body: undefined };
    }));

  // ---- the detailed description, stored once per application
  const appKey = (params: { workspaceId: string; applicationKey: string }) => disApps.resolve(params.workspaceId, params.applicationKey).key;

  op(app, spec, 'getDisApplicationDetailedDescription', async (request, reply) =>
    sendRecord(reply, validations.getDescription(request.params.workspaceId, appKey(request.params))));
  op(app, spec, 'createDisApplicationDetailedDescription', async (request, reply) =>
    createOnce(retryTokens, request, reply, () => validations.putDescription(request.params.workspaceId, appKey(request.params), request.body ?? {}, actor(request), 'create')));
  op(app, spec, 'updateDisApplicationDetailedDescription', async (request, reply) =>
    sendRecord(reply, validations.putDescription(request.params.workspaceId, appKey(request.params), request.body ?? {}, actor(request), 'update', ifMatch(request))));
  op(app, spec, 'deleteDisApplicationDetailedDescription', async (request, reply) => {
    validations.deleteDescription(request.params.workspaceId, appKey(request.params), ifMatch(request));
    return reply.code(204).send();
  });
}
