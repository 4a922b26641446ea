/**
 * Shared rules of the DIS stores: identifiers as Oracle shapes them, etags,
 * the `identifier` format, and sorting/paging of lists (HTTP-free: routes turn
 * page tokens into offsets).
 */
import crypto from 'node:crypto';
import type { Random } from '../../core/random';
import { badRequest } from '../../core/errors';

/** modelVersion stamped on design objects the client did not give one for (GUESS: the SDK does not say). */
export const MODEL_VERSION = '20200430';
/** objectStatus of an ordinary object (1 is "shallow reference"; 8 is what the service returns for live objects). */
export const OBJECT_STATUS = 8;
/** Region segment of generated OCIDs (the seed's examples use us-ashburn-1). */
export const OCID_REGION = 'iad';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** An OCID such as ocid1.disworkspace.oc1.iad.amaaaaaa...: drawn from the seeded id generator. */
export function ocid(ids: Random, type: string): string {
  let tail = '';
  for (let i = 0; i < 52; i++) tail += BASE32[ids.int(0, 31)];
  return `ocid1.${type}.oc1.${OCID_REGION}.amaaaaaa${tail}`;
}

/** An opaque entity tag: changes whenever the stored document changes. */
export function etagOf(doc: unknown): string {
  return crypto.createHash('md5').update(JSON.stringify(doc)).digest('hex');
}

const IDENTIFIER = /^[A-Z_][A-Z0-9_]*$/;

/** DIS identifiers: upper-case letters, digits and underscores, not starting with a digit. */
export function checkIdentifier(identifier: unknown, field = 'identifier'): string {
  if (typeof identifier !== 'string' || !IDENTIFIER.test(identifier)) {
    throw badRequest(`${field} '${String(identifier)}' is invalid: it can only contain upper case letters, underscores and numbers, and must begin with an upper case letter or underscore`);
  }
  if (identifier.length > 255) throw badRequest(`${field} is longer than 255 characters`);
  return identifier;
}

export type SortBy = 'TIME_CREATED' | 'DISPLAY_NAME' | 'TIME_UPDATED';
export type SortOrder = 'ASC' | 'DESC';

export interface ListQuery {
  offset: number;
  limit: number;
  sortBy?: SortBy;
  sortOrder?: SortOrder;
}

export interface ListResult<T> {
  items: T[];
  total: number;
}

export interface Sortable {
  /** Insertion order: breaks ties between objects created at the same instant. */
  seq: number;
  created: string | number;
  updated: string | number;
  name: string;
}

/**
 * Sort and slice. Default: TIME_CREATED, newest first. As the SDK documents,
 * time fields default to descending order and other fields to ascending
 * (logs pass defaultTimeOrder ASC: they read in chronological order).
 */
export function sortAndPage<T>(rows: T[], q: ListQuery, key: (row: T) => Sortable, defaultTimeOrder: SortOrder = 'DESC'): ListResult<T> {
  const by = q.sortBy ?? 'TIME_CREATED';
  const order = q.sortOrder ?? (by === 'DISPLAY_NAME' ? 'ASC' : defaultTimeOrder);
  const dir = order === 'ASC' ? 1 : -1;
  const keyed = rows.map((row) => ({ row, k: key(row) }));
  keyed.sort((a, b) => {
    let c = 0;
    if (by === 'DISPLAY_NAME') c = a.k.name.localeCompare(b.k.name, 'en');
    else if (by === 'TIME_UPDATED') c = compare(a.k.updated, b.k.updated);
    else c = compare(a.k.created, b.k.created);
    if (c === 0) c = a.k.seq - b.k.seq;
    return c * dir;
  });
  return { items: keyed.slice(q.offset, q.offset + q.limit).map((x) => x.row), total: rows.length };
}

function compare(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** JSON column helper. */
export function parseDoc<T = Record<string, unknown>>(text: string): T {
  return JSON.parse(text) as T;
}

export function isoOf(ms: number): string {
  return new Date(ms).toISOString();
}
