/**
 * Work requests: the asynchronous side of workspace operations. Each moves
 * ACCEPTED -> IN_PROGRESS -> SUCCEEDED | FAILED on the clock (src/sim/dis-work-requests.ts
 * drives it; `due_at` is the instant of the next step). timeFinished is set
 * when it ends: the SDK's forWorkRequest waiter polls for exactly that.
 */
import type { AppContext } from '../../core/context';
import { notFound } from '../../core/errors';
import { ocid, parseDoc, sortAndPage, type ListQuery, type ListResult } from './common';
import type { DisSettings } from './settings';

export type WorkRequestStatus = 'ACCEPTED' | 'IN_PROGRESS' | 'FAILED' | 'SUCCEEDED' | 'CANCELING' | 'CANCELED';
export type OperationType = 'CREATE_WORKSPACE' | 'UPDATE_WORKSPACE' | 'DELETE_WORKSPACE' | 'MOVE_WORKSPACE';
/** What the request does to its workspace when it finishes. */
export type WorkAction = 'create' | 'update' | 'delete' | 'start' | 'stop' | 'move';

/** actionType of the workspace resource once the request succeeded. */
const DONE_ACTION: Record<WorkAction, string> = { create: 'CREATED', update: 'UPDATED', delete: 'DELETED', start: 'STARTED', stop: 'STOPPED', move: 'MOVED' };
const OPERATION: Record<WorkAction, OperationType> = {
  create: 'CREATE_WORKSPACE',
  update: 'UPDATE_WORKSPACE',
  delete: 'DELETE_WORKSPACE',
  // The API's OperationType enum has no START/STOP: they are workspace updates.
  start: 'UPDATE_WORKSPACE',
  stop: 'UPDATE_WORKSPACE',
  move: 'MOVE_WORKSPACE',
};

export interface WorkRequest {
  id: string;
  operationType: OperationType;
  status: WorkRequestStatus;
  compartmentId: string;
  resources: Array<{ entityType: string; actionType: string; identifier: string; entityUri: string }>;
  percentComplete: number;
  timeAccepted: string;
  timeStarted?: string | null;
  timeFinished?: string | null;
}

export interface WorkRequestRow {
  id: string;
  workspace_id: string;
  action: WorkAction;
  status: WorkRequestStatus;
  outcome: 'SUCCEEDED' | 'FAILED';
  due_at: number | null;
  payload: string;
  doc: string;
}

export interface WorkRequestEntry {
  code?: string;
  message: string;
  timestamp: string;
}

export class DisWorkRequests {
  private readonly sql;

  constructor(private readonly ctx: AppContext, private readonly settings: DisSettings) {
    const db = ctx.db;
    this.sql = {
      insert: db.prepare(`INSERT INTO dis_work_requests (id, compartment_id, workspace_id, operation_type, action, status, outcome, time_accepted, due_at, payload, doc)
        VALUES (@id, @compartmentId, @workspaceId, @operationType, @action, @status, @outcome, @timeAccepted, @dueAt, @payload, @doc)`),
      get: db.prepare('SELECT rowid AS seq, * FROM dis_work_requests WHERE id = ?'),
      byCompartment: db.prepare('SELECT rowid AS seq, * FROM dis_work_requests WHERE compartment_id = ?'),
      update: db.prepare('UPDATE dis_work_requests SET status = @status, due_at = @dueAt, doc = @doc WHERE id = @id'),
      nextDue: db.prepare('SELECT MIN(due_at) AS at FROM dis_work_requests WHERE due_at IS NOT NULL'),
      due: db.prepare('SELECT * FROM dis_work_requests WHERE due_at IS NOT NULL AND due_at <= ? ORDER BY due_at, rowid'),
      // Updates change nothing later, so they do not block other operations.
      pendingFor: db.prepare("SELECT id FROM dis_work_requests WHERE workspace_id = ? AND status IN ('ACCEPTED', 'IN_PROGRESS') AND action != 'update' LIMIT 1"),
      addEntry: db.prepare(`INSERT INTO dis_work_request_entries (work_request_id, kind, seq, timestamp, code, message)
        VALUES (@id, @kind, (SELECT COALESCE(MAX(seq), 0) + 1 FROM dis_work_request_entries WHERE work_request_id = @id AND kind = @kind), @timestamp, @code, @message)`),
      entries: db.prepare('SELECT seq, timestamp, code, message FROM dis_work_request_entries WHERE work_request_id = ? AND kind = ?'),
    };
  }

  /** Accept a work request for a workspace (call inside the caller's transaction). */
  create(workspace: { id: string; compartmentId: string }, action: WorkAction, payload: Record<string, unknown> = {}): WorkRequest {
    const now = this.ctx.clock.now();
    const scripted = this.settings.takeWorkRequestOutcome();
    const wr: WorkRequest = {
      id: ocid(this.ctx.ids, 'disworkrequest'),
      operationType: OPERATION[action],
      status: 'ACCEPTED',
      compartmentId: workspace.compartmentId,
      resources: [{ entityType: 'workspace', actionType: 'IN_PROGRESS', identifier: workspace.id, entityUri: `/20200430/workspaces/${workspace.id}` }],
      percentComplete: 0,
      timeAccepted: new Date(now).toISOString(),
      timeStarted: null,
      timeFinished: null,
    };
    this.sql.insert.run({
      id: wr.id,
      compartmentId: wr.compartmentId,
      workspaceId: workspace.id,
      operationType: wr.operationType,
      action,
      status: wr.status,
      outcome: scripted?.outcome === 'FAILED' ? 'FAILED' : 'SUCCEEDED',
      timeAccepted: wr.timeAccepted,
      dueAt: now + this.settings.lifecycle().workRequest.acceptedMs,
      payload: JSON.stringify({ ...payload, failureMessage: scripted?.message ?? null }),
      doc: JSON.stringify(wr),
    });
    this.log(wr.id, `${wr.operationType} accepted for workspace ${workspace.id}`, now);
    return wr;
  }

  get(id: string): WorkRequest | null {
    const row = this.sql.get.get(id) as WorkRequestRow | undefined;
    return row ? parseDoc<WorkRequest>(row.doc) : null;
  }

  require(id: string): WorkRequest {
    const wr = this.get(id);
    if (!wr) throw notFound(`Work request ${id} not found or not authorized`);
    return wr;
  }

  /** The workspace's unfinished work request, if any (one at a time per workspace). */
  pendingFor(workspaceId: string): string | null {
    const row = this.sql.pendingFor.get(workspaceId) as { id: string } | undefined;
    return row?.id ?? null;
  }

  list(compartmentId: string, filter: { workspaceId?: string; status?: string }, q: ListQuery): ListResult<WorkRequest> {
    const rows = (this.sql.byCompartment.all(compartmentId) as Array<WorkRequestRow & { seq: number }>).filter(
      (r) => (!filter.workspaceId || r.workspace_id === filter.workspaceId) && (!filter.status || r.status === filter.status),
    );
    const page = sortAndPage(rows, q, (r) => {
      const d = parseDoc<WorkRequest>(r.doc);
      return { seq: r.seq, created: d.timeAccepted, updated: d.timeFinished ?? d.timeStarted ?? d.timeAccepted, name: d.operationType };
    });
    return { items: page.items.map((r) => parseDoc<WorkRequest>(r.doc)), total: page.total };
  }

  entries(id: string, kind: 'log' | 'error', q: ListQuery): ListResult<WorkRequestEntry> {
    this.require(id);
    const rows = this.sql.entries.all(id, kind) as Array<{ seq: number; timestamp: string; code: string | null; message: string }>;
    // Logs read in chronological order unless DESC is asked for.
    const page = sortAndPage(rows, q, (r) => ({ seq: r.seq, created: r.timestamp, updated: r.timestamp, name: r.message }), 'ASC');
    return {
      items: page.items.map((r) => (kind === 'error' ? { code: r.code ?? 'InternalError', message: r.message, timestamp: r.timestamp } : { message: r.message, timestamp: r.timestamp })),
      total: page.total,
    };
  }

  log(id: string, message: string, at: number): void {
    this.sql.addEntry.run({ id, kind: 'log', timestamp: new Date(at).toISOString(), code: null, message });
  }

  error(id: string, code: string, message: string, at: number): void {
    this.sql.addEntry.run({ id, kind: 'error', timestamp: new Date(at).toISOString(), code, message });
  }

  // ---- lifecycle (driven by the simulator)

  nextDue(): number | null {
    return (this.sql.nextDue.get() as { at: number | null }).at;
  }

  dueRows(until: number): WorkRequestRow[] {
    return this.sql.due.all(until) as WorkRequestRow[];
  }

  /** ACCEPTED -> IN_PROGRESS at `at`. */
  start(row: WorkRequestRow, at: number): void {
    const wr = parseDoc<WorkRequest>(row.doc);
    wr.status = 'IN_PROGRESS';
    wr.percentComplete = 50;
    wr.timeStarted = new Date(at).toISOString();
    this.sql.update.run({ id: wr.id, status: wr.status, dueAt: at + this.settings.lifecycle().workRequest.inProgressMs, doc: JSON.stringify(wr) });
    this.log(wr.id, `${wr.operationType} in progress`, at);
  }

  /** IN_PROGRESS -> SUCCEEDED | FAILED at `at`. */
  finish(row: WorkRequestRow, at: number, succeeded: boolean, failureMessage?: string): WorkRequest {
    const wr = parseDoc<WorkRequest>(row.doc);
    wr.status = succeeded ? 'SUCCEEDED' : 'FAILED';
    wr.percentComplete = 100;
    wr.timeFinished = new Date(at).toISOString();
    wr.resources = wr.resources.map((r) => ({ ...r, actionType: succeeded ? DONE_ACTION[row.action] : 'FAILED' }));
    this.sql.update.run({ id: wr.id, status: wr.status, dueAt: null, doc: JSON.stringify(wr) });
    if (succeeded) this.log(wr.id, `${wr.operationType} succeeded`, at);
    else {
      this.error(wr.id, 'InternalError', failureMessage ?? `${wr.operationType} failed (scripted outcome)`, at);
      this.log(wr.id, `${wr.operationType} failed`, at);
    }
    return wr;
  }
}
