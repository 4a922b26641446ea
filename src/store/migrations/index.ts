/**
 * Every area's migrations, in the order they must run. Add a migration by
 * appending to the area's own list; never edit one that has shipped.
 */
import { CORE_MIGRATIONS } from './core';

export interface Migration {
  /** The part of the emulator that owns the tables (oic, dis, runtime, ...). */
  area: string;
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [...CORE_MIGRATIONS];
