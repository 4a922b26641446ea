/**
 * Work requests of the OCI Integration control plane: ACCEPTED ->
 * IN_PROGRESS -> SUCCEEDED on the clock (src/sim/oci-integration.ts drives
 * them; due_at is the instant of the next step), with their log entries.
 * timeFinished is set when one ends: the SDK's forWorkRequest waiter polls
 * for exactly that.
 */
import type { AppContext } from '../../core/context';
import { notFound } from '../../core/errors';
import { ocid, parseDoc, sortAndPage, type ListQuery, type ListResult } from '../dis/common';
import type { WorkRequestDoc } from './model';
import type { InstanceAction } from './actions';

/** How long each step takes (clock ms); the SDK waiter's first polls see it move. */
export const WORK_REQUEST_TIMING = { acceptedMs: 1000, inProgressMs: 2000 };

export interface WorkRequestRow {
  id: string;
  instance_id: string;
  action: InstanceAction;
  status: WorkRequestDoc['status'];
  due_at: number | null;
  payload: string;
  doc: string;
}

export interface WorkRequestEntry {
  code?: string;
  message: string;
  timestamp: string;
}

export class IntegrationWorkRequests {
  private readonly sql;

  constructor(private readonly ctx: AppContext) {
    const db = ctx.db;
    this.sql = {
      insert: db.prepare(`INSERT INTO oci_int_work_requests (id, compartment_id, instance_id, action, status, time_accepted, due_at, payload, doc)
        VALUES (@id, @compartmentId, @instanceId, @action, @status, @timeAccepted, @dueAt, @payload, @doc)`),
      get: db.prepare('SELECT * FROM oci_int_work_requests WHERE id = ?'),
      byCompartment: db.prepare('SELECT rowid AS seq, * FROM oci_int_work_requests WHERE compartment_id = ?'),
      update: db.prepare('UPDATE oci_int_work_requests SET status = @status, due_at = @dueAt, doc = @doc WHERE id = @id'),
      nextDue: db.prepare('SELECT MIN(due_at) AS at FROM oci_int_work_requests WHERE due_at IS NOT NULL'),
      due: db.prepare('SELECT * FROM oci_int_work_requests WHERE due_at IS NOT NULL AND due_at <= ? ORDER BY due_at, rowid'),
      addEntry: db.prepare(`INSERT INTO oci_int_work_request_entries (work_request_id, kind, seq, timestamp, code, message)
        VALUES (@id, @kind, (SELECT COALESCE(MAX(seq), 0) + 1 FROM oci_int_work_request_entries WHERE work_request_id = @id AND kind = @kind), @timestamp, @code, @message)`),
      entries: db.prepare('SELECT seq, timestamp, code, message FROM oci_int_work_request_entries WHERE work_request_id = ? AND kind = ?'),
    };
  }

  /** Accept a work request (inside the caller's transaction). */
  create(instance: { id: string; compartmentId: string }, action: InstanceAction, operationType: string, payload: Record<string, unknown>): WorkRequestDoc {
    const now = this.ctx.clock.now();
    const wr: WorkRequestDoc = {
      id: ocid(this.ctx.ids, 'integrationworkrequest'),
      operationType,
      status: 'ACCEPTED',
      compartmentId: instance.compartmentId,
      resources: [{ entityType: 'integration', actionType: 'IN_PROGRESS', identifier: instance.id, entityUri: `/20190131/integrationInstances/${instance.id}` }],
      percentComplete: 0,
      timeAccepted: new Date(now).toISOString(),
    };
    this.sql.insert.run({
      id: wr.id, compartmentId: wr.compartmentId, instanceId: instance.id, action, status: wr.status,
      timeAccepted: wr.timeAccepted, dueAt: now + WORK_REQUEST_TIMING.acceptedMs, payload: JSON.stringify(payload), doc: JSON.stringify(wr),
    });
    this.log(wr.id, `${operationType} accepted for integration instance ${instance.id}`, now);
    return wr;
  }

  require(id: string): WorkRequestDoc {
    const row = this.sql.get.get(id) as WorkRequestRow | undefined;
    if (!row) throw notFound(`Work request ${id} not found or not authorized`);
    return parseDoc<WorkRequestDoc>(row.doc);
  }

  /** The compartment's work requests, newest first (optionally one instance's). */
  list(compartmentId: string, instanceId: string | undefined, q: ListQuery): ListResult<WorkRequestDoc> {
    const rows = (this.sql.byCompartment.all(compartmentId) as Array<WorkRequestRow & { seq: number }>).filter((r) => !instanceId || r.instance_id === instanceId);
    const page = sortAndPage(rows, { ...q, sortBy: undefined, sortOrder: undefined }, (r) => {
      const d = parseDoc<WorkRequestDoc>(r.doc);
      return { seq: r.seq, created: d.timeAccepted, updated: d.timeAccepted, name: d.operationType };
    });
    return { items: page.items.map((r) => parseDoc<WorkRequestDoc>(r.doc)), total: page.total };
  }

  /** A request's log or error entries, oldest first; compartmentId must be the request's. */
  entries(id: string, compartmentId: string, kind: 'log' | 'error', q: ListQuery): ListResult<WorkRequestEntry> {
    const wr = this.require(id);
    if (wr.compartmentId !== compartmentId) throw notFound(`Work request ${id} not found in compartment ${compartmentId}`);
    const rows = this.sql.entries.all(id, kind) as Array<{ seq: number; timestamp: string; code: string | null; message: string }>;
    const page = sortAndPage(rows, { ...q, sortBy: undefined, sortOrder: undefined }, (r) => ({ seq: r.seq, created: r.timestamp, updated: r.timestamp, name: r.message }), 'ASC');
    return {
      items: page.items.map((r) => (kind === 'error' ? { code: r.code ?? 'InternalError', message: r.message, timestamp: r.timestamp } : { message: r.message, timestamp: r.timestamp })),
      total: page.total,
    };
  }

  log(id: string, message: string, at: number): void {
    this.sql.addEntry.run({ id, kind: 'log', timestamp: new Date(at).toISOString(), code: null, message });
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
    const wr = parseDoc<WorkRequestDoc>(row.doc);
    wr.status = 'IN_PROGRESS';
    wr.percentComplete = 50;
    wr.timeStarted = new Date(at).toISOString();
    this.sql.update.run({ id: wr.id, status: wr.status, dueAt: at + WORK_REQUEST_TIMING.inProgressMs, doc: JSON.stringify(wr) });
    this.log(wr.id, `${wr.operationType} in progress`, at);
  }

  /** IN_PROGRESS -> SUCCEEDED at `at`, the resource marked with what was done. */
  finish(row: WorkRequestRow, at: number, resourceAction: string): void {
    const wr = parseDoc<WorkRequestDoc>(row.doc);
    wr.status = 'SUCCEEDED';
    wr.percentComplete = 100;
    wr.timeFinished = new Date(at).toISOString();
    wr.resources = wr.resources.map((r) => ({ ...r, actionType: resourceAction }));
    this.sql.update.run({ id: wr.id, status: wr.status, dueAt: null, doc: JSON.stringify(wr) });
    this.log(wr.id, `${wr.operationType} succeeded`, at);
  }
}
