/**
 * The clock control routes (documented in openapi/emulator.yaml):
 * GET/PUT /_emulator/clock and POST /_emulator/clock/advance. Moving the
 * clock runs everything due on the way (schedules, completions, retries) in
 * one database transaction.
 */
import type { FastifyInstance } from 'fastify';
import { badRequest } from '../../core/errors';
import { addIsoDuration } from '../../sim/iso-duration';
import { controlRoute } from './control-route';

const MAX_ADVANCE_MS = 400 * 86_400_000;

export default async function clockRoutes(app: FastifyInstance): Promise<void> {
  const clock = app.ctx.clock;
  const inTransaction = (fn: () => void) => app.ctx.db.transaction(fn)();

  const state = () => ({
    mode: clock.getMode(),
    now: clock.nowIso(),
    wallTime: new Date(clock.wallNow()).toISOString(),
    ...app.stores.runtime.status(),
  });

  // A bare JSON string is a duration: "PT1H".
  app.addHook('preValidation', async (request) => {
    if (request.routeOptions.url === '/_emulator/clock/advance' && typeof request.body === 'string') request.body = { duration: request.body };
  });

  controlRoute(app, 'GET', '/_emulator/clock', 'getClock', async () => state());

  controlRoute(app, 'PUT', '/_emulator/clock', 'setClock', async (request) => {
    const body = request.body as { mode?: 'real' | 'manual'; now?: string };
    if (body.mode === undefined && body.now === undefined) throw badRequest('Give mode (real or manual) and/or now (an ISO-8601 date-time)');
    if (body.mode === 'real') {
      if (body.now !== undefined) throw badRequest('now can only be set with mode manual: a real clock follows the wall clock');
      // Catching up with real time runs everything due on the way too: the same bound.
      const behind = clock.wallNow() - clock.now();
      if (behind > MAX_ADVANCE_MS) {
        throw badRequest(`Cannot switch to real time: it is ${Math.round(behind / 86_400_000)} days ahead of the emulator clock, and the clock moves at most 400 days forward at once (everything due on the way runs); move it closer with PUT {"now": ...} in steps of 400 days, or reset`);
      }
      inTransaction(() => clock.setReal());
    } else {
      const target = body.now === undefined ? undefined : Date.parse(body.now);
      // Moving forward fires everything due on the way, as advance does: the same bound, or a
      // far-future date would keep the emulator busy for minutes (an hourly schedule over decades).
      if (target !== undefined && target - clock.now() > MAX_ADVANCE_MS) {
        throw badRequest(`Cannot move the clock more than 400 days forward at once (asked for ${Math.round((target - clock.now()) / 86_400_000)} days); move in steps`);
      }
      inTransaction(() => clock.setManual(target));
    }
    return state();
  });

  controlRoute(app, 'POST', '/_emulator/clock/advance', 'advanceClock', async (request) => {
    const body = request.body as { seconds?: number; duration?: string };
    if ((body.seconds === undefined) === (body.duration === undefined)) {
      throw badRequest('Give exactly one of seconds (a number) or duration (ISO-8601, e.g. PT1H or P1D)');
    }
    const from = clock.now();
    const ms = body.seconds !== undefined ? Math.round(body.seconds * 1000) : addIsoDuration(from, body.duration!) - from;
    if (ms > MAX_ADVANCE_MS) throw badRequest(`Cannot advance more than 400 days at once (asked for ${Math.round(ms / 86_400_000)} days)`);
    inTransaction(() => clock.advance(ms));
    return { ...state(), advancedBy: ms / 1000 };
  });
}
