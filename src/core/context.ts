/**
 * Everything an app instance owns besides HTTP: configuration, database,
 * clock and random generators. Built once per buildApp() and reached through
 * the `ctx` decorator, so two apps in one process never share state.
 */
import type { Config } from '../config';
import { Clock } from './clock';
import { Random } from './random';
import type Database from 'better-sqlite3';

/**
 * The database as the emulator uses it (opened by src/store/db.ts, the only
 * place that runs SQL). transaction(fn) has the same meaning as
 * better-sqlite3's (BEGIN ... COMMIT, ROLLBACK on a throw, a SAVEPOINT when
 * already inside one) but returns a plain function: see cheapTransactions
 * in src/store/db.ts.
 */
export type Db = Omit<Database.Database, 'transaction'> & {
  transaction<F extends (...args: any[]) => any>(fn: F): (...args: Parameters<F>) => ReturnType<F>;
};

/** Where time-driven work (the simulators' tickers) reports what it could not process. */
export type Logger = (msg: string, err?: unknown) => void;

export interface AppContext {
  config: Config;
  db: Db;
  clock: Clock;
  /** Simulated outcomes and durations. */
  random: Random;
  /** Identifiers (kept apart from `random` so new ids do not shift outcomes). */
  ids: Random;
  startedAt: number;
  /**
   * Called by /_emulator/reset for state kept outside SQLite (in-memory
   * registries). State in SQLite tables (prefix oic_ / dis_) needs no hook.
   */
  resetHooks: Array<(api: 'oic' | 'dis' | 'all') => void>;
  /** The app's log (standard error until the app gives its own). */
  log: Logger;
}

/** `db`: opened by the caller (src/store/db.ts), so the core layer depends on no store. */
export function createContext(config: Config, db: Db, clock = new Clock(), log: Logger = (msg, err) => console.error(msg, err)): AppContext {
  return {
    config,
    db,
    clock,
    random: new Random(config.seed),
    ids: new Random(config.seed ^ 0x5eed),
    startedAt: clock.wallNow(),
    resetHooks: [],
    log,
  };
}
