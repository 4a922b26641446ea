/**
 * Schedules (when) and task schedules (what: a published task, on a schedule)
 * of an application. An enabled task schedule has a next firing instant in
 * dis_schedule_state; src/sim/dis-simulation.ts starts a task run at each.
 */
import type { AppContext } from '../../core/context';
import { badRequest, incorrectState } from '../../core/errors';
import type { ListQuery, ListResult } from './common';
import type { Actor, DesignObjects, ListFilter } from './design';
import { RULES } from './kinds';
import type { DisApplications } from './applications';
import type { DisObject, Doc } from './objects';
import type { DisTaskRuns } from './task-runs';
import { checkFrequency, nextFireTime, type FrequencyDetails } from '../../core/dis-frequencies';
import { checkTimeZone } from '../../core/time-zones';

export interface ScheduleStateRow {
  workspace_id: string;
  application_key: string;
  task_schedule_key: string;
  next_run_at: number | null;
  last_run_at: number | null;
}

export class DisSchedules {
  private readonly sql;

  constructor(private readonly ctx: AppContext, private readonly applications: DisApplications, private readonly design: DesignObjects, private readonly taskRuns: DisTaskRuns) {
    const db = ctx.db;
    this.sql = {
      upsert: db.prepare(`INSERT INTO dis_schedule_state (workspace_id, application_key, task_schedule_key, next_run_at, last_run_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (workspace_id, application_key, task_schedule_key) DO UPDATE SET next_run_at = excluded.next_run_at, last_run_at = COALESCE(excluded.last_run_at, last_run_at)`),
      get: db.prepare('SELECT * FROM dis_schedule_state WHERE workspace_id = ? AND application_key = ? AND task_schedule_key = ?'),
      remove: db.prepare('DELETE FROM dis_schedule_state WHERE workspace_id = ? AND application_key = ? AND task_schedule_key = ?'),
      nextDue: db.prepare('SELECT MIN(next_run_at) AS at FROM dis_schedule_state WHERE next_run_at IS NOT NULL'),
      due: db.prepare('SELECT * FROM dis_schedule_state WHERE next_run_at IS NOT NULL AND next_run_at <= ? ORDER BY next_run_at, rowid'),
    };
  }

  // ---- schedules

  private checkSchedule(body: Doc): void {
    if (body.frequencyDetails !== undefined) checkFrequency(body.frequencyDetails);
    if (body.timezone !== undefined) checkTimeZone(String(body.timezone));
  }

  createSchedule(workspaceId: string, applicationKey: string, body: Doc, actor: Actor): DisObject {
    return this.ctx.db.transaction(() => {
      this.applications.requireApplication(workspaceId, applicationKey, true);
      this.checkSchedule(body);
      return this.design.create(RULES.schedule, workspaceId, { timezone: 'UTC', isDaylightAdjustmentEnabled: false, ...body }, actor, { scopeKey: applicationKey, parent: null });
    })();
  }

  getSchedule(workspaceId: string, applicationKey: string, key: string): DisObject {
    this.applications.requireApplication(workspaceId, applicationKey, false);
    return this.design.require(RULES.schedule, workspaceId, key, applicationKey);
  }

  listSchedules(workspaceId: string, applicationKey: string, filter: ListFilter & { types?: string[] }, q: ListQuery): ListResult<DisObject> {
    this.applications.requireApplication(workspaceId, applicationKey, false);
    const page = this.design.list(RULES.schedule, workspaceId, filter, { ...q, offset: 0, limit: Number.MAX_SAFE_INTEGER }, applicationKey);
    const items = page.items.filter((s) => !filter.types?.length || filter.types.includes(s.doc.frequencyDetails?.modelType));
    return { items: items.slice(q.offset, q.offset + q.limit), total: items.length };
  }

  updateSchedule(workspaceId: string, applicationKey: string, key: string, body: Doc, actor: Actor, ifMatch?: string): DisObject {
    const updated = this.ctx.db.transaction(() => {
      this.applications.requireApplication(workspaceId, applicationKey, true);
      this.checkSchedule(body);
      const schedule = this.design.update(RULES.schedule, workspaceId, key, body, actor, { scopeKey: applicationKey, ifMatch });
      // Task schedules on this schedule fire on the new times from now on.
      for (const ts of this.taskSchedulesOf(workspaceId, applicationKey, key)) this.plan(ts, this.ctx.clock.now());
      return schedule;
    })();
    this.ctx.clock.poke();
    return updated;
  }

  deleteSchedule(workspaceId: string, applicationKey: string, key: string, ifMatch?: string): void {
    this.ctx.db.transaction(() => {
      this.applications.requireApplication(workspaceId, applicationKey, true);
      const users = this.taskSchedulesOf(workspaceId, applicationKey, key);
      if (users.length) throw incorrectState(`Schedule ${key} is used by task schedule(s) ${users.map((u) => u.key).join(', ')}; delete or re-point them first`);
      this.design.delete(RULES.schedule, workspaceId, key, { scopeKey: applicationKey, ifMatch });
    })();
  }

  private taskSchedulesOf(workspaceId: string, applicationKey: string, scheduleKey: string): DisObject[] {
    return this.design.objects.list(workspaceId, 'taskSchedule', applicationKey).filter((t) => t.doc.scheduleRef?.key === scheduleKey);
  }

  // ---- task schedules

  /** scheduleRef names a schedule of the application; the aggregator is the published task. */
  private resolveTaskSchedule(workspaceId: string, applicationKey: string, body: Doc, current?: DisObject): { schedule: DisObject | null; taskKey: string } {
    const refKey = body.scheduleRef?.key ?? current?.doc.scheduleRef?.key;
    let schedule: DisObject | null = null;
    if (body.scheduleRef !== undefined || current) {
      if (!refKey) throw badRequest('scheduleRef.key is required: the key of a schedule of this application', { code: 'MissingParameter' });
      schedule = this.design.get(RULES.schedule, workspaceId, refKey, applicationKey);
      if (!schedule) throw badRequest(`scheduleRef.key '${refKey}' is not a schedule of application ${applicationKey}`, { code: 'RelatedResourceNotAuthorizedOrNotFound' });
    }
    const taskKey = body.registryMetadata?.aggregatorKey ?? current?.aggregatorKey;
    if (!taskKey) throw badRequest('registryMetadata.aggregatorKey is required: the key of the published task to schedule', { code: 'MissingParameter' });
    if (!this.design.get(RULES.publishedObject, workspaceId, taskKey, applicationKey)) {
      throw badRequest(`registryMetadata.aggregatorKey '${taskKey}' is not a task published in application ${applicationKey}`, { code: 'RelatedResourceNotAuthorizedOrNotFound' });
    }
    if (body.startTimeMillis !== undefined && body.endTimeMillis !== undefined && body.endTimeMillis !== null && body.endTimeMillis <= body.startTimeMillis) {
      throw badRequest('endTimeMillis must be after startTimeMillis');
    }
    return { schedule, taskKey };
  }

  createTaskSchedule(workspaceId: string, applicationKey: string, body: Doc, actor: Actor): DisObject {
    const created = this.ctx.db.transaction(() => {
      this.applications.requireApplication(workspaceId, applicationKey, true);
      const { schedule, taskKey } = this.resolveTaskSchedule(workspaceId, applicationKey, body);
      const task = this.design.get(RULES.publishedObject, workspaceId, taskKey, applicationKey)!;
      const ts = this.design.create(RULES.taskSchedule, workspaceId, { isEnabled: true, isConcurrentAllowed: false, isBackfillEnabled: false, authMode: 'OBO', ...body }, actor, {
        scopeKey: applicationKey,
        parent: null,
        extra: { scheduleRef: schedule?.doc ?? null, lastRunDetails: null },
      });
      // The aggregator of a task schedule is the published task it runs.
      const row = this.design.objects.update({ ...ts, aggregatorKey: task.key, doc: { ...ts.doc, metadata: { ...ts.doc.metadata, aggregatorKey: task.key } } });
      this.plan(row, this.ctx.clock.now());
      return row;
    })();
    this.ctx.clock.poke();
    return created;
  }

  getTaskSchedule(workspaceId: string, applicationKey: string, key: string): DisObject {
    this.applications.requireApplication(workspaceId, applicationKey, false);
    return this.withState(this.design.require(RULES.taskSchedule, workspaceId, key, applicationKey));
  }

  listTaskSchedules(workspaceId: string, applicationKey: string, filter: ListFilter & { isEnabled?: boolean; types?: string[] }, q: ListQuery): ListResult<DisObject> {
    this.applications.requireApplication(workspaceId, applicationKey, false);
    const all = this.design.list(RULES.taskSchedule, workspaceId, filter, { ...q, offset: 0, limit: Number.MAX_SAFE_INTEGER }, applicationKey).items;
    const items = all.filter((t) => (filter.isEnabled === undefined || t.doc.isEnabled === filter.isEnabled) && (!filter.types?.length || filter.types.includes(t.doc.scheduleRef?.frequencyDetails?.modelType)));
    return { items: items.slice(q.offset, q.offset + q.limit).map((t) => this.withState(t)), total: items.length };
  }

  updateTaskSchedule(workspaceId: string, applicationKey: string, key: string, body: Doc, actor: Actor, ifMatch?: string): DisObject {
    const updated = this.ctx.db.transaction(() => {
      this.applications.requireApplication(workspaceId, applicationKey, true);
      const current = this.design.require(RULES.taskSchedule, workspaceId, key, applicationKey);
      const { schedule, taskKey } = this.resolveTaskSchedule(workspaceId, applicationKey, body, current);
      const ts = this.design.update(RULES.taskSchedule, workspaceId, key, body, actor, { scopeKey: applicationKey, ifMatch, extra: { scheduleRef: schedule?.doc ?? null } });
      const row = this.design.objects.update({ ...ts, aggregatorKey: taskKey, doc: { ...ts.doc, metadata: { ...ts.doc.metadata, aggregatorKey: taskKey } } });
      this.plan(row, this.ctx.clock.now());
      return this.withState(row);
    })();
    this.ctx.clock.poke();
    return updated;
  }

  deleteTaskSchedule(workspaceId: string, applicationKey: string, key: string, ifMatch?: string): void {
    this.ctx.db.transaction(() => {
      this.applications.requireApplication(workspaceId, applicationKey, true);
      this.design.delete(RULES.taskSchedule, workspaceId, key, { scopeKey: applicationKey, ifMatch });
      this.sql.remove.run(workspaceId, applicationKey, key);
    })();
  }

  /**
   * The task schedule as returned: scheduleRef fresh, nextRunTimeMillis from
   * the plan (the summary's field), and the retry count under both names the
   * SDK uses: numberOfRetries in the details and the summary, retryAttempts in
   * the full TaskSchedule (the answer keeps the one its model declares).
   */
  private withState(ts: DisObject): DisObject {
    const state = this.sql.get.get(ts.workspaceId, ts.scopeKey, ts.key) as ScheduleStateRow | undefined;
    const schedule = ts.doc.scheduleRef?.key ? this.design.get(RULES.schedule, ts.workspaceId, ts.doc.scheduleRef.key, ts.scopeKey) : null;
    return { ...ts, doc: { ...ts.doc, scheduleRef: schedule?.doc ?? ts.doc.scheduleRef ?? null, nextRunTimeMillis: state?.next_run_at ?? null, retryAttempts: ts.doc.numberOfRetries } };
  }

  /** Compute (or clear) when a task schedule fires next, after `after`. */
  plan(ts: DisObject, after: number): number | null {
    const doc = ts.doc;
    const schedule = doc.scheduleRef?.key ? this.design.get(RULES.schedule, ts.workspaceId, doc.scheduleRef.key, ts.scopeKey) : null;
    let next: number | null = null;
    const freq = schedule?.doc.frequencyDetails as FrequencyDetails | undefined;
    if (doc.isEnabled !== false && freq) {
      const start = typeof doc.startTimeMillis === 'number' ? doc.startTimeMillis : null;
      const from = start !== null ? Math.max(after, start - 1) : after;
      next = nextFireTime(freq, String(schedule!.doc.timezone ?? 'UTC'), from, start ?? Date.parse(ts.timeCreated));
      if (next !== null && typeof doc.endTimeMillis === 'number' && next > doc.endTimeMillis) next = null;
    }
    this.sql.upsert.run(ts.workspaceId, ts.scopeKey, ts.key, next, null);
    return next;
  }

  // ---- firing (driven by the simulator)

  nextDue(): number | null {
    return (this.sql.nextDue.get() as { at: number | null }).at;
  }

  dueRows(until: number): ScheduleStateRow[] {
    return this.sql.due.all(until) as ScheduleStateRow[];
  }

  /** A clock jump without replay: task schedules due by `at` are planned from `at` on (missed firings are not run). */
  skipTo(at: number): void {
    for (const state of this.dueRows(at)) {
      const ts = this.design.get(RULES.taskSchedule, state.workspace_id, state.task_schedule_key, state.application_key);
      if (ts) this.plan(ts, at);
      else this.sql.remove.run(state.workspace_id, state.application_key, state.task_schedule_key);
    }
  }

  /** Fire a due task schedule at its instant: start a run (unless one is still going and concurrency is off), then plan the next. */
  fire(state: ScheduleStateRow): void {
    const at = state.next_run_at!;
    const ts = this.design.get(RULES.taskSchedule, state.workspace_id, state.task_schedule_key, state.application_key);
    if (!ts) {
      this.sql.remove.run(state.workspace_id, state.application_key, state.task_schedule_key);
      return;
    }
    const task = ts.aggregatorKey ? this.design.get(RULES.publishedObject, ts.workspaceId, ts.aggregatorKey, ts.scopeKey) : null;
    let lastRun = ts.doc.lastRunDetails ?? null;
    const busy = ts.doc.isConcurrentAllowed === false && ts.aggregatorKey && this.taskRuns.hasActiveRun(ts.workspaceId, ts.scopeKey, ts.aggregatorKey);
    if (task && !busy) {
      const run = this.taskRuns.insert(ts.workspaceId, ts.scopeKey, task, { configProvider: ts.doc.configProviderDelegate ?? undefined }, { id: 'task-schedule' }, {
        taskSchedule: { key: ts.key, name: ts.name, identifier: ts.identifier, modelType: ts.modelType, expectedDuration: ts.doc.expectedDuration ?? null, expectedDurationUnit: ts.doc.expectedDurationUnit ?? null },
      });
      lastRun = { key: run.doc.key, name: run.doc.name, identifier: run.doc.identifier, modelType: 'TASK_RUN', lastRunTimeMillis: at };
    }
    const updated = this.design.objects.update({ ...ts, doc: { ...ts.doc, lastRunDetails: lastRun } });
    this.sql.upsert.run(ts.workspaceId, ts.scopeKey, ts.key, null, at);
    this.plan(updated, at);
  }
}
