/**
 * OAuth 2.0 error bodies ({"error","error_description"}, RFC 6749 5.2), the
 * format OAuth client libraries parse. Every error on a mock-IDCS path leaves
 * through here: the token endpoint's own, unknown routes and wrong methods,
 * and fault rules.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { factsOf, toApiError } from '../../core/errors';

export class OAuthError extends Error {
  constructor(readonly status: number, readonly error: string, description: string) {
    super(description);
  }
}

/** The OAuth error code that fits an HTTP status. */
export function oauthCodeOf(status: number): string {
  if (status === 401) return 'invalid_client';
  if (status === 503) return 'temporarily_unavailable';
  return status >= 500 ? 'server_error' : 'invalid_request';
}

export function sendOAuthError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof OAuthError) return send(reply, error);
  const api = toApiError(error, factsOf(request));
  if (api.status >= 500) request.log.error({ err: error }, 'token endpoint failed');
  for (const [name, value] of Object.entries(api.options.headers ?? {})) reply.header(name, value);
  if (api.options.retryAfter !== undefined) reply.header('retry-after', String(api.options.retryAfter));
  return send(reply, new OAuthError(api.status, oauthCodeOf(api.status), api.message));
}

function send(reply: FastifyReply, e: OAuthError): FastifyReply {
  if (e.status === 401) reply.header('www-authenticate', 'Basic realm="idcs"');
  return reply.code(e.status).header('cache-control', 'no-store').type('application/json; charset=utf-8').send({ error: e.error, error_description: e.message });
}
