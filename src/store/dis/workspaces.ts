/**
 * Workspaces and their lifecycle. Create, delete, start, stop and change
 * compartment only accept the request (a work request) and put the workspace
 * in a transitional state; the work-request simulator finishes the job.
 *
 *   CREATING -> ACTIVE | FAILED      STARTING -> ACTIVE     STOPPING -> STOPPED
 *   DELETING -> DELETED              (a failed request restores the state before it)
 */
import type { AppContext } from '../../core/context';
import { incorrectState, notFound, preconditionFailed } from '../../core/errors';
import { etagOf, ocid, parseDoc, sortAndPage, type ListQuery, type ListResult } from './common';
import type { DisWorkRequests, WorkAction, WorkRequest, WorkRequestRow } from './work-requests';
import { compartmentReads } from '../statements';

export type WorkspaceState = 'CREATING' | 'ACTIVE' | 'INACTIVE' | 'UPDATING' | 'DELETING' | 'DELETED' | 'FAILED' | 'STARTING' | 'STOPPING' | 'STOPPED';

export interface Workspace {
  id: string;
  displayName: string;
  description?: string | null;
  compartmentId: string;
  lifecycleState: WorkspaceState;
  stateMessage?: string | null;
  timeCreated: string;
  timeUpdated: string;
  [field: string]: unknown;
}

export interface CreateWorkspaceInput {
  displayName: string;
  compartmentId: string;
  [field: string]: unknown;
}

interface Row {
  seq: number;
  id: string;
  compartment_id: string;
  display_name: string;
  lifecycle_state: WorkspaceState;
  time_created: string;
  time_updated: string;
  etag: string;
  doc: string;
}

export interface WorkspaceRecord {
  workspace: Workspace;
  etag: string;
}

/** Fields of a Workspace the client may set on create (everything else is the service's). */
const CREATE_FIELDS = ['vcnId', 'subnetId', 'dnsServerIp', 'dnsServerZone', 'description', 'isPrivateNetworkEnabled', 'registryId', 'endpointId', 'endpointName', 'workspaceProperties'];
const UPDATE_FIELDS = ['freeformTags', 'definedTags', 'description', 'displayName', 'workspaceProperties'];

/** The state a transitional state came from, restored if the work request fails. */
const TRANSITION: Partial<Record<WorkAction, { during: WorkspaceState; done: WorkspaceState }>> = {
  create: { during: 'CREATING', done: 'ACTIVE' },
  delete: { during: 'DELETING', done: 'DELETED' },
  start: { during: 'STARTING', done: 'ACTIVE' },
  stop: { during: 'STOPPING', done: 'STOPPED' },
};

export class DisWorkspaces {
  private readonly sql;

  constructor(private readonly ctx: AppContext, private readonly workRequests: DisWorkRequests) {
    const db = ctx.db;
    this.sql = {
      ...compartmentReads(db, 'dis_workspaces'),
      insert: db.prepare(`INSERT INTO dis_workspaces (id, compartment_id, display_name, lifecycle_state, time_created, time_updated, etag, doc)
        VALUES (@id, @compartmentId, @displayName, @lifecycleState, @timeCreated, @timeUpdated, @etag, @doc)`),
      allIds: db.prepare('SELECT id FROM dis_workspaces ORDER BY rowid').pluck(),
      update: db.prepare(`UPDATE dis_workspaces SET compartment_id = @compartmentId, display_name = @displayName, lifecycle_state = @lifecycleState,
        time_updated = @timeUpdated, etag = @etag, doc = @doc WHERE id = @id`),
    };
  }

  /** Every workspace's id, oldest first, whatever its compartment (the dashboard shows them all). */
  allIds(): string[] {
    return this.sql.allIds.all() as string[];
  }

  create(input: CreateWorkspaceInput): { workspace: Workspace; workRequest: WorkRequest } {
    return this.ctx.db.transaction(() => {
      const now = this.ctx.clock.nowIso();
      const ws: Workspace = {
        id: ocid(this.ctx.ids, 'disworkspace'),
        displayName: input.displayName,
        description: null,
        compartmentId: input.compartmentId,
        lifecycleState: 'CREATING',
        stateMessage: null,
        timeCreated: now,
        timeUpdated: now,
        isPrivateNetworkEnabled: false,
        freeformTags: input.freeformTags ?? {},
        definedTags: input.definedTags ?? {},
        workspaceProperties: {},
      };
      for (const f of CREATE_FIELDS) if (input[f] !== undefined) ws[f] = input[f];
      this.sql.insert.run(this.params(ws));
      const workRequest = this.workRequests.create(ws, 'create');
      return { workspace: ws, workRequest };
    })();
  }

  get(id: string): WorkspaceRecord | null {
    const row = this.sql.get.get(id) as Row | undefined;
    return row ? { workspace: parseDoc<Workspace>(row.doc), etag: row.etag } : null;
  }

  /** A workspace that exists (DELETED ones stay readable through GET, as in OCI). */
  require(id: string): WorkspaceRecord {
    const rec = this.get(id);
    if (!rec) throw notFound(`Workspace ${id} not found or not authorized`);
    return rec;
  }

  /** For reading a workspace's contents: it must exist and not be deleted. */
  requireReadable(id: string): Workspace {
    const { workspace } = this.require(id);
    if (workspace.lifecycleState === 'DELETED') throw notFound(`Workspace ${id} has been deleted`);
    return workspace;
  }

  /** For changing a workspace's contents: it must be ACTIVE. */
  requireActive(id: string): Workspace {
    const ws = this.requireReadable(id);
    if (ws.lifecycleState !== 'ACTIVE') {
      const hint = ws.lifecycleState === 'STOPPED' ? '; start it with POST /20200430/workspaces/{workspaceId}/actions/start' : ws.lifecycleState === 'CREATING' || ws.lifecycleState === 'STARTING' ? '; wait for its work request to finish' : '';
      throw incorrectState(`Workspace ${id} is ${ws.lifecycleState}; it must be ACTIVE for this operation${hint}`);
    }
    return ws;
  }

  list(compartmentId: string, filter: { name?: string; lifecycleState?: string }, q: ListQuery): ListResult<Workspace> {
    const rows = (this.sql.byCompartment.all(compartmentId) as Row[]).filter((r) => {
      if (filter.name !== undefined && r.display_name !== filter.name) return false;
      // DELETED workspaces are only listed when asked for by state.
      if (filter.lifecycleState !== undefined) return r.lifecycle_state === filter.lifecycleState;
      return r.lifecycle_state !== 'DELETED';
    });
    const page = sortAndPage(rows, q, (r) => ({ seq: r.seq, created: r.time_created, updated: r.time_updated, name: r.display_name }));
    return { items: page.items.map((r) => parseDoc<Workspace>(r.doc)), total: page.total };
  }

  update(id: string, patch: Record<string, unknown>, ifMatch?: string): { workspace: Workspace; etag: string; workRequest: WorkRequest } {
    return this.ctx.db.transaction(() => {
      const rec = this.require(id);
      checkEtag(rec, ifMatch);
      const ws = rec.workspace;
      this.requireState(ws, ['ACTIVE', 'STOPPED', 'INACTIVE'], 'updated');
      for (const f of UPDATE_FIELDS) if (patch[f] !== undefined) ws[f] = patch[f];
      ws.timeUpdated = this.ctx.clock.nowIso();
      const etag = this.save(ws);
      const workRequest = this.workRequests.create(ws, 'update');
      return { workspace: ws, etag, workRequest };
    })();
  }

  /** Delete, start, stop or move: accepted here, finished by the work request. */
  act(id: string, action: 'delete' | 'start' | 'stop' | 'move', opts: { ifMatch?: string; compartmentId?: string } = {}): WorkRequest {
    return this.ctx.db.transaction(() => {
      const rec = this.require(id);
      checkEtag(rec, opts.ifMatch);
      const ws = rec.workspace;
      const allowed: Record<typeof action, WorkspaceState[]> = {
        delete: ['ACTIVE', 'STOPPED', 'INACTIVE', 'FAILED'],
        start: ['STOPPED', 'INACTIVE'],
        stop: ['ACTIVE'],
        move: ['ACTIVE', 'STOPPED', 'INACTIVE'],
      };
      const verb = { delete: 'deleted', start: 'started', stop: 'stopped', move: 'moved to another compartment' }[action];
      this.requireState(ws, allowed[action], verb);
      const previous = ws.lifecycleState;
      const t = TRANSITION[action];
      if (t) ws.lifecycleState = t.during;
      ws.timeUpdated = this.ctx.clock.nowIso();
      this.save(ws);
      return this.workRequests.create(ws, action, { previous, compartmentId: opts.compartmentId });
    })();
  }

  /** A work request finished: apply its effect (called by the simulator, inside its transaction). */
  applyWorkRequest(row: WorkRequestRow, succeeded: boolean, at: number, failureMessage?: string): void {
    const rec = this.get(row.workspace_id);
    if (!rec) return;
    const ws = rec.workspace;
    const payload = JSON.parse(row.payload) as { previous?: WorkspaceState; compartmentId?: string };
    const t = TRANSITION[row.action];
    if (succeeded) {
      if (t) ws.lifecycleState = t.done;
      if (row.action === 'move' && payload.compartmentId) ws.compartmentId = payload.compartmentId;
      ws.stateMessage = null;
    } else if (row.action === 'create') {
      ws.lifecycleState = 'FAILED';
      ws.stateMessage = failureMessage ?? 'Workspace creation failed (scripted outcome)';
    } else {
      if (t && payload.previous) ws.lifecycleState = payload.previous;
      ws.stateMessage = failureMessage ?? `The ${row.action} request failed (scripted outcome)`;
    }
    ws.timeUpdated = new Date(at).toISOString();
    this.save(ws);
  }

  private requireState(ws: Workspace, allowed: WorkspaceState[], verb: string): void {
    if (ws.lifecycleState === 'DELETED') throw notFound(`Workspace ${ws.id} has been deleted`);
    const pending = this.workRequests.pendingFor(ws.id);
    if (!allowed.includes(ws.lifecycleState) || pending) {
      throw incorrectState(`Workspace ${ws.id} is ${ws.lifecycleState}${pending ? ` with work request ${pending} in progress` : ''}; it can be ${verb} only when ${allowed.join(' or ')}${pending ? ' and no other work request is running' : ''}`);
    }
  }

  private save(ws: Workspace): string {
    const p = this.params(ws);
    this.sql.update.run(p);
    return p.etag;
  }

  private params(ws: Workspace) {
    return {
      id: ws.id,
      compartmentId: ws.compartmentId,
      displayName: ws.displayName,
      lifecycleState: ws.lifecycleState,
      timeCreated: ws.timeCreated,
      timeUpdated: ws.timeUpdated,
      etag: etagOf(ws),
      doc: JSON.stringify(ws),
    };
  }
}

export function checkEtag(rec: { etag: string }, ifMatch: string | undefined, what = 'the resource'): void {
  if (ifMatch === undefined || ifMatch === '' || ifMatch === '*') return;
  if (ifMatch !== rec.etag) {
    throw preconditionFailed(`The if-match value '${ifMatch}' does not match the current etag '${rec.etag}' of ${what}: it changed since you read it; GET it again and retry`);
  }
}
