/**
 * Workspaces (/20200430/workspaces): create, delete, start, stop and change
 * compartment answer 202 with opc-work-request-id and no body; the work
 * request moves the workspace through its lifecycle on the clock.
 */
import type { FastifyInstance } from 'fastify';
import { op } from '../../openapi/routes';
import { loadSpec } from '../../openapi/spec';
import { ifMatch, listQuery } from './http';
import { idempotent, sendDoc, sendList } from './views';

export default async function workspaceRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('dis');
  const { workspaces, retryTokens } = app.stores.dis;
  const poke = () => app.ctx.clock.poke();

  op(app, spec, 'listWorkspaces', async (request, reply) => {
    const query = request.query;
    const q = listQuery(query);
    const result = workspaces.list(String(query.compartmentId), { name: query.name, lifecycleState: query.lifecycleState }, q);
    return sendList(reply, result, q, 'array');
  });

  op(app, spec, 'createWorkspace', async (request, reply) =>
    idempotent(retryTokens, request, reply, () => {
      const { workRequest } = workspaces.create(request.body);
      poke();
      return { status: 202, headers: { 'opc-work-request-id': workRequest.id }, body: undefined };
    }));

  op(app, spec, 'getWorkspace', async (request, reply) => {
    const rec = workspaces.require(request.params.workspaceId);
    return sendDoc(reply, rec.workspace, rec.etag);
  });

  op(app, spec, 'updateWorkspace', async (request, reply) => {
    const r = workspaces.update(request.params.workspaceId, request.body, ifMatch(request));
    poke();
    reply.header('opc-work-request-id', r.workRequest.id);
    return sendDoc(reply, r.workspace, r.etag);
  });

  op(app, spec, 'deleteWorkspace', async (request, reply) => {
    const wr = workspaces.act(request.params.workspaceId, 'delete', { ifMatch: ifMatch(request) });
    poke();
    return reply.code(202).header('opc-work-request-id', wr.id).send();
  });

  for (const [operationId, action] of [['startWorkspace', 'start'], ['stopWorkspace', 'stop']] as const) {
    op(app, spec, operationId, async (request, reply) =>
      idempotent(retryTokens, request, reply, () => {
        const wr = workspaces.act(request.params.workspaceId, action, { ifMatch: ifMatch(request) });
        poke();
        return { status: 202, headers: { 'opc-work-request-id': wr.id }, body: undefined };
      }));
  }

  op(app, spec, 'changeCompartment', async (request, reply) =>
    idempotent(retryTokens, request, reply, () => {
      const { compartmentId } = request.body;
      const wr = workspaces.act(request.params.workspaceId, 'move', { ifMatch: ifMatch(request), compartmentId });
      poke();
      return { status: 202, headers: { 'opc-work-request-id': wr.id }, body: undefined };
    }));
}
