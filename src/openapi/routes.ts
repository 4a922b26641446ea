/**
 * Registers a handler for an operation of an OpenAPI document: method, path
 * and validation schemas all come from the spec, so code and contract cannot
 * disagree. The route remembers its operationId for the contract test.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import type { LoadedSpec } from './spec';
import { ApiError, badRequest } from '../core/errors';

export type Handler = (request: FastifyRequest<any>, reply: FastifyReply) => unknown;

export function op(app: FastifyInstance, spec: LoadedSpec, operationId: string, handler: Handler, extra: RouteShorthandOptions = {}): void {
  const o = spec.operations.get(operationId);
  if (!o) throw new Error(`operation ${operationId} is not in openapi/${spec.name}.yaml`);
  const checkBody = async (request: FastifyRequest) => {
    const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    const hasBody = request.body != null || Number(request.headers['content-length'] ?? 0) > 0 || type.startsWith('multipart/');
    if (!hasBody) {
      if (o.bodyRequired) throw badRequest('Request body is required');
      return;
    }
    if (!o.bodyTypes.some((t) => t === type || (t.endsWith('/*') && type.startsWith(t.slice(0, -1))))) {
      throw new ApiError('unsupportedMediaType', `Content-Type '${type || '(none)'}' is not accepted here; use ${o.bodyTypes.join(' or ')}`);
    }
  };
  // Operations without a request body skip the check (one hook less on every GET).
  const preValidation = [...(o.bodyTypes.length ? [checkBody] : []), ...([] as any[]).concat(extra.preValidation ?? [])];
  app.route({
    ...extra,
    method: o.method as any,
    url: o.url,
    schema: o.schema,
    config: { ...(extra.config as object), operationId, api: spec.name },
    preValidation,
    handler,
  } as any);
}
