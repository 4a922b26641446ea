/**
 * When a DIS schedule fires next. Frequencies follow the API's
 * AbstractFrequencyDetails subtypes (HOURLY, DAILY, WEEKLY, MONTHLY,
 * MONTHLY_RULE, CUSTOM cron), in the schedule's IANA time zone
 * (./time-zones.ts): daylight-saving changes move the instant, not the local
 * time. A local time that does not exist (spring forward) fires at the first
 * instant after the gap. Pure computation: the DIS schedule store validates
 * with it and the simulator fires by it.
 */
import { badRequest } from './errors';
import { localParts, zonedInstant } from './time-zones';

export interface FrequencyDetails {
  modelType: string;
  interval?: number;
  time?: { hour?: number; minute?: number; second?: number };
  days?: Array<string | number>;
  weekOfMonth?: string;
  dayOfWeek?: string;
  customExpression?: string;
}

const WEEKDAYS = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'];
const WEEKS = ['FIRST', 'SECOND', 'THIRD', 'FOURTH', 'FIFTH', 'LAST'];
const DAY_MS = 86_400_000;

export function checkFrequency(f: unknown): FrequencyDetails {
  if (!f || typeof f !== 'object') throw badRequest('frequencyDetails must be an object with a modelType (HOURLY, DAILY, WEEKLY, MONTHLY, MONTHLY_RULE or CUSTOM)');
  const fd = f as FrequencyDetails;
  const interval = fd.interval ?? 1;
  if (!Number.isInteger(interval) || interval < 1) throw badRequest('frequencyDetails.interval must be a positive integer');
  const t = fd.time ?? {};
  if ((t.hour ?? 0) < 0 || (t.hour ?? 0) > 23 || (t.minute ?? 0) < 0 || (t.minute ?? 0) > 59 || (t.second ?? 0) < 0 || (t.second ?? 0) > 59) {
    throw badRequest('frequencyDetails.time must have hour 0-23, minute 0-59, second 0-59');
  }
  switch (fd.modelType) {
    case 'HOURLY':
    case 'DAILY':
      break;
    case 'WEEKLY':
      if (!fd.days?.length || !fd.days.every((d) => WEEKDAYS.includes(String(d)))) throw badRequest(`frequencyDetails.days must list week days (${WEEKDAYS.join(', ')})`);
      break;
    case 'MONTHLY':
      if (!fd.days?.length || !fd.days.every((d) => Number.isInteger(d) && ((d as number) >= 1 && (d as number) <= 31 || d === -1))) throw badRequest('frequencyDetails.days must list days of the month (1-31, or -1 for the last day)');
      break;
    case 'MONTHLY_RULE':
      if (!WEEKS.includes(String(fd.weekOfMonth))) throw badRequest(`frequencyDetails.weekOfMonth must be one of ${WEEKS.join(', ')}`);
      if (!WEEKDAYS.includes(String(fd.dayOfWeek))) throw badRequest(`frequencyDetails.dayOfWeek must be one of ${WEEKDAYS.join(', ')}`);
      break;
    case 'CUSTOM':
      parseCron(fd.customExpression);
      break;
    default:
      throw badRequest(`frequencyDetails.modelType '${String(fd.modelType)}' is not one of HOURLY, DAILY, WEEKLY, MONTHLY, MONTHLY_RULE, CUSTOM`);
  }
  return fd;
}

interface Cron {
  sec: Set<number>;
  min: Set<number>;
  hour: Set<number>;
  dom: Set<number> | null;
  mon: Set<number>;
  dow: Set<number> | null;
}

/** Cron with 5 fields (min hour dom mon dow) or Quartz's 6-7 (sec first, optional year ignored; ? = any). */
export function parseCron(expr: unknown): Cron {
  if (typeof expr !== 'string' || !expr.trim()) throw badRequest('frequencyDetails.customExpression is required for a CUSTOM frequency (a cron expression such as "0 12 * * MON")');
  let fields = expr.trim().split(/\s+/);
  if (fields.length === 5) fields = ['0', ...fields];
  if (fields.length === 7) fields = fields.slice(0, 6);
  if (fields.length !== 6) throw badRequest(`customExpression '${expr}' must have 5 fields (minute hour day month weekday) or 6-7 (Quartz, seconds first)`);
  const names: Record<string, number> = { SUN: 0, MON: 1, TUE: 2, WED: 3, THU: 4, FRI: 5, SAT: 6, JAN: 1, FEB: 2, MAR: 3, APR: 4, MAY: 5, JUN: 6, JUL: 7, AUG: 8, SEP: 9, OCT: 10, NOV: 11, DEC: 12 };
  const field = (text: string, lo: number, hi: number, what: string): Set<number> | null => {
    if (text === '*' || text === '?') return null;
    const out = new Set<number>();
    for (const part of text.split(',')) {
      const m = /^(\*|[A-Z0-9]+)(?:-([A-Z0-9]+))?(?:\/(\d+))?$/i.exec(part);
      const num = (v: string) => (/^\d+$/.test(v) ? Number(v) : names[v.toUpperCase()]);
      if (!m) throw badRequest(`customExpression '${expr}': cannot read the ${what} field '${text}'`);
      const a = m[1] === '*' ? lo : num(m[1]);
      const b = m[2] !== undefined ? num(m[2]) : m[1] === '*' || m[3] ? hi : a;
      const step = m[3] ? Number(m[3]) : 1;
      if (a === undefined || b === undefined || a < lo || b > hi || a > b || step < 1) throw badRequest(`customExpression '${expr}': ${what} field '${text}' is out of range ${lo}-${hi}`);
      for (let v = a; v <= b; v += step) out.add(what === 'weekday' && v === 7 ? 0 : v);
    }
    return out;
  };
  const all = (lo: number, hi: number) => new Set(Array.from({ length: hi - lo + 1 }, (_, i) => lo + i));
  return {
    sec: field(fields[0], 0, 59, 'second') ?? all(0, 59),
    min: field(fields[1], 0, 59, 'minute') ?? all(0, 59),
    hour: field(fields[2], 0, 23, 'hour') ?? all(0, 23),
    dom: field(fields[3], 1, 31, 'day'),
    mon: field(fields[4], 1, 12, 'month') ?? all(1, 12),
    dow: field(fields[5], 0, 7, 'weekday'),
  };
}

function daysInMonth(y: number, mo: number): number {
  return new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/** Times of day (seconds since local midnight) at which a frequency fires on a day that matches it. */
function dayMatches(fd: FrequencyDetails, y: number, mo: number, d: number, anchor: { y: number; mo: number; d: number }, cron: Cron | null): boolean {
  const dow = new Date(Date.UTC(y, mo - 1, d)).getUTCDay();
  const interval = fd.interval ?? 1;
  const monthsApart = (y - anchor.y) * 12 + (mo - anchor.mo);
  switch (fd.modelType) {
    case 'HOURLY':
      return true;
    case 'DAILY': {
      const days = Math.round((Date.UTC(y, mo - 1, d) - Date.UTC(anchor.y, anchor.mo - 1, anchor.d)) / DAY_MS);
      return ((days % interval) + interval) % interval === 0;
    }
    case 'WEEKLY':
      return (fd.days ?? []).map(String).includes(WEEKDAYS[dow]);
    case 'MONTHLY': {
      if (((monthsApart % interval) + interval) % interval !== 0) return false;
      const last = daysInMonth(y, mo);
      return (fd.days ?? []).some((x) => (x === -1 ? d === last : Number(x) === d));
    }
    case 'MONTHLY_RULE': {
      if (((monthsApart % interval) + interval) % interval !== 0) return false;
      if (WEEKDAYS[dow] !== fd.dayOfWeek) return false;
      if (fd.weekOfMonth === 'LAST') return d + 7 > daysInMonth(y, mo);
      return Math.floor((d - 1) / 7) === WEEKS.indexOf(String(fd.weekOfMonth));
    }
    case 'CUSTOM': {
      const c = cron!;
      if (!c.mon.has(mo)) return false;
      // Standard cron: when both day fields are restricted, either may match.
      if (c.dom && c.dow) return c.dom.has(d) || c.dow.has(dow);
      if (c.dom) return c.dom.has(d);
      if (c.dow) return c.dow.has(dow);
      return true;
    }
  }
  return false;
}

function timesOfDay(fd: FrequencyDetails, cron: Cron | null): number[] {
  const t = fd.time ?? {};
  const hour = t.hour ?? 0;
  const minute = t.minute ?? 0;
  const second = t.second ?? 0;
  if (fd.modelType === 'HOURLY') {
    const interval = fd.interval ?? 1;
    const out: number[] = [];
    for (let h = 0; h < 24; h += interval) out.push(h * 3600 + minute * 60 + second);
    return out;
  }
  if (fd.modelType === 'CUSTOM') {
    const out: number[] = [];
    for (const h of [...cron!.hour].sort((a, b) => a - b)) for (const m of [...cron!.min].sort((a, b) => a - b)) for (const s of [...cron!.sec].sort((a, b) => a - b)) out.push(h * 3600 + m * 60 + s);
    return out;
  }
  return [hour * 3600 + minute * 60 + second];
}

/**
 * The first firing strictly after `after` (and not before `notBefore`), or
 * null when there is none within ~5 years. `anchor` (an instant) fixes where
 * day and month intervals count from.
 */
export function nextFireTime(fd: FrequencyDetails, tz: string, after: number, anchor: number): number | null {
  const cron = fd.modelType === 'CUSTOM' ? parseCron(fd.customExpression) : null;
  const a = localParts(anchor, tz);
  const start = localParts(after, tz);
  const times = timesOfDay(fd, cron);
  let day = Date.UTC(start.y, start.mo - 1, start.d);
  for (let i = 0; i < 366 * 5 + 2; i++, day += DAY_MS) {
    const dt = new Date(day);
    const y = dt.getUTCFullYear();
    const mo = dt.getUTCMonth() + 1;
    const d = dt.getUTCDate();
    if (!dayMatches(fd, y, mo, d, a, cron)) continue;
    for (const secs of times) {
      const at = zonedInstant(y, mo, d, Math.floor(secs / 3600), Math.floor((secs % 3600) / 60), secs % 60, tz);
      if (at > after) return at;
    }
  }
  return null;
}
