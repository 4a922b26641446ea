/**
 * Work requests (/20190131/workRequests): list (compartmentId required,
 * optionally one instance's), get (retry-after while it runs: the SDK's
 * waiter reads it), and a request's errors and logs; lists are bare arrays.
 */
import type { FastifyInstance } from 'fastify';
import { op } from '../../openapi/routes';
import { loadSpec } from '../../openapi/spec';
import { etagOf } from '../../store/dis/common';
import { sendDoc } from '../dis/http';
import { pageOf, sendPage } from './list';


export default async function workRequestRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('integration');
  const { workRequests } = app.integration;

  op(app, spec, 'listWorkRequests', async (request, reply) => {
    const query = request.query;
    const q = pageOf(query);
    return sendPage(reply, workRequests.list(String(query.compartmentId), query.integrationInstanceId, q), q);
  });

  op(app, spec, 'getWorkRequest', async (request, reply) => {
    const wr = workRequests.require(request.params.workRequestId);
    if (!wr.timeFinished) reply.header('retry-after', '1');
    return sendDoc(reply, wr, etagOf(wr));
  });

  for (const [operationId, kind] of [['listWorkRequestErrors', 'error'], ['listWorkRequestLogs', 'log']] as const) {
    op(app, spec, operationId, async (request, reply) => {
      const query = request.query;
      const q = pageOf(query);
      return sendPage(reply, workRequests.entries(request.params.workRequestId, String(query.compartmentId), kind, q), q);
    });
  }
}
