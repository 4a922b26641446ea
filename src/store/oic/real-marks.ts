/**
 * The little state the real API has beyond the seed's model (tables in
 * src/store/migrations/real-oic.ts), HTTP-free:
 *
 * - resubmissions: a failed execution resubmitted through
 *   `POST /monitoring/errors/resubmit` points at the execution that re-ran it
 *   and the recovery job that asked for it; it is then no longer an error to
 *   recover (the errors list leaves it out; resubmitting it again is refused).
 * - pauses: `schedule/pause` stops the runtime's schedule and marks it
 *   paused. The mark holds while the schedule's modifiedTime is the one it
 *   recorded, so a start or stop through any API ends it without this module
 *   hearing about it.
 */
import type { AppContext } from '../../core/context';
import { oneRow, prepareAll } from '../statements';

export interface Resubmission { executionId: string; newExecutionId: string; jobId: string; resubmittedAt: number }

interface ResubmissionRow { execution_id: string; new_execution_id: string; job_id: string; resubmitted_at: number }

const toResubmission = (r: ResubmissionRow): Resubmission => ({
  executionId: r.execution_id, newExecutionId: r.new_execution_id, jobId: r.job_id, resubmittedAt: r.resubmitted_at,
});

/** Every statement of the store, by name. */
const SQL = {
  addResubmission: 'INSERT INTO oic_real_resubmissions (execution_id, new_execution_id, job_id, resubmitted_at) VALUES (?, ?, ?, ?)',
  resubmissionOf: 'SELECT * FROM oic_real_resubmissions WHERE execution_id = ?',
  resubmittedFrom: 'SELECT * FROM oic_real_resubmissions WHERE new_execution_id = ?',
  pause: `INSERT INTO oic_real_schedule_pauses (integration_id, schedule_modified) VALUES (?, ?)
    ON CONFLICT (integration_id) DO UPDATE SET schedule_modified = excluded.schedule_modified`,
  unpause: 'DELETE FROM oic_real_schedule_pauses WHERE integration_id = ?',
  pausedAt: 'SELECT schedule_modified AS m FROM oic_real_schedule_pauses WHERE integration_id = ?',
} as const;

export class RealMarks {
  private readonly q;

  constructor(ctx: AppContext) {
    this.q = prepareAll(ctx.db, SQL);
  }

  /** Run inside the caller's transaction (with the run it records). */
  recordResubmission(r: Resubmission): void {
    this.q.addResubmission.run(r.executionId, r.newExecutionId, r.jobId, r.resubmittedAt);
  }

  resubmissionOf(executionId: string): Resubmission | undefined {
    return oneRow(this.q.resubmissionOf, toResubmission, executionId);
  }

  /** The resubmission that created this execution, if any. */
  resubmittedFrom(newExecutionId: string): Resubmission | undefined {
    return oneRow(this.q.resubmittedFrom, toResubmission, newExecutionId);
  }

  markPaused(integrationId: string, scheduleModified: string): void {
    this.q.pause.run(integrationId, scheduleModified);
  }

  clearPause(integrationId: string): void {
    this.q.unpause.run(integrationId);
  }

  isPaused(integrationId: string, scheduleModified: string): boolean {
    const r = this.q.pausedAt.get(integrationId) as { m: string } | undefined;
    return r?.m === scheduleModified;
  }
}
