/**
 * Read-only queries across every integration's executions, for the real
 * monitoring API (the runtime's ExecutionStore lists one integration at a
 * time). Rows come back as the runtime's own ExecutionRecord (through the
 * store's row mapper, toRecord), so both monitoring APIs describe an
 * execution from the same row. Statements are prepared once per filter shape.
 *
 * Instances are selected by start ("creation") time in [from, to], both
 * inclusive, so a run started at the current instant is listed at once.
 */
import type { Statement } from 'better-sqlite3';
import type { AppContext } from '../../core/context';
import { toRecord, type ExecutionRecord, type ExecutionStatus } from './executions';
import type { InstanceOrder } from '../../oic/real/monitoring-q';

export interface InstanceFilter {
  from: number;
  to: number;
  code?: string;
  version?: string;
  status?: ExecutionStatus;
  projectCode?: string;
  id?: string;
  /** Tracking value at a position (0 primary, 1 secondary, 2 tertiary), or at any position. */
  tracking?: { position?: number; value: string };
  /** Executions started by this recovery job (resubmission). */
  jobId?: string;
  /** Only runs a schedule or a run-now request started (they have a run id). */
  scheduledOnly?: boolean;
  /** FAILED and not resubmitted yet: the errors a client may recover. */
  recoverableOnly?: boolean;
  /** true: only instances a client aborted; false: none of them (FAILED means failed on its own). */
  aborted?: boolean;
}

/** `failed` leaves out the `aborted` ones (the runtime completed them as FAILED). */
export interface Counts { total: number; success: number; failed: number; inProgress: number; aborted: number }

/** What history() counts per bucket (it has no in-progress count). */
export type HistoryCounts = Omit<Counts, 'inProgress' | 'aborted'>;

const ORDER_SQL: Record<InstanceOrder, string> = {
  lastupdateddate: 'COALESCE(e.end_time, e.start_time) DESC, e.seq DESC',
  creationdate: 'e.start_time DESC, e.seq DESC',
  executiontime: 'COALESCE(e.duration_ms, -1) DESC, e.seq DESC',
};

export class InstanceFinder {
  private readonly statements = new Map<string, { page: Statement; count: Statement }>();
  private readonly q;

  constructor(private readonly ctx: AppContext) {
    const db = ctx.db;
    this.q = {
      counts: db.prepare(`SELECT status, id IN (SELECT execution_id FROM oic_extra_aborts) AS aborted, COUNT(*) AS n FROM oic_executions
        WHERE integration_id = ? AND start_time >= ? AND start_time <= ? GROUP BY status, aborted`),
      history: db.prepare(`SELECT CAST((e.start_time - @from) / @interval AS INTEGER) AS bucket, COUNT(*) AS total,
        SUM(e.status = 'SUCCESS') AS success, SUM(e.status = 'FAILED') AS failed
        FROM oic_executions e JOIN oic_integrations i ON i.id = e.integration_id
        WHERE e.start_time >= @from AND e.start_time < @to AND (@code IS NULL OR i.identifier = @code) GROUP BY bucket`),
      earliest: db.prepare('SELECT MIN(start_time) AS t FROM oic_executions'),
    };
  }

  private where(f: InstanceFilter): { sql: string; key: string; params: Record<string, unknown> } {
    const where = ['e.start_time >= @from', 'e.start_time <= @to'];
    const params: Record<string, unknown> = { from: f.from, to: Number.isFinite(f.to) ? f.to : Number.MAX_SAFE_INTEGER };
    const key: string[] = [];
    const add = (name: string, sql: string, value: unknown) => {
      if (value === undefined) return;
      where.push(sql);
      params[name] = value;
      key.push(name);
    };
    add('code', 'i.identifier = @code', f.code);
    add('version', 'i.version = @version', f.version);
    add('status', 'e.status = @status', f.status);
    add('projectCode', 'i.project_id = @projectCode', f.projectCode);
    add('id', 'e.id = @id', f.id);
    add('jobId', 'e.id IN (SELECT new_execution_id FROM oic_real_resubmissions WHERE job_id = @jobId)', f.jobId);
    if (f.tracking) {
      if (f.tracking.position === undefined) add('trackingValue', 'e.seq IN (SELECT execution_seq FROM oic_execution_tracking WHERE value = @trackingValue)', f.tracking.value);
      else {
        add('trackingValue', 'e.seq IN (SELECT execution_seq FROM oic_execution_tracking WHERE value = @trackingValue AND position = @trackingPosition)', f.tracking.value);
        params.trackingPosition = f.tracking.position;
        key.push('pos');
      }
    }
    if (f.scheduledOnly) { where.push("e.source IN ('SCHEDULE', 'RUN_NOW')"); key.push('sched'); }
    if (f.aborted !== undefined) {
      where.push(`e.id ${f.aborted ? '' : 'NOT '}IN (SELECT execution_id FROM oic_extra_aborts)`);
      key.push(f.aborted ? 'aborted' : 'notAborted');
    }
    if (f.recoverableOnly) {
      where.push("e.status = 'FAILED' AND NOT EXISTS (SELECT 1 FROM oic_real_resubmissions r WHERE r.execution_id = e.id)"
        + ' AND NOT EXISTS (SELECT 1 FROM oic_extra_aborts a WHERE a.execution_id = e.id)');
      key.push('recoverable');
    }
    return { sql: `FROM oic_executions e JOIN oic_integrations i ON i.id = e.integration_id WHERE ${where.join(' AND ')}`, key: key.join(','), params };
  }

  /** A page of executions matching the filter, and how many match in all. */
  page(f: InstanceFilter, order: InstanceOrder, limit: number, offset: number): { items: ExecutionRecord[]; total: number } {
    const { sql, key, params } = this.where(f);
    const cacheKey = `${key}|${order}`;
    let st = this.statements.get(cacheKey);
    if (!st) {
      st = {
        page: this.ctx.db.prepare(`SELECT e.* ${sql} ORDER BY ${ORDER_SQL[order]} LIMIT @limit OFFSET @offset`),
        count: this.ctx.db.prepare(`SELECT COUNT(*) AS n ${sql}`),
      };
      this.statements.set(cacheKey, st);
    }
    const items = (st.page.all({ ...params, limit, offset }) as Parameters<typeof toRecord>[0][]).map(toRecord);
    const total = (st.count.get(params) as { n: number }).n;
    return { items, total };
  }

  /** Executions of one integration started in [from, to], by outcome. */
  counts(integrationId: string, from: number, to: number): Counts {
    const out: Counts = { total: 0, success: 0, failed: 0, inProgress: 0, aborted: 0 };
    for (const r of this.q.counts.all(integrationId, from, Number.isFinite(to) ? to : Number.MAX_SAFE_INTEGER) as { status: ExecutionStatus; aborted: number; n: number }[]) {
      out.total += r.n;
      if (r.aborted) out.aborted += r.n;
      else if (r.status === 'SUCCESS') out.success += r.n;
      else if (r.status === 'FAILED') out.failed += r.n;
      else out.inProgress += r.n;
    }
    return out;
  }

  /** Start of the oldest execution (or `fallback` when there is none). */
  earliestStart(fallback: number): number {
    return (this.q.earliest.get() as { t: number | null }).t ?? fallback;
  }

  /** Counts per bucket of `interval` ms from `from` (start time in [from, to)); empty buckets are absent. */
  history(from: number, to: number, interval: number, code?: string): Map<number, HistoryCounts> {
    const rows = this.q.history.all({ from, to, interval, code: code ?? null }) as Array<HistoryCounts & { bucket: number }>;
    return new Map(rows.map((r) => [r.bucket, { total: r.total, success: r.success, failed: r.failed }]));
  }
}
