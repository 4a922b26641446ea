/**
 * `integrationInstance` (Oracle Integration 3 puts `?integrationInstance=<service
 * instance name>` on every call): accepted on every /ic/api call, declared
 * once in the spec (components/parameters/IntegrationInstance).
 *
 * By default any value (or none) is accepted, so scripts written for a real
 * instance run unchanged. With --strict-auth a value that is sent must be
 * the configured --instance-name (404 naming both otherwise; sent twice is a
 * 400); a call without it is still accepted, as the seed's API has no such
 * parameter. Checked by the OIC scope's preParsing hook, after
 * authentication, before the body is read.
 */
import type { FastifyRequest } from 'fastify';
import { badRequest, notFound, type ApiError } from '../../../core/errors';

/** The error for a wrong `integrationInstance` (strict mode only), else undefined. */
export function integrationInstanceError(request: FastifyRequest): ApiError | undefined {
  const config = request.server.ctx.config;
  if (!config.strictAuth) return undefined;
  const raw = (request.query as Record<string, unknown> | undefined)?.integrationInstance;
  if (raw === undefined) return undefined;
  if (Array.isArray(raw)) return badRequest(`Query parameter 'integrationInstance' is given ${raw.length} times; give it once`);
  if (raw !== config.instanceName) {
    return notFound(`Service instance '${String(raw)}' (integrationInstance) does not exist: this emulator serves '${config.instanceName}' (--instance-name)`);
  }
  return undefined;
}
