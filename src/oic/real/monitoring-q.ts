/**
 * The `q` filter of the real monitoring API (`/ic/api/integration/v1/monitoring/...`):
 * a JavaScript-object-like text, `q={timewindow:'1h', code:'ORDERS', status:'FAILED'}`,
 * read with JSON5 (unquoted keys, single quotes), never eval'd.
 *
 * Keys are matched case-insensitively (Oracle writes timewindow, startdate,
 * orderBy, jobid, runId...). Values are text (numbers are accepted as text).
 * An unknown key, a value that is not text, or a bad time is a 400 that
 * names it and lists what is supported.
 *
 * The time window selects instances by their start ("creation") time:
 * [now - timewindow, now), or [startdate, enddate) when given (enddate
 * defaults to now; startdate to enddate - timewindow). RETENTIONPERIOD means
 * everything the emulator holds (it never purges).
 */
import JSON5 from 'json5';
import { badRequest } from '../../core/errors';

const TIME_WINDOWS: Record<string, number> = {
  '1h': 3_600_000,
  '6h': 21_600_000,
  '1d': 86_400_000,
  '2d': 172_800_000,
  '3d': 259_200_000,
  RETENTIONPERIOD: Number.POSITIVE_INFINITY,
};

export const ORDER_BY = ['lastupdateddate', 'creationdate', 'executiontime'] as const;
export type InstanceOrder = (typeof ORDER_BY)[number];

/** Canonical key names, by lower-case spelling. */
const KEYS = {
  timewindow: 'timewindow',
  startdate: 'startdate',
  enddate: 'enddate',
  code: 'code',
  version: 'version',
  status: 'status',
  orderby: 'orderBy',
  projectcode: 'projectCode',
  id: 'id',
  primaryvalue: 'primaryValue',
  secondaryvalue: 'secondaryValue',
  tertiaryvalue: 'tertiaryValue',
  businessidvalue: 'businessIDValue',
  jobid: 'jobid',
  runid: 'runId',
} as const;

export type MonitoringKey = (typeof KEYS)[keyof typeof KEYS];
export type MonitoringQ = Partial<Record<MonitoringKey, string>>;

const EXAMPLE = "q={timewindow:'1h', code:'ORDERS', status:'FAILED'}";

/** Parse `q`; `allowed` limits the keys an endpoint takes (all by default). */
export function parseMonitoringQ(raw: string | undefined, allowed: readonly MonitoringKey[] = Object.values(KEYS)): MonitoringQ {
  if (raw === undefined || raw.trim() === '') return {};
  if (raw.length > 2000) throw badRequest("Query parameter 'q' is longer than 2000 characters");
  let parsed: unknown;
  try {
    parsed = JSON5.parse(raw);
  } catch (e) {
    throw badRequest(`Query parameter 'q' is not a valid filter (${(e as Error).message.replace(/^JSON5: /, '')}); use e.g. ${EXAMPLE}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw badRequest(`Query parameter 'q' must be an object, e.g. ${EXAMPLE}`);
  const out: MonitoringQ = {};
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    const name = (KEYS as Record<string, MonitoringKey>)[key.toLowerCase()];
    if (!name || !allowed.includes(name)) {
      throw badRequest(`Query parameter 'q' filters on '${key}', which is not supported here; supported: ${allowed.join(', ')}`);
    }
    if (typeof value !== 'string' && typeof value !== 'number') throw badRequest(`Query parameter 'q': ${name} must be a quoted value, e.g. ${name}:'...'`);
    out[name] = String(value);
  }
  if (out.orderBy !== undefined && !(ORDER_BY as readonly string[]).includes(out.orderBy.toLowerCase())) {
    throw badRequest(`Query parameter 'q': orderBy must be one of ${ORDER_BY.join(', ')}, got '${out.orderBy}'`);
  }
  return out;
}

export function instanceOrder(q: MonitoringQ): InstanceOrder {
  return (q.orderBy?.toLowerCase() as InstanceOrder | undefined) ?? 'lastupdateddate';
}

/** '2025-06-15T10:00:00Z', '2025-06-15 10:00:00' (UTC) or a date alone. */
export function parseUtc(name: string, text: string): number {
  const t = text.trim();
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?))?(Z|[+-]\d{2}:?\d{2})?$/.exec(t);
  const ms = m ? Date.parse(`${m[1]}T${m[2] ?? '00:00:00'}${m[3] ?? 'Z'}`) : Number.NaN;
  if (Number.isNaN(ms)) throw badRequest(`Query parameter 'q': ${name} must be a UTC date-time such as '2025-06-15 10:00:00' or '2025-06-15T10:00:00Z', got '${text}'`);
  return ms;
}

export interface TimeRange { from: number; to: number; timeWindow: string }

export function timeRange(q: MonitoringQ, now: number): TimeRange {
  const timeWindow = q.timewindow ?? '1h';
  const key = Object.keys(TIME_WINDOWS).find((k) => k.toLowerCase() === timeWindow.toLowerCase());
  if (!key) throw badRequest(`Query parameter 'q': timewindow must be one of ${Object.keys(TIME_WINDOWS).join(', ')}, got '${timeWindow}'`);
  const to = q.enddate !== undefined ? parseUtc('enddate', q.enddate) : now;
  const span = TIME_WINDOWS[key];
  const from = q.startdate !== undefined ? parseUtc('startdate', q.startdate) : span === Number.POSITIVE_INFINITY ? 0 : to - span;
  if (from >= to) throw badRequest(`Query parameter 'q': startdate (${new Date(from).toISOString()}) must be before enddate (${new Date(to).toISOString()})`);
  return { from, to, timeWindow: key };
}
