/**
 * Schedules: at most one per integration, STARTED (status ACTIVE) or STOPPED.
 *
 * Rules: frequency or icalExpression (not both), a valid IANA zone, endTime
 * after startTime, a recurrence that fires at least once. `next_run_at` is
 * the next firing instant, recomputed on every change and after every
 * firing; the scheduler (src/sim/scheduler.ts) fires it only while the
 * integration is ACTIVE. Mutating methods run in one transaction.
 */
import type { AppContext } from '../../core/context';
import { badRequest, conflict, notFound } from '../../core/errors';
import { compileRecurrence, type Recurrence } from '../../core/recurrence';
import { oneRow } from '../statements';
import { prepareAll } from '../statements';

export interface ScheduleParameter { name: string; value: string }

/** What a client sends (create: all optional but a frequency or rule; update: a patch). */
export interface ScheduleInput {
  name?: string;
  description?: string;
  frequency?: string;
  interval?: number;
  icalExpression?: string;
  startTime?: string;
  endTime?: string | null;
  timeZone?: string;
  isActive?: boolean;
  runConcurrently?: boolean;
  parameters?: ScheduleParameter[];
}

export interface ScheduleDoc {
  name: string;
  description?: string;
  frequency: string | null;
  interval: number;
  icalExpression: string | null;
  startTime: string;
  endTime: string | null;
  timeZone: string;
  runConcurrently: boolean;
  parameters: ScheduleParameter[];
  createdTime: string;
  modifiedTime: string;
  lastRunTime: string | null;
  /** Firings skipped because a non-concurrent schedule already had a run waiting. */
  skippedRuns?: number;
}

export type ScheduleStatus = 'ACTIVE' | 'STOPPED';

export interface ScheduleRecord {
  id: string;
  integrationId: string;
  status: ScheduleStatus;
  /** Epoch ms of the next firing, or null when none is left (or stopped). */
  nextRunAt: number | null;
  doc: ScheduleDoc;
}

interface Row { id: string; integration_id: string; status: ScheduleStatus; next_run_at: number | null; doc: string }

const toRecord = (r: Row): ScheduleRecord => ({ id: r.id, integrationId: r.integration_id, status: r.status, nextRunAt: r.next_run_at, doc: JSON.parse(r.doc) });

export function recurrenceOf(doc: ScheduleDoc): Recurrence {
  return compileRecurrence({
    frequency: doc.frequency,
    interval: doc.interval,
    icalExpression: doc.icalExpression,
    startTime: Date.parse(doc.startTime),
    endTime: doc.endTime === null ? null : Date.parse(doc.endTime),
    timeZone: doc.timeZone,
  });
}

/** Every statement of the store, by name. */
const SQL = {
  byId: 'SELECT * FROM oic_schedules WHERE id = ?',
  byIntegration: 'SELECT * FROM oic_schedules WHERE integration_id = ?',
  insert: "INSERT INTO oic_schedules (id, integration_id, status, next_run_at, doc) VALUES ('', ?, ?, ?, ?) RETURNING seq",
  setId: 'UPDATE oic_schedules SET id = ? WHERE seq = ?',
  update: 'UPDATE oic_schedules SET status = ?, next_run_at = ?, doc = ? WHERE id = ?',
  setNext: 'UPDATE oic_schedules SET next_run_at = ? WHERE id = ?',
  delete: 'DELETE FROM oic_schedules WHERE id = ?',
  deletePending: 'DELETE FROM oic_pending_runs WHERE schedule_id = ?',
  // Schedules that fire: started, with a next run, of an ACTIVE integration.
  nextDue: `SELECT MIN(s.next_run_at) AS at FROM oic_schedules s JOIN oic_integrations i ON i.id = s.integration_id
    WHERE s.status = 'ACTIVE' AND s.next_run_at IS NOT NULL AND i.status = 'ACTIVE'`,
  due: `SELECT s.* FROM oic_schedules s JOIN oic_integrations i ON i.id = s.integration_id
    WHERE s.status = 'ACTIVE' AND s.next_run_at IS NOT NULL AND s.next_run_at <= ? AND i.status = 'ACTIVE' ORDER BY s.next_run_at, s.seq`,
} as const;

export class ScheduleStore {
  private readonly q;

  constructor(private readonly ctx: AppContext) {
    this.q = prepareAll(ctx.db, SQL);
  }

  get(id: string): ScheduleRecord | undefined {
    return oneRow(this.q.byId, toRecord, id);
  }

  require(id: string): ScheduleRecord {
    const rec = this.get(id);
    if (!rec) throw notFound(`Schedule with ID '${id}' was not found`);
    return rec;
  }

  ofIntegration(integrationId: string): ScheduleRecord | undefined {
    return oneRow(this.q.byIntegration, toRecord, integrationId);
  }

  requireOfIntegration(integrationId: string): ScheduleRecord {
    const rec = this.ofIntegration(integrationId);
    if (!rec) throw notFound(`Integration '${integrationId}' has no schedule; create one with POST /ic/api/integration/v1/integrations/${encodeURIComponent(integrationId)}/schedule`);
    return rec;
  }

  /** First firing after `from` (exclusive), or null. */
  nextAfter(doc: ScheduleDoc, from: number): number | null {
    return recurrenceOf(doc).nextAtOrAfter(from + 1);
  }

  create(integrationId: string, input: ScheduleInput, defaultName: string): ScheduleRecord {
    return this.ctx.db.transaction(() => {
      const existing = this.ofIntegration(integrationId);
      if (existing) {
        throw conflict(`Integration '${integrationId}' already has a schedule (${existing.id}); change it with PUT /ic/api/integration/v1/schedules/${existing.id} or delete it first`);
      }
      const now = this.ctx.clock.nowIso();
      const doc = this.buildDoc({
        name: defaultName,
        frequency: null,
        interval: 1,
        icalExpression: null,
        startTime: now,
        endTime: null,
        timeZone: 'UTC',
        runConcurrently: false,
        parameters: [],
        createdTime: now,
        modifiedTime: now,
        lastRunTime: null,
      }, input, true);
      const status: ScheduleStatus = input.isActive === false ? 'STOPPED' : 'ACTIVE';
      const next = status === 'ACTIVE' ? this.nextAfter(doc, this.ctx.clock.now()) : null;
      const { seq } = this.q.insert.get(integrationId, status, next, JSON.stringify(doc)) as { seq: number };
      const id = `SCHEDULE_${String(seq).padStart(3, '0')}`;
      this.q.setId.run(id, seq);
      return this.get(id)!;
    })();
  }

  /** Apply a patch; the recurrence restarts from now. */
  update(id: string, input: ScheduleInput): ScheduleRecord {
    return this.ctx.db.transaction(() => {
      const rec = this.require(id);
      const doc = this.buildDoc({ ...rec.doc, modifiedTime: this.ctx.clock.nowIso() }, input, false);
      const status: ScheduleStatus = input.isActive === undefined ? rec.status : input.isActive ? 'ACTIVE' : 'STOPPED';
      const next = status === 'ACTIVE' ? this.nextAfter(doc, this.ctx.clock.now()) : null;
      this.q.update.run(status, next, JSON.stringify(doc), id);
      return this.get(id)!;
    })();
  }

  delete(id: string): void {
    this.ctx.db.transaction(() => {
      this.require(id);
      this.q.deletePending.run(id);
      this.q.delete.run(id);
    })();
  }

  setStatus(id: string, status: ScheduleStatus): ScheduleRecord {
    return this.ctx.db.transaction(() => {
      const rec = this.require(id);
      const next = status === 'ACTIVE' ? this.nextAfter(rec.doc, this.ctx.clock.now()) : null;
      this.q.update.run(status, next, JSON.stringify({ ...rec.doc, modifiedTime: this.ctx.clock.nowIso() }), id);
      return this.get(id)!;
    })();
  }

  /** After a firing at `at`: record it (or count it as skipped) and move to the following occurrence. */
  fired(rec: ScheduleRecord, at: number, skipped: boolean): void {
    const doc = skipped ? { ...rec.doc, skippedRuns: (rec.doc.skippedRuns ?? 0) + 1 } : { ...rec.doc, lastRunTime: new Date(at).toISOString() };
    this.q.update.run(rec.status, this.nextAfter(rec.doc, at), JSON.stringify(doc), rec.id);
  }

  /** Restart the recurrence from an instant (an activation): missed occurrences are not run. */
  restartFrom(rec: ScheduleRecord, from: number): void {
    this.q.setNext.run(rec.status === 'ACTIVE' ? this.nextAfter(rec.doc, from) : null, rec.id);
  }

  /** Stop a schedule whose rule cannot be evaluated any more (never expected; keeps the clock moving). */
  park(id: string): void {
    this.q.setNext.run(null, id);
  }

  nextDue(): number | null {
    return (this.q.nextDue.get() as { at: number | null }).at;
  }

  due(now: number): ScheduleRecord[] {
    return (this.q.due.all(now) as Row[]).map(toRecord);
  }

  private buildDoc(base: ScheduleDoc, input: ScheduleInput, creating: boolean): ScheduleDoc {
    const doc: ScheduleDoc = { ...base };
    if (input.frequency !== undefined && input.icalExpression !== undefined) {
      throw badRequest('Give either frequency or icalExpression, not both');
    }
    if (input.frequency !== undefined) { doc.frequency = input.frequency; doc.icalExpression = null; }
    if (input.icalExpression !== undefined) { doc.icalExpression = input.icalExpression; doc.frequency = null; doc.interval = 1; }
    if (input.interval !== undefined) doc.interval = input.interval;
    if (input.name !== undefined) doc.name = input.name;
    if (input.description !== undefined) doc.description = input.description;
    if (input.startTime !== undefined) doc.startTime = new Date(Date.parse(input.startTime)).toISOString();
    if (input.endTime !== undefined) doc.endTime = input.endTime === null ? null : new Date(Date.parse(input.endTime)).toISOString();
    if (input.timeZone !== undefined) doc.timeZone = input.timeZone;
    if (input.runConcurrently !== undefined) doc.runConcurrently = input.runConcurrently;
    if (input.parameters !== undefined) doc.parameters = input.parameters.map((p) => ({ name: p.name, value: p.value }));
    if (!Number.isInteger(doc.interval) || doc.interval < 1 || doc.interval > 1000) throw badRequest(`interval must be an integer from 1 to 1000, got ${doc.interval}`);
    if (creating && doc.frequency === null && doc.icalExpression === null) throw badRequest('frequency or icalExpression is required');
    if (doc.icalExpression !== null && doc.interval !== 1) throw badRequest('interval applies to frequency only; put INTERVAL=n in the icalExpression');
    // Validates zone, range and rule (400 naming the field).
    recurrenceOf(doc);
    return doc;
  }
}
