/**
 * Task runs of published tasks. A run moves on the clock
 *   NOT_STARTED -> QUEUED -> RUNNING -> SUCCESS | ERROR
 * and a cancel (PUT {"status":"TERMINATING"}) takes it to TERMINATING -> TERMINATED.
 * Its outcome, duration and counters are decided when it is created (a
 * scripted outcome first, else the seeded generator), so runs replay the same
 * way for the same seed. src/sim/dis-simulation.ts moves the due runs.
 * Times are epoch milliseconds, as in the real TaskRun model.
 */
import type { AppContext } from '../../core/context';
import { badRequest, incorrectState, notFound } from '../../core/errors';
import { etagOf, sortAndPage, type ListQuery, type ListResult } from './common';
import { details, newTaskRunDoc, parseFilter, summary } from './task-run-doc';
import type { Actor, DesignObjects } from './design';
import { RULES } from './kinds';
import type { DisApplications } from './applications';
import type { DisObject, Doc } from './objects';
import type { DisSettings } from './settings';
import { checkEtag } from './workspaces';

export type TaskRunStatus = 'NOT_STARTED' | 'QUEUED' | 'RUNNING' | 'TERMINATING' | 'TERMINATED' | 'SUCCESS' | 'ERROR';
const ACTIVE: TaskRunStatus[] = ['NOT_STARTED', 'QUEUED', 'RUNNING', 'TERMINATING'];

/** Decided at creation: how the run will end. */
interface Plan {
  outcome: 'SUCCESS' | 'ERROR';
  runningMs: number;
  message: string | null;
  records: number;
  bytes: number;
}

export interface TaskRunRow {
  seq: number;
  workspace_id: string;
  application_key: string;
  key: string;
  task_key: string;
  name: string;
  identifier: string;
  status: TaskRunStatus;
  task_type: string;
  plan: string;
  time_created: number;
  time_updated: number;
  due_at: number | null;
  etag: string;
  doc: string;
}

export interface TaskRunRecord {
  doc: Doc;
  etag: string;
}

export interface TaskRunFilter {
  keys?: string[];
  aggregatorKey?: string;
  name?: string;
  identifiers?: string[];
  nameStartsWith?: string;
  nameContains?: string;
  filter?: string[];
}


export class DisTaskRuns {
  private readonly sql;

  constructor(private readonly ctx: AppContext, private readonly applications: DisApplications, private readonly design: DesignObjects, private readonly settings: DisSettings) {
    const db = ctx.db;
    this.sql = {
      insert: db.prepare(`INSERT INTO dis_task_runs (workspace_id, application_key, key, task_key, name, identifier, status, task_type, plan, time_created, time_updated, due_at, etag, doc)
        VALUES (@workspaceId, @applicationKey, @key, @taskKey, @name, @identifier, @status, @taskType, @plan, @timeCreated, @timeUpdated, @dueAt, @etag, @doc)`),
      get: db.prepare('SELECT rowid AS seq, * FROM dis_task_runs WHERE workspace_id = ? AND application_key = ? AND key = ?'),
      list: db.prepare('SELECT rowid AS seq, * FROM dis_task_runs WHERE workspace_id = ? AND application_key = ?'),
      update: db.prepare('UPDATE dis_task_runs SET status = @status, time_updated = @timeUpdated, due_at = @dueAt, etag = @etag, doc = @doc WHERE workspace_id = @workspaceId AND application_key = @applicationKey AND key = @key'),
      remove: db.prepare('DELETE FROM dis_task_runs WHERE workspace_id = ? AND application_key = ? AND key = ?'),
      nextDue: db.prepare('SELECT MIN(due_at) AS at FROM dis_task_runs WHERE due_at IS NOT NULL'),
      due: db.prepare('SELECT rowid AS seq, * FROM dis_task_runs WHERE due_at IS NOT NULL AND due_at <= ? ORDER BY due_at, rowid'),
      addLog: db.prepare(`INSERT INTO dis_task_run_logs (workspace_id, application_key, task_run_key, seq, time, message)
        VALUES (@workspaceId, @applicationKey, @key, (SELECT COALESCE(MAX(seq), 0) + 1 FROM dis_task_run_logs WHERE workspace_id = @workspaceId AND application_key = @applicationKey AND task_run_key = @key), @time, @message)`),
      logs: db.prepare('SELECT seq, time, message FROM dis_task_run_logs WHERE workspace_id = ? AND application_key = ? AND task_run_key = ?'),
      active: db.prepare("SELECT 1 FROM dis_task_runs WHERE workspace_id = ? AND application_key = ? AND task_key = ? AND status IN ('NOT_STARTED', 'QUEUED', 'RUNNING', 'TERMINATING') LIMIT 1"),
      removeLogs: db.prepare('DELETE FROM dis_task_run_logs WHERE workspace_id = ? AND application_key = ? AND task_run_key = ?'),
    };
  }

  /** Start a run of a published task (`registryMetadata.aggregatorKey` names it). */
  create(workspaceId: string, applicationKey: string, body: Doc, actor: Actor, opts: { opcRequestId?: string; taskSchedule?: Doc | null } = {}): TaskRunRecord {
    const record = this.ctx.db.transaction(() => {
      this.applications.requireApplication(workspaceId, applicationKey, true);
      const taskKey = body.registryMetadata?.aggregatorKey;
      if (!taskKey) {
        throw badRequest(`registryMetadata.aggregatorKey is required: the key of the task (published in application ${applicationKey}) to run`, { code: 'MissingParameter' });
      }
      const task = this.publishedTask(workspaceId, applicationKey, String(taskKey));
      return this.insert(workspaceId, applicationKey, task, body, actor, opts);
    })();
    this.ctx.clock.poke();
    return record;
  }

  private publishedTask(workspaceId: string, applicationKey: string, taskKey: string): DisObject {
    const published = this.design.get(RULES.publishedObject, workspaceId, taskKey, applicationKey);
    if (published) return published;
    const inWorkspace = this.design.get(RULES.task, workspaceId, taskKey);
    const msg = inWorkspace
      ? `Task ${taskKey} (${inWorkspace.name}) is not published in application ${applicationKey}: publish it first with POST /20200430/workspaces/${workspaceId}/applications/${applicationKey}/patches {"patchType":"PUBLISH","objectKeys":["${taskKey}"],...}`
      : `No task with key ${taskKey} is published in application ${applicationKey} (registryMetadata.aggregatorKey must be the key of a published task)`;
    throw badRequest(msg, { code: 'RelatedResourceNotAuthorizedOrNotFound' });
  }

  /** Insert a run (inside a transaction); also used by task schedules. */
  insert(workspaceId: string, applicationKey: string, task: DisObject, body: Doc, actor: Actor, opts: { opcRequestId?: string; taskSchedule?: Doc | null } = {}): TaskRunRecord {
    const now = this.ctx.clock.now();
    const life = this.settings.lifecycle().taskRun;
    const scripted = this.settings.takeTaskRunOutcome(task.key);
    const rnd = this.ctx.random;
    const outcome = scripted ? (scripted.outcome as Plan['outcome']) : rnd.chance(life.failureRate) ? 'ERROR' : 'SUCCESS';
    const plan: Plan = {
      outcome,
      runningMs: rnd.int(life.runningMinMs, life.runningMaxMs),
      message: scripted?.message ?? null,
      records: rnd.int(100, 100_000),
      bytes: 0,
    };
    plan.bytes = plan.records * rnd.int(80, 400);
    const key = this.ctx.ids.uuid();
    const doc = newTaskRunDoc({ key, now, applicationKey, task, body, actor, opcRequestId: opts.opcRequestId, taskSchedule: opts.taskSchedule });
    const etag = etagOf(doc);
    this.sql.insert.run({
      workspaceId,
      applicationKey,
      key,
      taskKey: task.key,
      name: doc.name,
      identifier: doc.identifier,
      status: doc.status,
      taskType: task.modelType,
      plan: JSON.stringify(plan),
      timeCreated: now,
      timeUpdated: now,
      dueAt: now + life.notStartedMs,
      etag,
      doc: JSON.stringify(doc),
    });
    this.log({ workspace_id: workspaceId, application_key: applicationKey, key }, now, `Task run ${doc.name} of task ${task.name} (${task.modelType}) created${opts.taskSchedule ? ` by task schedule ${opts.taskSchedule.name}` : ''}`);
    return { doc, etag };
  }

  private row(workspaceId: string, applicationKey: string, key: string): TaskRunRow {
    const row = this.sql.get.get(workspaceId, applicationKey, key) as TaskRunRow | undefined;
    if (!row) throw notFound(`Task run ${key} not found in application ${applicationKey} of workspace ${workspaceId}`);
    return row;
  }

  get(workspaceId: string, applicationKey: string, key: string): TaskRunRecord {
    this.applications.requireApplication(workspaceId, applicationKey, false);
    const row = this.row(workspaceId, applicationKey, key);
    return { doc: JSON.parse(row.doc), etag: row.etag };
  }

  list(workspaceId: string, applicationKey: string, f: TaskRunFilter, q: ListQuery): ListResult<Doc> {
    this.applications.requireApplication(workspaceId, applicationKey, false);
    const predicates = (f.filter ?? []).map(parseFilter);
    const rows = (this.sql.list.all(workspaceId, applicationKey) as TaskRunRow[]).filter((r) => {
      if (f.keys?.length && !f.keys.includes(r.key)) return false;
      if (f.aggregatorKey !== undefined && r.task_key !== f.aggregatorKey) return false;
      if (f.name !== undefined && r.name !== f.name) return false;
      if (f.identifiers?.length && !f.identifiers.includes(r.identifier)) return false;
      if (f.nameStartsWith !== undefined && !r.name.startsWith(f.nameStartsWith)) return false;
      if (f.nameContains !== undefined && !r.name.toLowerCase().includes(f.nameContains.toLowerCase())) return false;
      return predicates.every((p) => p(r));
    });
    const page = sortAndPage(rows, q, (r) => ({ seq: r.seq, created: r.time_created, updated: r.time_updated, name: r.name }));
    return { items: page.items.map((r) => summary(JSON.parse(r.doc))), total: page.total };
  }

  /** Cancel: the only update the API has. */
  update(workspaceId: string, applicationKey: string, key: string, body: Doc, actor: Actor, ifMatch?: string): TaskRunRecord {
    const record = this.ctx.db.transaction(() => {
      this.applications.requireApplication(workspaceId, applicationKey, true);
      const row = this.row(workspaceId, applicationKey, key);
      checkEtag(row, ifMatch, `task run ${key}`);
      if (body.status === undefined) throw badRequest('status is required: a task run can only be cancelled, with {"status":"TERMINATING"}', { code: 'MissingParameter' });
      if (body.key !== undefined && body.key !== key) throw badRequest(`body.key '${body.key}' does not match the task run key '${key}' in the path`);
      if (!['NOT_STARTED', 'QUEUED', 'RUNNING'].includes(row.status)) {
        throw incorrectState(`Task run ${key} is ${row.status}; only a NOT_STARTED, QUEUED or RUNNING run can be cancelled`);
      }
      const at = this.ctx.clock.now();
      const doc = JSON.parse(row.doc) as Doc;
      doc.status = 'TERMINATING';
      doc.metadata = { ...doc.metadata, updatedBy: actor.id, updatedByName: actor.id };
      return this.save(row, doc, at, at + this.settings.lifecycle().taskRun.terminatingMs, `Cancellation requested by ${actor.id}`);
    })();
    this.ctx.clock.poke();
    return { doc: details(record.doc), etag: record.etag };
  }

  delete(workspaceId: string, applicationKey: string, key: string, ifMatch?: string): void {
    this.ctx.db.transaction(() => {
      this.applications.requireApplication(workspaceId, applicationKey, true);
      const row = this.row(workspaceId, applicationKey, key);
      checkEtag(row, ifMatch, `task run ${key}`);
      if (ACTIVE.includes(row.status)) {
        throw incorrectState(`Task run ${key} is ${row.status}; cancel it (PUT {"status":"TERMINATING"}) and wait for it to end before deleting it`);
      }
      this.sql.remove.run(workspaceId, applicationKey, key);
      this.sql.removeLogs.run(workspaceId, applicationKey, key);
    })();
  }

  logs(workspaceId: string, applicationKey: string, key: string, q: ListQuery): ListResult<{ message: string }> {
    this.applications.requireApplication(workspaceId, applicationKey, false);
    this.row(workspaceId, applicationKey, key);
    const rows = this.sql.logs.all(workspaceId, applicationKey, key) as Array<{ seq: number; time: number; message: string }>;
    const page = sortAndPage(rows, q, (r) => ({ seq: r.seq, created: r.time, updated: r.time, name: r.message }), 'ASC');
    return { items: page.items.map((r) => ({ message: `${new Date(r.time).toISOString()} ${r.message}` })), total: page.total };
  }

  /** Whether a run of the task is still going (task schedules that disallow concurrency skip a firing then). */
  hasActiveRun(workspaceId: string, applicationKey: string, taskKey: string): boolean {
    return this.sql.active.get(workspaceId, applicationKey, taskKey) !== undefined;
  }

  // ---- lifecycle (driven by the simulator)

  nextDue(): number | null {
    return (this.sql.nextDue.get() as { at: number | null }).at;
  }

  dueRows(until: number): TaskRunRow[] {
    return this.sql.due.all(until) as TaskRunRow[];
  }

  /** Move a due run one step, at its due instant. */
  step(row: TaskRunRow): void {
    const at = row.due_at!;
    const plan = JSON.parse(row.plan) as Plan;
    const life = this.settings.lifecycle().taskRun;
    const doc = JSON.parse(row.doc) as Doc;
    switch (row.status) {
      case 'NOT_STARTED':
        doc.status = 'QUEUED';
        this.save(row, doc, at, at + life.queuedMs, 'Task run queued');
        return;
      case 'QUEUED':
        doc.status = 'RUNNING';
        doc.startTimeMillis = at;
        this.save(row, doc, at, at + plan.runningMs, 'Task run started');
        return;
      case 'RUNNING': {
        doc.status = plan.outcome;
        doc.endTimeMillis = at;
        const ok = plan.outcome === 'SUCCESS';
        doc.recordsWritten = ok ? plan.records : Math.floor(plan.records / 3);
        doc.bytesProcessed = ok ? plan.bytes : Math.floor(plan.bytes / 3);
        doc.metrics = { DURATION: at - (doc.startTimeMillis ?? at), RECORDS_WRITTEN: doc.recordsWritten, BYTES_PROCESSED: doc.bytesProcessed };
        if (!ok) {
          doc.errorMessage = plan.message ?? `Task ${doc.metadata?.aggregator?.name ?? doc.taskKey} failed (simulated failure)`;
          doc.executionErrors = [doc.errorMessage];
        }
        this.save(row, doc, at, null, ok ? `Task run completed successfully: ${doc.recordsWritten} records written` : `Task run failed: ${doc.errorMessage}`);
        return;
      }
      case 'TERMINATING':
        doc.status = 'TERMINATED';
        doc.endTimeMillis = at;
        this.save(row, doc, at, null, 'Task run terminated');
        return;
      default:
        this.sql.update.run({ workspaceId: row.workspace_id, applicationKey: row.application_key, key: row.key, status: row.status, timeUpdated: row.time_updated, dueAt: null, etag: row.etag, doc: row.doc });
    }
  }

  private save(row: TaskRunRow, doc: Doc, at: number, dueAt: number | null, message: string): TaskRunRecord {
    doc.lastUpdated = at;
    doc.objectVersion = (doc.objectVersion ?? 1) + 1;
    doc.metadata = { ...doc.metadata, timeUpdated: new Date(at).toISOString() };
    const etag = etagOf(doc);
    this.sql.update.run({ workspaceId: row.workspace_id, applicationKey: row.application_key, key: row.key, status: doc.status, timeUpdated: at, dueAt, etag, doc: JSON.stringify(doc) });
    this.log(row, at, message);
    return { doc, etag };
  }

  private log(row: { workspace_id: string; application_key: string; key: string }, at: number, message: string): void {
    this.sql.addLog.run({ workspaceId: row.workspace_id, applicationKey: row.application_key, key: row.key, time: at, message });
  }
}
