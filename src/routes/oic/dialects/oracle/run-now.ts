/**
 * Run now (POST .../schedule/jobs) in Oracle's dialect. Oracle's clients
 * post ScheduleJobRs (`run-as-schedule`, `runAsSchedule`,
 * `run-as-user-name`, `runAsUserName`, action `now`) or `{"status":
 * "ACTIVATED"}`; these fields are checked and then dropped, as every run is
 * a RUN_NOW run of the caller. A body with one of them speaks Oracle's
 * dialect even without `integrationInstance`, and so gets Oracle's answer:
 * 204, no body, Location of the monitoring instance.
 */
import type { FastifyRequest } from 'fastify';
import { badRequest } from '../../../../core/errors';
import { isPlainObject } from '../../../../oic/merge';
import { isOracle } from '..';

const ORACLE_FIELDS = ['run-as-schedule', 'runAsSchedule', 'run-as-user-name', 'runAsUserName', 'status'];

/** Check Oracle's extra ScheduleJobRs fields, then leave the body the seed's schema reads; true when it was in Oracle's form. */
export function normalizeRunNowBody(request: FastifyRequest): boolean {
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

/**
 * A route-level preValidation (Oracle's fields are not in the seed's body
 * schema) and the question the handler asks afterwards: does this run
 * answer in Oracle's way?
 */
export function runNowDialect() {
  const oracleBodies = new WeakSet<FastifyRequest>();
  return {
    preValidation: async (request: FastifyRequest) => {
      if (normalizeRunNowBody(request)) oracleBodies.add(request);
    },
    isOracle: (request: FastifyRequest) => oracleBodies.has(request) || isOracle(request),
  };
}
