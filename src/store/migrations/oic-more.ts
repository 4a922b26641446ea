import type { Migration } from './index';

/**
 * Two areas of tables for the rest of Oracle's OIC surface (prefix oic_, so
 * reset and snapshots cover them). Append new migrations; never edit shipped
 * ones.
 *
 * oic-audit: one row per successful design-time change (import, create,
 * update, activate, deactivate, delete...) as GET /monitoring/auditRecords
 * lists them. Rows outlive what they describe (no foreign keys): an audit
 * trail keeps the delete of an integration.
 *
 * oic-extra: what the real API has beyond the seed's model: aborted
 * instances, JavaScript libraries, certificates and the File Server's
 * folders and files (bytes kept).
 */
export const OIC_AUDIT_MIGRATIONS: Migration[] = [
  {
    area: 'oic-audit',
    version: 1,
    name: 'audit records of design-time changes',
    sql: `
CREATE TABLE oic_audit_records (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  time INTEGER NOT NULL,
  user_name TEXT NOT NULL,
  resource_type TEXT NOT NULL,
  action TEXT NOT NULL,
  resource_id TEXT NOT NULL,
  code TEXT,
  version TEXT,
  name TEXT,
  project_id TEXT
);
CREATE INDEX oic_audit_records_time ON oic_audit_records(time);
`,
  },
];

export const OIC_EXTRA_MIGRATIONS: Migration[] = [
  {
    area: 'oic-extra',
    version: 1,
    name: 'aborted instances, libraries, certificates, file server',
    sql: `
CREATE TABLE oic_extra_aborts (
  execution_id TEXT PRIMARY KEY REFERENCES oic_executions(id) ON DELETE CASCADE,
  aborted_at INTEGER NOT NULL,
  aborted_by TEXT NOT NULL
);

CREATE TABLE oic_extra_libraries (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL,
  version TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT,
  type TEXT NOT NULL,
  file_name TEXT,
  content BLOB NOT NULL,
  functions TEXT NOT NULL,
  created INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  updated INTEGER NOT NULL
);

CREATE TABLE oic_extra_certificates (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  category TEXT NOT NULL,
  description TEXT,
  file_name TEXT,
  content BLOB NOT NULL,
  created INTEGER NOT NULL,
  created_by TEXT NOT NULL
);

CREATE TABLE oic_extra_fs_entries (
  path TEXT PRIMARY KEY,
  parent TEXT,
  kind TEXT NOT NULL CHECK (kind IN ('DIRECTORY', 'FILE')),
  content BLOB,
  size INTEGER NOT NULL DEFAULT 0,
  created INTEGER NOT NULL,
  modified INTEGER NOT NULL,
  owner TEXT NOT NULL
);
CREATE INDEX oic_extra_fs_entries_parent ON oic_extra_fs_entries(parent);

-- The File Server's configuration and service states, one JSON value per key.
CREATE TABLE oic_extra_fs_settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
`,
  },
];
