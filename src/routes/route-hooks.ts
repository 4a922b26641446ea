/**
 * Hooks for some routes of a scope only: picked, through onRoute, as each
 * route is added, so requests of the other routes never run them (the OIC
 * runtime and audit hooks only on writes, projection and ETag only on reads).
 * They run where a scope-wide hook would: after the hooks of the enclosing
 * scopes, before the route's own (headOnSend among them, which drops a HEAD
 * answer's body last), in the order they were picked.
 */
import type { FastifyInstance, RouteOptions } from 'fastify';

type Phase = 'onRequest' | 'preParsing' | 'preValidation' | 'preHandler' | 'preSerialization' | 'onSend' | 'onResponse';
export type RouteHooks = Partial<Record<Phase, unknown>>;

/** How many hooks of each phase were picked for a route so far (they go before the route's own). */
const PICKED = Symbol('pickedHooks');
type Picked = RouteOptions & { [PICKED]?: Partial<Record<Phase, number>> };

export function hookRoutes(app: FastifyInstance, pick: (route: RouteOptions) => boolean, hooks: RouteHooks): void {
  app.addHook('onRoute', (route: Picked) => {
    if (!pick(route)) return;
    const picked = (route[PICKED] ??= {});
    for (const [phase, hook] of Object.entries(hooks) as [Phase, unknown][]) {
      const list = ([] as unknown[]).concat(route[phase] ?? []);
      const at = picked[phase] ?? 0;
      list.splice(at, 0, hook);
      picked[phase] = at + 1;
      (route as Record<Phase, unknown>)[phase] = list;
    }
  });
}

const methodsOf = (route: RouteOptions) => ([] as string[]).concat(route.method as string | string[]);

/** GET and HEAD routes (an operation's GET route answers HEAD too; other GET routes get Fastify's HEAD twin, through onRoute as well). */
export const isRead = (route: RouteOptions) => methodsOf(route).every((m) => m === 'GET' || m === 'HEAD');
export const isWrite = (route: RouteOptions) => !isRead(route);
