/**
 * Oracle's clients on the seed's schedule operations (the seed serves the
 * global paths and keeps its own answers for its own clients):
 *
 *   POST .../integrations/{id}/schedule/jobs   run now. A request in Oracle's form gets Oracle's
 *                                              answer, 204 with no body (Location: the instance).
 *                                              Oracle's form: `?integrationInstance=` (Oracle
 *                                              Integration 3 sends it on every call), or a body
 *                                              with one of Oracle's ScheduleJobRs fields
 *                                              (run-as-schedule, runAsSchedule, run-as-user-name,
 *                                              runAsUserName), action `now`, or `{"status":
 *                                              "ACTIVATED"}` (what some scripts post here). These
 *                                              fields are checked and then dropped: every run is
 *                                              a RUN_NOW run of the caller.
 *   POST .../schedule/start|stop?async=true    202 with a Location to poll (the work is done at once)
 *
 * The project-scoped run now (realRunProjectIntegrationNow) takes the same
 * bodies; its answer is its own (202, no body).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { badRequest } from '../../../core/errors';
import { isPlainObject } from '../../../oic/merge';
import { REAL_MONITORING, integrationPath } from '../../../oic/real/views';

const RUN_NOW = new Set(['runIntegrationNow', 'realRunProjectIntegrationNow']);
const ASYNC = new Set(['startIntegrationSchedule', 'stopIntegrationSchedule']);
const ORACLE_FIELDS = ['run-as-schedule', 'runAsSchedule', 'run-as-user-name', 'runAsUserName', 'status'];

const operationOf = (request: FastifyRequest) => request.routeOptions.config.operationId as string | undefined;

/** Check Oracle's extra ScheduleJobRs fields, then leave the body the seed's schema reads; true when it was in Oracle's form. */
function normalizeRunNowBody(request: FastifyRequest): boolean {
  const body = request.body;
  if (!isPlainObject(body)) return false;
  let oracle = false;
  for (const key of ['run-as-schedule', 'runAsSchedule']) {
    if (body[key] === undefined) continue;
    if (typeof body[key] !== 'boolean') throw badRequest(`body.${key} must be true or false, got ${JSON.stringify(body[key])}`);
    oracle = true;
  }
  for (const key of ['run-as-user-name', 'runAsUserName']) {
    if (body[key] === undefined) continue;
    if (typeof body[key] !== 'string') throw badRequest(`body.${key} must be a user name (a string), got ${JSON.stringify(body[key])}`);
    oracle = true;
  }
  if (body.status !== undefined) {
    if (body.status !== 'ACTIVATED') throw badRequest(`body.status on schedule/jobs can only be 'ACTIVATED' (the integration must be activated to run), got ${JSON.stringify(body.status)}`);
    oracle = true;
  }
  if (body.action === 'now') {
    body.action = 'NOW';
    oracle = true;
  }
  for (const key of ORACLE_FIELDS) delete body[key];
  return oracle;
}

export function installRunNowCompat(app: FastifyInstance): void {
  const oracleRuns = new WeakSet<FastifyRequest>();

  const prepare = async (request: FastifyRequest) => {
    const operation = operationOf(request);
    if (!operation || !RUN_NOW.has(operation)) return;
    const viaBody = normalizeRunNowBody(request);
    if (operation === 'runIntegrationNow' && (viaBody || (request.query as Record<string, unknown>).integrationInstance !== undefined)) oracleRuns.add(request);
  };

  const answer = (request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (err: null, p: unknown) => void) => {
    const operation = operationOf(request);
    if (reply.statusCode < 300 && isPlainObject(payload) && typeof payload.id === 'string') {
      if (operation === 'runIntegrationNow' && oracleRuns.has(request)) {
        reply.code(204).header('location', `${REAL_MONITORING}/instances/${encodeURIComponent(payload.id)}`);
        done(null, '');
        return;
      }
      const query = request.query as { async?: unknown };
      if (operation && ASYNC.has(operation) && (query.async === true || query.async === 'true')) {
        const { id } = request.params as { id: string };
        reply.code(202).header('location', `${integrationPath(id)}/schedule`);
      }
    }
    done(null, payload);
  };

  app.addHook('onRoute', (route) => {
    const operation = (route.config as { operationId?: string } | undefined)?.operationId;
    if (!operation) return;
    if (RUN_NOW.has(operation)) route.preValidation = [prepare, ...([] as unknown[]).concat(route.preValidation ?? [])] as typeof route.preValidation;
    if (RUN_NOW.has(operation) || ASYNC.has(operation)) route.preSerialization = [...([] as unknown[]).concat(route.preSerialization ?? []), answer] as typeof route.preSerialization;
  });
}
