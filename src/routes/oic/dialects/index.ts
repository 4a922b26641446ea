/**
 * OIC dialects: the seed's simplified API and Oracle's real one, served over
 * the same records. A request speaks Oracle's dialect when it carries
 * `integrationInstance` (every Oracle Integration 3 client sends it);
 * otherwise the configured default (--oic-dialect, EMULATOR_OIC_DIALECT;
 * `seed` unless set) decides, which is how a Gen2 client without the
 * parameter gets Oracle's shapes. Each area has one module per dialect under
 * seed/ and oracle/ that turns records into that dialect's wire shape; a
 * route picks one with `inDialect(request, { seed, oracle })`, in one line.
 * The table of differences: docs/oic-dialects.md.
 */
import type { FastifyRequest } from 'fastify';
import { queryParam } from '../../../openapi/request-types';

export type OicDialect = 'seed' | 'oracle';

export function dialectOf(request: FastifyRequest): OicDialect {
  if (queryParam(request, 'integrationInstance') !== undefined) return 'oracle';
  // A URL whose query could not be parsed (bad escapes, too long) still says which client sent it.
  if (request.url.includes('integrationInstance=')) return 'oracle';
  return request.server.ctx.config.oicDialect;
}

export const isOracle = (request: FastifyRequest): boolean => dialectOf(request) === 'oracle';

/** The answer of the request's dialect: `inDialect(request, { seed: () => ..., oracle: () => ... })`. */
export function inDialect(request: FastifyRequest, answers: { seed: () => unknown; oracle: () => unknown }): unknown {
  return dialectOf(request) === 'oracle' ? answers.oracle() : answers.seed();
}
