/**
 * How a run will go, decided when it starts: outcome, attempts and their
 * durations. Scripted outcomes (POST /_emulator/integrations/{id}/outcomes)
 * come first; otherwise the seeded generator draws with these defaults:
 *
 * - a run succeeds unless told otherwise: failure rate 0 by default, as for
 *   DIS task runs, so a test target is deterministic (per-integration
 *   `failureRate` or scripted outcomes make runs fail; the demo fixtures set
 *   a rate so the dashboard shows failures);
 *   a failing run fails every attempt: 1 + configuration.errorHandling.retryCount;
 * - each attempt takes a uniform 500..2000 ms (per-integration min/max override);
 * - retries start `retryInterval` seconds (default 60) after a failed attempt,
 *   in clock time.
 */
import type { Random } from '../core/random';
import type { Plan } from '../store/runtime/executions';
import type { OutcomeScript, ScriptedOutcome } from '../store/runtime/outcomes';

export const RUNTIME_DEFAULTS = {
  failureRate: 0,
  minDurationMs: 500,
  maxDurationMs: 2000,
  retryIntervalSeconds: 60,
  /** The seed's "Concurrent Integrations: 50 per tenant". */
  maxInProgress: 50,
};

export interface ErrorHandling { retryCount: number; retryIntervalMs: number }

/** configuration.errorHandling of a definition, with defaults for anything missing or odd. */
export function errorHandlingOf(definition: { configuration?: Record<string, unknown> } | undefined): ErrorHandling {
  const eh = (definition?.configuration?.errorHandling ?? {}) as { retryCount?: unknown; retryInterval?: unknown };
  const count = typeof eh.retryCount === 'number' && Number.isInteger(eh.retryCount) && eh.retryCount > 0 ? Math.min(eh.retryCount, 100) : 0;
  const interval = typeof eh.retryInterval === 'number' && eh.retryInterval >= 0 ? eh.retryInterval : RUNTIME_DEFAULTS.retryIntervalSeconds;
  return { retryCount: count, retryIntervalMs: Math.round(interval * 1000) };
}

export function drawPlan(random: Random, script: OutcomeScript, scripted: ScriptedOutcome | undefined, eh: ErrorHandling): Plan {
  const rate = script.failureRate ?? RUNTIME_DEFAULTS.failureRate;
  const outcome = scripted ? scripted.status : random.chance(rate) ? 'FAILED' : 'SUCCESS';
  const attempts = outcome === 'FAILED' ? eh.retryCount + 1 : Math.min(scripted?.failedAttempts ?? 0, eh.retryCount) + 1;
  const min = script.minDurationMs ?? RUNTIME_DEFAULTS.minDurationMs;
  const max = Math.max(script.maxDurationMs ?? RUNTIME_DEFAULTS.maxDurationMs, min);
  const durations: number[] = [];
  for (let i = 0; i < attempts; i++) durations.push(scripted?.durationMs ?? random.int(min, max));
  const plan: Plan = { attempts: durations, retryIntervalMs: eh.retryIntervalMs, outcome };
  if (scripted && (scripted.activity || scripted.errorCode || scripted.errorMessage || scripted.errorDetails)) {
    plan.error = { activity: scripted.activity, errorCode: scripted.errorCode, errorMessage: scripted.errorMessage, errorDetails: scripted.errorDetails };
  }
  return plan;
}
