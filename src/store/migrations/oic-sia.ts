import type { Migration } from './index';

/**
 * Tables of connection attachments and service-instance archives (prefix
 * oic_, so reset and snapshots cover them). Append new migrations; never
 * edit shipped ones.
 *
 * `oic_connection_attachments`: files uploaded for a connection property
 * (a WSDL, a zip of schemas), returned byte for byte; gone with the
 * connection. `oic_connection_refreshes`: when a connection's metadata was
 * last refreshed. `oic_sia_jobs`: export/import jobs of a service
 * instance's design-time metadata (an import keeps the archive it applies).
 * `oic_sia_archives`: exported archives by file name, the emulator's
 * stand-in for the Object Storage bucket Oracle writes them to.
 */
export const OIC_SIA_MIGRATIONS: Migration[] = [
  {
    area: 'oic-sia',
    version: 1,
    name: 'connection attachments and refreshes, service-instance archive jobs and archives',
    sql: `
CREATE TABLE oic_connection_attachments (
  connection_id TEXT NOT NULL REFERENCES oic_connections(id) ON DELETE CASCADE,
  prop_name TEXT NOT NULL,
  file_name TEXT,
  service_wsdl TEXT,
  size INTEGER NOT NULL,
  uploaded_time TEXT NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (connection_id, prop_name)
);
CREATE TABLE oic_connection_refreshes (
  connection_id TEXT PRIMARY KEY REFERENCES oic_connections(id) ON DELETE CASCADE,
  refreshed_time TEXT NOT NULL
);
CREATE TABLE oic_sia_jobs (
  job_id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('EXPORT', 'IMPORT')),
  job_name TEXT NOT NULL,
  status TEXT NOT NULL,
  created_time TEXT NOT NULL,
  due_at INTEGER,
  doc TEXT NOT NULL,
  archive BLOB,
  UNIQUE (kind, job_name)
);
CREATE TABLE oic_sia_archives (
  archive_file TEXT PRIMARY KEY,
  job_id TEXT,
  ready_at INTEGER NOT NULL,
  created_time TEXT NOT NULL,
  size INTEGER NOT NULL,
  data BLOB NOT NULL
);
`,
  },
];
