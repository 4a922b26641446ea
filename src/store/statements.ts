/**
 * The two things every store does with SQL, written once: prepare its
 * statements from a table of SQL text kept at the top of its module (so a
 * reader sees all of a store's SQL in one place), and read one row mapped to
 * a record, or undefined when there is none.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from '../core/context';

export type Statements<K extends string> = { [k in K]: Statement };

/** Each SQL text of `sql` prepared on `db`, under the same name. */
export function prepareAll<K extends string>(db: Db, sql: { readonly [k in K]: string }): Statements<K> {
  const out = {} as Statements<K>;
  for (const name of Object.keys(sql) as K[]) out[name] = db.prepare(sql[name]);
  return out;
}

/** The row `statement` returns for `args`, mapped by `toRecord`; undefined when there is none. */
export function oneRow<R, T>(statement: Statement, toRecord: (row: R) => T, ...args: unknown[]): T | undefined {
  const row = statement.get(...args) as R | undefined;
  return row === undefined ? undefined : toRecord(row);
}

/** The reads every OCI resource table has: one by id and all of a compartment, each row with its rowid as `seq` (creation order). */
export function compartmentReads(db: Db, table: string): Statements<'get' | 'byCompartment'> {
  return {
    get: db.prepare(`SELECT rowid AS seq, * FROM ${table} WHERE id = ?`),
    byCompartment: db.prepare(`SELECT rowid AS seq, * FROM ${table} WHERE compartment_id = ?`),
  };
}
