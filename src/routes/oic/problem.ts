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

export const OIC_ERRORS: Record<number, { code: string; title: string }> = {
  400: { code: 'OIC-400001', title: 'Invalid Request Format' },
  401: { code: 'OIC-401001', title: 'Authentication Failed' },
  403: { code: 'OIC-403001', title: 'Insufficient Permissions' },
  404: { code: 'OIC-404001', title: 'Resource Not Found' },
  405: { code: 'OIC-405001', title: 'Method Not Allowed' },
  409: { code: 'OIC-409001', title: 'Resource Already Exists' },
  412: { code: 'OIC-412001', title: 'Precondition Failed' },
  413: { code: 'OIC-413001', title: 'Payload Too Large' },
  414: { code: 'OIC-414001', title: 'URI Too Long' },
  415: { code: 'OIC-415001', title: 'Unsupported Media Type' },
  429: { code: 'OIC-429001', title: 'Rate Limit Exceeded' },
  500: { code: 'OIC-500001', title: 'Internal Server Error' },
  503: { code: 'OIC-503001', title: 'Service Temporarily Unavailable' },
};

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
