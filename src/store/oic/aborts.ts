/**
 * Aborted instances (table oic_extra_aborts, area oic-extra), HTTP-free. The
 * runtime knows IN_PROGRESS, SUCCESS and FAILED only: an abort completes the
 * execution as FAILED (so counters, slots and the seed's API stay consistent)
 * and marks it here, which the real monitoring API reports as ABORTED.
 */
import type { AppContext } from '../../core/context';
import { prepareAll } from '../statements';

/** Every statement of the store, by name. */
const SQL = {
  mark: 'INSERT INTO oic_extra_aborts (execution_id, aborted_at, aborted_by) VALUES (?, ?, ?)',
  get: 'SELECT aborted_at AS at, aborted_by AS by FROM oic_extra_aborts WHERE execution_id = ?',
} as const;

export class AbortStore {
  private readonly q;

  constructor(ctx: AppContext) {
    this.q = prepareAll(ctx.db, SQL);
  }

  /** Run inside the caller's transaction (with the completion it records). */
  mark(executionId: string, at: number, by: string): void {
    this.q.mark.run(executionId, at, by);
  }

  abortOf(executionId: string): { at: number; by: string } | undefined {
    return this.q.get.get(executionId) as { at: number; by: string } | undefined;
  }
}
