import type { Migration } from './index';

/**
 * Tables of the archive import/export (prefix oic_, so reset and snapshots
 * cover them). Append new migrations; never edit shipped ones.
 *
 * `oic_archive_sources`: the entries of the archive an integration was
 * imported from (a stored zip, paths below `icspackage/`), which export
 * returns byte for byte. `oic_archive_packages`: packages imported from a
 * .par (their attributes); their integrations carry the name.
 */
export const OIC_ARCHIVE_MIGRATIONS: Migration[] = [
  {
    area: 'oic-archives',
    version: 1,
    name: 'archive sources of imported integrations, imported packages',
    sql: `
CREATE TABLE oic_archive_sources (
  integration_id TEXT PRIMARY KEY REFERENCES oic_integrations(id) ON DELETE CASCADE,
  files BLOB NOT NULL
);
CREATE TABLE oic_archive_packages (
  name TEXT PRIMARY KEY,
  imported_time TEXT NOT NULL,
  imported_by TEXT NOT NULL,
  doc TEXT NOT NULL
);
`,
  },
];
