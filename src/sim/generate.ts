/**
 * POST /_emulator/executions/generate: past executions in bulk, so
 * dashboards, paging and metrics can be exercised on a large history.
 *
 * Rows are drawn from the seeded generator (start uniform in the range,
 * failure with the given rate, attempt durations as for live runs, failed
 * runs retried per configuration.errorHandling), sorted by start time, and
 * written with one prepared statement in one transaction; the per-minute
 * rollup is aggregated in memory and written once per minute touched.
 */
import type { AppContext } from '../core/context';
import { badRequest } from '../core/errors';
import type { IntegrationRecord } from '../store/oic/integrations';
import { MINUTE_MS, type ExecutionStore } from '../store/runtime/executions';
import type { OutcomeScript } from '../store/runtime/outcomes';
import { executionId } from './executor';
import { errorHandlingOf, RUNTIME_DEFAULTS } from './plan';

export interface GenerateRequest {
  /** One existing integration... */
  integrationId?: string;
  /** ...or spread the rows over this many integrations GENERATED_001.. (created when missing). */
  integrations?: number;
  count: number;
  startTime?: string;
  endTime?: string;
  failureRate?: number;
  minDurationMs?: number;
  maxDurationMs?: number;
}

export interface GenerateResult {
  integrationIds: string[];
  generated: number;
  successful: number;
  failed: number;
  startTime: string;
  endTime: string;
  elapsedMs: number;
}

const DAY = 86_400_000;

export interface GenerateTarget { integration: IntegrationRecord; script: OutcomeScript }

export function generateHistory(ctx: AppContext, executions: ExecutionStore, targets: GenerateTarget[], req: GenerateRequest): GenerateResult {
  const began = ctx.clock.wallNow();
  const now = ctx.clock.now();
  const end = req.endTime !== undefined ? Date.parse(req.endTime) : now;
  const start = req.startTime !== undefined ? Date.parse(req.startTime) : end - 30 * DAY;
  if (start >= end) throw badRequest(`startTime (${new Date(start).toISOString()}) must be before endTime (${new Date(end).toISOString()})`);
  if (end > now) throw badRequest(`endTime (${new Date(end).toISOString()}) must not be after the emulator clock's now (${new Date(now).toISOString()}): generated history is in the past`);
  if (req.minDurationMs !== undefined && req.maxDurationMs !== undefined && req.minDurationMs > req.maxDurationMs) {
    throw badRequest(`minDurationMs (${req.minDurationMs}) must not exceed maxDurationMs (${req.maxDurationMs})`);
  }
  let failed = 0;
  ctx.db.transaction(() => {
    targets.forEach((target, n) => {
      const share = Math.floor(req.count / targets.length) + (n < req.count % targets.length ? 1 : 0);
      failed += generateFor(ctx, executions, target, share, start, end, req);
    });
  })();
  return {
    integrationIds: targets.map((t) => t.integration.id),
    generated: req.count,
    successful: req.count - failed,
    failed,
    startTime: new Date(start).toISOString(),
    endTime: new Date(end).toISOString(),
    elapsedMs: ctx.clock.wallNow() - began,
  };
}

/** Rows of one integration (inside the caller's transaction); returns how many failed. */
function generateFor(ctx: AppContext, executions: ExecutionStore, { integration, script }: GenerateTarget, count: number, start: number, end: number, req: GenerateRequest): number {
  const rate = req.failureRate ?? script.failureRate ?? RUNTIME_DEFAULTS.failureRate;
  const min = req.minDurationMs ?? script.minDurationMs ?? RUNTIME_DEFAULTS.minDurationMs;
  const max = Math.max(req.maxDurationMs ?? script.maxDurationMs ?? RUNTIME_DEFAULTS.maxDurationMs, min);
  const eh = errorHandlingOf(integration.definition);
  const rnd = ctx.random;

  const starts = new Float64Array(count);
  for (let i = 0; i < count; i++) starts[i] = start + Math.floor(rnd.next() * (end - start));
  starts.sort();

  const rollup = new Map<number, [number, number, number, number]>();
  let failed = 0;
  for (let i = 0; i < count; i++) {
    const isFailed = rnd.chance(rate);
    let attempts: number[] | null = null;
    let duration: number;
    if (isFailed) {
      failed++;
      attempts = [];
      for (let k = 0; k <= eh.retryCount; k++) attempts.push(rnd.int(min, max));
      duration = attempts.reduce((a, b) => a + b, 0) + eh.retryCount * eh.retryIntervalMs;
    } else {
      duration = rnd.int(min, max);
    }
    // Keep every generated run finished by the end of the range.
    const at = Math.max(start, Math.min(starts[i], end - duration));
    executions.insertCompleted(executionId(ctx, at), integration.id, isFailed ? 'FAILED' : 'SUCCESS', at, duration, attempts ? attempts.length : 1,
      attempts ? JSON.stringify({ attempts, retryIntervalMs: eh.retryIntervalMs, outcome: 'FAILED' }) : null);
    const minute = Math.floor(at / MINUTE_MS);
    let agg = rollup.get(minute);
    if (!agg) rollup.set(minute, (agg = [0, 0, 0, 0]));
    agg[0]++;
    agg[isFailed ? 2 : 1]++;
    agg[3] += duration;
  }
  for (const [minute, [total, success, fail, durationSum]] of rollup) {
    executions.addRollupMinute(integration.id, minute, total, success, fail, durationSum);
  }
  return failed;
}
