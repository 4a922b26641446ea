/**
 * Named snapshots of the whole emulator state.
 *
 * Stores hold prepared statements on the one database connection, so the
 * connection is never swapped. Instead one in-memory database is attached to
 * it (schema `oie_snapshots`, attached on first use), and a snapshot is a copy
 * of every state table (oic_*, dis_*) in there: `CREATE TABLE ... AS SELECT`
 * to save, `INSERT ... SELECT` to restore, both native copies inside one
 * transaction. One attachment serves every snapshot (SQLite allows only ten).
 * A snapshot also keeps AUTOINCREMENT counters, the random generators'
 * positions and the clock, so a restored scenario replays the same way.
 */
import type { Db } from '../store/db';
import { stateTables, clearTables, hasSequenceTable, quoteId, statement, withoutForeignKeys, type StateTable } from './tables';

export const SNAPSHOT_SCHEMA = 'oie_snapshots';

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
  /** Internal number: the snapshot's tables are oie_snapshots."s<id>_<table>". */
  id: number;
  tables: StateTable[];
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
  private attached = false;
  private nextId = 1;

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
    const snap = this.snapshots.get(name);
    if (!snap) return false;
    this.db.transaction(() => this.dropTables(snap))();
    this.snapshots.delete(name);
    return true;
  }

  clear(): number {
    const n = this.snapshots.size;
    for (const name of [...this.snapshots.keys()]) this.remove(name);
    return n;
  }

  /** Copy the state tables into a new snapshot (replacing one of the same name when asked). */
  save(name: string, extras: CapturedExtras, replace = false): SnapshotMeta {
    if (typeof name !== 'string' || !SNAPSHOT_NAME.test(name)) {
      throw new SnapshotError(`snapshot name '${name}' is invalid: use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit`, 'invalid');
    }
    const old = this.snapshots.get(name);
    if (old && !replace) throw new SnapshotError(`snapshot '${name}' already exists; delete it first or send "replace": true`, 'exists');
    if (!old && this.snapshots.size >= MAX_SNAPSHOTS) throw new SnapshotError(`at most ${MAX_SNAPSHOTS} snapshots are kept; delete one first`, 'full');
    this.attach();
    const id = this.nextId++;
    const tables = stateTables(this.db, 'all').filter((t) => t.columns.length > 0);
    const { rows, sequences } = this.db.transaction(() => {
      let rows = 0;
      for (const t of tables) {
        const copy = this.copyName(id, t);
        this.db.exec(`CREATE TABLE ${copy} AS SELECT ${t.columns.map(quoteId).join(', ')} FROM main.${quoteId(t.name)}`);
        rows += (this.db.prepare(`SELECT count(*) AS n FROM ${copy}`).get() as { n: number }).n;
      }
      const names = tables.map((t) => t.name);
      const sequences = names.length && hasSequenceTable(this.db)
        ? (this.db.prepare(`SELECT name, seq FROM main.sqlite_sequence WHERE name IN (${names.map(() => '?').join(',')})`).safeIntegers(true).all(...names) as { name: string; seq: unknown }[])
        : [];
      if (old) this.dropTables(old);
      return { rows, sequences };
    })();
    const meta: SnapshotMeta = { name, createdAt: extras.createdAt, clockTime: extras.clockTime, clockMode: extras.clockMode, tables: tables.length, rows };
    this.snapshots.set(name, { meta, id, tables, sequences, randomState: extras.randomState, idsState: extras.idsState, clockAt: extras.clockAt });
    return { ...meta };
  }

  /**
   * Put a snapshot's rows back (all APIs) in one transaction: on any failure
   * the database is left as it was. Returns the snapshot for the caller to
   * restore the rest (random positions, clock).
   */
  restoreRows(name: string): SnapshotData {
    const snap = this.snapshots.get(name);
    if (!snap) {
      const known = [...this.snapshots.keys()];
      throw new SnapshotError(`snapshot '${name}' does not exist${known.length ? `; existing: ${known.join(', ')}` : ' (none saved yet)'}`, 'missing');
    }
    // The snapshot was consistent when taken and replaces every state table, so
    // foreign keys need no row-by-row checking on the way back.
    withoutForeignKeys(this.db, () => this.db.transaction(() => {
      // Tables of now, not of the snapshot: a table created since (tests, benchmarks) is emptied too.
      clearTables(this.db, stateTables(this.db, 'all'));
      for (const t of snap.tables) {
        const cols = t.columns.map(quoteId).join(', ');
        // Prepared per restore: cached statements would outlive deleted snapshots.
        this.db.prepare(`INSERT INTO main.${quoteId(t.name)} (${cols}) SELECT ${cols} FROM ${this.copyName(snap.id, t)}`).run();
      }
      if (snap.sequences.length) {
        const put = statement(this.db, 'INSERT INTO main.sqlite_sequence (name, seq) VALUES (?, ?)');
        for (const s of snap.sequences) put.run(s.name, s.seq);
      }
    })());
    return snap;
  }

  private attach(): void {
    if (this.attached) return;
    this.db.exec(`ATTACH DATABASE ':memory:' AS ${SNAPSHOT_SCHEMA}`);
    this.attached = true;
  }

  private copyName(id: number, t: StateTable): string {
    return `${SNAPSHOT_SCHEMA}.${quoteId(`s${id}_${t.name}`)}`;
  }

  private dropTables(snap: SnapshotData): void {
    for (const t of snap.tables) this.db.exec(`DROP TABLE IF EXISTS ${this.copyName(snap.id, t)}`);
  }
}
