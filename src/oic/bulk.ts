/**
 * Bulk requests, HTTP-free: the seed's limit of 100 items per request, and
 * how a batch of lookup rows is applied to a lookup's data.
 */
import { badRequest } from '../core/errors';

/** The seed's "Bulk Operations: 100 per request". */
const BULK_LIMIT = 100;

/**
 * 1..BULK_LIMIT items, or a 400 that states the limit. Checked before any
 * item is processed, so an oversized request changes nothing.
 */
export function checkBatchSize(what: string, count: number): void {
  if (count === 0) throw badRequest(`body.${what} is empty; send between 1 and ${BULK_LIMIT} ${what} per bulk request`);
  if (count > BULK_LIMIT) {
    throw badRequest(`Bulk operations are limited to ${BULK_LIMIT} items per request; body.${what} has ${count}. Nothing was processed: split them into requests of at most ${BULK_LIMIT}`);
  }
}

/** A 400 naming the first id that appears twice (its result would be ambiguous). */
export function checkUnique(what: string, values: string[]): void {
  const first = new Map<string, number>();
  values.forEach((v, i) => {
    const j = first.get(v);
    if (j !== undefined) throw badRequest(`body.${what}[${i}] ('${v}') repeats body.${what}[${j}]; each item may appear once per bulk request`);
    first.set(v, i);
  });
}

export type RowMode = 'APPEND' | 'REPLACE' | 'MERGE';

type Row = Record<string, unknown>;

export interface RowBatchResult {
  data: Row[];
  added: number;
  replaced: number;
  /** Existing rows no longer there (REPLACE: all of them; MERGE: collapsed duplicates). */
  removed: number;
}

/**
 * The lookup's rows after a batch:
 *   APPEND   the rows are added at the end
 *   REPLACE  the rows become the lookup's whole data (then APPEND the next batches)
 *   MERGE    a row whose `key` column value equals an existing row's replaces
 *            it in place (existing duplicates of that value collapse into it);
 *            other rows are added at the end
 * The rows themselves are checked against the columns by the caller.
 */
export function applyRows(existing: Row[], rows: Row[], mode: RowMode, key?: string): RowBatchResult {
  if (mode === 'APPEND') return { data: [...existing, ...rows], added: rows.length, replaced: 0, removed: 0 };
  if (mode === 'REPLACE') return { data: [...rows], added: rows.length, replaced: 0, removed: existing.length };
  const k = key!;
  const seen = new Map<string, number>();
  rows.forEach((row, i) => {
    const v = row[k];
    if (v === undefined || v === null) throw badRequest(`body.rows[${i}].${k} is required: it is the MERGE key`);
    const id = JSON.stringify(v);
    const j = seen.get(id);
    if (j !== undefined) throw badRequest(`body.rows[${i}].${k} (${id}) repeats body.rows[${j}]; a MERGE batch may hold each key once`);
    seen.set(id, i);
  });
  const data: Row[] = [];
  const placed = new Set<string>();
  for (const row of existing) {
    const id = row[k] === undefined || row[k] === null ? undefined : JSON.stringify(row[k]);
    if (id === undefined || !seen.has(id)) data.push(row);
    else if (!placed.has(id)) {
      placed.add(id);
      data.push(rows[seen.get(id)!]);
    }
  }
  const fresh = rows.filter((row) => !placed.has(JSON.stringify(row[k])));
  return { data: [...data, ...fresh], added: fresh.length, replaced: placed.size, removed: existing.length - data.length };
}
