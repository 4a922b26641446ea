/**
 * The `q` of GET /monitoring/auditRecords, as Oracle documents it:
 * `{limit: '10', type: /ICS_AppInstance/, distinct: 'true'}` with
 *
 *   limit       how many records at most (default 15)
 *   code        integration identifier (exact, or /regex/)
 *   version     integration version
 *   timewindow  1h, 6h, 1d, 2d, 3d, RETENTIONPERIOD (default 1h); startdate/enddate as for instances
 *   type        resource type, exact or /like/ (ICS_AppInstance, ICS_DVM, ICS_ProjectV2, ICS_Schedule, API_LIBRARY, ...)
 *   distinct    'true': only the newest record of each resource
 *
 * The filter-form parser is the design-time one (src/oic/q-filter.ts), so
 * regex values and quoting behave the same everywhere. Also `action` and
 * `user`, which Oracle does not document (the emulator's addition).
 */
import { badRequest } from '../../core/errors';
import { qConditions } from '../q-filter';
import type { AuditRecord } from '../../store/oic/audit';
import { timeRange, type MonitoringQ } from './monitoring-q';

export const DEFAULT_AUDIT_LIMIT = 15;
const MAX_AUDIT_LIMIT = 10_000;

const FIELDS: Record<string, (r: AuditRecord) => string | null | undefined> = {
  code: (r) => r.code,
  version: (r) => r.version,
  type: (r) => r.resourceType,
  action: (r) => r.action,
  user: (r) => r.user,
};

export interface AuditQuery { from: number; to: number; timeWindow: string; limit: number; distinct: boolean; matches(r: AuditRecord): boolean }

export function auditQuery(raw: string | undefined, now: number): AuditQuery {
  const conditions = raw === undefined || raw.trim() === '' ? [] : qConditions(raw);
  const time: MonitoringQ = {};
  let limit = DEFAULT_AUDIT_LIMIT;
  let distinct = false;
  const checks: Array<(r: AuditRecord) => boolean> = [];
  for (const { key, value } of conditions) {
    const k = key.toLowerCase();
    const text = value.kind === 'eq' ? value.text : undefined;
    if (k === 'timewindow' || k === 'startdate' || k === 'enddate') {
      if (text === undefined) throw badRequest(`Query parameter 'q': ${key} must be a quoted value, not a /regex/`);
      time[k] = text;
    } else if (k === 'limit') {
      const n = Number(text);
      if (!Number.isInteger(n) || n < 1 || n > MAX_AUDIT_LIMIT) throw badRequest(`Query parameter 'q': limit must be a whole number from 1 to ${MAX_AUDIT_LIMIT}, got '${text ?? `/${value.kind === 'regex' ? value.source : ''}/`}'`);
      limit = n;
    } else if (k === 'distinct') {
      if (text !== 'true' && text !== 'false') throw badRequest(`Query parameter 'q': distinct must be 'true' or 'false', got '${text ?? 'a regex'}'`);
      distinct = text === 'true';
    } else if (FIELDS[k]) {
      const get = FIELDS[k];
      checks.push(value.kind === 'regex' ? (r) => value.test(get(r) ?? '') : (r) => get(r) === value.text);
    } else {
      throw badRequest(`Query parameter 'q' filters on '${key}', which is not supported here; supported: limit, code, version, timewindow, startdate, enddate, type, distinct, action, user`);
    }
  }
  const range = timeRange(time, now);
  return { ...range, limit, distinct, matches: (r) => checks.every((c) => c(r)) };
}
