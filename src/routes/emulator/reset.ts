import type { FastifyInstance, FastifyRequest } from 'fastify';
import { controlRoute } from './control-route';
import type { ApiScope } from '../../control/tables';

/** POST /_emulator/reset[?api=oic|dis|all]: back to the start-up state. */
export default async function resetRoutes(app: FastifyInstance): Promise<void> {
  controlRoute(app, 'POST', '/_emulator/reset', 'resetEmulator', async (request: FastifyRequest<{ Querystring: { api?: ApiScope } }>) => {
    const result = app.control.reset(request.query.api ?? 'all');
    request.log.info({ reset: result.api, durationMs: result.durationMs, fixtureObjects: result.fixtureObjects }, 'emulator reset');
    return result;
  });
}
