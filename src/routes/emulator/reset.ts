import type { FastifyInstance } from 'fastify';
import { performance } from 'node:perf_hooks';
import { controlRoute } from './control-route';
import { notFound } from '../../core/errors';
import type { ApiScope } from '../../store/state-tables';

/**
 * POST /_emulator/reset[?api=oic|dis|all][&instance=NAME]: back to the
 * start-up state; with `instance`, only that OIC service instance is emptied
 * (the default instance: as api=oic).
 */
export default async function resetRoutes(app: FastifyInstance): Promise<void> {
  controlRoute(app, 'POST', '/_emulator/reset', 'resetEmulator', async (request) => {
    const name = request.query.instance;
    if (name !== undefined && name !== app.instances.default.name) {
      const inst = app.instances.get(name);
      if (!inst) throw notFound(`No OIC service instance '${name}'; instances: ${app.instances.list().map((i) => i.name).join(', ')}`);
      const t0 = performance.now();
      const emptied = app.instances.empty(inst);
      const fixtureObjects = app.control.fixtures?.applyInstance(name) ?? 0;
      app.ctx.clock.poke();
      const result = { api: 'oic' as const, instance: name, ...emptied, faultsCleared: 0, fixtureObjects, durationMs: Math.round((performance.now() - t0) * 100) / 100 };
      request.log.info({ reset: 'oic', instance: name, durationMs: result.durationMs }, 'instance reset');
      return result;
    }
    const result = app.control.reset(name !== undefined ? 'oic' : request.query.api ?? 'all');
    request.log.info({ reset: result.api, durationMs: result.durationMs, fixtureObjects: result.fixtureObjects }, 'emulator reset');
    return name !== undefined ? { ...result, instance: name } : result;
  });
}
