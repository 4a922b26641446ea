/**
 * The control plane of one app instance (no HTTP): reset, snapshots, fault
 * rules, the request journal and the fixtures. Reached as `app.control`; the
 * /_emulator routes and startEmulator() both call it.
 */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import sjson from 'secure-json-parse';
import type { AppContext } from '../core/context';
import { conflict } from '../core/errors';
import { FaultRegistry, apiOfRule } from './faults';
import { RequestJournal } from './journal';
import { SnapshotError, SnapshotStore, type SnapshotMeta } from '../store/snapshots';
import { MAX_SNAPSHOT_FILE_BYTES, snapshotFromFile, snapshotToFile, type SnapshotFile } from './snapshot-file';
import { stateTables, clearTables, danglingReferences, withoutForeignKeys, type ApiScope } from '../store/state-tables';

/** Applies the configured fixtures (set once the fixture files are loaded). */
export interface FixtureApplier {
  /** Write the fixtures of an API (or all) through the stores; returns how many objects were created. */
  apply(api: ApiScope): number;
  /** Write the fixtures of one named OIC service instance (after it was emptied). */
  applyInstance(name: string): number;
  /** Write the fixtures of every named OIC service instance (after they were emptied). */
  applyInstances(): number;
  /** Read the fixture files again if they changed (true: they did; throws when one no longer reads). */
  refresh?(): boolean;
  /** Add the fixtures' in-memory identities only (after a reset restored the tables from the baseline). */
  addIdentities?(): number;
}

export interface ControlDeps {
  /** OIC rate-limit windows (in memory). */
  rateWindows: { clear(): void };
  /** Declared OAuth clients and users (in memory; fixtures add to them). */
  identities: { reset(): void };
  /** The further OIC service instances: emptied (or dropped) after the default instance's reset. */
  instances?: { afterReset(api: ApiScope): void };
}

export interface ResetResult {
  api: ApiScope;
  tables: number;
  rowsDeleted: number;
  faultsCleared: number;
  fixtureObjects: number;
  durationMs: number;
}

export interface RestoreResult extends SnapshotMeta {
  durationMs: number;
}

const ms = (t0: number) => Math.round((performance.now() - t0) * 100) / 100;

export class ControlPlane {
  readonly journal: RequestJournal;
  readonly faults: FaultRegistry;
  readonly snapshots: SnapshotStore;
  fixtures: FixtureApplier | null = null;
  /** Positions of the random generators at start-up (before fixtures): a full reset rewinds them. */
  private initialRandom: number;
  private initialIds: number;
  /** The clock at start-up: a full reset puts it back (real time, or the instant it was frozen at). */
  private initialClock: { mode: 'real' | 'manual'; at: number };
  /** Objects the fixtures wrote at start-up (what a reset from the baseline brings back). */
  private fixtureObjects = 0;

  constructor(private readonly ctx: AppContext, private readonly deps: ControlDeps) {
    this.journal = new RequestJournal(ctx.config.journalSize);
    this.faults = new FaultRegistry(() => ctx.random.next(), () => ctx.clock.nowIso());
    this.snapshots = new SnapshotStore(ctx.db);
    this.initialRandom = ctx.random.getState();
    this.initialIds = ctx.ids.getState();
    this.initialClock = { mode: ctx.clock.getMode(), at: ctx.clock.now() };
  }

  /**
   * The app is ready: remember the random generators' positions (a reset goes
   * back to them) and write the fixtures, as every reset will again.
   */
  start(fixtures: FixtureApplier | null): number {
    this.initialRandom = this.ctx.random.getState();
    this.initialIds = this.ctx.ids.getState();
    this.initialClock = { mode: this.ctx.clock.getMode(), at: this.ctx.clock.now() };
    this.fixtures = fixtures;
    const n = fixtures ? fixtures.apply('all') : 0;
    this.fixtureObjects = n;
    this.takeBaseline();
    return n;
  }

  /**
   * Keep the state right after the fixtures, so a full reset copies it back
   * (a native table copy) instead of writing every fixture again. Only when
   * that is the same thing: an in-memory database (a --db file would keep the
   * copy on disk) and a clock frozen at start-up (on real time, fixtures
   * placed "in the last N days" move with the clock).
   */
  private takeBaseline(): void {
    const { db, clock, random, ids } = this.ctx;
    if (!this.fixtures?.addIdentities || !db.memory || clock.getMode() !== 'manual') {
      this.snapshots.dropBaseline();
      return;
    }
    this.snapshots.saveBaseline({
      randomState: random.getState(),
      idsState: ids.getState(),
      clockAt: clock.now(),
      clockMode: 'manual',
      clockTime: clock.nowIso(),
      createdAt: new Date(clock.wallNow()).toISOString(),
    });
  }

  /**
   * Back to the start-up state, for one API or all: its tables emptied in one
   * transaction, in-memory state of the stores dropped (ctx.resetHooks), its
   * rate-limit windows and fault rules cleared, its fixtures written again. A
   * full reset also rewinds the random generators (same ids and outcomes as
   * after start-up), empties the request journal and puts the clock back as
   * it was at start-up (real time, or frozen at the same instant) without
   * replaying anything: the state it would replay is gone. A reset of one API
   * keeps the clock (the other API's state lives by it). Snapshots are kept.
   */
  reset(api: ApiScope = 'all'): ResetResult {
    const t0 = performance.now();
    // The files as they are now, read before anything is cleared: a broken file changes nothing.
    let changed = false;
    try {
      changed = this.fixtures?.refresh?.() ?? false;
    } catch (e) {
      throw conflict(`cannot reset: the fixture files do not read any more (${(e as Error).message}); fix them and reset again (nothing was changed)`);
    }
    if (changed) this.snapshots.dropBaseline();
    if (api === 'all' && this.fixtures?.addIdentities) {
      const fast = this.resetFromBaseline(t0);
      if (fast) return fast;
    }
    const tables = stateTables(this.ctx.db, api);
    const db = this.ctx.db;
    const rowsDeleted = withoutForeignKeys(db, () => db.transaction(() => {
      const n = clearTables(db, tables);
      // Throwing rolls the deletes back.
      const dangling = api === 'all' ? [] : danglingReferences(db, tables);
      if (dangling.length) {
        throw conflict(`cannot reset '${api}' alone: rows of ${dangling.join(', ')} still reference its data; reset all instead (nothing was changed)`);
      }
      return n;
    })());
    for (const hook of this.ctx.resetHooks) hook(api);
    this.deps.instances?.afterReset(api);
    let faultsCleared: number;
    if (api === 'all') {
      faultsCleared = this.faults.clear();
      this.journal.clear();
      this.ctx.random.setState(this.initialRandom);
      this.ctx.ids.setState(this.initialIds);
      this.ctx.clock.jump(this.initialClock.mode, this.initialClock.at);
    } else {
      faultsCleared = this.faults.clearWhere((r) => apiOfRule(r) === api);
    }
    if (api !== 'dis') {
      this.deps.rateWindows.clear();
      this.deps.identities.reset();
    }
    const fixtureObjects = this.fixtures ? this.fixtures.apply(api) : 0;
    if (api === 'all') {
      this.fixtureObjects = fixtureObjects;
      this.takeBaseline();
    }
    this.ctx.clock.poke();
    return { api, tables: tables.length, rowsDeleted, faultsCleared, fixtureObjects, durationMs: ms(t0) };
  }

  /** A full reset as a copy of the baseline (null: there is none); the same end state as writing the fixtures again. */
  private resetFromBaseline(t0: number): ResetResult | null {
    const db = this.ctx.db;
    const tables = stateTables(db, 'all');
    const restored = this.snapshots.restoreBaselineRows();
    if (!restored) return null;
    const { snap: base, rowsDeleted } = restored;
    for (const hook of this.ctx.resetHooks) hook('all');
    // Further service instances are not in the baseline: emptied (or dropped) and given their fixtures again.
    this.deps.instances?.afterReset('all');
    this.fixtures!.applyInstances();
    const faultsCleared = this.faults.clear();
    this.journal.clear();
    this.ctx.random.setState(base.randomState);
    this.ctx.ids.setState(base.idsState);
    this.ctx.clock.jump(this.initialClock.mode, this.initialClock.at);
    this.deps.rateWindows.clear();
    this.deps.identities.reset();
    this.fixtures!.addIdentities!();
    this.ctx.clock.poke();
    return { api: 'all', tables: tables.length, rowsDeleted, faultsCleared, fixtureObjects: this.fixtureObjects, durationMs: ms(t0) };
  }

  saveSnapshot(name: string, replace = false): SnapshotMeta {
    const clock = this.ctx.clock;
    return this.snapshots.save(name, {
      randomState: this.ctx.random.getState(),
      idsState: this.ctx.ids.getState(),
      clockAt: clock.now(),
      clockMode: clock.getMode(),
      clockTime: clock.nowIso(),
      createdAt: new Date(clock.wallNow()).toISOString(),
    }, replace);
  }

  /** A saved snapshot as a file (format in snapshot-file.ts). */
  exportSnapshot(name: string): SnapshotFile {
    const snap = this.snapshots.get(name);
    if (!snap) throw new SnapshotError(`snapshot '${name}' does not exist`, 'missing');
    return snapshotToFile(this.snapshots, snap);
  }

  /** Check a snapshot file strictly and keep it as a snapshot (under `name`, else the file's name); nothing is written on error. */
  importSnapshot(doc: unknown, name?: string, replace = false): SnapshotMeta {
    const { data, rows } = snapshotFromFile(doc, stateTables(this.ctx.db, 'all'), name);
    return this.snapshots.add({ ...data, imported: true }, rows, replace);
  }

  /**
   * --snapshot FILE: read, check, keep (under the file's name, replacing one
   * kept by an earlier run of a --db file) and restore it. Errors name the file.
   */
  loadSnapshotFile(file: string): SnapshotMeta {
    let doc: unknown;
    try {
      const size = fs.statSync(file).size;
      if (size > MAX_SNAPSHOT_FILE_BYTES) throw new Error(`it is ${size} bytes, over the ${MAX_SNAPSHOT_FILE_BYTES} bytes a snapshot file may have`);
      doc = sjson.parse(fs.readFileSync(file, 'utf8'), undefined, { protoAction: 'error', constructorAction: 'error' });
      const meta = this.importSnapshot(doc, undefined, true);
      this.restoreSnapshot(meta.name);
      return meta;
    } catch (e) {
      throw new Error(`--snapshot ${file}: ${(e as Error).message}`);
    }
  }

  /**
   * Bring a snapshot back: its rows (all APIs), the random generators'
   * positions, and the clock when it was frozen at the time. In-memory store
   * state is dropped first (reset hooks), as it belongs to the state replaced.
   * Fault rules, the journal and other snapshots stay.
   */
  restoreSnapshot(name: string): RestoreResult {
    const t0 = performance.now();
    const snap = this.snapshots.restoreRows(name);
    for (const hook of this.ctx.resetHooks) hook('all');
    this.deps.rateWindows.clear();
    this.ctx.random.setState(snap.randomState);
    this.ctx.ids.setState(snap.idsState);
    // The rows are those of the snapshot's instant: nothing between then and now is due again.
    if (snap.meta.clockMode === 'manual') this.ctx.clock.jump('manual', snap.clockAt);
    this.ctx.clock.poke();
    return { ...snap.meta, durationMs: ms(t0) };
  }
}
