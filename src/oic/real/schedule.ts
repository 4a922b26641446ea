/**
 * Schedules as the real API writes them, translated to and from the
 * runtime's ScheduleInput (src/store/runtime/schedules.ts):
 *
 *   {"frequency": {"frequencyType": "DAILY", "interval": 1}, "name": "...",
 *    "startDate": "2/14/2025|0:0:0", "endDate": null, "scheduleTZ": "UTC"}
 *   {"icalExpression": "FREQ=MONTHLY;BYDAY=MO;BYHOUR=12;BYMINUTE=20;", "name": "...",
 *    "startDate": null, "endDate": null, "scheduleTZ": "GMT"}
 *
 * Dates are wall-clock times `M/D/YYYY|H:m:s` in `scheduleTZ` (an IANA zone;
 * default UTC); an ISO 8601 instant is accepted too. A null or absent
 * startDate means now. frequencyType takes the runtime's words (MINUTELY,
 * HOURLY, DAILY, WEEKLY, MONTHLY) and the plural forms (MINUTES, HOURS, ...).
 */
import { badRequest } from '../../core/errors';
import { isTimeZone, localParts } from '../../core/time-zones';
import type { ScheduleInput, ScheduleParameter, ScheduleRecord } from '../../store/runtime/schedules';

const FREQUENCY_WORDS: Record<string, string> = {
  MINUTELY: 'MINUTELY', MINUTE: 'MINUTELY', MINUTES: 'MINUTELY',
  HOURLY: 'HOURLY', HOUR: 'HOURLY', HOURS: 'HOURLY',
  DAILY: 'DAILY', DAY: 'DAILY', DAYS: 'DAILY',
  WEEKLY: 'WEEKLY', WEEK: 'WEEKLY', WEEKS: 'WEEKLY',
  MONTHLY: 'MONTHLY', MONTH: 'MONTHLY', MONTHS: 'MONTHLY',
};

export interface RealScheduleBody {
  name?: string;
  description?: string;
  frequency?: { frequencyType?: string; interval?: number } | null;
  icalExpression?: string | null;
  startDate?: string | null;
  endDate?: string | null;
  scheduleTZ?: string | null;
  parameters?: ScheduleParameter[];
}

export function checkZone(zone: string): void {
  if (!isTimeZone(zone)) throw badRequest(`scheduleTZ '${zone}' is not a time zone; use an IANA name such as UTC, GMT or America/New_York`);
}

/** Wall-clock fields of an instant in a zone (Intl formatters cached per zone in src/core/time-zones.ts). */
function fieldsIn(ms: number, zone: string): number[] {
  const p = localParts(ms, zone);
  return [p.y, p.mo, p.d, p.h, p.mi, p.s];
}

/**
 * The instant a wall-clock time has in a zone. Around a DST change the answer
 * depends on the zone's side of UTC: the iteration starts from the wall time
 * read as UTC, which falls before the change west of UTC and after it at or
 * east of UTC. So a time in a spring-forward gap moves forward by the gap in
 * the west (2:30 New York -> 3:30 EDT) but back in the east (2:30 Berlin ->
 * 1:30 CET), and a repeated time takes the first occurrence in the west, the
 * second in the east. (Inside a gap the guesses alternate between the two
 * offsets; the three steps end on the side described.)
 */
export function zonedToEpoch(y: number, mo: number, d: number, h: number, mi: number, s: number, zone: string): number {
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  let guess = wall;
  for (let i = 0; i < 3; i++) {
    const [fy, fmo, fd, fh, fmi, fs] = fieldsIn(guess, zone);
    const offset = Date.UTC(fy, fmo - 1, fd, fh, fmi, fs) - guess;
    const next = wall - offset;
    if (next === guess) break;
    guess = next;
  }
  return guess;
}

export function parseRealDate(field: string, text: string, zone: string): number {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s*\|\s*(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?)?\s*$/.exec(text);
  if (m) {
    const [mo, d, y, h, mi, s] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number);
    const check = new Date(Date.UTC(y, mo - 1, d));
    if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) {
      throw badRequest(`${field} '${text}' is not a valid date`);
    }
    return zonedToEpoch(y, mo, d, h, mi, s, zone);
  }
  if (/^\d{4}-\d{2}-\d{2}T/.test(text) && !Number.isNaN(Date.parse(text))) return Date.parse(text);
  throw badRequest(`${field} '${text}' must look like M/D/YYYY|H:m:s (wall clock in scheduleTZ), e.g. 2/14/2025|0:0:0, or be an ISO 8601 date-time`);
}

export function formatRealDate(ms: number, zone: string): string {
  const [y, mo, d, h, mi, s] = fieldsIn(ms, zone);
  return `${mo}/${d}/${y}|${h}:${mi}:${s}`;
}

/** A real schedule body as the runtime's input; `now` is the default start. */
export function scheduleInputOf(body: RealScheduleBody, now: number): ScheduleInput {
  const zone = body.scheduleTZ ?? 'UTC';
  checkZone(zone);
  const hasFrequency = body.frequency !== undefined && body.frequency !== null;
  const hasIcal = body.icalExpression !== undefined && body.icalExpression !== null && body.icalExpression !== '';
  if (hasFrequency && hasIcal) throw badRequest('Give either frequency or icalExpression, not both');
  if (!hasFrequency && !hasIcal) throw badRequest('A schedule needs frequency ({"frequencyType": "DAILY", "interval": 1}) or icalExpression (e.g. "FREQ=DAILY;BYHOUR=9")');
  const input: ScheduleInput = { timeZone: zone };
  if (hasFrequency) {
    const f = body.frequency!;
    const word = FREQUENCY_WORDS[String(f.frequencyType ?? '').toUpperCase()];
    if (!word) throw badRequest(`frequency.frequencyType must be one of MINUTELY, HOURLY, DAILY, WEEKLY, MONTHLY (or MINUTES, HOURS, DAYS, WEEKS, MONTHS), got '${String(f.frequencyType ?? '')}'`);
    input.frequency = word;
    input.interval = f.interval ?? 1;
  } else {
    input.icalExpression = body.icalExpression!;
  }
  if (body.name !== undefined) input.name = body.name;
  if (body.description !== undefined) input.description = body.description;
  const start = body.startDate ? parseRealDate('startDate', body.startDate, zone) : now;
  input.startTime = new Date(start).toISOString();
  input.endTime = body.endDate ? new Date(parseRealDate('endDate', body.endDate, zone)).toISOString() : null;
  if (body.parameters !== undefined) input.parameters = body.parameters;
  return input;
}

/** The runtime's schedule in the real API's shape. */
export function realScheduleFields(rec: ScheduleRecord) {
  const d = rec.doc;
  const zone = d.timeZone;
  return {
    name: d.name,
    description: d.description,
    frequency: d.frequency ? { frequencyType: d.frequency, interval: d.interval } : undefined,
    icalExpression: d.icalExpression ?? undefined,
    startDate: formatRealDate(Date.parse(d.startTime), zone),
    endDate: d.endTime === null ? null : formatRealDate(Date.parse(d.endTime), zone),
    scheduleTZ: zone,
    parameters: d.parameters,
    lastRunDate: d.lastRunTime ?? undefined,
  };
}
