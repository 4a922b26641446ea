/**
 * Schedules and task schedules of an application. An enabled task schedule
 * starts a run of its published task at each firing, on the emulator clock.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { op } from '../../openapi/routes';
import { loadSpec } from '../../openapi/spec';
import type { Doc } from '../../store/dis/objects';
import { actor, arrayParam, ifMatch, listQuery } from './http';
import { createOnce, docOf, idempotent, sendList, sendRecord } from './views';

type P = { workspaceId: string; applicationKey: string; scheduleKey: string; taskScheduleKey: string };

export default async function scheduleRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('dis');
  const { schedules, retryTokens } = app.stores.dis;
  const filterOf = (q: { key?: string[]; name?: string; identifier?: string[]; type?: string[] }) => ({ keys: arrayParam(q.key), name: q.name, identifiers: arrayParam(q.identifier), types: arrayParam(q.type) });

  op(app, spec, 'listSchedules', async (request, reply) => {
    const query = request.query;
    const q = listQuery(query);
    return sendList(reply, schedules.listSchedules(request.params.workspaceId, request.params.applicationKey, filterOf(query), q), q, 'items', docOf);
  });

  op(app, spec, 'createSchedule', async (request, reply) =>
    createOnce(retryTokens, request, reply, () => schedules.createSchedule(request.params.workspaceId, request.params.applicationKey, request.body, actor(request))));

  op(app, spec, 'getSchedule', async (request, reply) => {
    return sendRecord(reply, schedules.getSchedule(request.params.workspaceId, request.params.applicationKey, request.params.scheduleKey));
  });

  op(app, spec, 'updateSchedule', async (request, reply) => {
    return sendRecord(reply, schedules.updateSchedule(request.params.workspaceId, request.params.applicationKey, request.params.scheduleKey, request.body, actor(request), ifMatch(request)));
  });

  op(app, spec, 'deleteSchedule', async (request, reply) => {
    schedules.deleteSchedule(request.params.workspaceId, request.params.applicationKey, request.params.scheduleKey, ifMatch(request));
    return reply.code(204).send();
  });

  op(app, spec, 'listTaskSchedules', async (request, reply) => {
    const query = request.query;
    const q = listQuery(query);
    const filter = { ...filterOf(query), isEnabled: query.isEnabled };
    return sendList(reply, schedules.listTaskSchedules(request.params.workspaceId, request.params.applicationKey, filter, q), q, 'items', docOf);
  });

  op(app, spec, 'createTaskSchedule', async (request, reply) =>
    idempotent(retryTokens, request, reply, () => {
      const o = schedules.createTaskSchedule(request.params.workspaceId, request.params.applicationKey, request.body, actor(request));
      const shown = schedules.getTaskSchedule(o.workspaceId, o.scopeKey, o.key);
      return { status: 200, headers: { etag: shown.etag }, body: shown.doc };
    }));

  op(app, spec, 'getTaskSchedule', async (request, reply) => {
    return sendRecord(reply, schedules.getTaskSchedule(request.params.workspaceId, request.params.applicationKey, request.params.taskScheduleKey));
  });

  op(app, spec, 'updateTaskSchedule', async (request, reply) => {
    return sendRecord(reply, schedules.updateTaskSchedule(request.params.workspaceId, request.params.applicationKey, request.params.taskScheduleKey, request.body, actor(request), ifMatch(request)));
  });

  op(app, spec, 'deleteTaskSchedule', async (request, reply) => {
    schedules.deleteTaskSchedule(request.params.workspaceId, request.params.applicationKey, request.params.taskScheduleKey, ifMatch(request));
    return reply.code(204).send();
  });
}
