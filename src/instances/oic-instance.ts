/**
 * One OIC service instance: its own SQLite database (in memory, or a file
 * next to --db), its own stores, runtime and view cache, on the app's shared
 * clock and configuration. Everything an /ic/api request touches is reached
 * through the instance the request selected (request.oic), so two instances
 * never see each other's integrations, runs or schedules.
 */
import type { Ticker } from '../core/clock';
import type { AppContext } from '../core/context';
import { Random } from '../core/random';
import { openDatabase, openFromTemplate, schemaTemplate } from '../store/db';
import { createInstanceState, type InstanceState } from './state';
import type { DisStores } from '../store/dis';
import { ViewCache } from '../oic/view-cache';
import type { LifecycleState } from '../store/oci-integration/model';
import type { InstanceFinder } from '../store/runtime/instance-finder';
import type { RealMarks } from '../store/oic/real-marks';
import type { AbortStore } from '../store/oic/aborts';

/** An instance is its stores and runtime (request.oic.integrations...) plus what the registry knows of it. */
export interface OicInstance extends InstanceState {
  readonly name: string;
  readonly ctx: AppContext;
  /** Serialized single-resource views of this instance (see src/oic/view-cache.ts). */
  readonly views: ViewCache;
  /** How it came to exist: the default (--instance-name), --instances, the control plane, or first use. */
  readonly origin: 'default' | 'configured' | 'control-plane' | 'first-use';
  /** Set when the control plane manages it: its /ic/api answers follow this state. */
  state?: LifecycleState;
  /** False while the control plane has it CREATING, stopped (INACTIVE), starting or DELETING: /ic/api answers 503. */
  available: boolean;
  /** Server time its creation took (ms; 0 for the default instance). */
  readonly setupMs: number;
  /** Positions of its random generators when it was made (emptying it rewinds them). */
  readonly initialRandom: number;
  readonly initialIds: number;
  /** Clock tickers its runtime registered (removed when it is deleted). */
  readonly tickers: readonly Ticker[];
  /** The stores the real-OIC routes use together (monitoring queries, resubmission and pause marks, aborts). */
  readonly real: { finder: InstanceFinder; marks: RealMarks; aborts: AbortStore };
}

type Parts = Omit<OicInstance, 'real'>;

/** The instance with `real`: the stores the real-OIC routes take together, not enumerable, so a spread of the instance copies each store once. */
function withReal(parts: Parts): OicInstance {
  return Object.defineProperty(parts, 'real', { value: { finder: parts.instanceFinder, marks: parts.realMarks, aborts: parts.aborts }, enumerable: false }) as OicInstance;
}

/** A seed of its own per instance (same name -> same ids and outcomes, run after run). */
function seedOf(base: number, name: string): number {
  let h = base >>> 0;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/**
 * The schema of a further instance's database, made once per process: the
 * OIC areas only (DIS and the control plane live in the main database). An
 * in-memory instance starts as a copy of it.
 */
let template: Buffer | undefined;
const OIC_AREAS = new Set(['core', 'oic', 'runtime', 'real-oic', 'oic-audit', 'oic-extra', 'oic-archives', 'oic-sia']);

function openInstanceDb(file: string) {
  if (file !== ':memory:') return openDatabase(file);
  template ??= schemaTemplate((area) => OIC_AREAS.has(area));
  return openFromTemplate(template);
}

/** The database file of a further instance: beside --db, or in memory. */
export function dbFileOf(mainDb: string, name: string): string {
  return mainDb === ':memory:' || mainDb === '' ? ':memory:' : `${mainDb}.instance-${name}.sqlite`;
}

/** The default instance: the app's own context and stores (created by buildApp). */
export function wrapDefault(ctx: AppContext, stores: InstanceState): OicInstance {
  return withReal({ ...stores, name: ctx.config.instanceName, ctx, views: new ViewCache(ctx.db), origin: 'default', available: true, tickers: [], setupMs: 0, initialRandom: ctx.random.getState(), initialIds: ctx.ids.getState() });
}

/** Build a further instance (about 3 ms: a database with the schema, prepared statements). */
export function buildInstance(app: AppContext, dis: DisStores, name: string, origin: OicInstance['origin']): OicInstance {
  const t0 = performance.now();
  const seed = seedOf(app.config.seed, name);
  const ctx: AppContext = {
    config: app.config,
    db: openInstanceDb(dbFileOf(app.config.db, name)),
    clock: app.clock,
    random: new Random(seed),
    ids: new Random(seed ^ 0x5eed),
    startedAt: app.clock.wallNow(),
    resetHooks: [],
    log: app.log,
  };
  const before = app.clock.tickerList().length;
  const stores = createInstanceState(ctx, dis);
  const tickers = app.clock.tickerList().slice(before);
  return withReal({ ...stores, name, ctx, views: new ViewCache(ctx.db), origin, available: true, tickers, setupMs: Math.round((performance.now() - t0) * 1000) / 1000, initialRandom: ctx.random.getState(), initialIds: ctx.ids.getState() });
}
