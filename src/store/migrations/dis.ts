import type { Migration } from './index';
import { retryTokenTable, workRequestTables } from './oci-tables';

/** Tables of the dis area (prefix: dis_). Append new migrations; never edit shipped ones. */
export const DIS_MIGRATIONS: Migration[] = [
  {
    area: 'dis',
    version: 1,
    name: 'api keys, workspaces, work requests, design objects, task runs, retry tokens, settings',
    sql: `
      -- Public keys clients sign with (registered by fixtures or POST /_emulator/dis/api-keys).
      CREATE TABLE dis_api_keys (
        fingerprint TEXT PRIMARY KEY,
        public_key TEXT NOT NULL,
        tenancy_id TEXT,
        user_id TEXT,
        label TEXT,
        time_created TEXT NOT NULL
      );

      CREATE TABLE dis_workspaces (
        id TEXT PRIMARY KEY,
        compartment_id TEXT NOT NULL,
        display_name TEXT NOT NULL,
        lifecycle_state TEXT NOT NULL,
        time_created TEXT NOT NULL,
        time_updated TEXT NOT NULL,
        etag TEXT NOT NULL,
        doc TEXT NOT NULL
      );
      CREATE INDEX dis_workspaces_compartment ON dis_workspaces (compartment_id);

      -- Asynchronous workspace operations; due_at is the next lifecycle step (clock ms).
      ${workRequestTables('dis', ['workspace_id TEXT NOT NULL', 'operation_type TEXT NOT NULL', 'action TEXT NOT NULL', 'status TEXT NOT NULL', 'outcome TEXT NOT NULL'], " DEFAULT '{}'")}

      -- Design-time objects of a workspace (projects, folders, tasks, data assets,
      -- connections, data flows, pipelines) and of an application (scope_key =
      -- application key: patches, published objects, schedules, task schedules).
      CREATE TABLE dis_objects (
        workspace_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        scope_key TEXT NOT NULL DEFAULT '',
        key TEXT NOT NULL,
        aggregator_key TEXT,
        name TEXT NOT NULL,
        identifier TEXT NOT NULL,
        model_type TEXT NOT NULL,
        object_version INTEGER NOT NULL,
        time_created TEXT NOT NULL,
        time_updated TEXT NOT NULL,
        etag TEXT NOT NULL,
        doc TEXT NOT NULL,
        PRIMARY KEY (workspace_id, kind, scope_key, key)
      );
      CREATE INDEX dis_objects_aggregator ON dis_objects (workspace_id, kind, scope_key, aggregator_key);
      CREATE INDEX dis_objects_key ON dis_objects (workspace_id, key);

      CREATE TABLE dis_task_runs (
        workspace_id TEXT NOT NULL,
        application_key TEXT NOT NULL,
        key TEXT NOT NULL,
        task_key TEXT NOT NULL,
        name TEXT NOT NULL,
        identifier TEXT NOT NULL,
        status TEXT NOT NULL,
        task_type TEXT NOT NULL,
        plan TEXT NOT NULL,
        time_created INTEGER NOT NULL,
        time_updated INTEGER NOT NULL,
        due_at INTEGER,
        etag TEXT NOT NULL,
        doc TEXT NOT NULL,
        PRIMARY KEY (workspace_id, application_key, key)
      );
      CREATE INDEX dis_task_runs_due ON dis_task_runs (due_at) WHERE due_at IS NOT NULL;
      CREATE INDEX dis_task_runs_task ON dis_task_runs (workspace_id, application_key, task_key);

      CREATE TABLE dis_task_run_logs (
        workspace_id TEXT NOT NULL,
        application_key TEXT NOT NULL,
        task_run_key TEXT NOT NULL,
        seq INTEGER NOT NULL,
        time INTEGER NOT NULL,
        message TEXT NOT NULL,
        PRIMARY KEY (workspace_id, application_key, task_run_key, seq)
      );

      -- When each enabled task schedule fires next (clock ms).
      CREATE TABLE dis_schedule_state (
        workspace_id TEXT NOT NULL,
        application_key TEXT NOT NULL,
        task_schedule_key TEXT NOT NULL,
        next_run_at INTEGER,
        last_run_at INTEGER,
        PRIMARY KEY (workspace_id, application_key, task_schedule_key)
      );
      CREATE INDEX dis_schedule_state_due ON dis_schedule_state (next_run_at) WHERE next_run_at IS NOT NULL;

      -- opc-retry-token idempotency: the first answer is replayed for the same request.
      ${retryTokenTable('dis')}

      -- Lifecycle durations and scripted outcomes (control plane).
      CREATE TABLE dis_settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE dis_scripted_outcomes (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        target TEXT NOT NULL CHECK (target IN ('taskRun', 'workRequest')),
        task_key TEXT,
        outcome TEXT NOT NULL,
        message TEXT
      );
    `,
  },
];
