/**
 * The DIS error factory: every DIS failure leaves as an OCI error body
 * {"code","message"} with OCI's service codes, and an opc-request-id header.
 * Also what every OCI API plugin (DIS, the Integration control plane) sets up
 * for its replies: that error handler and opc-request-id on every response.
 */
import type { FastifyReply, FastifyRequest, onSendHookHandler } from 'fastify';
import { ApiError, type ErrorKind, toApiError, factsOf } from '../../core/errors';

export const OCI_CODES: Record<ErrorKind, string> = {
  badRequest: 'InvalidParameter',
  missingParameter: 'MissingParameter',
  unauthenticated: 'NotAuthenticated',
  forbidden: 'NotAuthorized',
  notFound: 'NotAuthorizedOrNotFound',
  methodNotAllowed: 'MethodNotAllowed',
  conflict: 'Conflict',
  incorrectState: 'IncorrectState',
  preconditionFailed: 'NoEtagMatch',
  payloadTooLarge: 'PayloadTooLarge',
  unsupportedMediaType: 'UnsupportedMediaType',
  tooManyRequests: 'TooManyRequests',
  internal: 'InternalServerError',
  unavailable: 'ServiceUnavailable',
};

export function ociErrorBody(err: ApiError): { code: string; message: string } {
  const code = err.options.code ?? (err.options.unparseable ? 'CannotParseRequest' : OCI_CODES[err.kind]);
  return { code, message: err.message };
}

/** The opc-request-id of a request: the caller's, or one we made up. */
export function opcRequestId(request: FastifyRequest): string {
  const given = request.headers['opc-request-id'];
  return typeof given === 'string' && given ? given : String(request.id).replace(/-/g, '').toUpperCase();
}

/** A schema failure because a required field or parameter is absent: OCI says MissingParameter. */
function isMissingRequired(error: unknown): boolean {
  const v = (error as { validation?: Array<{ keyword?: string }> } | null)?.validation;
  return Array.isArray(v) && v.length > 0 && v[0].keyword === 'required';
}

export function sendOciError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  let err = toApiError(error, factsOf(request));
  if (isMissingRequired(error)) err = new ApiError('missingParameter', err.message);
  if (err.status >= 500) request.log.error({ err: error }, 'request failed');
  for (const [k, v] of Object.entries(err.options.headers ?? {})) reply.header(k, v);
  if (err.options.retryAfter !== undefined) reply.header('retry-after', String(err.options.retryAfter));
  return reply.code(err.status).header('opc-request-id', opcRequestId(request)).type('application/json').send(ociErrorBody(err));
}

/** onSend: every OCI answer carries an opc-request-id, the caller's or a new one. */
export const echoRequestId: onSendHookHandler<unknown> = function echoRequestId(request, reply, payload, done) {
  if (!reply.hasHeader('opc-request-id')) reply.header('opc-request-id', opcRequestId(request));
  done(null, payload);
};
