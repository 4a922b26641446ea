/**
 * Named snapshots of the whole emulator state.
 *
 * Stores hold prepared statements on the one database connection, so the
 * connection is never swapped. Instead one more database is attached to it
 * (schema `oie_snapshots`): in memory for an in-memory emulator (attached on
 * first use), the file `<db>.snapshots` beside a `--db` file (attached at
 * start-up, so snapshots survive a restart). A snapshot is a copy
 * of every state table (oic_*, dis_*) in there: `CREATE TABLE ... AS SELECT`
 * to save, `INSERT ... SELECT` to restore, both native copies inside one
 * transaction. One attachment serves every snapshot (SQLite allows only ten).
 * A snapshot also keeps AUTOINCREMENT counters, the random generators'
 * positions and the clock, so a restored scenario replays the same way;
 * those are kept in the index table `oie_snapshots.snapshot_index`.
 */
import type { Db } from './db';
import { stateTables, clearTables, hasSequenceTable, quoteId, statement, withoutForeignKeys, type StateTable } from './state-tables';

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
  /** Came from a file: its rows' references are checked when restored. */
  imported?: boolean;
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
  private baseline: SnapshotData | null = null;
  private nextId = 1;

  constructor(private readonly db: Db) {
    if (!db.memory) {
      this.attach();
      this.loadIndex();
    }
  }

  /** Snapshots kept in the attached file by an earlier run (a --db file). */
  private loadIndex(): void {
    const rows = this.db.prepare(`SELECT name, id, data FROM ${SNAPSHOT_SCHEMA}.snapshot_index ORDER BY id`).all() as { name: string; id: number; data: string }[];
    for (const r of rows) {
      const d = JSON.parse(r.data) as Omit<SnapshotData, 'id' | 'sequences'> & { sequences: { name: string; seq: string }[] };
      this.snapshots.set(r.name, { ...d, id: r.id, sequences: d.sequences.map((q) => ({ name: q.name, seq: BigInt(q.seq) })) });
      this.nextId = Math.max(this.nextId, r.id + 1);
    }
  }

  private writeIndex(snap: SnapshotData): void {
    const { id, sequences, ...rest } = snap;
    const data = JSON.stringify({ ...rest, sequences: sequences.map((q) => ({ name: q.name, seq: String(q.seq) })) });
    this.db.prepare(`INSERT INTO ${SNAPSHOT_SCHEMA}.snapshot_index (name, id, data) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET id = excluded.id, data = excluded.data`).run(snap.meta.name, id, data);
  }

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
    this.db.transaction(() => {
      this.dropTables(snap);
      this.db.prepare(`DELETE FROM ${SNAPSHOT_SCHEMA}.snapshot_index WHERE name = ?`).run(name);
    })();
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
    const old = this.checkNew(name, replace);
    const snap = this.capture(name, extras, (taken) => {
      if (old) this.dropTables(old);
      this.writeIndex(taken);
    });
    this.snapshots.set(name, snap);
    return { ...snap.meta };
  }

  /**
   * The state right after the fixtures were written at start-up, kept apart
   * from the named snapshots (not listed, not persisted): a full reset copies
   * it back instead of writing the fixtures again.
   */
  saveBaseline(extras: CapturedExtras): void {
    const old = this.baseline;
    this.baseline = this.capture('(baseline)', extras, () => {
      if (old) this.dropTables(old);
    });
  }

  dropBaseline(): void {
    if (!this.baseline) return;
    const old = this.baseline;
    this.baseline = null;
    this.db.transaction(() => this.dropTables(old))();
  }

  /** Put the baseline's rows back (null: there is none); with the number of rows the state had before. */
  restoreBaselineRows(): { snap: SnapshotData; rowsDeleted: number } | null {
    if (!this.baseline) return null;
    return { snap: this.baseline, rowsDeleted: this.restoreData(this.baseline) };
  }

  /** Copy every state table into new snapshot tables, in one transaction with `within`. */
  private capture(name: string, extras: CapturedExtras, within: (snap: SnapshotData) => void): SnapshotData {
    this.attach();
    const id = this.nextId++;
    const tables = stateTables(this.db, 'all').filter((t) => t.columns.length > 0);
    const meta: SnapshotMeta = { name, createdAt: extras.createdAt, clockTime: extras.clockTime, clockMode: extras.clockMode, tables: tables.length, rows: 0 };
    const snap: SnapshotData = { meta, id, tables, sequences: [], randomState: extras.randomState, idsState: extras.idsState, clockAt: extras.clockAt };
    this.db.transaction(() => {
      for (const t of tables) {
        const copy = this.copyName(id, t);
        this.db.exec(`CREATE TABLE ${copy} AS SELECT ${t.columns.map(quoteId).join(', ')} FROM main.${quoteId(t.name)}`);
        meta.rows += (this.db.prepare(`SELECT count(*) AS n FROM ${copy}`).get() as { n: number }).n;
      }
      const names = tables.map((t) => t.name);
      snap.sequences = names.length && hasSequenceTable(this.db)
        ? (this.db.prepare(`SELECT name, seq FROM main.sqlite_sequence WHERE name IN (${names.map(() => '?').join(',')})`).safeIntegers(true).all(...names) as { name: string; seq: unknown }[])
        : [];
      within(snap);
    })();
    return snap;
  }

  /** The snapshot a new one of this name would replace (undefined: none); throws when it may not be made. */
  checkNew(name: string, replace: boolean): SnapshotData | undefined {
    if (typeof name !== 'string' || !SNAPSHOT_NAME.test(name)) {
      throw new SnapshotError(`snapshot name '${name}' is invalid: use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit`, 'invalid');
    }
    const old = this.snapshots.get(name);
    if (old && !replace) throw new SnapshotError(`snapshot '${name}' already exists; delete it first or send "replace": true`, 'exists');
    if (!old && this.snapshots.size >= MAX_SNAPSHOTS) throw new SnapshotError(`at most ${MAX_SNAPSHOTS} snapshots are kept; delete one first`, 'full');
    return old;
  }

  /** Every row of a snapshot's copy of a table, as arrays in the table's column order (integers as BigInt, exact to 64 bits). */
  rowsOf(snap: SnapshotData, t: StateTable): unknown[][] {
    return this.db.prepare(`SELECT ${t.columns.map(quoteId).join(', ')} FROM ${this.copyName(snap.id, t)}`).raw().safeIntegers(true).all() as unknown[][];
  }

  /**
   * Add a snapshot from checked data (a snapshot file): its tables are
   * created and filled in one transaction, so a failure leaves nothing.
   */
  add(data: Omit<SnapshotData, 'id'>, rows: Map<string, unknown[][]>, replace: boolean): SnapshotMeta {
    const old = this.checkNew(data.meta.name, replace);
    this.attach();
    const snap: SnapshotData = { ...data, id: this.nextId++ };
    this.db.transaction(() => {
      for (const t of snap.tables) {
        const copy = this.copyName(snap.id, t);
        this.db.exec(`CREATE TABLE ${copy} (${t.columns.map(quoteId).join(', ')})`);
        const put = this.db.prepare(`INSERT INTO ${copy} VALUES (${t.columns.map(() => '?').join(', ')})`);
        for (const r of rows.get(t.name) ?? []) put.run(...r);
      }
      if (old) this.dropTables(old);
      this.writeIndex(snap);
    })();
    this.snapshots.set(snap.meta.name, snap);
    return { ...snap.meta };
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
    this.restoreData(snap);
    return snap;
  }

  /** Replace every state table's rows with a snapshot's, in one transaction (on failure nothing changes); returns the rows deleted. */
  private restoreData(snap: SnapshotData): number {
    const name = snap.meta.name;
    // The snapshot was consistent when taken and replaces every state table, so
    // foreign keys need no row-by-row checking on the way back.
    return withoutForeignKeys(this.db, () => this.db.transaction(() => {
      // Tables of now, not of the snapshot: a table created since (tests, benchmarks) is emptied too.
      const deleted = clearTables(this.db, stateTables(this.db, 'all'));
      for (const t of snap.tables) {
        const cols = t.columns.map(quoteId).join(', ');
        // Prepared per restore: cached statements would outlive deleted snapshots.
        this.db.prepare(`INSERT INTO main.${quoteId(t.name)} (${cols}) SELECT ${cols} FROM ${this.copyName(snap.id, t)}`).run();
      }
      if (snap.sequences.length) {
        const put = statement(this.db, 'INSERT INTO main.sqlite_sequence (name, seq) VALUES (?, ?)');
        for (const s of snap.sequences) put.run(s.name, s.seq);
      }
      if (snap.imported) {
        const broken = this.db.pragma('main.foreign_key_check') as { table: string; parent: string }[];
        if (broken.length) {
          throw new SnapshotError(`snapshot '${name}' (imported from a file) has ${broken.length} row(s) referencing missing rows (first: ${broken[0].table} -> ${broken[0].parent}); nothing was restored`, 'invalid');
        }
      }
      return deleted;
    })());
  }

  private attach(): void {
    if (this.attached) return;
    this.db.prepare(`ATTACH DATABASE ? AS ${SNAPSHOT_SCHEMA}`).run(this.db.memory ? ':memory:' : `${this.db.name}.snapshots`);
    this.db.exec(`CREATE TABLE IF NOT EXISTS ${SNAPSHOT_SCHEMA}.snapshot_index (name TEXT PRIMARY KEY, id INTEGER NOT NULL, data TEXT NOT NULL)`);
    this.attached = true;
  }

  private copyName(id: number, t: StateTable): string {
    return `${SNAPSHOT_SCHEMA}.${quoteId(`s${id}_${t.name}`)}`;
  }

  private dropTables(snap: SnapshotData): void {
    for (const t of snap.tables) this.db.exec(`DROP TABLE IF EXISTS ${this.copyName(snap.id, t)}`);
  }
}
