/**
 * Strict reading of an iCalendar RRULE (RFC 5545 §3.3.10) before it reaches
 * the recurrence library, which tolerates some mistakes silently (it drops
 * `BYHOUR=25`, for example). Every mistake becomes a 400 that names the rule
 * part, so a client learns what to fix. Returns the rule normalised
 * (upper case, no `RRULE:` prefix, no trailing `;`).
 */
import { badRequest } from '../core/errors';

/** FREQ values a schedule may use (SECONDLY is refused: the finest grain is a minute). */
export const ICAL_FREQS = ['YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY', 'HOURLY', 'MINUTELY'] as const;
const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
/**
 * Oracle Integration's scheduler also takes weekdays written with three
 * letters or in full (`BYDAY=MO,TUE`, `WKST=SUNDAY`): they are read as the
 * RFC's two-letter codes, which is what the normalised rule then carries.
 */
const LONG_DAYS: Record<string, string> = {
  MON: 'MO', TUE: 'TU', WED: 'WE', THU: 'TH', FRI: 'FR', SAT: 'SA', SUN: 'SU',
  MONDAY: 'MO', TUESDAY: 'TU', WEDNESDAY: 'WE', THURSDAY: 'TH', FRIDAY: 'FR', SATURDAY: 'SA', SUNDAY: 'SU',
};
const dayCode = (word: string) => LONG_DAYS[word] ?? word;

const fail = (msg: string) => badRequest(`icalExpression is invalid: ${msg}`);

function intList(part: string, raw: string, min: number, max: number, signed = false): void {
  for (const s of raw.split(',')) {
    if (!/^[+-]?\d+$/.test(s)) throw fail(`${part} value '${s}' is not an integer`);
    const n = Number(s);
    const ok = signed ? n !== 0 && Math.abs(n) >= min && Math.abs(n) <= max : n >= min && n <= max;
    if (!ok) throw fail(`${part} value ${s} is out of range (${signed ? `±${min}..${max}` : `${min}..${max}`})`);
  }
}

function single(part: string, raw: string, min: number, max: number): void {
  if (raw.includes(',')) throw fail(`${part} takes one value`);
  intList(part, raw, min, max);
}

function checkUntil(raw: string): void {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(raw);
  if (!m) throw fail(`UNTIL '${raw}' must be a UTC date-time like 20251231T235959Z`);
  if (m[4] !== undefined && m[7] !== 'Z') throw fail(`UNTIL '${raw}' must be in UTC (end it with Z), as RFC 5545 requires with a time zone`);
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map((x) => Number(x ?? 0));
  const t = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  if (t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) throw fail(`UNTIL '${raw}' is not a valid date`);
}

export function normalizeIcal(expression: string): string {
  let text = expression.trim();
  if (/^RRULE:/i.test(text)) text = text.slice(6);
  text = text.replace(/;+$/, '').toUpperCase();
  if (!text) throw fail('it is empty');
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const piece of text.split(';')) {
    const eq = piece.indexOf('=');
    if (eq <= 0) throw fail(`'${piece}' is not NAME=VALUE`);
    const name = piece.slice(0, eq);
    let value = piece.slice(eq + 1);
    if (name === 'WKST') value = dayCode(value);
    if (name === 'BYDAY') value = value.split(',').map((d) => d.replace(/[A-Z]+$/, dayCode)).join(',');
    parts.push(`${name}=${value}`);
    if (!value) throw fail(`${name} has no value`);
    if (seen.has(name)) throw fail(`${name} is given twice`);
    seen.add(name);
    switch (name) {
      case 'FREQ':
        if (value === 'SECONDLY') throw fail('FREQ=SECONDLY is not supported; the finest frequency is MINUTELY');
        if (!(ICAL_FREQS as readonly string[]).includes(value)) throw fail(`FREQ '${value}' is unknown (use one of ${ICAL_FREQS.join(', ')})`);
        break;
      case 'INTERVAL': single(name, value, 1, 1000); break;
      case 'COUNT': single(name, value, 1, 100000); break;
      case 'UNTIL': checkUntil(value); break;
      case 'BYSECOND': intList(name, value, 0, 59); break;
      case 'BYMINUTE': intList(name, value, 0, 59); break;
      case 'BYHOUR': intList(name, value, 0, 23); break;
      case 'BYMONTH': intList(name, value, 1, 12); break;
      case 'BYMONTHDAY': intList(name, value, 1, 31, true); break;
      case 'BYYEARDAY': intList(name, value, 1, 366, true); break;
      case 'BYWEEKNO': intList(name, value, 1, 53, true); break;
      case 'BYSETPOS': intList(name, value, 1, 366, true); break;
      case 'WKST':
        if (!DAYS.includes(value)) throw fail(`WKST '${value}' is not a weekday (MO..SU)`);
        break;
      case 'BYDAY':
        for (const d of value.split(',')) {
          const m = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/.exec(d);
          if (!m) throw fail(`BYDAY value '${d}' is not a weekday like MO (or MON), 1MO or -1FR`);
          if (m[1] !== undefined && (Number(m[1]) === 0 || Math.abs(Number(m[1])) > 53)) throw fail(`BYDAY value '${d}' has an ordinal out of range (±1..53)`);
        }
        break;
      case 'DTSTART':
      case 'TZID':
        throw fail(`${name} is not allowed in the rule; use the schedule's startTime and timeZone`);
      default:
        throw fail(`unknown rule part '${name}'`);
    }
  }
  if (!seen.has('FREQ')) throw fail('FREQ is required');
  if (seen.has('COUNT') && seen.has('UNTIL')) throw fail('COUNT and UNTIL cannot both be given');
  return parts.join(';');
}
