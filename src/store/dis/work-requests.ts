/**
 * Work requests: the asynchronous side of workspace operations. Each moves
 * ACCEPTED -> IN_PROGRESS -> SUCCEEDED | FAILED on the clock (src/sim/dis-simulation.ts
 * drives it; the lifecycle and entries are the shared work-request table's,
 * ../work-request-table.ts). A scripted outcome (settings) decides at
 * acceptance whether it will fail.
 */
import type { AppContext } from '../../core/context';
import { notFound } from '../../core/errors';
import { ocid, parseDoc, type ListQuery, type ListResult } from './common';
import type { DisSettings } from './settings';
import { WorkRequestTable, type WorkRequestDocument, type WorkRequestEntry } from '../work-request-table';

export type { WorkRequestEntry };

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

export interface WorkRequest extends WorkRequestDocument {
  operationType: OperationType;
  status: WorkRequestStatus;
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

export class DisWorkRequests extends WorkRequestTable<WorkRequest, WorkRequestRow> {
  private readonly sql;

  constructor(private readonly ctx: AppContext, private readonly settings: DisSettings) {
    super(ctx.db, 'dis_work_requests', 'dis_work_request_entries');
    const db = ctx.db;
    this.sql = {
      insert: db.prepare(`INSERT INTO dis_work_requests (id, compartment_id, workspace_id, operation_type, action, status, outcome, time_accepted, due_at, payload, doc)
        VALUES (@id, @compartmentId, @workspaceId, @operationType, @action, @status, @outcome, @timeAccepted, @dueAt, @payload, @doc)`),
      get: db.prepare('SELECT rowid AS seq, * FROM dis_work_requests WHERE id = ?'),
      // Updates change nothing later, so they do not block other operations.
      pendingFor: db.prepare("SELECT id FROM dis_work_requests WHERE workspace_id = ? AND status IN ('ACCEPTED', 'IN_PROGRESS') AND action != 'update' LIMIT 1"),
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
    return this.pageOf(compartmentId, (r) => (!filter.workspaceId || r.workspace_id === filter.workspaceId) && (!filter.status || r.status === filter.status), q,
      (d) => d.timeFinished ?? d.timeStarted ?? d.timeAccepted);
  }

  /** Logs read in chronological order unless DESC is asked for. */
  entries(id: string, kind: 'log' | 'error', q: ListQuery): ListResult<WorkRequestEntry> {
    this.require(id);
    return this.entryPage(id, kind, q);
  }

  // ---- lifecycle (driven by the simulator)

  /** ACCEPTED -> IN_PROGRESS at `at`. */
  start(row: WorkRequestRow, at: number): void {
    this.advance(row, at, at + this.settings.lifecycle().workRequest.inProgressMs);
  }

  /** IN_PROGRESS -> SUCCEEDED | FAILED at `at`. */
  finish(row: WorkRequestRow, at: number, succeeded: boolean, failureMessage?: string): WorkRequest {
    return this.complete(row, at, succeeded, succeeded ? DONE_ACTION[row.action] : 'FAILED', failureMessage);
  }
}
