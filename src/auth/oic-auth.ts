/**
 * Authentication of OIC API calls (/ic/api/...): a Bearer JWT from the mock
 * IDCS, or HTTP Basic for a declared user. Identification runs in onRequest
 * (so the rate limiter can key on the caller); rejection runs in preParsing,
 * after the rate limiter, so failed attempts still count against the caller's
 * IP and still get rate-limit headers.
 *
 * Both are synchronous except for the first sight of a Bearer token (RSA
 * verification is async in jose): every OIC call passes here, and a promise
 * per hook per request is measurable in the throughput benchmark.
 */
import type { FastifyReply, FastifyRequest, onRequestHookHandler, preParsingHookHandler } from 'fastify';
import { ApiError, unauthenticated } from '../core/errors';
import { parseBasic, type Identities } from './identities';
import type { Caller, TokenService } from './token-service';

/**
 * Set request.caller, or request.authError saying what is wrong. Returns a
 * promise only when a Bearer token must be verified (not seen before).
 */
export function identifyOicCaller(request: FastifyRequest, tokens: TokenService, identities: Identities): Promise<void> | undefined {
  const header = request.headers.authorization;
  // The usual case first: a token verified before, sent exactly as issued.
  const known = header !== undefined && header.startsWith('Bearer ') ? tokens.cached(header.slice(7)) : undefined;
  if (known !== undefined) {
    request.caller = known;
    return undefined;
  }
  try {
    if (!header) throw unauthenticated('Authorization header is missing: send "Authorization: Bearer <access_token>"');
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (bearer) {
      return tokens.verify(bearer[1]).then(
        (caller) => { request.caller = caller; },
        (e) => { noteAuthError(request, e); },
      );
    }
    if (/^Basic\s/i.test(header)) {
      const basic = parseBasic(header);
      if (!basic) throw unauthenticated('Authorization Basic credentials are malformed');
      const check = identities.checkUser(basic.id, basic.secret);
      if (!check.ok) throw unauthenticated(check.reason);
      request.caller = { name: basic.id, kind: 'user' } satisfies Caller;
      return undefined;
    }
    throw unauthenticated('Unsupported authorization scheme: use Bearer (OAuth 2.0) or Basic');
  } catch (e) {
    noteAuthError(request, e);
    return undefined;
  }
}

function noteAuthError(request: FastifyRequest, e: unknown): void {
  if (!(e instanceof ApiError)) throw e;
  request.authError = e;
}

/** The 401 to answer with when identification failed (with its WWW-Authenticate header set), else undefined. */
export function authenticationError(request: FastifyRequest, reply: FastifyReply): ApiError | undefined {
  if (!request.authError) return undefined;
  reply.header('www-authenticate', 'Bearer realm="oracle-integration", error="invalid_token"');
  return request.authError;
}

/** onRequest: identify the caller (callback style: a promise only for a Bearer token not seen before). */
export function identifyCaller(tokens: TokenService, identities: Identities): onRequestHookHandler {
  return function identifyCaller(request, _reply, done) {
    const verifying = identifyOicCaller(request, tokens, identities);
    if (verifying === undefined) done();
    else verifying.then(() => done(), done);
  };
}

/**
 * preParsing: refuse a caller identification failed for (401), then a
 * request `refusal` has an error for, before the body is read.
 */
export function refuseUnauthenticated(refusal: (request: FastifyRequest) => ApiError | undefined): preParsingHookHandler {
  return function refuseUnauthenticated(request, reply, payload, done) {
    const error = authenticationError(request, reply) ?? refusal(request);
    if (error) done(error);
    else done(null, payload);
  };
}
