/**
 * Schedules and task schedules of an application. An enabled task schedule
 * starts a run of its published task at each firing, on the emulator clock.
 */
import type { FastifyInstance } from 'fastify';
import { op } from '../../openapi/routes';
import { loadSpec } from '../../openapi/spec';
import { recordRoutes } from './record-routes';
import { actor, arrayParam, ifMatch, listQuery } from './http';
import { docOf, idempotent, sendList } from './views';

export default async function scheduleRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('dis');
  const { schedules, retryTokens } = app.stores.dis;
  const filterOf = (q: { key?: string[]; name?: string; identifier?: string[]; type?: string[] }) => ({ keys: arrayParam(q.key), name: q.name, identifiers: arrayParam(q.identifier), types: arrayParam(q.type) });

  recordRoutes(app, {
    list: ['listSchedules', (request, q) => schedules.listSchedules(request.params.workspaceId, request.params.applicationKey, filterOf(request.query), q)],
    create: ['createSchedule', (request) => schedules.createSchedule(request.params.workspaceId, request.params.applicationKey, request.body, actor(request))],
    get: ['getSchedule', (request) => schedules.getSchedule(request.params.workspaceId, request.params.applicationKey, request.params.scheduleKey)],
    update: ['updateSchedule', (request) => schedules.updateSchedule(request.params.workspaceId, request.params.applicationKey, request.params.scheduleKey, request.body, actor(request), ifMatch(request))],
    delete: ['deleteSchedule', (request) => schedules.deleteSchedule(request.params.workspaceId, request.params.applicationKey, request.params.scheduleKey, ifMatch(request))],
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

  recordRoutes(app, {
    get: ['getTaskSchedule', (request) => schedules.getTaskSchedule(request.params.workspaceId, request.params.applicationKey, request.params.taskScheduleKey)],
    update: ['updateTaskSchedule', (request) => schedules.updateTaskSchedule(request.params.workspaceId, request.params.applicationKey, request.params.taskScheduleKey, request.body, actor(request), ifMatch(request))],
    delete: ['deleteTaskSchedule', (request) => schedules.deleteTaskSchedule(request.params.workspaceId, request.params.applicationKey, request.params.taskScheduleKey, ifMatch(request))],
  });
}
