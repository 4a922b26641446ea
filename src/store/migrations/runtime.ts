import type { Migration } from './index';

/**
 * Tables of the runtime area (prefix: oic_). Append new migrations; never edit shipped ones.
 *
 * All runtime state lives here (not in memory), so reset and snapshots that
 * work on oic_* tables cover it: next run times, executions in progress with
 * the instant of their next event, runs waiting for a slot, scripted outcomes.
 * Everything hangs off oic_integrations(id) with ON DELETE CASCADE.
 * Times are epoch milliseconds (INTEGER) so the due-work queries are plain
 * index range scans.
 */
export const RUNTIME_MIGRATIONS: Migration[] = [
  {
    area: 'runtime',
    version: 1,
    name: 'schedules, executions, per-minute rollup, pending runs, outcome scripts',
    sql: `
CREATE TABLE oic_schedules (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  integration_id TEXT NOT NULL UNIQUE REFERENCES oic_integrations(id) ON DELETE CASCADE,
  status TEXT NOT NULL,            -- ACTIVE (started) | STOPPED
  next_run_at INTEGER,             -- next firing; NULL when none is left
  doc TEXT NOT NULL                -- the schedule as given + createdTime, modifiedTime, lastRunTime
);
CREATE INDEX oic_schedules_due ON oic_schedules(next_run_at) WHERE status = 'ACTIVE' AND next_run_at IS NOT NULL;

CREATE TABLE oic_executions (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  integration_id TEXT NOT NULL REFERENCES oic_integrations(id) ON DELETE CASCADE,
  status TEXT NOT NULL,            -- IN_PROGRESS | SUCCESS | FAILED
  source TEXT NOT NULL,            -- SCHEDULE | RUN_NOW | TRIGGER | GENERATED
  start_time INTEGER NOT NULL,
  end_time INTEGER,
  duration_ms INTEGER,
  attempts INTEGER NOT NULL DEFAULT 1,
  phase TEXT,                      -- while IN_PROGRESS: RUNNING | RETRY_WAIT
  next_event_at INTEGER,           -- while IN_PROGRESS: end of the attempt / start of the retry
  schedule_id TEXT,
  requested_at INTEGER,            -- when the run was due, if it had to wait for a slot
  tracking TEXT,                   -- JSON [{name, value}]
  plan TEXT                        -- JSON outcome plan; NULL = one successful attempt
);
CREATE INDEX oic_executions_by_start ON oic_executions(integration_id, start_time, seq);
CREATE INDEX oic_executions_by_status ON oic_executions(integration_id, status, start_time, seq);
CREATE INDEX oic_executions_due ON oic_executions(next_event_at) WHERE status = 'IN_PROGRESS';

-- Tracking field values, for the trackingField filter of the executions list.
CREATE TABLE oic_execution_tracking (
  execution_seq INTEGER NOT NULL,
  position INTEGER NOT NULL,
  integration_id TEXT NOT NULL REFERENCES oic_integrations(id) ON DELETE CASCADE,
  value TEXT NOT NULL,
  PRIMARY KEY (execution_seq, position)
) WITHOUT ROWID;
CREATE INDEX oic_execution_tracking_value ON oic_execution_tracking(integration_id, value);

-- Completed executions counted per integration and start minute, kept in
-- step with oic_executions on every completion: metrics read at most one row
-- per minute of their window instead of every execution.
CREATE TABLE oic_execution_rollup (
  integration_id TEXT NOT NULL REFERENCES oic_integrations(id) ON DELETE CASCADE,
  minute INTEGER NOT NULL,         -- floor(start_time / 60000)
  total INTEGER NOT NULL,
  success INTEGER NOT NULL,
  failed INTEGER NOT NULL,
  duration_sum INTEGER NOT NULL,
  PRIMARY KEY (integration_id, minute)
) WITHOUT ROWID;

-- Runs that are due but cannot start yet: the tenant is at its limit of
-- in-progress executions (reason SLOT), or the schedule does not run
-- concurrently and the previous run is still going (reason SERIAL).
CREATE TABLE oic_pending_runs (
  seq INTEGER PRIMARY KEY,
  integration_id TEXT NOT NULL REFERENCES oic_integrations(id) ON DELETE CASCADE,
  schedule_id TEXT,
  source TEXT NOT NULL,
  requested_at INTEGER NOT NULL,
  serial INTEGER NOT NULL,         -- 1: wait until the integration has no run in progress
  tracking TEXT
);
CREATE INDEX oic_pending_runs_integration ON oic_pending_runs(integration_id);

-- Scripted outcomes (consumed first in, first out) and per-integration knobs.
CREATE TABLE oic_outcome_scripts (
  integration_id TEXT PRIMARY KEY REFERENCES oic_integrations(id) ON DELETE CASCADE,
  outcomes TEXT NOT NULL,          -- JSON array of outcome objects
  failure_rate REAL,
  min_duration_ms INTEGER,
  max_duration_ms INTEGER
);

-- The last activation of each integration the runtime has taken into account
-- (to apply configuration.schedule and restart the schedule's clock).
CREATE TABLE oic_runtime_activations (
  integration_id TEXT PRIMARY KEY REFERENCES oic_integrations(id) ON DELETE CASCADE,
  activated_time TEXT NOT NULL
);
`,
  },
  {
    area: 'runtime',
    version: 2,
    name: 'index of active integrations for the activation check',
    // The scheduler looks for unseen activations after every OIC write; without
    // this it would scan every integration, and creating the 10,000th
    // integration would cost ~50x the first.
    sql: `CREATE INDEX oic_integrations_active ON oic_integrations(activated_time) WHERE status = 'ACTIVE';`,
  },
];
