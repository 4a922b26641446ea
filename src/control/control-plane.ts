/**
 * The control plane of one app instance (no HTTP): reset, snapshots, fault
 * rules, the request journal and the fixtures. Reached as `app.control`; the
 * /_emulator routes and startEmulator() both call it.
 */
import { performance } from 'node:perf_hooks';
import type { AppContext } from '../core/context';
import { conflict } from '../core/errors';
import { FaultRegistry, apiOfRule } from './faults';
import { RequestJournal } from './journal';
import { SnapshotStore, type SnapshotMeta } from './snapshots';
import { stateTables, clearTables, danglingReferences, withoutForeignKeys, type ApiScope } from './tables';

/** Applies the configured fixtures (set once the fixture files are loaded). */
export interface FixtureApplier {
  /** Write the fixtures of an API (or all) through the stores; returns how many objects were created. */
  apply(api: ApiScope): number;
  /** Write the fixtures of one named OIC service instance (after it was emptied). */
  applyInstance(name: string): number;
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

  constructor(private readonly ctx: AppContext, private readonly deps: ControlDeps) {
    this.journal = new RequestJournal(ctx.config.journalSize);
    this.faults = new FaultRegistry(() => ctx.random.next(), () => ctx.clock.nowIso());
    this.snapshots = new SnapshotStore(ctx.db);
    this.initialRandom = ctx.random.getState();
    this.initialIds = ctx.ids.getState();
  }

  /**
   * The app is ready: remember the random generators' positions (a reset goes
   * back to them) and write the fixtures, as every reset will again.
   */
  start(fixtures: FixtureApplier | null): number {
    this.initialRandom = this.ctx.random.getState();
    this.initialIds = this.ctx.ids.getState();
    this.fixtures = fixtures;
    return fixtures ? fixtures.apply('all') : 0;
  }

  /**
   * Back to the start-up state, for one API or all: its tables emptied in one
   * transaction, in-memory state of the stores dropped (ctx.resetHooks), its
   * rate-limit windows and fault rules cleared, its fixtures written again. A
   * full reset also rewinds the random generators (same ids and outcomes as
   * after start-up) and empties the request journal. Snapshots and the clock
   * are kept.
   */
  reset(api: ApiScope = 'all'): ResetResult {
    const t0 = performance.now();
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
    } else {
      faultsCleared = this.faults.clearWhere((r) => apiOfRule(r) === api);
    }
    if (api !== 'dis') {
      this.deps.rateWindows.clear();
      this.deps.identities.reset();
    }
    const fixtureObjects = this.fixtures ? this.fixtures.apply(api) : 0;
    this.ctx.clock.poke();
    return { api, tables: tables.length, rowsDeleted, faultsCleared, fixtureObjects, durationMs: ms(t0) };
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
    if (snap.meta.clockMode === 'manual') this.ctx.clock.setManual(snap.clockAt);
    this.ctx.clock.poke();
    return { ...snap.meta, durationMs: ms(t0) };
  }
}
