/**
 * Authentication of OIC API calls (/ic/api/...): a Bearer JWT from the mock
 * IDCS, or HTTP Basic for a declared user. Identification runs in onRequest
 * (so the rate limiter can key on the caller); rejection runs in preParsing,
 * after the rate limiter, so failed attempts still count against the caller's
 * IP and still get rate-limit headers.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, unauthenticated } from '../core/errors';
import { parseBasic, type Identities } from './identities';
import type { Caller, TokenService } from './token-service';

export async function identifyOicCaller(request: FastifyRequest, tokens: TokenService, identities: Identities): Promise<void> {
  const header = request.headers.authorization;
  try {
    if (!header) throw unauthenticated('Authorization header is missing: send "Authorization: Bearer <access_token>"');
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (bearer) {
      request.caller = await tokens.verify(bearer[1]);
      return;
    }
    if (/^Basic\s/i.test(header)) {
      const basic = parseBasic(header);
      if (!basic) throw unauthenticated('Authorization Basic credentials are malformed');
      const check = identities.checkUser(basic.id, basic.secret);
      if (!check.ok) throw unauthenticated(check.reason);
      request.caller = { name: basic.id, kind: 'user' } satisfies Caller;
      return;
    }
    throw unauthenticated('Unsupported authorization scheme: use Bearer (OAuth 2.0) or Basic');
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    request.authError = e;
  }
}

export async function rejectUnauthenticated(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.authError) {
    reply.header('www-authenticate', 'Bearer realm="oracle-integration", error="invalid_token"');
    throw request.authError;
  }
}
