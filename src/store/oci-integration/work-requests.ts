/**
 * Work requests of the OCI Integration control plane: ACCEPTED ->
 * IN_PROGRESS -> SUCCEEDED on the clock (src/sim/oci-integration.ts drives
 * them), with their log entries: the lifecycle and entries are the shared
 * work-request table's (../work-request-table.ts). Lists come newest first
 * whatever sort a client asks for.
 */
import type { AppContext } from '../../core/context';
import { notFound } from '../../core/errors';
import { ocid, parseDoc, type ListQuery, type ListResult } from '../dis/common';
import type { WorkRequestDoc } from './model';
import type { InstanceAction } from './actions';
import { WorkRequestTable, type WorkRequestEntry } from '../work-request-table';

export type { WorkRequestEntry };

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

export class IntegrationWorkRequests extends WorkRequestTable<WorkRequestDoc, WorkRequestRow> {
  private readonly sql;

  constructor(private readonly ctx: AppContext) {
    super(ctx.db, 'oci_int_work_requests', 'oci_int_work_request_entries');
    const db = ctx.db;
    this.sql = {
      insert: db.prepare(`INSERT INTO oci_int_work_requests (id, compartment_id, instance_id, action, status, time_accepted, due_at, payload, doc)
        VALUES (@id, @compartmentId, @instanceId, @action, @status, @timeAccepted, @dueAt, @payload, @doc)`),
      get: db.prepare('SELECT * FROM oci_int_work_requests WHERE id = ?'),
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
    return this.pageOf(compartmentId, (r) => !instanceId || r.instance_id === instanceId, { ...q, sortBy: undefined, sortOrder: undefined }, (d) => d.timeAccepted);
  }

  /** A request's log or error entries, oldest first; compartmentId must be the request's. */
  entries(id: string, compartmentId: string, kind: 'log' | 'error', q: ListQuery): ListResult<WorkRequestEntry> {
    const wr = this.require(id);
    if (wr.compartmentId !== compartmentId) throw notFound(`Work request ${id} not found in compartment ${compartmentId}`);
    return this.entryPage(id, kind, { ...q, sortBy: undefined, sortOrder: undefined });
  }

  // ---- lifecycle (driven by the simulator)

  /** ACCEPTED -> IN_PROGRESS at `at`. */
  start(row: WorkRequestRow, at: number): void {
    this.advance(row, at, at + WORK_REQUEST_TIMING.inProgressMs);
  }

  /** IN_PROGRESS -> SUCCEEDED at `at`, the resource marked with what was done. */
  finish(row: WorkRequestRow, at: number, resourceAction: string): void {
    this.complete(row, at, true, resourceAction);
  }
}
