/**
 * OCI conventions shared by the DIS handlers: list paging (limit, opaque page
 * tokens, opc-next-page / opc-prev-page / opc-total-items), etag replies,
 * if-match, and opc-retry-token idempotency.
 */
import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { badRequest } from '../../core/errors';
import type { ListQuery, ListResult, SortBy, SortOrder } from '../../store/dis/common';
import type { Actor } from '../../store/dis/design';
import type { Doc } from '../../store/dis/objects';
import type { DisRetryTokens, StoredReply } from '../../store/dis/retry-tokens';

/**
 * The request of a family of operations registered in a loop (catalog kinds,
 * function libraries, transfers, validations): path parameters by name,
 * query and body as one type that fits every member. op() checks that each
 * operation's spec types fit it, so this is a checked type, not a cast.
 */
export type FamilyRequest<Query, Body = unknown> = FastifyRequest<{ Params: { workspaceId: string } & Record<string, string>; Querystring: Query; Body: Body }>;

/** GUESS: the SDK documents neither a default nor a maximum page size. */
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

export function actor(request: FastifyRequest): Actor {
  return { id: request.caller?.name ?? 'anonymous' };
}

export function ifMatch(request: FastifyRequest): string | undefined {
  const v = request.headers['if-match'];
  return typeof v === 'string' ? v : undefined;
}

export function pageToken(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}

const SORT_BY: readonly SortBy[] = ['TIME_CREATED', 'DISPLAY_NAME', 'TIME_UPDATED'];
const SORT_ORDER: readonly SortOrder[] = ['ASC', 'DESC'];
const oneOf = <T extends string>(values: readonly T[], v: unknown): T | undefined => values.find((x) => x === v);

/** limit/page/sortBy/sortOrder from any list operation's parsed query (enums are checked by the spec). */
export function listQuery(query: unknown): ListQuery {
  const get = (name: string): unknown => (query && typeof query === 'object' ? Reflect.get(query, name) : undefined);
  const given = get('limit');
  const limit = given === undefined ? DEFAULT_LIMIT : Number(given);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw badRequest(`limit must be an integer between 1 and ${MAX_LIMIT}, got '${String(given)}'`);
  let offset = 0;
  const page = get('page');
  if (page !== undefined && page !== '') {
    const m = /^offset:(\d+)$/.exec(Buffer.from(String(page), 'base64url').toString('utf8'));
    if (!m) throw badRequest(`page '${String(page)}' is not a page token: pass the opc-next-page or opc-prev-page value of a previous response`);
    offset = Number(m[1]);
  }
  return { offset, limit, sortBy: oneOf(SORT_BY, get('sortBy')), sortOrder: oneOf(SORT_ORDER, get('sortOrder')) };
}

/** The wire form of an answer body (identity unless the API shapes its answers, as DIS does). */
export type Answer = (body: unknown) => unknown;
const asIs: Answer = (body) => body;

/** Send a page: a bare array (the five operations that return one) or {"items": [...]}. */
export function sendList<T>(reply: FastifyReply, result: ListResult<T>, q: ListQuery, shape: 'array' | 'items', answer: Answer = asIs) {
  if (q.offset + result.items.length < result.total) reply.header('opc-next-page', pageToken(q.offset + result.items.length));
  if (q.offset > 0) reply.header('opc-prev-page', pageToken(Math.max(0, q.offset - q.limit)));
  reply.header('opc-total-items', String(result.total));
  return reply.send(answer(shape === 'array' ? result.items : { items: result.items }));
}

export function sendDoc(reply: FastifyReply, doc: unknown, etag?: string, status = 200, answer: Answer = asIs) {
  if (etag) reply.header('etag', etag);
  return reply.code(status).send(answer(doc));
}

/** Repeated query parameters as an array (a single value arrives as a string when the spec did not coerce it). */
export function arrayParam(v: unknown): string[] | undefined {
  if (v === undefined) return undefined;
  return (Array.isArray(v) ? v : [v]).map(String);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value as Doc).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Doc)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Run a create once per opc-retry-token: a retry of the same request (same
 * method, path and JSON body) gets the first answer again; the token on a
 * different request is a 409. Without a token, just run it.
 */
export function idempotent(tokens: DisRetryTokens, request: FastifyRequest, reply: FastifyReply, fn: () => StoredReply, answer: Answer = asIs) {
  const header = request.headers['opc-retry-token'];
  const token = typeof header === 'string' && header ? header : null;
  const path = (request.raw.url ?? request.url).split('?')[0];
  const result = token
    ? tokens.run(token, crypto.createHash('sha256').update(`${request.method} ${path}\n${canonical(request.body ?? null)}`).digest('hex'), `${request.method} ${path}`, fn)
    : fn();
  for (const [k, v] of Object.entries(result.headers)) reply.header(k, v);
  reply.code(result.status);
  return result.body === undefined ? reply.send() : reply.send(answer(result.body));
}
