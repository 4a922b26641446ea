/**
 * The state tables of each API, found by naming convention: every table an
 * area creates carries its API's prefix (oic_*, dis_*; see
 * src/store/migrations/index.ts). Reset and snapshots work on these lists, so a
 * new store's tables are covered without registering anything.
 */
import type { Db } from '../store/db';

export type ApiScope = 'oic' | 'dis' | 'all';
export const API_PREFIXES: Record<Exclude<ApiScope, 'all'>, string> = { oic: 'oic_', dis: 'dis_' };

export interface StateTable {
  name: string;
  /** Columns a row is copied with: stored ones only (generated and hidden columns are computed by SQLite). */
  columns: string[];
  /** Tables this one references (foreign keys), for ordering. */
  parents: string[];
}

export const quoteId = (name: string) => `"${name.replace(/"/g, '""')}"`;

function inScope(name: string, api: ApiScope): boolean {
  if (api === 'all') return Object.values(API_PREFIXES).some((p) => name.startsWith(p));
  return name.startsWith(API_PREFIXES[api]);
}

/**
 * State tables of an API (or all), parents before children. Virtual tables
 * (e.g. FTS) are included; their shadow tables are SQLite's business.
 */
export function stateTables(db: Db, api: ApiScope): StateTable[] {
  const list = db.pragma('table_list') as { schema: string; name: string; type: string }[];
  const tables: StateTable[] = [];
  for (const t of list) {
    if (t.schema !== 'main' || (t.type !== 'table' && t.type !== 'virtual') || !inScope(t.name, api)) continue;
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
    const s = state.get(t.name);
    if (s === 'done' || s === 'visiting') return; // a cycle: deferred foreign keys cover it
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
  return !!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'").get();
}

/**
 * Delete every row of the given tables (children first) and their
 * AUTOINCREMENT counters, inside the caller's transaction. Foreign keys are
 * deferred to the commit, where they hold again because everything is gone.
 */
export function clearTables(db: Db, tables: StateTable[]): number {
  db.pragma('defer_foreign_keys = ON');
  let rows = 0;
  for (const t of [...tables].reverse()) rows += db.prepare(`DELETE FROM ${quoteId(t.name)}`).run().changes;
  if (tables.length && hasSequenceTable(db)) {
    db.prepare(`DELETE FROM sqlite_sequence WHERE name IN (${tables.map(() => '?').join(',')})`).run(...tables.map((t) => t.name));
  }
  return rows;
}
