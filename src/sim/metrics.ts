/**
 * GET /monitoring/v1/integrations/{id}/metrics: the seed's summary and time
 * series, computed from the per-minute rollup of completed executions.
 *
 * The window is cut into buckets of `interval`, aligned to multiples of the
 * interval since the Unix epoch (UTC: 1h buckets start on the hour, 1d
 * buckets at 00:00Z); the window is widened to whole buckets and echoed as
 * startTime/endTime. Executions count in the bucket of their start time, once
 * completed. Every bucket is listed, empty ones with zeros, and the summary
 * is the sum of the buckets, so it equals the executions list filtered by
 * the same startTime/endTime (in-progress runs are reported apart, in
 * `inProgressExecutions`).
 */
import { badRequest } from '../core/errors';
import { MINUTE_MS, type ExecutionStore } from '../store/runtime/executions';

export const PERIODS: Record<string, number> = { '1h': 3_600_000, '6h': 21_600_000, '24h': 86_400_000, '7d': 604_800_000, '30d': 2_592_000_000 };
const DEFAULT_INTERVAL: Record<string, string> = { '1h': '5m', '6h': '15m', '24h': '1h', '7d': '6h', '30d': '1d' };
const UNIT_MS: Record<string, number> = { m: MINUTE_MS, h: 3_600_000, d: 86_400_000 };
export const MAX_BUCKETS = 10_080;

export interface MetricsQuery { period?: string; interval?: string; startTime?: string; endTime?: string }

export interface Window { period: string; interval: string; intervalMs: number; start: number; end: number }

export function parseDuration(name: string, raw: string): number {
  const m = /^([1-9]\d{0,5})(m|h|d)$/.exec(raw);
  if (!m) throw badRequest(`Query parameter '${name}' must look like 5m, 1h or 1d, got '${raw}'`);
  return Number(m[1]) * UNIT_MS[m[2]];
}

function instant(name: string, raw: string): number {
  const t = Date.parse(raw);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(raw) || Number.isNaN(t)) throw badRequest(`Query parameter '${name}' must be an ISO-8601 date-time, got '${raw}'`);
  return t;
}

export function metricsWindow(q: MetricsQuery, now: number): Window {
  const period = q.period ?? '24h';
  const periodMs = PERIODS[period];
  if (periodMs === undefined) throw badRequest(`Query parameter 'period' must be one of ${Object.keys(PERIODS).join(', ')}, got '${period}'`);
  const interval = q.interval ?? DEFAULT_INTERVAL[period];
  const step = parseDuration('interval', interval);
  const from = q.startTime !== undefined ? instant('startTime', q.startTime) : undefined;
  const to = q.endTime !== undefined ? instant('endTime', q.endTime) : undefined;
  if (from !== undefined && to !== undefined && from >= to) throw badRequest(`Query parameter 'startTime' (${q.startTime}) must be before 'endTime' (${q.endTime})`);
  const down = (t: number) => Math.floor(t / step) * step;
  const up = (t: number) => Math.ceil(t / step) * step;
  let start: number;
  let end: number;
  if (from !== undefined && to !== undefined) {
    if (step > to - from) throw badRequest(`Query parameter 'interval' (${interval}) is longer than the range from startTime to endTime`);
    start = down(from);
    end = up(to);
  } else {
    if (step > periodMs) throw badRequest(`Query parameter 'interval' (${interval}) is longer than the period (${period})`);
    if (from !== undefined) {
      start = down(from);
      end = up(from + periodMs);
    } else {
      // Without endTime the window ends with the bucket that contains now.
      end = to !== undefined ? up(to) : down(now) + step;
      start = down(end - periodMs);
    }
  }
  const buckets = (end - start) / step;
  if (buckets > MAX_BUCKETS) throw badRequest(`Query parameter 'interval' (${interval}) gives ${buckets} data points for this window; at most ${MAX_BUCKETS} are allowed, use a longer interval`);
  return { period, interval, intervalMs: step, start, end };
}

export interface MetricsResult {
  integrationId: string;
  period: string;
  interval: string;
  startTime: string;
  endTime: string;
  metrics: {
    summary: { totalExecutions: number; successfulExecutions: number; failedExecutions: number; averageExecutionTime: number; errorRate: number; inProgressExecutions: number };
    timeSeries: Array<{ timestamp: string; executions: number; successful: number; failed: number; avgExecutionTime: number }>;
  };
}

export function computeMetrics(executions: ExecutionStore, integrationId: string, w: Window): MetricsResult {
  const count = (w.end - w.start) / w.intervalMs;
  const byBucket = new Map(executions.rollup(integrationId, w.start, w.end, w.intervalMs).map((b) => [b.bucket, b]));
  let total = 0, success = 0, failed = 0, durationSum = 0;
  const timeSeries = [];
  for (let i = 0; i < count; i++) {
    const b = byBucket.get(i);
    const n = b?.total ?? 0;
    total += n;
    success += b?.success ?? 0;
    failed += b?.failed ?? 0;
    durationSum += b?.durationSum ?? 0;
    timeSeries.push({
      timestamp: new Date(w.start + i * w.intervalMs).toISOString(),
      executions: n,
      successful: b?.success ?? 0,
      failed: b?.failed ?? 0,
      avgExecutionTime: n ? Math.round((b?.durationSum ?? 0) / n) : 0,
    });
  }
  return {
    integrationId,
    period: w.period,
    interval: w.interval,
    startTime: new Date(w.start).toISOString(),
    endTime: new Date(w.end).toISOString(),
    metrics: {
      summary: {
        totalExecutions: total,
        successfulExecutions: success,
        failedExecutions: failed,
        averageExecutionTime: total ? Math.round(durationSum / total) : 0,
        errorRate: total ? failed / total : 0,
        inProgressExecutions: executions.inProgressBetween(integrationId, w.start, w.end),
      },
      timeSeries,
    },
  };
}
