/**
 * Registers a handler for an operation of an OpenAPI document: method, path
 * and validation schemas all come from the spec, so code and contract cannot
 * disagree. The route remembers its operationId for the contract test.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault, RouteShorthandOptions } from 'fastify';
import type { LoadedSpec } from './spec';
import type { OperationHandler, RouteTypes } from './request-types';
import { ApiError, badRequest } from '../core/errors';

/** Route options whose hooks see the operation's request types. */
export type OperationOptions<O> = RouteShorthandOptions<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, RouteTypes<O>>;

export type Handler = (request: FastifyRequest<any>, reply: FastifyReply) => unknown;

/**
 * What Fastify's HEAD twin of a GET route does last before sending: the
 * Content-Length the GET would have, no body (a stream is drained, as the GET
 * would have read it). Route-level, so it runs after every plugin's onSend.
 */
export function headOnSend(request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (err: Error | null, payload?: unknown) => void): void {
  if (request.method !== 'HEAD') return done(null, payload);
  if (payload === undefined || payload === null) {
    reply.header('content-length', '0');
  } else if (typeof (payload as NodeJS.ReadableStream).resume === 'function') {
    const stream = payload as NodeJS.ReadableStream;
    stream.on('error', (err) => reply.log.error({ err }, 'Error on Stream found for HEAD route'));
    stream.resume();
  } else {
    reply.header('content-length', String(Buffer.byteLength(payload as string | Buffer)));
  }
  done(null, null);
}

/**
 * `operationId` picks the handler's request types from the generated spec
 * types (request-types.ts): params, query and body as the spec declares them,
 * for the handler and for the route's own hooks in `extra`.
 */
export function op<Ops, K extends keyof Ops & string>(app: FastifyInstance, spec: LoadedSpec<Ops>, operationId: K, handler: OperationHandler<Ops[K]>, extra: OperationOptions<Ops[K]> = {}): void {
  const o = spec.operations.get(operationId);
  if (!o) throw new Error(`operation ${operationId} is not in openapi/${spec.name}.yaml`);
  // Only the upload scope parses multipart bodies (src/routes/oic/upload.ts): an upload route anywhere else could never read its file.
  if (o.bodyTypes.includes('multipart/form-data') && !app.hasRequestDecorator('parts')) throw new Error(`operation ${operationId} takes multipart/form-data: register it with uploadOp()`);
  const bodyError = (request: FastifyRequest): ApiError | undefined => {
    const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    const hasBody = request.body != null || Number(request.headers['content-length'] ?? 0) > 0 || type.startsWith('multipart/');
    if (!hasBody) return o.bodyRequired ? badRequest('Request body is required') : undefined;
    if (!o.bodyTypes.some((t) => t === type || (t.endsWith('/*') && type.startsWith(t.slice(0, -1))))) {
      return new ApiError('unsupportedMediaType', `Content-Type '${type || '(none)'}' is not accepted here; use ${o.bodyTypes.join(' or ')}`);
    }
    return undefined;
  };
  // Callback style: no promise per request.
  const checkBody = (request: FastifyRequest, _reply: FastifyReply, done: (err?: Error) => void) => done(bodyError(request));
  // Operations without a request body skip the check (one hook less on every GET).
  const preValidation = [...(o.bodyTypes.length ? [checkBody] : []), ...([] as any[]).concat(extra.preValidation ?? [])];
  const isGet = o.method === 'GET';
  app.route({
    ...extra,
    // A GET answers HEAD from the same route (headOnSend drops the body).
    // Fastify's own HEAD twin (exposeHeadRoutes) is a second full route per
    // GET, with its own context, hooks and router entry: a sixth of an
    // in-process start for ~170 GETs.
    method: (isGet ? ['GET', 'HEAD'] : o.method) as any,
    exposeHeadRoute: false,
    ...(isGet ? { onSend: [...([] as any[]).concat(extra.onSend ?? []), headOnSend] } : {}),
    url: o.url,
    schema: o.schema,
    config: { ...(extra.config as object), operationId, api: spec.name },
    preValidation,
    handler,
  } as any);
}

/**
 * `op` for operations whose id is chosen at run time (the REST trigger routes,
 * one per verb): the spec still validates every request, but the handler's
 * request types are not known statically.
 */
export function opDynamic(app: FastifyInstance, spec: LoadedSpec<unknown>, operationId: string, handler: Handler, extra: RouteShorthandOptions = {}): void {
  op(app, spec as LoadedSpec<Record<string, unknown>>, operationId, handler, extra);
}
