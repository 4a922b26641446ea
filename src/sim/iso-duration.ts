/**
 * ISO-8601 durations for the clock control route: PnYnMnWnDTnHnMnS (seconds
 * may have a fraction). Years and months are calendar steps in UTC from
 * `from` (P1M from Jan 31 lands on Feb 28/29); the rest are fixed lengths.
 */
import { badRequest } from '../core/errors';

const RE = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** The instant `duration` after `from` (epoch ms). */
export function addIsoDuration(from: number, duration: string): number {
  const m = RE.exec(duration);
  if (!m || duration === 'P' || duration.endsWith('T')) {
    throw badRequest(`duration '${duration}' is not an ISO-8601 duration such as PT1H, PT90S, P1D or P1DT12H`);
  }
  const [y, mo, w, d, h, mi] = m.slice(1, 7).map((x) => Number(x ?? 0));
  const s = Number(m[7] ?? 0);
  let t = from;
  if (y || mo) {
    const date = new Date(from);
    const day = date.getUTCDate();
    date.setUTCDate(1);
    date.setUTCFullYear(date.getUTCFullYear() + y, date.getUTCMonth() + mo);
    const last = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
    date.setUTCDate(Math.min(day, last));
    t = date.getTime();
  }
  return t + ((w * 7 + d) * 86_400 + h * 3_600 + mi * 60) * 1000 + Math.round(s * 1000);
}
