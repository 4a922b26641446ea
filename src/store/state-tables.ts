/**
 * The state tables of each API, found by naming convention: every table an
 * area creates carries its API's prefix (oic_*, dis_*; see
 * src/store/migrations/index.ts). Reset and snapshots work on these lists, so a
 * new store's tables are covered without registering anything.
 *
 * Speed matters (a reset before every test): the table list is cached until
 * the schema changes, statements are prepared once, and whole-table deletes
 * run with foreign-key enforcement off so SQLite can truncate instead of
 * visiting every row and its children. That is safe because every table of
 * the scope is emptied; references into the scope from outside it are checked
 * explicitly.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from './db';

export type ApiScope = 'oic' | 'dis' | 'all';
export const API_PREFIXES: Record<Exclude<ApiScope, 'all'>, string> = { oic: 'oic_', dis: 'dis_' };

export interface StateTable {
  name: string;
  /** Columns a row is copied with: stored ones only (generated and hidden columns are computed by SQLite). */
  columns: string[];
  /** Tables this one references (foreign keys), for ordering and reference checks. */
  parents: string[];
}

export const quoteId = (name: string) => `"${name.replace(/"/g, '""')}"`;

function inScope(name: string, api: ApiScope): boolean {
  if (api === 'all') return Object.values(API_PREFIXES).some((p) => name.startsWith(p));
  return name.startsWith(API_PREFIXES[api]);
}

interface Cache {
  schemaVersion: number;
  all: StateTable[];
  statements: Map<string, Statement<unknown[]>>;
}
const caches = new WeakMap<Db, Cache>();

function cacheOf(db: Db): Cache {
  const version = db.pragma('schema_version', { simple: true }) as number;
  let c = caches.get(db);
  if (!c || c.schemaVersion !== version) {
    c = { schemaVersion: version, all: readStateTables(db), statements: new Map() };
    caches.set(db, c);
  }
  return c;
}

/**
 * A statement prepared once. Only the table list needs the schema-version
 * check (SQLite re-prepares its own statements after a schema change), and
 * asking for the version prepares a PRAGMA statement each time.
 */
export function statement(db: Db, sql: string): Statement<unknown[]> {
  const c = caches.get(db) ?? cacheOf(db);
  let s = c.statements.get(sql);
  if (!s) {
    s = db.prepare<unknown[]>(sql);
    c.statements.set(sql, s);
  }
  return s;
}

/** State tables of an API (or all), parents before children. */
export function stateTables(db: Db, api: ApiScope): StateTable[] {
  const all = cacheOf(db).all;
  return api === 'all' ? all : all.filter((t) => inScope(t.name, api));
}

function readStateTables(db: Db): StateTable[] {
  const list = db.pragma('table_list') as { schema: string; name: string; type: string }[];
  const tables: StateTable[] = [];
  for (const t of list) {
    // Virtual tables (e.g. FTS) are included; their shadow tables are SQLite's business.
    if (t.schema !== 'main' || (t.type !== 'table' && t.type !== 'virtual') || !inScope(t.name, 'all')) continue;
    const cols = db.pragma(`table_xinfo(${quoteId(t.name)})`) as { name: string; hidden: number }[];
    const fks = t.type === 'table' ? (db.pragma(`foreign_key_list(${quoteId(t.name)})`) as { table: string }[]) : [];
    tables.push({
      name: t.name,
      columns: cols.filter((c) => c.hidden === 0).map((c) => c.name),
      parents: [...new Set(fks.map((f) => f.table).filter((p) => p !== t.name))],
    });
  }
  return topoSort(tables);
}

/** Parents first (stable by name otherwise), so inserts satisfy foreign keys and deletes can go in reverse. */
function topoSort(tables: StateTable[]): StateTable[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const out: StateTable[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (t: StateTable) => {
    if (state.has(t.name)) return; // done, or a cycle
    state.set(t.name, 'visiting');
    for (const p of t.parents) {
      const parent = byName.get(p);
      if (parent) visit(parent);
    }
    state.set(t.name, 'done');
    out.push(t);
  };
  for (const t of [...tables].sort((a, b) => a.name.localeCompare(b.name))) visit(t);
  return out;
}

export function hasSequenceTable(db: Db): boolean {
  return !!statement(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'").get();
}

/**
 * Run `fn` with foreign-key enforcement off (restored after). The pragma is a
 * no-op inside a transaction, so callers already in one keep enforcement and
 * are merely slower.
 */
export function withoutForeignKeys<T>(db: Db, fn: () => T): T {
  const was = db.pragma('foreign_keys', { simple: true }) === 1;
  if (!was || db.inTransaction) return fn();
  db.pragma('foreign_keys = OFF');
  try {
    return fn();
  } finally {
    db.pragma('foreign_keys = ON');
  }
}

/**
 * Delete every row of the given tables (children first) and their
 * AUTOINCREMENT counters, inside the caller's transaction.
 */
export function clearTables(db: Db, tables: StateTable[]): number {
  let rows = 0;
  for (const t of [...tables].reverse()) rows += statement(db, `DELETE FROM ${quoteId(t.name)}`).run().changes;
  if (tables.length && hasSequenceTable(db)) {
    statement(db, `DELETE FROM sqlite_sequence WHERE name IN (${tables.map(() => '?').join(',')})`).run(...tables.map((t) => t.name));
  }
  return rows;
}

/**
 * Tables outside `cleared` that reference one of them and now hold rows
 * pointing at nothing (what foreign-key enforcement would have refused).
 */
export function danglingReferences(db: Db, cleared: StateTable[]): string[] {
  const names = new Set(cleared.map((t) => t.name));
  const referrers = stateTables(db, 'all').filter((t) => !names.has(t.name) && t.parents.some((p) => names.has(p)));
  return referrers.filter((t) => (db.pragma(`foreign_key_check(${quoteId(t.name)})`) as unknown[]).length > 0).map((t) => t.name);
}
