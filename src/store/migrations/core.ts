import type { Migration } from './index';

/** Tables shared by every API: emulator metadata. */
export const CORE_MIGRATIONS: Migration[] = [
  {
    area: 'core',
    version: 1,
    name: 'emulator metadata',
    sql: `CREATE TABLE emulator_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);`,
  },
];
