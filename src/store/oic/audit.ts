/**
 * The audit trail of design-time changes (table oic_audit_records, area
 * oic-audit), HTTP-free. One writer (src/routes/oic/real/audit-hook.ts
 * records every successful OIC write from one place) and one reader (GET
 * /monitoring/auditRecords). Records are never updated; the newest comes
 * first, by time and then by insertion order, so equal times stay stable.
 */
import type { AppContext } from '../../core/context';
import { prepareAll } from '../statements';

export interface AuditEntry {
  user: string;
  /** Oracle's resource type words: ICS_AppInstance, ICS_DVM, ICS_ProjectV2, ICS_Schedule, API_LIBRARY, ICS_PACKAGE, ... */
  resourceType: string;
  action: string;
  resourceId: string;
  code?: string | null;
  version?: string | null;
  name?: string | null;
  projectId?: string | null;
}

export interface AuditRecord extends AuditEntry { seq: number; time: number }

interface Row {
  seq: number; time: number; user_name: string; resource_type: string; action: string; resource_id: string;
  code: string | null; version: string | null; name: string | null; project_id: string | null;
}

const toRecord = (r: Row): AuditRecord => ({
  seq: r.seq, time: r.time, user: r.user_name, resourceType: r.resource_type, action: r.action, resourceId: r.resource_id,
  code: r.code, version: r.version, name: r.name, projectId: r.project_id,
});

/** Every statement of the store, by name. */
const SQL = {
  insert: `INSERT INTO oic_audit_records (time, user_name, resource_type, action, resource_id, code, version, name, project_id)
    VALUES (@time, @user, @resourceType, @action, @resourceId, @code, @version, @name, @projectId)`,
  between: 'SELECT * FROM oic_audit_records WHERE time >= ? AND time <= ? ORDER BY time DESC, seq DESC',
} as const;

export class AuditStore {
  private readonly q;

  constructor(private readonly ctx: AppContext) {
    this.q = prepareAll(ctx.db, SQL);
  }

  record(e: AuditEntry): void {
    this.q.insert.run({ time: this.ctx.clock.now(), code: null, version: null, name: null, projectId: null, ...e });
  }

  /** Every record with a time in [from, to], newest first (the caller filters further and pages). */
  between(from: number, to: number): AuditRecord[] {
    return (this.q.between.all(from, Number.isFinite(to) ? to : Number.MAX_SAFE_INTEGER) as Row[]).map(toRecord);
  }
}
