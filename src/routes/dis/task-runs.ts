/**
 * Task runs of an application: create (the task is named by
 * registryMetadata.aggregatorKey and must be published there), list with the
 * reference's filters, get, cancel (PUT {"status":"TERMINATING"}), delete,
 * and logs (a bare array).
 */
import type { FastifyInstance } from 'fastify';
import { op } from '../../openapi/routes';
import { loadSpec } from '../../openapi/spec';
import { recordRoutes } from './record-routes';
import { actor, arrayParam, ifMatch, listQuery } from './http';
import { createOnce, sendList } from './views';
import { opcRequestId } from './oci-error';


export default async function taskRunRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('dis');
  const { taskRuns, retryTokens } = app.stores.dis;

  op(app, spec, 'listTaskRuns', async (request, reply) => {
    const query = request.query;
    const q = listQuery(query);
    const filter = {
      keys: arrayParam(query.key),
      aggregatorKey: query.aggregatorKey,
      name: query.name,
      identifiers: arrayParam(query.identifier),
      nameStartsWith: query.nameStartsWith,
      nameContains: query.nameContains,
      filter: arrayParam(query.filter),
    };
    return sendList(reply, taskRuns.list(request.params.workspaceId, request.params.applicationKey, filter, q), q, 'items');
  });

  op(app, spec, 'createTaskRun', async (request, reply) =>
    createOnce(retryTokens, request, reply, () => taskRuns.create(request.params.workspaceId, request.params.applicationKey, request.body ?? {}, actor(request), { opcRequestId: opcRequestId(request) })));

  recordRoutes(app, {
    get: ['getTaskRun', (request) => taskRuns.get(request.params.workspaceId, request.params.applicationKey, request.params.taskRunKey)],
    update: ['updateTaskRun', (request) => taskRuns.update(request.params.workspaceId, request.params.applicationKey, request.params.taskRunKey, request.body, actor(request), ifMatch(request))],
    delete: ['deleteTaskRun', (request) => taskRuns.delete(request.params.workspaceId, request.params.applicationKey, request.params.taskRunKey, ifMatch(request))],
  });

  op(app, spec, 'listTaskRunLogs', async (request, reply) => {
    const q = listQuery(request.query);
    return sendList(reply, taskRuns.logs(request.params.workspaceId, request.params.applicationKey, request.params.taskRunKey, q), q, 'array');
  });
}
