import type { Migration } from './index';

/**
 * Tables of the dis-apps area (prefix dis_, so reset and snapshots treat them
 * as DIS state): what DIS applications, transfers (copy/export/import
 * requests), function libraries and external publications need beyond
 * dis_objects. Append new migrations; never edit shipped ones.
 */
export const DIS_APPS_MIGRATIONS: Migration[] = [
  {
    area: 'dis-apps',
    version: 1,
    name: 'due steps of asynchronous design objects, exported files',
    sql: `
      -- Objects kept in dis_objects whose status moves on the clock (copy,
      -- export and import requests, external publications): the instant of
      -- their next step.
      CREATE TABLE dis_object_due (
        workspace_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        scope_key TEXT NOT NULL,
        key TEXT NOT NULL,
        due_at INTEGER NOT NULL,
        PRIMARY KEY (workspace_id, kind, scope_key, key)
      );
      CREATE INDEX dis_object_due_at ON dis_object_due (due_at);

      -- The Object Storage objects export requests write and import requests
      -- read, held by the emulator (no real bucket is touched). Named by
      -- bucket and file name; tenancy and region are kept as given.
      CREATE TABLE dis_export_files (
        tenancy_id TEXT NOT NULL,
        region TEXT NOT NULL,
        bucket TEXT NOT NULL,
        file_name TEXT NOT NULL,
        workspace_id TEXT NOT NULL,
        export_key TEXT NOT NULL,
        time_created TEXT NOT NULL,
        content TEXT NOT NULL,
        PRIMARY KEY (bucket, file_name)
      );
    `,
  },
];
