/**
 * When does a schedule fire? Two kinds of recurrence:
 *
 * - MINUTELY and HOURLY frequencies are fixed steps of elapsed time from
 *   startTime: "every hour" is every 60 minutes, also on the days a
 *   daylight-saving change gives 23 or 25 local hours.
 * - DAILY, WEEKLY, MONTHLY and any iCalendar rule (`icalExpression`) follow the
 *   wall clock of the schedule's IANA zone: DAILY from 09:00 New York time
 *   stays at 09:00 local, so 13:00Z in summer and 14:00Z in winter. They are
 *   expanded by rrule-temporal (RFC 5545 with Temporal time zones): a local
 *   time that occurs twice fires once, a local time the spring-forward gap
 *   skips does not fire that day (RFC 5545 §3.3.10), and a MONTHLY rule from
 *   the 31st skips shorter months.
 *
 * nextAtOrAfter(t) gives the first firing instant >= t (epoch ms), or null
 * when the schedule is over (endTime, UNTIL, COUNT). Compiled rules are
 * cached: they are pure functions of the spec.
 */
import { RRuleTemporal } from 'rrule-temporal';
import { badRequest } from '../core/errors';
import { normalizeIcal } from './ical';
import { isTimeZone } from './time-zones';

export const FREQUENCIES = ['MINUTELY', 'HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export interface RecurrenceSpec {
  frequency?: string | null;
  /** Every N units of the frequency (default 1). */
  interval?: number | null;
  icalExpression?: string | null;
  startTime: number;
  endTime?: number | null;
  timeZone: string;
}

export interface Recurrence {
  /** First firing at or after `t` (epoch ms), or null when no firing remains. */
  nextAtOrAfter(t: number): number | null;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
/** Periods the library may scan before a rule counts as never firing again. */
const MAX_ITERATIONS = 5000;

/** Validate a spec and return its recurrence; a 400 names the field when something is wrong. */
export function compileRecurrence(spec: RecurrenceSpec): Recurrence {
  const key = JSON.stringify([spec.frequency, spec.interval, spec.icalExpression, spec.startTime, spec.endTime, spec.timeZone]);
  const hit = cache.get(key);
  if (hit) return hit;
  if (!isTimeZone(spec.timeZone)) throw badRequest(`timeZone '${spec.timeZone}' is not a valid IANA time zone (for example UTC or America/New_York)`);
  if (spec.endTime != null && spec.endTime <= spec.startTime) throw badRequest('endTime must be after startTime');
  const interval = spec.interval ?? 1;
  let rec: Recurrence;
  if (spec.icalExpression != null) {
    rec = new CalendarRecurrence(normalizeIcal(spec.icalExpression), spec.startTime, spec.endTime ?? null, spec.timeZone);
    if (rec.nextAtOrAfter(spec.startTime) === null) {
      throw badRequest('icalExpression never fires: the rule has no occurrence after startTime (before endTime or its own end)');
    }
  } else if (spec.frequency === 'MINUTELY' || spec.frequency === 'HOURLY') {
    rec = new StepRecurrence(spec.startTime, interval * (spec.frequency === 'MINUTELY' ? MINUTE : HOUR), spec.endTime ?? null);
  } else if (spec.frequency === 'DAILY' || spec.frequency === 'WEEKLY' || spec.frequency === 'MONTHLY') {
    rec = new CalendarRecurrence(`FREQ=${spec.frequency};INTERVAL=${interval}`, spec.startTime, spec.endTime ?? null, spec.timeZone);
  } else if (spec.frequency == null) {
    throw badRequest('frequency or icalExpression is required');
  } else {
    throw badRequest(`frequency '${spec.frequency}' is unknown (use one of ${FREQUENCIES.join(', ')}, or give an icalExpression)`);
  }
  if (cache.size >= 1000) cache.clear();
  cache.set(key, rec);
  return rec;
}

const cache = new Map<string, Recurrence>();

class StepRecurrence implements Recurrence {
  constructor(private readonly start: number, private readonly step: number, private readonly end: number | null) {}

  nextAtOrAfter(t: number): number | null {
    const at = t <= this.start ? this.start : this.start + Math.ceil((t - this.start) / this.step) * this.step;
    return this.end !== null && at > this.end ? null : at;
  }
}

class CalendarRecurrence implements Recurrence {
  private readonly rule: RRuleTemporal;

  constructor(rrule: string, start: number, private readonly end: number | null, timeZone: string) {
    // The library takes any object that prints as a zoned date-time.
    const dtstart = { timeZoneId: timeZone, toString: () => `${new Date(start).toISOString()}[${timeZone}]` };
    try {
      this.rule = new RRuleTemporal({ rruleString: `RRULE:${rrule}`, dtstart, maxIterations: MAX_ITERATIONS });
    } catch (e) {
      throw badRequest(`icalExpression is invalid: ${(e as Error).message}`);
    }
  }

  nextAtOrAfter(t: number): number | null {
    let next: { epochMilliseconds: number } | null;
    try {
      next = this.rule.next(new Date(t), true) as { epochMilliseconds: number } | null;
    } catch {
      // The library gives up on rules that cannot fire again (e.g. BYHOUR=3
      // with INTERVAL=2 from an even hour): for a scheduler that means "done".
      return null;
    }
    if (!next) return null;
    const at = next.epochMilliseconds;
    return this.end !== null && at > this.end ? null : at;
  }
}
