/**
 * The route areas add their modules in a fixed order (a seed route must be in
 * place before the real-dialect module that shares its path), one after the
 * other: this is that loop, written once.
 *
 * A module is a plain function called on the area's scope, not a registered
 * plugin: modules only add routes (src/pipeline.ts installs every hook), and a
 * plugin per module costs a child Fastify instance each, which was about half
 * of an in-process start. A module that needs something for its own routes
 * only (a hook, a body parser) is wrapped in ownScope().
 */
import type { FastifyInstance } from 'fastify';

export type RouteModule = (app: FastifyInstance) => Promise<void>;

/** Add each module's routes to `app`, in order. */
export async function registerAll(app: FastifyInstance, modules: RouteModule[]): Promise<void> {
  for (const module of modules) await module(app);
}

/** A module registered as a plugin of its own: its hooks and parsers stay with its routes. */
export function ownScope(module: RouteModule): RouteModule {
  return async function ownScope(app) {
    await app.register(module);
  };
}
