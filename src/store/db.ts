/**
 * Opens the SQLite database (in memory, or a file in WAL mode) and brings its
 * schema up to date. Each area of the emulator owns a list of numbered
 * migrations (src/store/migrations/*.ts); applied versions are recorded per
 * area in schema_migrations, so areas evolve independently.
 */
import Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations';
import { prepareLazily } from './lazy-statements';
import type { Db } from '../core/context';

/** The database type lives in the core layer (the app context carries it). */
export type { Db };

/**
 * better-sqlite3's db.transaction(fn) builds four wrapper functions and
 * defines five properties on each, at every call. The stores call
 * db.transaction(fn)() once per write request, and that set-up was a
 * measurable part of creating an integration over HTTP.
 * Here one transaction function is made once per connection and every
 * transaction(fn) runs fn through it: same BEGIN/COMMIT/ROLLBACK and nested
 * SAVEPOINT behaviour, none of the per-call set-up. (The .deferred/.immediate/
 * .exclusive variants are not offered; nothing here uses them, and the Db
 * type says so.)
 */
function cheapTransactions(db: Database.Database): Db {
  const inTransaction = db.transaction((fn: (...args: unknown[]) => unknown, args: unknown[]) => fn(...args));
  const patched = db as unknown as Db;
  patched.transaction = ((fn: (...args: unknown[]) => unknown) => (...args: unknown[]) => inTransaction(fn, args)) as Db['transaction'];
  return patched;
}

/**
 * Every migration applied to an empty in-memory database, as bytes: each
 * in-memory database of the process starts as a copy of it instead of running
 * the migrations' DDL again (a large part of an in-process start). Built on
 * first use; the migrations are part of the code, so it never goes stale.
 */
let memoryTemplate: Buffer | null = null;

export function openDatabase(file: string): Db {
  // In memory (tests, one app per test): a copy of the migrated template, its
  // statements prepared on first use, as for a further service instance (a
  // fresh app runs a handful of the several hundred the stores declare).
  if (file === ':memory:' || file === '') return openFromTemplate((memoryTemplate ??= schemaTemplate(() => true)));
  // A file database is opened once per process; its statements are prepared up front.
  const db = cheapTransactions(new Database(file));
  db.pragma('journal_mode = WAL');
  // NORMAL in WAL mode is durable against process crashes (what the
  // crash tests exercise); only an OS crash can lose the last commits.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db, MIGRATIONS);
  return db;
}

/**
 * An in-memory database made from a serialized one (a schema template):
 * copying the bytes costs a fraction of running the migrations again, and
 * its statements are prepared on first use (lazy-statements.ts): together
 * they make a new OIC service instance cheap (src/instances/).
 */
export function openFromTemplate(template: Buffer): Db {
  const db = prepareLazily(cheapTransactions(new Database(template)));
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}

/** A serialized empty database with the given areas' tables, for openFromTemplate. */
export function schemaTemplate(areas: (area: string) => boolean): Buffer {
  const db = cheapTransactions(new Database(':memory:'));
  try {
    migrate(db, MIGRATIONS.filter((m) => areas(m.area)));
    return db.serialize();
  } finally {
    db.close();
  }
}

/** How many rows the connection has changed so far: a reader that saw the same number saw the same data. */
export function changeCounter(db: Db): () => number {
  const total = db.prepare('SELECT total_changes()').pluck();
  return () => total.get() as number;
}

export function migrate(db: Db, migrations: Migration[]): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    area TEXT NOT NULL,
    version INTEGER NOT NULL,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL,
    PRIMARY KEY (area, version)
  )`);
  const applied = new Set(
    (db.prepare('SELECT area, version FROM schema_migrations').all() as { area: string; version: number }[]).map((r) => `${r.area}:${r.version}`),
  );
  const record = db.prepare('INSERT INTO schema_migrations (area, version, name, applied_at) VALUES (?, ?, ?, ?)');
  const pending = migrations.filter((m) => !applied.has(`${m.area}:${m.version}`));
  db.transaction(() => {
    for (const m of pending) {
      db.exec(m.sql);
      record.run(m.area, m.version, m.name, new Date().toISOString());
    }
  })();
}
