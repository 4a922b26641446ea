/**
 * Everything an app instance owns besides HTTP: configuration, database,
 * clock and random generators. Built once per buildApp() and reached through
 * the `ctx` decorator, so two apps in one process never share state.
 */
import type { Config } from '../config';
import { Clock } from './clock';
import { Random } from './random';
import { openDatabase, type Db } from '../store/db';

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
}

export function createContext(config: Config, clock = new Clock()): AppContext {
  return {
    config,
    db: openDatabase(config.db),
    clock,
    random: new Random(config.seed),
    ids: new Random(config.seed ^ 0x5eed),
    startedAt: clock.wallNow(),
    resetHooks: [],
  };
}
