/**
 * The OIC error factory: every OIC (and /_emulator) error leaves through here
 * as the seed's problem JSON. The codes are the seed's table; 405, 412, 413,
 * 414 and 415 are not in the seed, so they follow its pattern (OIC-<status>001).
 * A request in Oracle's dialect gets Oracle's error body instead
 * (dialects/oracle/errors.ts), with the same codes.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, factsOf, toApiError } from '../../core/errors';
import { isOracle } from './dialects';
import { oracleErrorOf } from './dialects/oracle/errors';

/** The seed's title per status; every code is OIC-<status>001. */
const OIC_TITLES: Record<number, string> = {
  400: 'Invalid Request Format',
  401: 'Authentication Failed',
  403: 'Insufficient Permissions',
  404: 'Resource Not Found',
  405: 'Method Not Allowed',
  409: 'Resource Already Exists',
  412: 'Precondition Failed',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  429: 'Rate Limit Exceeded',
  500: 'Internal Server Error',
  503: 'Service Temporarily Unavailable',
};

export const OIC_ERRORS: Record<number, { code: string; title: string }> = Object.fromEntries(
  Object.entries(OIC_TITLES).map(([status, title]) => [status, { code: `OIC-${status}001`, title }]),
);

/** Titles for 409s that are about state, not existence. */
const KIND_TITLES: Partial<Record<ApiError['kind'], string>> = {
  incorrectState: 'Invalid Resource State',
  conflict: 'Resource Already Exists',
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  'o:errorCode': string;
  'o:errorPath': string;
  timestamp: string;
  [extra: string]: unknown;
}

export function problemOf(err: ApiError, path: string, timestamp: string): Problem {
  const known = OIC_ERRORS[err.status] ?? OIC_ERRORS[err.status >= 500 ? 500 : 400];
  const code = err.options.code ?? known.code;
  return {
    type: `https://docs.oracle.com/error/${code}`,
    title: err.options.title ?? KIND_TITLES[err.kind] ?? known.title,
    status: err.status,
    detail: err.message,
    instance: path,
    'o:errorCode': code,
    'o:errorPath': path,
    timestamp,
    ...(err.options.retryAfter !== undefined ? { retryAfter: err.options.retryAfter } : {}),
    ...(err.options.extra ?? {}),
  };
}

/** Fastify error handler body for the OIC and emulator scopes. */
export function sendProblem(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const err = toApiError(error, factsOf(request));
  if (err.status >= 500) request.log.error({ err: error }, 'request failed');
  const path = request.url.split('?')[0];
  for (const [k, v] of Object.entries(err.options.headers ?? {})) reply.header(k, v);
  if (err.options.retryAfter !== undefined) reply.header('retry-after', String(err.options.retryAfter));
  const problem = problemOf(err, path, request.server.ctx.clock.nowIso());
  // The OIC API answers in the request's dialect; /_emulator keeps the seed's problem JSON.
  if (path.startsWith('/ic/api/') && isOracle(request)) return reply.code(err.status).type('application/json').send(oracleErrorOf(problem));
  return reply.code(err.status).type('application/problem+json').send(problem);
}
