/**
 * Executions (OIC "instances") and their per-minute rollup.
 *
 * An execution is IN_PROGRESS with a `next_event_at` (end of the running
 * attempt, or start of the next retry) until it completes as SUCCESS or
 * FAILED. Completion adds it to oic_execution_rollup in the same statement
 * batch, so metrics computed from the rollup always equal what the executions
 * list returns. Callers (the simulator) run these inside their transaction.
 */
import type { AppContext } from '../../core/context';
import type { Statement } from 'better-sqlite3';
import { oneRow } from '../statements';

export type ExecutionStatus = 'IN_PROGRESS' | 'SUCCESS' | 'FAILED';
export type ExecutionSource = 'SCHEDULE' | 'RUN_NOW' | 'TRIGGER' | 'GENERATED';
export type Phase = 'RUNNING' | 'RETRY_WAIT';

export interface TrackingField { name: string; value: string }

/** Scripted or drawn error details of a failing attempt. */
export interface ErrorSpec {
  activity?: string;
  errorCode?: string;
  errorMessage?: string;
  errorDetails?: string;
}

/** Everything about a run decided when it starts (JSON in `plan`). */
export interface Plan {
  /** Duration (ms) of each attempt; all but the last fail, the last ends as `outcome`. */
  attempts: number[];
  retryIntervalMs: number;
  outcome: 'SUCCESS' | 'FAILED';
  error?: ErrorSpec;
  /** REST trigger: the method and resource path the client called. */
  trigger?: { method: string; path: string };
}

export interface ExecutionRecord {
  seq: number;
  id: string;
  integrationId: string;
  status: ExecutionStatus;
  source: ExecutionSource;
  startTime: number;
  endTime: number | null;
  durationMs: number | null;
  /** Attempts started so far (1 + retries). */
  attempts: number;
  phase: Phase | null;
  nextEventAt: number | null;
  scheduleId: string | null;
  requestedAt: number | null;
  tracking: TrackingField[];
  plan: Plan | null;
}

/** An execution as written: everything but the row sequence number. */
export type NewExecution = Omit<ExecutionRecord, 'seq'>;

export interface ExecutionFilter {
  status?: ExecutionStatus;
  /** Start time range, half-open [from, to). */
  from?: number;
  to?: number;
  trackingValue?: string;
}

interface Row {
  seq: number; id: string; integration_id: string; status: ExecutionStatus; source: ExecutionSource; start_time: number;
  end_time: number | null; duration_ms: number | null; attempts: number; phase: Phase | null; next_event_at: number | null;
  schedule_id: string | null; requested_at: number | null; tracking: string | null; plan: string | null;
}

export interface RollupBucket { bucket: number; total: number; success: number; failed: number; durationSum: number }

export const toRecord = (r: Row): ExecutionRecord => ({
  seq: r.seq,
  id: r.id,
  integrationId: r.integration_id,
  status: r.status,
  source: r.source,
  startTime: r.start_time,
  endTime: r.end_time,
  durationMs: r.duration_ms,
  attempts: r.attempts,
  phase: r.phase,
  nextEventAt: r.next_event_at,
  scheduleId: r.schedule_id,
  requestedAt: r.requested_at,
  tracking: r.tracking ? JSON.parse(r.tracking) : [],
  plan: r.plan ? JSON.parse(r.plan) : null,
});

export const MINUTE_MS = 60_000;

export class ExecutionStore {
  private readonly q;
  private readonly listStatements = new Map<string, { page: Statement; count: Statement }>();

  constructor(private readonly ctx: AppContext) {
    const db = ctx.db;
    this.q = {
      insert: db.prepare(`INSERT INTO oic_executions (id, integration_id, status, source, start_time, end_time, duration_ms, attempts, phase,
        next_event_at, schedule_id, requested_at, tracking, plan) VALUES (@id, @integrationId, @status, @source, @startTime, @endTime, @durationMs,
        @attempts, @phase, @nextEventAt, @scheduleId, @requestedAt, @tracking, @plan) RETURNING seq`),
      insertCompleted: db.prepare(`INSERT INTO oic_executions (id, integration_id, status, source, start_time, end_time, duration_ms, attempts, plan)
        VALUES (?, ?, ?, 'GENERATED', ?, ?, ?, ?, ?)`),
      insertTracking: db.prepare('INSERT INTO oic_execution_tracking (execution_seq, position, integration_id, value) VALUES (?, ?, ?, ?)'),
      byId: db.prepare('SELECT * FROM oic_executions WHERE id = ?'),
      bySeq: db.prepare('SELECT * FROM oic_executions WHERE seq = ?'),
      inProgress: db.prepare("SELECT COUNT(*) AS n FROM oic_executions WHERE status = 'IN_PROGRESS'"),
      integrationBusy: db.prepare("SELECT 1 FROM oic_executions WHERE integration_id = ? AND status = 'IN_PROGRESS' LIMIT 1"),
      nextEvent: db.prepare("SELECT MIN(next_event_at) AS at FROM oic_executions WHERE status = 'IN_PROGRESS'"),
      due: db.prepare("SELECT * FROM oic_executions WHERE status = 'IN_PROGRESS' AND next_event_at <= ? ORDER BY next_event_at, seq LIMIT 500"),
      progress: db.prepare('UPDATE oic_executions SET attempts = ?, phase = ?, next_event_at = ? WHERE seq = ?'),
      complete: db.prepare('UPDATE oic_executions SET status = ?, end_time = ?, duration_ms = ?, phase = NULL, next_event_at = NULL WHERE seq = ?'),
      rollupAdd: db.prepare(`INSERT INTO oic_execution_rollup (integration_id, minute, total, success, failed, duration_sum) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (integration_id, minute) DO UPDATE SET total = total + excluded.total, success = success + excluded.success,
        failed = failed + excluded.failed, duration_sum = duration_sum + excluded.duration_sum`),
      rollup: db.prepare(`SELECT CAST((minute * ${MINUTE_MS} - @start) / @interval AS INTEGER) AS bucket, SUM(total) AS total, SUM(success) AS success,
        SUM(failed) AS failed, SUM(duration_sum) AS durationSum FROM oic_execution_rollup
        WHERE integration_id = @integrationId AND minute >= @startMinute AND minute < @endMinute GROUP BY bucket`),
      rollupTotals: db.prepare(`SELECT COALESCE(SUM(total), 0) AS total, COALESCE(SUM(success), 0) AS success, COALESCE(SUM(failed), 0) AS failed
        FROM oic_execution_rollup WHERE integration_id = ? AND minute >= ? AND minute < ?`),
      inProgressIn: db.prepare(`SELECT COUNT(*) AS n FROM oic_executions WHERE integration_id = ? AND status = 'IN_PROGRESS'
        AND start_time >= ? AND start_time < ?`),
    };
  }

  insert(e: NewExecution): number {
    const { seq } = this.q.insert.get({
      ...e,
      tracking: e.tracking.length ? JSON.stringify(e.tracking) : null,
      plan: e.plan ? JSON.stringify(e.plan) : null,
    }) as { seq: number };
    e.tracking.forEach((t, i) => this.q.insertTracking.run(seq, i, e.integrationId, t.value));
    if (e.status !== 'IN_PROGRESS') this.addToRollup(e.integrationId, e.startTime, e.status, e.durationMs ?? 0);
    return seq;
  }

  get(id: string): ExecutionRecord | undefined {
    return oneRow(this.q.byId, toRecord, id);
  }

  bySeq(seq: number): ExecutionRecord | undefined {
    return oneRow(this.q.bySeq, toRecord, seq);
  }

  /** Executions IN_PROGRESS in the whole tenant (the seed's limit of 50 applies to this). */
  inProgressCount(): number {
    return (this.q.inProgress.get() as { n: number }).n;
  }

  isBusy(integrationId: string): boolean {
    return this.q.integrationBusy.get(integrationId) !== undefined;
  }

  nextEventAt(): number | null {
    return (this.q.nextEvent.get() as { at: number | null }).at;
  }

  dueEvents(now: number): ExecutionRecord[] {
    return (this.q.due.all(now) as Row[]).map(toRecord);
  }

  setProgress(seq: number, attempts: number, phase: Phase, nextEventAt: number): void {
    this.q.progress.run(attempts, phase, nextEventAt, seq);
  }

  complete(e: ExecutionRecord, status: 'SUCCESS' | 'FAILED', endTime: number): void {
    const duration = endTime - e.startTime;
    this.q.complete.run(status, endTime, duration, e.seq);
    this.addToRollup(e.integrationId, e.startTime, status, duration);
  }

  private addToRollup(integrationId: string, startTime: number, status: ExecutionStatus, duration: number): void {
    this.q.rollupAdd.run(integrationId, Math.floor(startTime / MINUTE_MS), 1, status === 'SUCCESS' ? 1 : 0, status === 'FAILED' ? 1 : 0, duration);
  }

  /** Add pre-aggregated minutes (bulk generation). */
  addRollupMinute(integrationId: string, minute: number, total: number, success: number, failed: number, durationSum: number): void {
    this.q.rollupAdd.run(integrationId, minute, total, success, failed, durationSum);
  }

  /** Bulk generation: a completed row, positional and without RETURNING (the fastest form); no rollup, no tracking. */
  insertCompleted(id: string, integrationId: string, status: 'SUCCESS' | 'FAILED', startTime: number, durationMs: number, attempts: number, plan: string | null): void {
    this.q.insertCompleted.run(id, integrationId, status, startTime, startTime + durationMs, durationMs, attempts, plan);
  }

  /** Newest first (start time, then insertion order), with the total for paging. */
  list(integrationId: string, f: ExecutionFilter, limit: number, offset: number): { items: ExecutionRecord[]; total: number } {
    const key = [f.status ? 's' : '', f.from !== undefined ? 'f' : '', f.to !== undefined ? 't' : '', f.trackingValue !== undefined ? 'k' : ''].join('');
    let st = this.listStatements.get(key);
    if (!st) {
      const where = ['e.integration_id = @integrationId'];
      if (f.status) where.push('e.status = @status');
      if (f.from !== undefined) where.push('e.start_time >= @from');
      if (f.to !== undefined) where.push('e.start_time < @to');
      // A tracking value matches few runs: drive the query from its index (CROSS JOIN keeps that order).
      const from = f.trackingValue !== undefined
        ? 'oic_execution_tracking t CROSS JOIN oic_executions e ON e.seq = t.execution_seq'
        : 'oic_executions e';
      if (f.trackingValue !== undefined) where.unshift('t.integration_id = @integrationId AND t.value = @trackingValue');
      const sql = `FROM ${from} WHERE ${where.join(' AND ')}`;
      const distinct = f.trackingValue !== undefined ? 'DISTINCT ' : '';
      st = {
        page: this.ctx.db.prepare(`SELECT ${distinct}e.* ${sql} ORDER BY e.start_time DESC, e.seq DESC LIMIT @limit OFFSET @offset`),
        count: this.ctx.db.prepare(`SELECT COUNT(${distinct}e.seq) AS n ${sql}`),
      };
      this.listStatements.set(key, st);
    }
    const params: Record<string, unknown> = { integrationId };
    if (f.status) params.status = f.status;
    if (f.from !== undefined) params.from = f.from;
    if (f.to !== undefined) params.to = f.to;
    if (f.trackingValue !== undefined) params.trackingValue = f.trackingValue;
    const items = (st.page.all({ ...params, limit, offset }) as Row[]).map(toRecord);
    const total = this.countFromRollup(integrationId, f) ?? (st.count.get(params) as { n: number }).n;
    return { items, total };
  }

  /**
   * The list's total without counting rows: completed runs from the rollup
   * (exact for whole-minute bounds) plus runs in progress. Undefined when the
   * filter needs a real count (tracking value, bounds inside a minute).
   */
  private countFromRollup(integrationId: string, f: ExecutionFilter): number | undefined {
    const whole = (t: number | undefined) => t === undefined || t % MINUTE_MS === 0;
    if (f.trackingValue !== undefined || !whole(f.from) || !whole(f.to)) return undefined;
    const from = f.from ?? -8.64e15;
    const to = f.to ?? 8.64e15;
    const inProgress = f.status === undefined || f.status === 'IN_PROGRESS' ? this.inProgressBetween(integrationId, from, to) : 0;
    if (f.status === 'IN_PROGRESS') return inProgress;
    const c = this.q.rollupTotals.get(integrationId, Math.floor(from / MINUTE_MS), Math.floor(to / MINUTE_MS)) as { total: number; success: number; failed: number };
    return f.status === 'SUCCESS' ? c.success : f.status === 'FAILED' ? c.failed : c.total + inProgress;
  }

  /**
   * Completed executions per bucket of `interval` ms from `start` (both
   * minute-aligned), for starts in [start, end). Empty buckets are absent.
   */
  rollup(integrationId: string, start: number, end: number, interval: number): RollupBucket[] {
    return this.q.rollup.all({ integrationId, start, interval, startMinute: start / MINUTE_MS, endMinute: end / MINUTE_MS }) as RollupBucket[];
  }

  inProgressBetween(integrationId: string, start: number, end: number): number {
    return (this.q.inProgressIn.get(integrationId, start, end) as { n: number }).n;
  }
}
