/**
 * Schedules the real way: the project-scoped schedule of an integration
 * (create/update with a `frequency` object or `icalExpression`, get, delete,
 * start, stop, pause, run now) and `pause` on the global path (the runtime
 * serves the global schedule, start, stop and jobs). Built on the runtime's
 * functions (src/sim/runtime.ts), never on its routes, so a schedule made
 * here is the one the seed's API shows and the scheduler fires.
 *
 * A schedule created here starts STOPPED, as in Oracle Integration, where a
 * schedule is defined first and then started. Pause stops the runtime's
 * schedule and marks it paused (src/store/oic/real-marks.ts); resume starts a
 * paused schedule again (a stopped one needs start: 412).
 *
 * Schedule parameters (`schedule/parameters`, both paths) are the runtime
 * schedule's `parameters`, which every run receives: PATCH replaces the
 * values of the names it gives and adds new names; GET lists them.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { op } from '../../../openapi/routes';
import { loadSpec } from '../../../openapi/spec';
import { scheduleInputOf } from '../../../oic/real/schedule';
import { ORACLE_MONITORING, integrationPath } from '../../../oic/links';
import { oracleScheduleView, parametersView } from '../dialects/oracle/schedules';
import { normalizeRunNowBody } from '../dialects/oracle/run-now';
import type { IntegrationRecord } from '../../../store/oic/integrations';
import type { ScheduleRecord } from '../../../store/runtime/schedules';
import { preconditionFailed } from '../../../core/errors';
import { asReal, requireInProject, scheduleStatusOf, sendMaybeAsync } from './common';
import type { OicInstance } from '../../../instances/oic-instance';
import { mergeParameters } from './schedule-params';
import type { Req } from '../../../openapi/request-types';

interface Params { projectId?: string; id: string }
interface AsyncQuery { async?: boolean }

/** The project of a request on a project-scoped path; undefined on the global ones. */
const projectOf = (request: { params: Params }): string | undefined => request.params.projectId;

export default async function realScheduleRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('oic');

  /** The integration a request names (in its project, for the scoped paths). */
  const target = (request: FastifyRequest & { params: Params }) => {
    const { projectId, id } = request.params;
    return projectId === undefined ? request.oic.integrations.require(id) : requireInProject(request.oic, projectId, id);
  };

  const current = (oic: OicInstance, integrationId: string): ScheduleRecord => {
    oic.runtime.scheduler.syncActivations();
    return oic.runtime.schedules.requireOfIntegration(integrationId);
  };

  /** Oracle's view of `integration`'s schedule (`rec`, read here unless the caller has it), linked under `projectId`'s path. */
  const view = (oic: OicInstance, integration: IntegrationRecord, projectId?: string | null, rec: ScheduleRecord = oic.runtime.schedules.requireOfIntegration(integration.id)) =>
    oracleScheduleView(integration, rec, scheduleStatusOf(oic.real, integration.id, rec), projectId);

  const answer = (request: FastifyRequest & { params: Params; query: AsyncQuery }, reply: FastifyReply, integration: IntegrationRecord) => {
    const projectId = request.params.projectId;
    return sendMaybeAsync(reply, request.query, `${integrationPath(integration.id, projectId)}/schedule`, view(request.oic, integration, projectId));
  };

  op(app, spec, 'realGetProjectSchedule', async (request) => {
    const rec = target(request);
    return view(request.oic, rec, rec.projectId, current(request.oic, rec.id));
  });

  op(app, spec, 'realPutProjectSchedule', async (request) => {
    const rec = target(request);
    request.oic.runtime.scheduler.syncActivations();
    const input = scheduleInputOf(request.body, app.ctx.clock.now());
    const existing = request.oic.runtime.schedules.ofIntegration(rec.id);
    if (existing) request.oic.runtime.updateSchedule(existing.id, input);
    else request.oic.runtime.createSchedule(rec.id, { ...input, isActive: false });
    return view(request.oic, rec, rec.projectId);
  });

  op(app, spec, 'realDeleteProjectSchedule', async (request, reply) => {
    const rec = target(request);
    request.oic.ctx.db.transaction(() => {
      request.oic.runtime.deleteSchedule(current(request.oic, rec.id).id);
      request.oic.real.marks.clearPause(rec.id);
    })();
    return reply.code(200).send();
  });

  op(app, spec, 'realStartProjectSchedule', async (request, reply) => {
    const rec = target(request);
    const parameters = request.body?.parameters;
    request.oic.ctx.db.transaction(() => {
      request.oic.runtime.updateSchedule(current(request.oic, rec.id).id, { isActive: true, ...(parameters ? { parameters } : {}) });
      request.oic.real.marks.clearPause(rec.id);
    })();
    return answer(request, reply, rec);
  });

  // setScheduleStatus answers a missing schedule with the same 404 as current().
  op(app, spec, 'realStopProjectSchedule', async (request, reply) => {
    const rec = target(request);
    request.oic.ctx.db.transaction(() => {
      request.oic.runtime.setScheduleStatus(rec.id, 'STOPPED');
      request.oic.real.marks.clearPause(rec.id);
    })();
    return answer(request, reply, rec);
  });

  const pause = async (request: Req<'oic', 'realPauseProjectSchedule'> | Req<'oic', 'realPauseIntegrationSchedule'>, reply: FastifyReply) => {
    const rec = target(request);
    request.oic.ctx.db.transaction(() => {
      const stopped = request.oic.runtime.setScheduleStatus(rec.id, 'STOPPED');
      request.oic.real.marks.markPaused(rec.id, stopped.schedule.doc.modifiedTime);
    })();
    return answer(request, reply, rec);
  };
  op(app, spec, 'realPauseProjectSchedule', pause);
  op(app, spec, 'realPauseIntegrationSchedule', pause);

  op(app, spec, 'realRunProjectIntegrationNow', async (request, reply) => {
    const rec = target(request);
    const run = asReal(() => request.oic.runtime.runNow(rec.id, request.body?.parameters));
    return reply.code(202).header('location', `${ORACLE_MONITORING}/instances/${encodeURIComponent(run.execution.id)}`).send();
  }, { preValidation: async (request: FastifyRequest) => { normalizeRunNowBody(request); } });

  const resume = async (request: Req<'oic', 'realResumeIntegrationSchedule'> | Req<'oic', 'realResumeProjectSchedule'>, reply: FastifyReply) => {
    const rec = target(request);
    const { runtime, real: deps } = request.oic;
    const s = current(request.oic, rec.id);
    const status = scheduleStatusOf(deps, rec.id, s);
    if (status === 'STOPPED') throw preconditionFailed(`The schedule of '${rec.id}' is STOPPED, not PAUSED: start it (schedule/start) instead of resuming it`);
    if (status === 'PAUSED') {
      request.oic.ctx.db.transaction(() => {
        runtime.setScheduleStatus(rec.id, 'ACTIVE');
        deps.marks.clearPause(rec.id);
      })();
    }
    return answer(request, reply, rec);
  };
  op(app, spec, 'realResumeIntegrationSchedule', resume);
  op(app, spec, 'realResumeProjectSchedule', resume);

  const getParameters = async (request: Req<'oic', 'realGetScheduleParameters'> | Req<'oic', 'realGetProjectScheduleParameters'>) => {
    const rec = target(request);
    return parametersView(rec.id, current(request.oic, rec.id).doc.parameters, projectOf(request));
  };
  op(app, spec, 'realGetScheduleParameters', getParameters);
  op(app, spec, 'realGetProjectScheduleParameters', getParameters);

  // A paused schedule stays paused: the update moves its modifiedTime, so the mark moves with it.
  const patchParameters = async (request: Req<'oic', 'realUpdateScheduleParameters'> | Req<'oic', 'realUpdateProjectScheduleParameters'>) => {
    const rec = target(request);
    const { runtime, real: deps } = request.oic;
    const s = current(request.oic, rec.id);
    const merged = mergeParameters(s.doc.parameters, request.body);
    const updated = request.oic.ctx.db.transaction(() => {
      const paused = scheduleStatusOf(deps, rec.id, s) === 'PAUSED';
      const { schedule } = runtime.updateSchedule(s.id, { parameters: merged });
      if (paused) deps.marks.markPaused(rec.id, schedule.doc.modifiedTime);
      return runtime.schedules.requireOfIntegration(rec.id);
    })();
    return parametersView(rec.id, updated.doc.parameters, projectOf(request));
  };
  op(app, spec, 'realUpdateScheduleParameters', patchParameters);
  op(app, spec, 'realUpdateProjectScheduleParameters', patchParameters);
}
