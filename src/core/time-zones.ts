/**
 * The IANA time-zone arithmetic every schedule shares (DIS schedules, OIC
 * recurrences, the real OIC schedule view): is a name a zone, what wall-clock
 * time an instant is in a zone, and which instant a wall-clock time is.
 * Built on Intl, so daylight-saving changes move the instant, not the local
 * time; formatters are cached per zone.
 */
import { badRequest } from './errors';

/** Does Intl know the zone (it also takes offsets such as +02:00)? */
function intlKnows(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Is `tz` an IANA zone name this runtime knows (UTC, Europe/Paris, ...)? Offsets such as +02:00 are not zones. */
export function isTimeZone(tz: string): boolean {
  return Boolean(tz) && !/^[+-]\d/.test(tz) && intlKnows(tz);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone as given, or a 400 naming it (DIS takes whatever Intl knows). */
export function checkTimeZone(tz: string): string {
  if (!intlKnows(tz)) throw badRequest(`timezone '${tz}' is not an IANA time zone (e.g. UTC, Europe/Paris, America/New_York)`);
  return tz;
}

/** Local wall-clock parts of an instant in a zone. */
export function localParts(ms: number, tz: string): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(tz, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(ms))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return { y: p.year, mo: p.month, d: p.day, h: p.hour, mi: p.minute, s: p.second };
}

function offsetAt(ms: number, tz: string): number {
  const p = localParts(ms, tz);
  return Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s) - Math.floor(ms / 1000) * 1000;
}

/** The instant of a local wall-clock time in a zone. */
export function zonedInstant(y: number, mo: number, d: number, h: number, mi: number, s: number, tz: string): number {
  const naive = Date.UTC(y, mo - 1, d, h, mi, s);
  let at = naive - offsetAt(naive, tz);
  at = naive - offsetAt(at, tz);
  return at;
}
