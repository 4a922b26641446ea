/**
 * Chooses the service instance of each /ic/api request, once, on arrival
 * (the OIC scope's first onRequest hook, src/pipeline.ts): request.oic is
 * what every OIC handler reads its stores from. A request naming an instance
 * it may not use (unknown in strict mode, stopped, malformed) keeps the
 * default instance and carries the error, thrown after authentication
 * (instanceError), so a caller without credentials still hears 401 first.
 */
import type { FastifyRequest, onRequestHookHandler } from 'fastify';
import { ApiError } from '../core/errors';
import type { InstanceRegistry } from './registry';
import { queryParam } from '../openapi/request-types';

const ERROR = Symbol('instanceError');
type WithError = FastifyRequest & { [ERROR]?: ApiError };

/** onRequest: request.oic (the scope decorates requests with `oic` first). */
export function selectInstance(registry: InstanceRegistry): onRequestHookHandler {
  return function selectInstance(request, _reply, done) {
    const selected = registry.select(queryParam(request, 'integrationInstance'));
    if (selected instanceof ApiError) {
      request.oic = registry.default;
      (request as WithError)[ERROR] = selected;
    } else request.oic = selected;
    done();
  };
}

/** The error for the request's `integrationInstance` (see selectInstance), else undefined. */
export function instanceError(request: FastifyRequest): ApiError | undefined {
  return (request as WithError)[ERROR];
}
