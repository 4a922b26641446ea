/**
 * Task runs of an application: create (the task is named by
 * registryMetadata.aggregatorKey and must be published there), list with the
 * reference's filters, get, cancel (PUT {"status":"TERMINATING"}), delete,
 * and logs (a bare array).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { op } from '../../openapi/routes';
import { loadSpec } from '../../openapi/spec';
import type { Doc } from '../../store/dis/objects';
import { actor, arrayParam, ifMatch, listQuery } from './http';
import { idempotent, sendDoc, sendList } from './views';
import { opcRequestId } from './oci-error';

type P = { workspaceId: string; applicationKey: string; taskRunKey: string };

export default async function taskRunRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('dis');
  const { taskRuns, retryTokens } = app.stores.dis;
  const p = (r: FastifyRequest) => r.params as P;

  op(app, spec, 'listTaskRuns', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const q = listQuery(query);
    const filter = {
      keys: arrayParam(query.key),
      aggregatorKey: query.aggregatorKey as string | undefined,
      name: query.name as string | undefined,
      identifiers: arrayParam(query.identifier),
      nameStartsWith: query.nameStartsWith as string | undefined,
      nameContains: query.nameContains as string | undefined,
      filter: arrayParam(query.filter),
    };
    return sendList(reply, taskRuns.list(p(request).workspaceId, p(request).applicationKey, filter, q), q, 'items');
  });

  op(app, spec, 'createTaskRun', async (request, reply) =>
    idempotent(retryTokens, request, reply, () => {
      const r = taskRuns.create(p(request).workspaceId, p(request).applicationKey, (request.body as Doc | undefined) ?? {}, actor(request), { opcRequestId: opcRequestId(request) });
      return { status: 200, headers: { etag: r.etag }, body: r.doc };
    }));

  op(app, spec, 'getTaskRun', async (request, reply) => {
    const r = taskRuns.get(p(request).workspaceId, p(request).applicationKey, p(request).taskRunKey);
    return sendDoc(reply, r.doc, r.etag);
  });

  op(app, spec, 'updateTaskRun', async (request, reply) => {
    const r = taskRuns.update(p(request).workspaceId, p(request).applicationKey, p(request).taskRunKey, request.body as Doc, actor(request), ifMatch(request));
    return sendDoc(reply, r.doc, r.etag);
  });

  op(app, spec, 'deleteTaskRun', async (request, reply) => {
    taskRuns.delete(p(request).workspaceId, p(request).applicationKey, p(request).taskRunKey, ifMatch(request));
    return reply.code(204).send();
  });

  op(app, spec, 'listTaskRunLogs', async (request, reply) => {
    const q = listQuery(request.query as Record<string, unknown>);
    return sendList(reply, taskRuns.logs(p(request).workspaceId, p(request).applicationKey, p(request).taskRunKey, q), q, 'array');
  });
}
