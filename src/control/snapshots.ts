/**
 * Named snapshots of the whole emulator state, kept in memory.
 *
 * Stores hold prepared statements on the one database connection, so the
 * connection is never swapped: a snapshot copies the rows of every state table
 * (oic_*, dis_*) out of it, and a restore writes them back into the same
 * connection in one transaction (delete all, insert all, foreign keys checked at
 * commit). Rows are read raw with 64-bit-safe integers so nothing is lost in
 * the round trip. A snapshot also keeps the random generators' positions and
 * the clock (when frozen), so a restored scenario replays the same way.
 */
import type { Db } from '../store/db';
import { stateTables, clearTables, hasSequenceTable, quoteId, type StateTable } from './tables';

export interface SnapshotMeta {
  name: string;
  createdAt: string;
  /** The emulator clock when the snapshot was taken. */
  clockTime: string;
  clockMode: 'real' | 'manual';
  tables: number;
  rows: number;
}

export interface SnapshotData {
  meta: SnapshotMeta;
  tables: { table: StateTable; rows: unknown[][] }[];
  sequences: { name: string; seq: unknown }[];
  randomState: number;
  idsState: number;
  clockAt: number;
}

export class SnapshotError extends Error {
  constructor(message: string, readonly reason: 'invalid' | 'exists' | 'missing' | 'full') {
    super(message);
  }
}

export const SNAPSHOT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const MAX_SNAPSHOTS = 100;
/** Rows per multi-row INSERT: fewer native calls, far below SQLite's variable limit. */
const BATCH_ROWS = 64;

export interface CapturedExtras {
  randomState: number;
  idsState: number;
  clockAt: number;
  clockMode: 'real' | 'manual';
  clockTime: string;
  createdAt: string;
}

export class SnapshotStore {
  private readonly snapshots = new Map<string, SnapshotData>();

  constructor(private readonly db: Db) {}

  list(): SnapshotMeta[] {
    return [...this.snapshots.values()].map((s) => ({ ...s.meta }));
  }

  get(name: string): SnapshotData | undefined {
    return this.snapshots.get(name);
  }

  has(name: string): boolean {
    return this.snapshots.has(name);
  }

  remove(name: string): boolean {
    return this.snapshots.delete(name);
  }

  clear(): void {
    this.snapshots.clear();
  }

  /** Copy the state tables into a new snapshot. */
  save(name: string, extras: CapturedExtras, replace = false): SnapshotMeta {
    if (typeof name !== 'string' || !SNAPSHOT_NAME.test(name)) {
      throw new SnapshotError(`snapshot name '${name}' is invalid: use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit`, 'invalid');
    }
    if (this.snapshots.has(name) && !replace) throw new SnapshotError(`snapshot '${name}' already exists; delete it first or send "replace": true`, 'exists');
    if (!this.snapshots.has(name) && this.snapshots.size >= MAX_SNAPSHOTS) throw new SnapshotError(`at most ${MAX_SNAPSHOTS} snapshots are kept; delete one first`, 'full');
    const data = this.db.transaction(() => {
      const tables = stateTables(this.db, 'all').map((table) => ({
        table,
        rows: table.columns.length
          ? (this.db.prepare(`SELECT ${table.columns.map(quoteId).join(', ')} FROM ${quoteId(table.name)}`).raw(true).safeIntegers(true).all() as unknown[][])
          : [],
      }));
      const names = tables.map((t) => t.table.name);
      const sequences = names.length && hasSequenceTable(this.db)
        ? (this.db.prepare(`SELECT name, seq FROM sqlite_sequence WHERE name IN (${names.map(() => '?').join(',')})`).safeIntegers(true).all(...names) as { name: string; seq: unknown }[])
        : [];
      return { tables, sequences };
    })();
    const meta: SnapshotMeta = {
      name,
      createdAt: extras.createdAt,
      clockTime: extras.clockTime,
      clockMode: extras.clockMode,
      tables: data.tables.length,
      rows: data.tables.reduce((n, t) => n + t.rows.length, 0),
    };
    this.snapshots.set(name, { meta, ...data, randomState: extras.randomState, idsState: extras.idsState, clockAt: extras.clockAt });
    return { ...meta };
  }

  /**
   * Put a snapshot's rows back (all APIs), in one transaction: on any failure
   * the database is left as it was. Returns the snapshot for the caller to
   * restore the non-SQL parts (random positions, clock).
   */
  restoreRows(name: string): SnapshotData {
    const snap = this.snapshots.get(name);
    if (!snap) {
      const known = [...this.snapshots.keys()];
      throw new SnapshotError(`snapshot '${name}' does not exist${known.length ? `; existing: ${known.join(', ')}` : ' (none saved yet)'}`, 'missing');
    }
    this.db.transaction(() => {
      // Tables of now, not of the snapshot: a table created since (tests, benchmarks) is emptied too.
      clearTables(this.db, stateTables(this.db, 'all'));
      for (const { table, rows } of snap.tables) insertRows(this.db, table, rows);
      if (snap.sequences.length) {
        const put = this.db.prepare('INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)');
        for (const s of snap.sequences) put.run(s.name, s.seq);
      }
    })();
    return snap;
  }
}

function insertRows(db: Db, table: StateTable, rows: unknown[][]): void {
  if (!rows.length) return;
  const cols = table.columns.map(quoteId).join(', ');
  const tuple = `(${table.columns.map(() => '?').join(', ')})`;
  const batch = Math.max(1, Math.min(BATCH_ROWS, Math.floor(30_000 / table.columns.length)));
  const full = db.prepare(`INSERT INTO ${quoteId(table.name)} (${cols}) VALUES ${Array(batch).fill(tuple).join(', ')}`);
  let i = 0;
  for (; i + batch <= rows.length; i += batch) full.run(...rows.slice(i, i + batch).flat());
  if (i < rows.length) {
    const rest = rows.slice(i);
    db.prepare(`INSERT INTO ${quoteId(table.name)} (${cols}) VALUES ${Array(rest.length).fill(tuple).join(', ')}`).run(...rest.flat());
  }
}
