/**
 * Work requests (/20200430/workRequests): list (bare array, compartmentId
 * required), get (timeFinished once done: the SDK waiter polls for it), and a
 * request's errors and logs (bare arrays).
 */
import type { FastifyInstance } from 'fastify';
import { op } from '../../openapi/routes';
import { loadSpec } from '../../openapi/spec';
import { etagOf } from '../../store/dis/common';
import { listQuery } from './http';
import { sendDoc, sendList } from './views';

export default async function workRequestRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('dis');
  const { workRequests } = app.stores.dis;

  op(app, spec, 'listWorkRequests', async (request, reply) => {
    const query = request.query;
    const q = listQuery(query);
    const result = workRequests.list(String(query.compartmentId), { workspaceId: query.workspaceId, status: query.workRequestStatus }, q);
    return sendList(reply, result, q, 'array');
  });

  op(app, spec, 'getWorkRequest', async (request, reply) => {
    const wr = workRequests.require(request.params.workRequestId);
    // While it runs, tell pollers when to look again (the SDK reads retry-after here).
    if (!wr.timeFinished) reply.header('retry-after', '1');
    return sendDoc(reply, wr, etagOf(wr));
  });

  op(app, spec, 'listWorkRequestErrors', async (request, reply) => {
    const q = listQuery(request.query);
    return sendList(reply, workRequests.entries(request.params.workRequestId, 'error', q), q, 'array');
  });

  op(app, spec, 'listWorkRequestLogs', async (request, reply) => {
    const q = listQuery(request.query);
    return sendList(reply, workRequests.entries(request.params.workRequestId, 'log', q), q, 'array');
  });
}
