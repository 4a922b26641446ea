import type { Migration } from './index';

/**
 * Tables of the real-OIC paths (prefix oic_real_, so reset and
 * snapshots cover them). Append new migrations; never edit shipped ones.
 *
 * Only what the real API has and the seed's model does not: which failed
 * executions were resubmitted (by which recovery job, into which new
 * execution), and which stopped schedules were stopped by `pause`. Everything
 * hangs off the runtime's and design time's rows with ON DELETE CASCADE.
 */
export const REAL_OIC_MIGRATIONS: Migration[] = [
  {
    area: 'real-oic',
    version: 1,
    name: 'resubmissions of failed executions, paused schedules',
    sql: `
CREATE TABLE oic_real_resubmissions (
  execution_id TEXT PRIMARY KEY REFERENCES oic_executions(id) ON DELETE CASCADE,
  new_execution_id TEXT NOT NULL REFERENCES oic_executions(id) ON DELETE CASCADE,
  job_id TEXT NOT NULL,
  resubmitted_at INTEGER NOT NULL
);
CREATE INDEX oic_real_resubmissions_job ON oic_real_resubmissions(job_id);
CREATE INDEX oic_real_resubmissions_new ON oic_real_resubmissions(new_execution_id);

-- A schedule the runtime has STOPPED because a client paused it; valid while
-- the schedule's modifiedTime is still the one recorded here.
CREATE TABLE oic_real_schedule_pauses (
  integration_id TEXT PRIMARY KEY REFERENCES oic_integrations(id) ON DELETE CASCADE,
  schedule_modified TEXT NOT NULL
);
`,
  },
];
