/**
 * One way to list every design-time resource: filter (`q` plus exact filters
 * the caller has already applied), sort (`orderBy`), page (`limit`/`offset`).
 * Rows are the small summary columns, never the JSON documents, so filtering
 * in memory stays cheap.
 *
 * orderBy: `name` (A-Z, case-insensitive), `status` (A-Z, then name) or
 * `modifiedTime` (newest first). Without orderBy lists come newest-modified
 * first, as Oracle orders them by last update. Ties always fall back to `id`,
 * so paging is stable.
 */
import { badRequest } from '../core/errors';
import { parsePage, type Page, pageOfList } from '../core/pagination';
import { compileQ, type QFields } from './q-filter';

export const ORDER_BY = ['name', 'modifiedTime', 'status'] as const;
export type OrderBy = (typeof ORDER_BY)[number];

export interface SortableRow {
  id: string;
  name: string;
  status: string;
  modifiedTime: string;
}

export interface ListQuery {
  limit?: unknown;
  offset?: unknown;
  q?: string;
  orderBy?: string;
}

export function parseOrderBy(raw: string | undefined): OrderBy {
  if (raw === undefined || raw === '') return 'modifiedTime';
  if (!(ORDER_BY as readonly string[]).includes(raw)) {
    throw badRequest(`Query parameter 'orderBy' cannot be '${raw}'; use one of ${ORDER_BY.join(', ')}`);
  }
  return raw as OrderBy;
}

function comparator(order: OrderBy): (a: SortableRow, b: SortableRow) => number {
  const byId = (a: SortableRow, b: SortableRow) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const byName = (a: SortableRow, b: SortableRow) => {
    const x = a.name.toLowerCase();
    const y = b.name.toLowerCase();
    return x < y ? -1 : x > y ? 1 : byId(a, b);
  };
  switch (order) {
    case 'name': return byName;
    case 'status': return (a, b) => (a.status < b.status ? -1 : a.status > b.status ? 1 : byName(a, b));
    case 'modifiedTime': return (a, b) => (a.modifiedTime > b.modifiedTime ? -1 : a.modifiedTime < b.modifiedTime ? 1 : byId(a, b));
  }
}

/**
 * Validate the paging/sorting parameters first (so a bad `orderBy` is a 400
 * even on an empty list), then filter, sort and cut the page.
 */
export function listPage<R extends SortableRow, T>(rows: R[], query: ListQuery, qFields: QFields<R>, toItem: (row: R) => T): Page<T> {
  const page = parsePage(query);
  const order = parseOrderBy(query.orderBy);
  const match = compileQ(query.q, qFields);
  const hits = rows.filter(match).sort(comparator(order));
  return pageOfList(hits, page, toItem);
}

/** q fields every design-time resource shares. */
export function commonQFields<R extends SortableRow & { identifier: string }>(): QFields<R> {
  return {
    fields: {
      name: { get: (r) => r.name },
      identifier: { get: (r) => r.identifier },
      status: { get: (r) => r.status, normalize: (v) => v.toUpperCase() },
    },
    aliases: { code: 'identifier' },
    termFields: ['name', 'identifier'],
  };
}
