/**
 * An audit record in Oracle's shape (GET /monitoring/auditRecords): what
 * changed (type, action, resource and its code/version), who and when.
 */
import type { AuditRecord } from '../../../../store/oic/audit';

export function auditView(r: AuditRecord) {
  return {
    id: String(r.seq),
    type: r.resourceType,
    action: r.action,
    resourceId: r.resourceId,
    ...(r.code ? { code: r.code, version: r.version } : {}),
    ...(r.name ? { name: r.name } : {}),
    ...(r.projectId ? { projectCode: r.projectId } : {}),
    user: r.user,
    timestamp: new Date(r.time).toISOString(),
  };
}
