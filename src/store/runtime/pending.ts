/**
 * Runs that are due but cannot start yet (oic_pending_runs): the tenant has
 * its 50 executions in progress (they wait for a slot instead of being lost),
 * or a schedule with runConcurrently=false still has its previous run going.
 * Started first in, first out.
 */
import type { AppContext } from '../../core/context';
import type { ExecutionSource, TrackingField } from './executions';

export interface PendingRun {
  seq: number;
  integrationId: string;
  scheduleId: string | null;
  source: ExecutionSource;
  requestedAt: number;
  /** Wait until the integration has no run in progress. */
  serial: boolean;
  tracking: TrackingField[];
}

interface Row { seq: number; integration_id: string; schedule_id: string | null; source: ExecutionSource; requested_at: number; serial: number; tracking: string | null }

const toRun = (r: Row): PendingRun => ({
  seq: r.seq,
  integrationId: r.integration_id,
  scheduleId: r.schedule_id,
  source: r.source,
  requestedAt: r.requested_at,
  serial: r.serial === 1,
  tracking: r.tracking ? JSON.parse(r.tracking) : [],
});

export class PendingRunStore {
  private readonly q;

  constructor(ctx: AppContext, maxInProgress: number) {
    const db = ctx.db;
    this.q = {
      add: db.prepare('INSERT INTO oic_pending_runs (integration_id, schedule_id, source, requested_at, serial, tracking) VALUES (?, ?, ?, ?, ?, ?)'),
      forSchedule: db.prepare('SELECT 1 FROM oic_pending_runs WHERE schedule_id = ? LIMIT 1'),
      // Runs of ACTIVE integrations, oldest first.
      all: db.prepare(`SELECT p.* FROM oic_pending_runs p JOIN oic_integrations i ON i.id = p.integration_id
        WHERE i.status = 'ACTIVE' ORDER BY p.seq`),
      // The oldest run that could start right now, if any.
      startable: db.prepare(`SELECT MIN(p.requested_at) AS at FROM oic_pending_runs p JOIN oic_integrations i ON i.id = p.integration_id
        WHERE i.status = 'ACTIVE'
          AND (SELECT COUNT(*) FROM oic_executions WHERE status = 'IN_PROGRESS') < ${maxInProgress}
          AND (p.serial = 0 OR NOT EXISTS (SELECT 1 FROM oic_executions e WHERE e.integration_id = p.integration_id AND e.status = 'IN_PROGRESS'))`),
      remove: db.prepare('DELETE FROM oic_pending_runs WHERE seq = ?'),
      removeBefore: db.prepare('DELETE FROM oic_pending_runs WHERE integration_id = ? AND requested_at < ?'),
      count: db.prepare('SELECT COUNT(*) AS n FROM oic_pending_runs WHERE integration_id = ?'),
    };
  }

  add(run: Omit<PendingRun, 'seq'>): void {
    this.q.add.run(run.integrationId, run.scheduleId, run.source, run.requestedAt, run.serial ? 1 : 0, run.tracking.length ? JSON.stringify(run.tracking) : null);
  }

  hasForSchedule(scheduleId: string): boolean {
    return this.q.forSchedule.get(scheduleId) !== undefined;
  }

  list(): PendingRun[] {
    return (this.q.all.all() as Row[]).map(toRun);
  }

  anyStartable(): boolean {
    return (this.q.startable.get() as { at: number | null }).at !== null;
  }

  remove(seq: number): void {
    this.q.remove.run(seq);
  }

  /** Drop runs requested before an instant (a re-activation starts afresh). */
  removeBefore(integrationId: string, at: number): void {
    this.q.removeBefore.run(integrationId, at);
  }

  countFor(integrationId: string): number {
    return (this.q.count.get(integrationId) as { n: number }).n;
  }
}
