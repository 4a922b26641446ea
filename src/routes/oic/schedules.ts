/**
 * Schedules (/ic/api/integration/v1/integrations/{id}/schedule[/start|/stop|/jobs]
 * and /ic/api/integration/v1/schedules/{scheduleId}): thin handlers over the
 * runtime (src/sim/runtime.ts).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Req } from '../../openapi/request-types';
import { op } from '../../openapi/routes';
import { loadSpec } from '../../openapi/spec';
import { runNowDialect } from './dialects/oracle/run-now';
import { scheduleView } from './dialects/seed/schedules';
import { runView } from './dialects/seed/executions';
import { ORACLE_MONITORING, integrationPath, withoutReadOnly } from '../../oic/links';

const READ_ONLY = ['id', 'integrationId', 'status', 'nextRunTime', 'lastRunTime', 'skippedRuns', 'createdTime', 'modifiedTime', 'links'] as const;

export default async function scheduleRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('oic');

  op(app, spec, 'createIntegrationSchedule', async (request, reply) => {
    const view = scheduleView(request.oic.runtime.createSchedule(request.params.id, request.body));
    return reply.code(201).header('location', view.links[0].href).send(view);
  });

  op(app, spec, 'getIntegrationSchedule', async (request) => scheduleView(request.oic.runtime.scheduleOf(request.params.id)));

  // Oracle's `async=true` (both dialects): 202 with the schedule to poll; the work is done at once.
  const startOrStop = (status: 'ACTIVE' | 'STOPPED') => async (request: Req<'oic', 'startIntegrationSchedule'> | Req<'oic', 'stopIntegrationSchedule'>, reply: FastifyReply) => {
    const { id } = request.params;
    const view = scheduleView(request.oic.runtime.setScheduleStatus(id, status));
    if (request.query.async === true) reply.code(202).header('location', `${integrationPath(id)}/schedule`);
    return view;
  };
  op(app, spec, 'startIntegrationSchedule', startOrStop('ACTIVE'));
  op(app, spec, 'stopIntegrationSchedule', startOrStop('STOPPED'));

  const runNow = runNowDialect();
  op(app, spec, 'runIntegrationNow', async (request, reply) => {
    const view = runView(request.oic.runtime.runNow(request.params.id, request.body?.parameters));
    if (runNow.isOracle(request)) return reply.code(204).header('location', `${ORACLE_MONITORING}/instances/${encodeURIComponent(view.id)}`).send();
    return reply.code(202).header('location', view.links[0].href).send(view);
  }, { preValidation: runNow.preValidation });

  op(app, spec, 'updateIntegrationSchedule', async (request) => {
    const { scheduleId } = request.params;
    return scheduleView(request.oic.runtime.updateSchedule(scheduleId, withoutReadOnly(request.body, READ_ONLY, scheduleId, 'schedule')));
  });

  op(app, spec, 'deleteIntegrationSchedule', async (request, reply) => {
    request.oic.runtime.deleteSchedule(request.params.scheduleId);
    return reply.code(204).send();
  });
}
