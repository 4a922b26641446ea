/**
 * After a successful OIC write (activation, deactivation, a schedule...),
 * the runtime may have new work due: the clock re-plans (in real mode it
 * also runs what is due now). Installed on write routes only
 * (src/pipeline.ts): a read never changes what is due.
 */
import type { FastifyInstance, onResponseHookHandler } from 'fastify';

/**
 * Writes that cannot give the runtime anything new to do: after them the
 * clock only catches up with the wall clock (runs what is already due, if
 * anything is) instead of re-planning, which asks every ticker. A created
 * integration is always CONFIGURED, and connections, lookups and projects
 * carry no schedules or runs. Deletes are not listed only because they are
 * rare: removing due work never needs a re-plan.
 */
export const NO_RUNTIME_EFFECT = new Set([
  'createIntegration', 'createConnection', 'updateConnection', 'realUpdateConnection', 'testConnection',
  'createLookup', 'updateLookup', 'realImportLookup', 'realReplaceLookup', 'createProject', 'updateProject',
]);

/** onResponse of write routes: re-plan the runtime (or only catch up) after a success. */
export function replanRuntime(app: FastifyInstance): onResponseHookHandler {
  return function replanRuntime(request, reply, done) {
    // A route may take GET beside a write method: only the write re-plans.
    if (reply.statusCode < 400 && request.method !== 'GET' && request.method !== 'HEAD') {
      if (NO_RUNTIME_EFFECT.has(request.routeOptions.config.operationId as string)) app.ctx.clock.catchUp();
      else app.stores.runtime.poke();
    }
    done();
  };
}
