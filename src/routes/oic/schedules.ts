/**
 * Schedules (/ic/api/integration/v1/integrations/{id}/schedule[/start|/stop|/jobs]
 * and /ic/api/integration/v1/schedules/{scheduleId}): thin handlers over the
 * runtime (src/sim/runtime.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { op } from '../../openapi/routes';
import { loadSpec } from '../../openapi/spec';
import { badRequest } from '../../core/errors';
import type { ScheduleInput, ScheduleParameter } from '../../store/runtime/schedules';
import { runNowDialect } from './dialects/oracle/run-now';
import { scheduleView } from './dialects/seed/schedules';
import { runView } from './dialects/seed/executions';
import { ORACLE_MONITORING, integrationPath } from '../../oic/links';

interface IdParams { id: string }
interface ScheduleIdParams { scheduleId: string }

const READ_ONLY = ['id', 'integrationId', 'status', 'nextRunTime', 'lastRunTime', 'skippedRuns', 'createdTime', 'modifiedTime', 'links'];

export default async function scheduleRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('oic');

  op(app, spec, 'createIntegrationSchedule', async (request, reply) => {
    const view = scheduleView(request.oic.runtime.createSchedule((request.params as IdParams).id, request.body as ScheduleInput));
    return reply.code(201).header('location', view.links[0].href).send(view);
  });

  op(app, spec, 'getIntegrationSchedule', async (request) => scheduleView(request.oic.runtime.scheduleOf((request.params as IdParams).id)));

  // Oracle's `async=true` (both dialects): 202 with the schedule to poll; the work is done at once.
  const startOrStop = (status: 'ACTIVE' | 'STOPPED') => async (request: FastifyRequest, reply: FastifyReply) => {
    const { id } = request.params as IdParams;
    const view = scheduleView(request.oic.runtime.setScheduleStatus(id, status));
    if ((request.query as { async?: boolean }).async === true) reply.code(202).header('location', `${integrationPath(id)}/schedule`);
    return view;
  };
  op(app, spec, 'startIntegrationSchedule', startOrStop('ACTIVE'));
  op(app, spec, 'stopIntegrationSchedule', startOrStop('STOPPED'));

  const runNow = runNowDialect();
  op(app, spec, 'runIntegrationNow', async (request, reply) => {
    const body = (request.body ?? {}) as { parameters?: ScheduleParameter[] };
    const view = runView(request.oic.runtime.runNow((request.params as IdParams).id, body.parameters));
    if (runNow.isOracle(request)) return reply.code(204).header('location', `${ORACLE_MONITORING}/instances/${encodeURIComponent(view.id)}`).send();
    return reply.code(202).header('location', view.links[0].href).send(view);
  }, { preValidation: runNow.preValidation });

  op(app, spec, 'updateIntegrationSchedule', async (request) => {
    const { scheduleId } = request.params as ScheduleIdParams;
    const body = request.body as Record<string, unknown>;
    if (body.id !== undefined && body.id !== scheduleId) {
      throw badRequest(`id cannot be changed: the body says '${String(body.id)}' but this is schedule '${scheduleId}'`);
    }
    const input = Object.fromEntries(Object.entries(body).filter(([k]) => !READ_ONLY.includes(k))) as ScheduleInput;
    return scheduleView(request.oic.runtime.updateSchedule(scheduleId, input));
  });

  op(app, spec, 'deleteIntegrationSchedule', async (request, reply) => {
    request.oic.runtime.deleteSchedule((request.params as ScheduleIdParams).scheduleId);
    return reply.code(204).send();
  });
}
