/**
 * Schedules (/ic/api/integration/v1/integrations/{id}/schedule[/start|/stop|/jobs]
 * and /ic/api/integration/v1/schedules/{scheduleId}): thin handlers over the
 * runtime (src/sim/request.oic.runtime.ts).
 */
import type { FastifyInstance } from 'fastify';
import { op } from '../../openapi/routes';
import { loadSpec } from '../../openapi/spec';
import { badRequest } from '../../core/errors';
import type { ScheduleInput, ScheduleParameter } from '../../store/runtime/schedules';

interface IdParams { id: string }
interface ScheduleIdParams { scheduleId: string }

const READ_ONLY = ['id', 'integrationId', 'status', 'nextRunTime', 'lastRunTime', 'skippedRuns', 'createdTime', 'modifiedTime', 'links'];

export default async function scheduleRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('oic');
  // Every instance's runtime reports runs it could not process in the app's log.
  app.instances.runtimeLog = (msg, err) => app.log.error({ err }, msg);

  op(app, spec, 'createIntegrationSchedule', async (request, reply) => {
    const view = request.oic.runtime.createSchedule((request.params as IdParams).id, request.body as ScheduleInput);
    return reply.code(201).header('location', view.links[0].href).send(view);
  });

  op(app, spec, 'getIntegrationSchedule', async (request) => request.oic.runtime.scheduleOf((request.params as IdParams).id));

  op(app, spec, 'startIntegrationSchedule', async (request) => request.oic.runtime.setScheduleStatus((request.params as IdParams).id, 'ACTIVE'));

  op(app, spec, 'stopIntegrationSchedule', async (request) => request.oic.runtime.setScheduleStatus((request.params as IdParams).id, 'STOPPED'));

  op(app, spec, 'runIntegrationNow', async (request, reply) => {
    const body = (request.body ?? {}) as { parameters?: ScheduleParameter[] };
    const view = request.oic.runtime.runNow((request.params as IdParams).id, body.parameters);
    return reply.code(202).header('location', view.links[0].href).send(view);
  });

  op(app, spec, 'updateIntegrationSchedule', async (request) => {
    const { scheduleId } = request.params as ScheduleIdParams;
    const body = request.body as Record<string, unknown>;
    if (body.id !== undefined && body.id !== scheduleId) {
      throw badRequest(`id cannot be changed: the body says '${String(body.id)}' but this is schedule '${scheduleId}'`);
    }
    const input = Object.fromEntries(Object.entries(body).filter(([k]) => !READ_ONLY.includes(k))) as ScheduleInput;
    return request.oic.runtime.updateSchedule(scheduleId, input);
  });

  op(app, spec, 'deleteIntegrationSchedule', async (request, reply) => {
    request.oic.runtime.deleteSchedule((request.params as ScheduleIdParams).scheduleId);
    return reply.code(204).send();
  });
}
