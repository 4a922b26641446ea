/**
 * Oracle's error body. Oracle documents no schema for it; Oracle's own
 * CI/CD scripts read `.status` and look for the HTTP code in it, and real
 * responses carry `"status": "HTTP 404 Not Found"` with `type` (the HTTP
 * specification's section for the code), `title` and `detail`. The
 * emulator adds `o:errorCode` and `o:errorPath` (the same codes as the
 * seed's problem JSON, so a test can tell errors apart) and serves it as
 * application/json.
 */
import { STATUS_CODES } from 'node:http';
import type { Problem } from '../../problem';

/** Sections of RFC 2616 (429 is RFC 6585's), as Oracle links them in `type`. */
const SECTIONS: Record<number, string> = {
  400: 'rfc2616-sec10.html#sec10.4.1', 401: 'rfc2616-sec10.html#sec10.4.2', 403: 'rfc2616-sec10.html#sec10.4.4',
  404: 'rfc2616-sec10.html#sec10.4.5', 405: 'rfc2616-sec10.html#sec10.4.6', 406: 'rfc2616-sec10.html#sec10.4.7',
  409: 'rfc2616-sec10.html#sec10.4.10', 412: 'rfc2616-sec10.html#sec10.4.13', 413: 'rfc2616-sec10.html#sec10.4.14',
  414: 'rfc2616-sec10.html#sec10.4.15', 415: 'rfc2616-sec10.html#sec10.4.16', 500: 'rfc2616-sec10.html#sec10.5.1',
  501: 'rfc2616-sec10.html#sec10.5.2', 503: 'rfc2616-sec10.html#sec10.5.4',
};

export interface OracleError {
  type: string;
  title: string;
  detail: string;
  status: string;
  'o:errorCode': string;
  'o:errorPath': string;
  [extra: string]: unknown;
}

/** The seed's problem of an error, in Oracle's words. */
export function oracleErrorOf(problem: Problem): OracleError {
  const { type: _type, status, instance: _instance, timestamp: _timestamp, title, detail, ...rest } = problem;
  const section = SECTIONS[status];
  return {
    type: section ? `https://www.w3.org/Protocols/rfc2616/${section}` : status === 429 ? 'https://www.rfc-editor.org/rfc/rfc6585#section-4' : `https://docs.oracle.com/error/${problem['o:errorCode']}`,
    title,
    detail,
    status: `HTTP ${status} ${STATUS_CODES[status] ?? 'Error'}`,
    ...rest,
    'o:errorCode': problem['o:errorCode'],
    'o:errorPath': problem['o:errorPath'],
  };
}
