/**
 * Scripted outcomes per integration (oic_outcome_scripts): a queue of
 * outcomes the next runs take, first in first out, plus knobs that replace
 * the random defaults (failure rate, attempt durations).
 */
import type { AppContext } from '../../core/context';
import { prepareAll } from '../statements';

export interface ScriptedOutcome {
  status: 'SUCCESS' | 'FAILED';
  /** SUCCESS only: attempts that fail (and are retried) before the one that succeeds. */
  failedAttempts?: number;
  /** Duration of each attempt, in ms. */
  durationMs?: number;
  activity?: string;
  errorCode?: string;
  errorMessage?: string;
  errorDetails?: string;
}

export interface OutcomeScript {
  integrationId: string;
  outcomes: ScriptedOutcome[];
  failureRate: number | null;
  minDurationMs: number | null;
  maxDurationMs: number | null;
}

interface Row { integration_id: string; outcomes: string; failure_rate: number | null; min_duration_ms: number | null; max_duration_ms: number | null }

/** Every statement of the store, by name. */
const SQL = {
  get: 'SELECT * FROM oic_outcome_scripts WHERE integration_id = ?',
  put: `INSERT INTO oic_outcome_scripts (integration_id, outcomes, failure_rate, min_duration_ms, max_duration_ms) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (integration_id) DO UPDATE SET outcomes = excluded.outcomes, failure_rate = excluded.failure_rate,
    min_duration_ms = excluded.min_duration_ms, max_duration_ms = excluded.max_duration_ms`,
  setQueue: 'UPDATE oic_outcome_scripts SET outcomes = ? WHERE integration_id = ?',
  delete: 'DELETE FROM oic_outcome_scripts WHERE integration_id = ?',
} as const;

export class OutcomeStore {
  private readonly q;

  constructor(private readonly ctx: AppContext) {
    this.q = prepareAll(ctx.db, SQL);
  }

  get(integrationId: string): OutcomeScript {
    const r = this.q.get.get(integrationId) as Row | undefined;
    return {
      integrationId,
      outcomes: r ? JSON.parse(r.outcomes) : [],
      failureRate: r?.failure_rate ?? null,
      minDurationMs: r?.min_duration_ms ?? null,
      maxDurationMs: r?.max_duration_ms ?? null,
    };
  }

  put(s: OutcomeScript): OutcomeScript {
    this.ctx.db.transaction(() => {
      this.q.put.run(s.integrationId, JSON.stringify(s.outcomes), s.failureRate, s.minDurationMs, s.maxDurationMs);
    })();
    return this.get(s.integrationId);
  }

  /** Take the next scripted outcome (caller's transaction), or undefined when the queue is empty. */
  shift(integrationId: string): ScriptedOutcome | undefined {
    const s = this.get(integrationId);
    if (!s.outcomes.length) return undefined;
    const [first, ...rest] = s.outcomes;
    this.q.setQueue.run(JSON.stringify(rest), integrationId);
    return first;
  }

  clear(integrationId: string): void {
    this.q.delete.run(integrationId);
  }
}
