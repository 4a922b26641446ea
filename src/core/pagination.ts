/**
 * OIC offset paging, the same on every list: `limit` (default 100, max 500)
 * and `offset`; the response carries items, totalResults, hasMore, limit and
 * offset. Out-of-range values are a 400 naming the parameter.
 */
import { badRequest } from './errors';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 500;

export interface PageRequest {
  limit: number;
  offset: number;
}

export interface Page<T> {
  items: T[];
  totalResults: number;
  hasMore: boolean;
  limit: number;
  offset: number;
}

function intParam(name: string, raw: unknown, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = typeof raw === 'number' ? raw : Number(raw);
  if (!Number.isInteger(n)) throw badRequest(`Query parameter '${name}' must be an integer, got '${String(raw)}'`);
  return n;
}

export function parsePage(query: { limit?: unknown; offset?: unknown }, maxLimit = MAX_LIMIT): PageRequest {
  const limit = intParam('limit', query.limit, DEFAULT_LIMIT);
  const offset = intParam('offset', query.offset, 0);
  if (limit < 1 || limit > maxLimit) throw badRequest(`Query parameter 'limit' must be between 1 and ${maxLimit}, got ${limit}`);
  if (offset < 0) throw badRequest(`Query parameter 'offset' must not be negative, got ${offset}`);
  // Past 2^53 a number is no longer an exact integer, and SQLite refuses it as an OFFSET.
  if (!Number.isSafeInteger(offset)) throw badRequest(`Query parameter 'offset' must be at most ${Number.MAX_SAFE_INTEGER}, got '${String(query.offset)}'`);
  return { limit, offset };
}

export function pageOf<T>(items: T[], totalResults: number, req: PageRequest): Page<T> {
  return { items, totalResults, hasMore: req.offset + items.length < totalResults, limit: req.limit, offset: req.offset };
}

/** The requested page of a whole list held in memory, each item shown through `view`. */
export function pageOfList<T, V = T>(all: T[], req: PageRequest, view: (item: T) => V = (item) => item as unknown as V): Page<V> {
  return pageOf(all.slice(req.offset, req.offset + req.limit).map(view), all.length, req);
}
