/**
 * The clock control routes (documented in openapi/emulator.yaml):
 * GET/PUT /_emulator/clock and POST /_emulator/clock/advance. The clock moves
 * any distance in either direction; the work a move replays is bounded
 * (clock-move.ts), and catchUp false jumps without replaying missed firings.
 */
import type { FastifyInstance } from 'fastify';
import { badRequest } from '../../core/errors';
import { addIsoDuration } from '../../sim/iso-duration';
import { controlRoute } from './control-route';
import { clockMover } from './clock-move';

export default async function clockRoutes(app: FastifyInstance): Promise<void> {
  const clock = app.ctx.clock;
  const mover = clockMover(app);

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
    const body = request.body;
    if (body.mode === undefined && body.now === undefined) throw badRequest('Give mode (real or manual) and/or now (an ISO-8601 date-time)');
    const catchUp = body.catchUp !== false;
    if (body.mode === 'real') {
      if (body.now !== undefined) throw badRequest('now can only be set with mode manual: a real clock follows the wall clock');
      const replay = mover.toReal(catchUp);
      return { ...state(), replay };
    }
    const replay = mover.toInstant(body.now === undefined ? undefined : Date.parse(body.now), catchUp);
    return { ...state(), replay };
  });

  controlRoute(app, 'POST', '/_emulator/clock/advance', 'advanceClock', async (request) => {
    const body = request.body;
    if ((body.seconds === undefined) === (body.duration === undefined)) {
      throw badRequest('Give exactly one of seconds (a number) or duration (ISO-8601, e.g. PT1H or P1D)');
    }
    const from = clock.now();
    const target = body.seconds !== undefined ? from + Math.round(body.seconds * 1000) : addIsoDuration(from, body.duration!);
    mover.checkRange(target, 'The clock after the advance');
    const replay = mover.toInstant(target, body.catchUp !== false);
    return { ...state(), advancedBy: (target - from) / 1000, replay };
  });
}
