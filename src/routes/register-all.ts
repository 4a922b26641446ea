/**
 * The route areas register their modules in a fixed order (a seed route must
 * be in place before the real-dialect module that shares its path), one after
 * the other: this is that loop, written once.
 */
import type { FastifyInstance } from 'fastify';

export type RouteModule = (app: FastifyInstance) => Promise<void>;

/** Register each module on `app`, in order, each after the one before has loaded. */
export async function registerAll(app: FastifyInstance, modules: RouteModule[]): Promise<void> {
  for (const module of modules) await app.register(module);
}
