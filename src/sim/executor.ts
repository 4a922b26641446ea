/**
 * Starts executions and moves them along: each IN_PROGRESS execution has one
 * pending event (`next_event_at`): the end of its running attempt, or the
 * start of its next retry. The scheduler calls advance() for each event in
 * time order. Everything happens inside the caller's transaction.
 */
import type { AppContext } from '../core/context';
import type { IntegrationRecord } from '../store/oic/integrations';
import type { ExecutionRecord, ExecutionSource, ExecutionStore, Plan, TrackingField } from '../store/runtime/executions';
import type { OutcomeStore } from '../store/runtime/outcomes';
import { drawPlan, errorHandlingOf, RUNTIME_DEFAULTS } from './plan';

export interface StartOptions {
  scheduleId?: string | null;
  tracking?: TrackingField[];
  /** When the run was due, if it had to wait. */
  requestedAt?: number | null;
  trigger?: Plan['trigger'];
}

/** 64 URL-safe characters in ASCII order, so ids sort like the numbers they encode. */
const ALPHABET = '-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz';

/**
 * An opaque 22-character instance id: 8 characters of the start time (so ids
 * sort by start, and bulk inserts append to the id index) and 14 random ones
 * from the seeded id generator.
 */
export function executionId(ctx: AppContext, startTime: number): string {
  let out = '';
  let t = Math.max(0, Math.floor(startTime));
  for (let i = 0; i < 8; i++) {
    out = ALPHABET[t % 64] + out;
    t = Math.floor(t / 64);
  }
  for (let i = 0; i < 2; i++) {
    let r = Math.floor(ctx.ids.next() * 2 ** 42);
    for (let j = 0; j < 7; j++) {
      out += ALPHABET[r % 64];
      r = Math.floor(r / 64);
    }
  }
  return out;
}

export class Executor {
  constructor(
    private readonly ctx: AppContext,
    private readonly executions: ExecutionStore,
    private readonly outcomes: OutcomeStore,
  ) {}

  hasSlot(): boolean {
    return this.executions.inProgressCount() < RUNTIME_DEFAULTS.maxInProgress;
  }

  start(integration: IntegrationRecord, source: ExecutionSource, at: number, opts: StartOptions = {}): ExecutionRecord {
    const script = this.outcomes.get(integration.id);
    const scripted = this.outcomes.shift(integration.id);
    const plan = drawPlan(this.ctx.random, script, scripted, errorHandlingOf(integration.definition));
    if (opts.trigger) plan.trigger = opts.trigger;
    const seq = this.executions.insert({
      id: executionId(this.ctx, at),
      integrationId: integration.id,
      status: 'IN_PROGRESS',
      source,
      startTime: at,
      endTime: null,
      durationMs: null,
      attempts: 1,
      phase: 'RUNNING',
      nextEventAt: at + plan.attempts[0],
      scheduleId: opts.scheduleId ?? null,
      requestedAt: opts.requestedAt != null && opts.requestedAt !== at ? opts.requestedAt : null,
      tracking: opts.tracking ?? [],
      plan,
    });
    return this.executions.bySeq(seq)!;
  }

  /** Process the event due at `now`: an attempt ends (retry or completion) or a retry starts. */
  advance(e: ExecutionRecord, now: number): void {
    const plan = e.plan ?? { attempts: [0], retryIntervalMs: 0, outcome: 'SUCCESS' as const };
    const i = e.attempts - 1;
    if (e.phase === 'RETRY_WAIT') {
      this.executions.setProgress(e.seq, e.attempts + 1, 'RUNNING', now + plan.attempts[Math.min(i + 1, plan.attempts.length - 1)]);
    } else if (i < plan.attempts.length - 1) {
      this.executions.setProgress(e.seq, e.attempts, 'RETRY_WAIT', now + plan.retryIntervalMs);
    } else {
      this.executions.complete(e, plan.outcome, now);
    }
  }
}
