/**
 * Statements prepared on first use. The stores prepare every statement they
 * might run when they are built; for a file database that is paid once, but
 * every in-memory app (one per test) and each further OIC service instance
 * builds its own stores, and most of those statements are never run there.
 * Preparing them all was most of a new instance's time and memory, so an
 * in-memory database hands out these stand-ins: same calls (run, get, all, iterate and the
 * pluck/raw/expand/safeIntegers settings), the real statement made on the
 * first call and used directly after that.
 */
import type { Statement } from 'better-sqlite3';

type Setting = 'pluck' | 'raw' | 'expand' | 'safeIntegers';

/** better-sqlite3 refuses an explicit undefined: call without the argument then. */
function apply(s: Statement, name: Setting, on: boolean | undefined): Statement {
  const fn = s[name] as (on?: boolean) => Statement;
  return on === undefined ? fn.call(s) : fn.call(s, on);
}

class LazyStatement {
  private real: Statement | undefined;
  private readonly settings: Array<[Setting, boolean | undefined]> = [];

  constructor(private readonly prepare: (sql: string) => Statement, readonly source: string) {}

  private get s(): Statement {
    if (this.real === undefined) {
      let s = this.prepare(this.source);
      for (const [name, on] of this.settings) s = apply(s, name, on);
      this.real = s;
    }
    return this.real;
  }

  run(...args: unknown[]) { return this.s.run(...args); }
  get(...args: unknown[]) { return this.s.get(...args); }
  all(...args: unknown[]) { return this.s.all(...args); }
  iterate(...args: unknown[]) { return this.s.iterate(...args); }
  bind(...args: unknown[]) { this.s.bind(...args); return this; }
  columns() { return this.s.columns(); }
  get reader() { return this.s.reader; }
  get readonly() { return this.s.readonly; }

  private set(name: Setting, on?: boolean) {
    if (this.real) apply(this.real, name, on);
    else this.settings.push([name, on]);
    return this;
  }

  pluck(on?: boolean) { return this.set('pluck', on); }
  raw(on?: boolean) { return this.set('raw', on); }
  expand(on?: boolean) { return this.set('expand', on); }
  safeIntegers(on?: boolean) { return this.set('safeIntegers', on); }
}

/** Make db.prepare hand out statements that are prepared on their first call. */
export function prepareLazily<D extends { prepare(sql: string): unknown }>(db: D): D {
  const prepare = db.prepare.bind(db) as (sql: string) => Statement;
  (db as { prepare: unknown }).prepare = (sql: string) => new LazyStatement(prepare, sql);
  return db;
}
