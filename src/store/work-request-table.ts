/**
 * What every OCI work request table shares (DIS workspaces' and the
 * Integration control plane's): a row per request with its JSON document and
 * `due_at` (the instant of the next lifecycle step, which the simulator
 * waits for), and an entries table of numbered log and error lines. The
 * lifecycle is the same: ACCEPTED -> IN_PROGRESS (50 %) -> SUCCEEDED or
 * FAILED (100 %, timeFinished set: the SDK's forWorkRequest waiter polls for
 * exactly that). Each API's store adds how a request is created and listed.
 */
import type { Db } from '../core/context';
import { parseDoc, sortAndPage, type ListQuery, type ListResult } from './dis/common';

/** The fields the shared lifecycle reads and writes in a request's document. */
export interface WorkRequestDocument {
  id: string;
  operationType: string;
  status: string;
  compartmentId: string;
  resources: Array<{ entityType: string; actionType: string; identifier: string; entityUri: string }>;
  percentComplete: number;
  timeAccepted: string;
  timeStarted?: string | null;
  timeFinished?: string | null;
}

/** The columns the shared lifecycle reads of a request's row. */
export interface WorkRequestRowBase { id: string; status: string; due_at: number | null; doc: string }

export interface WorkRequestEntry {
  code?: string;
  message: string;
  timestamp: string;
}

export abstract class WorkRequestTable<D extends WorkRequestDocument, R extends WorkRequestRowBase> {
  private readonly shared;

  /** `table` and `entries`: the request and entry tables (constants of the subclass, never input). */
  constructor(db: Db, table: string, entries: string) {
    this.shared = {
      byCompartment: db.prepare(`SELECT rowid AS seq, * FROM ${table} WHERE compartment_id = ?`),
      update: db.prepare(`UPDATE ${table} SET status = @status, due_at = @dueAt, doc = @doc WHERE id = @id`),
      nextDue: db.prepare(`SELECT MIN(due_at) AS at FROM ${table} WHERE due_at IS NOT NULL`),
      due: db.prepare(`SELECT * FROM ${table} WHERE due_at IS NOT NULL AND due_at <= ? ORDER BY due_at, rowid`),
      addEntry: db.prepare(`INSERT INTO ${entries} (work_request_id, kind, seq, timestamp, code, message)
        VALUES (@id, @kind, (SELECT COALESCE(MAX(seq), 0) + 1 FROM ${entries} WHERE work_request_id = @id AND kind = @kind), @timestamp, @code, @message)`),
      entries: db.prepare(`SELECT seq, timestamp, code, message FROM ${entries} WHERE work_request_id = ? AND kind = ?`),
    };
  }

  /** A compartment's rows (with their insertion order as `seq`), kept when `keep` says so, as a page of documents. */
  protected pageOf(compartmentId: string, keep: (r: R) => boolean, q: ListQuery, updatedOf: (d: D) => string): ListResult<D> {
    const rows = (this.shared.byCompartment.all(compartmentId) as Array<R & { seq: number }>).filter(keep);
    const page = sortAndPage(rows, q, (r) => {
      const d = parseDoc<D>(r.doc);
      return { seq: r.seq, created: d.timeAccepted, updated: updatedOf(d), name: d.operationType };
    });
    return { items: page.items.map((r) => parseDoc<D>(r.doc)), total: page.total };
  }

  /** A request's log or error entries, oldest first unless the query asks otherwise (the caller checks the request exists). */
  protected entryPage(id: string, kind: 'log' | 'error', q: ListQuery): ListResult<WorkRequestEntry> {
    const rows = this.shared.entries.all(id, kind) as Array<{ seq: number; timestamp: string; code: string | null; message: string }>;
    const page = sortAndPage(rows, q, (r) => ({ seq: r.seq, created: r.timestamp, updated: r.timestamp, name: r.message }), 'ASC');
    return {
      items: page.items.map((r) => (kind === 'error' ? { code: r.code ?? 'InternalError', message: r.message, timestamp: r.timestamp } : { message: r.message, timestamp: r.timestamp })),
      total: page.total,
    };
  }

  log(id: string, message: string, at: number): void {
    this.shared.addEntry.run({ id, kind: 'log', timestamp: new Date(at).toISOString(), code: null, message });
  }

  error(id: string, code: string, message: string, at: number): void {
    this.shared.addEntry.run({ id, kind: 'error', timestamp: new Date(at).toISOString(), code, message });
  }

  // ---- lifecycle (driven by the simulator)

  nextDue(): number | null {
    return (this.shared.nextDue.get() as { at: number | null }).at;
  }

  dueRows(until: number): R[] {
    return this.shared.due.all(until) as R[];
  }

  /** ACCEPTED -> IN_PROGRESS at `at`; the next step is due at `nextAt`. */
  protected advance(row: R, at: number, nextAt: number): void {
    const wr = parseDoc<D>(row.doc);
    wr.status = 'IN_PROGRESS';
    wr.percentComplete = 50;
    wr.timeStarted = new Date(at).toISOString();
    this.shared.update.run({ id: wr.id, status: wr.status, dueAt: nextAt, doc: JSON.stringify(wr) });
    this.log(wr.id, `${wr.operationType} in progress`, at);
  }

  /**
   * IN_PROGRESS -> SUCCEEDED | FAILED at `at`, each resource marked with
   * `resourceAction`; a failure is an error entry with `failureMessage`.
   */
  protected complete(row: R, at: number, succeeded: boolean, resourceAction: string, failureMessage?: string): D {
    const wr = parseDoc<D>(row.doc);
    wr.status = succeeded ? 'SUCCEEDED' : 'FAILED';
    wr.percentComplete = 100;
    wr.timeFinished = new Date(at).toISOString();
    wr.resources = wr.resources.map((r) => ({ ...r, actionType: resourceAction }));
    this.shared.update.run({ id: wr.id, status: wr.status, dueAt: null, doc: JSON.stringify(wr) });
    if (succeeded) this.log(wr.id, `${wr.operationType} succeeded`, at);
    else {
      this.error(wr.id, 'InternalError', failureMessage ?? `${wr.operationType} failed (scripted outcome)`, at);
      this.log(wr.id, `${wr.operationType} failed`, at);
    }
    return wr;
  }
}
