/**
 * Unknown routes and wrong methods, answered in the format of the API the
 * path belongs to (src/core/api-of-path.ts): 405 (with Allow) when the path
 * exists with other methods, else 404. Fastify itself answers both with a
 * 404, so we keep an index of route patterns (from onRoute) to tell them apart.
 */
import type { FastifyReply, FastifyRequest, onRouteHookHandler } from 'fastify';
import { ApiError, notFound } from '../core/errors';
import { sendProblem } from './oic/problem';
import { sendOciError } from './dis/oci-error';
import { sendOAuthError } from './idcs/oauth-error';
import { apiOfPath, isOciApi } from '../core/api-of-path';

interface Pattern { regex: RegExp; methods: Set<string> }

export interface RouteEntry { method: string; url: string; operationId?: string }

/**
 * Route URL -> the regular expression matching its concrete paths. The same
 * few hundred routes are registered by every app a process builds (a test
 * suite builds one per test), and a RegExp without flags is stateless, so
 * each is made once per process.
 */
const PATTERNS = new Map<string, RegExp>();

function patternOf(url: string): RegExp {
  let regex = PATTERNS.get(url);
  if (!regex) {
    const source = url
      .split('/')
      .map((seg) => (seg.startsWith(':') ? '[^/]+' : seg === '*' ? '.*' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/');
    regex = new RegExp(`^${source}/?$`);
    PATTERNS.set(url, regex);
  }
  return regex;
}

export class RouteIndex {
  private readonly patterns = new Map<string, Pattern>();
  /** Every registered route, for the OpenAPI contract test. */
  readonly entries: RouteEntry[] = [];

  add(url: string, methods: string[]): void {
    let p = this.patterns.get(url);
    if (!p) {
      p = { regex: patternOf(url), methods: new Set() };
      this.patterns.set(url, p);
    }
    for (const m of methods) if (m !== 'HEAD') p.methods.add(m);
  }

  /** Methods allowed on a concrete path (empty when no route matches it). */
  allowed(path: string): string[] {
    const out = new Set<string>();
    for (const p of this.patterns.values()) if (p.regex.test(path)) p.methods.forEach((m) => out.add(m));
    return [...out].sort();
  }
}

export function notFoundHandler(index: RouteIndex) {
  return (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0];
    let decoded = path;
    try { decoded = decodeURIComponent(path); } catch { /* keep raw */ }
    const allowed = index.allowed(path).length ? index.allowed(path) : index.allowed(decoded);
    const err = allowed.length
      ? new ApiError('methodNotAllowed', `Method ${request.method} is not allowed on ${path}; allowed: ${allowed.join(', ')}`, { headers: { allow: allowed.join(', ') } })
      : notFound(`No operation matches ${request.method} ${path}`, isOciApi(apiOfPath(path)) ? { code: 'NotFound' } : {});
    return errorByApi(err, request, reply);
  };
}

/**
 * Errors raised outside every API plugin, answered in the format of the API
 * the path belongs to (like unknown routes): Fastify's router errors (a path
 * that is not valid percent-encoding, a path parameter over maxParamLength;
 * its `frameworkErrors`), and the root error handler's (e.g. a malformed JSON
 * body sent to an unknown DIS path fails in the parser before the 404).
 */
export function errorByApi(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const api = apiOfPath(request.url.split('?')[0]);
  if (isOciApi(api)) return sendOciError(error, request, reply);
  if (api === 'idcs') return sendOAuthError(error, request, reply);
  return sendProblem(error, request, reply);
}

/** onRoute: every route into the index. */
export function trackRoutes(index: RouteIndex): onRouteHookHandler {
  return function trackRoutes(route) {
    const methods = ([] as string[]).concat(route.method as string | string[]);
    index.add(route.url, methods);
    for (const method of methods) if (method !== 'HEAD') index.entries.push({ method, url: route.url, operationId: route.config?.operationId });
  };
}
