/**
 * A clock move as the control routes run it: the distance is free (either
 * direction, any span), the bound is on the work the move replays. Every
 * schedule firing and lifecycle step due on the way runs in time order in
 * one transaction, up to REPLAY_BUDGET_STEPS ticker steps; a move that needs
 * more is rolled back (database and random generators: nothing changes) and
 * refused with an estimate of the runs it would create and the ways out.
 */
import type { FastifyInstance } from 'fastify';
import { ReplayBudgetExceeded, type MoveOptions } from '../../core/clock';
import { badRequest } from '../../core/errors';
import { runCounter } from '../../store/run-counter';

/**
 * Ticker steps one move may replay: an hourly schedule over 2 years is about
 * 35,000 steps (a firing and a completion per run), done in about a second.
 */
export const REPLAY_BUDGET_STEPS = 50_000;

/** Earliest and latest instants the clock accepts (what an ISO-8601 year of 4 digits can say). */
export const CLOCK_MIN = Date.parse('1970-01-01T00:00:00Z');
export const CLOCK_MAX = Date.parse('9999-12-31T23:59:59.999Z');

export interface MoveReport {
  /** Ticker steps run on the way (firings, attempt ends, retries, DIS lifecycle steps). */
  steps: number;
  /** Runs (OIC executions, DIS task runs) the move started. */
  runsStarted: number;
  /** false when the move skipped the firings due on the way. */
  catchUp: boolean;
}

const fmt = (n: number) => n.toLocaleString('en-US');

export function clockMover(app: FastifyInstance) {
  const { clock, db, random, ids } = app.ctx;
  const runs = runCounter(db);

  function checkRange(target: number, what: string): void {
    if (!Number.isFinite(target) || target < CLOCK_MIN || target > CLOCK_MAX) {
      throw badRequest(`${what} must be between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z`);
    }
  }

  /**
   * Run `move` (a Clock method given the options) in one transaction. Over
   * the budget: undo everything and throw ReplayBudgetExceeded carrying the
   * runs started so far (for the estimate).
   */
  function attempt(move: (o: MoveOptions) => number, catchUp: boolean, budget: number | undefined): MoveReport {
    const before = runs();
    const rnd = random.getState();
    const idState = ids.getState();
    try {
      return db.transaction(() => {
        try {
          const steps = move({ catchUp, maxSteps: budget });
          return { steps, runsStarted: runs() - before, catchUp };
        } catch (e) {
          if (e instanceof ReplayBudgetExceeded) (e as ReplayBudgetExceeded & { runs?: number }).runs = runs() - before;
          throw e;
        }
      })();
    } catch (e) {
      random.setState(rnd);
      ids.setState(idState);
      throw e;
    }
  }

  function refusal(e: ReplayBudgetExceeded & { runs?: number }, targetIso: string): Error {
    const done = Math.max(e.reachedAt - e.from, 1);
    const share = Math.min(1, done / Math.max(e.target - e.from, 1));
    const estimate = Math.max(e.runs ?? 0, Math.round((e.runs ?? 0) / share));
    return badRequest(
      `Moving the clock to ${targetIso} would replay about ${fmt(estimate)} runs (schedule firings due on the way): ` +
        `the budget of ${fmt(REPLAY_BUDGET_STEPS)} replay steps per move ran out at ${new Date(e.reachedAt).toISOString()} after ${fmt(e.runs ?? 0)} runs, ` +
        `so nothing was changed. `+
        `Options: PUT /_emulator/clock {"now": "${targetIso}", "catchUp": false} jumps there without replaying the missed firings ` +
        `(as a real instance skips runs missed while it is down); or move in smaller steps; or stop the schedules first; ` +
        `or PUT /_emulator/clock {"mode": "real"}, which always works`,
      { extra: { runsEstimate: estimate, budgetSteps: REPLAY_BUDGET_STEPS } },
    );
  }

  return {
    checkRange,

    /** Freeze at `target` (default: where it is), replaying within the budget or refusing. */
    toInstant(target: number | undefined, catchUp: boolean): MoveReport {
      if (target !== undefined) checkRange(target, 'now');
      try {
        return attempt((o) => clock.setManual(target, o), catchUp, REPLAY_BUDGET_STEPS);
      } catch (e) {
        if (e instanceof ReplayBudgetExceeded) throw refusal(e, new Date(target ?? clock.now()).toISOString());
        throw e;
      }
    },

    /**
     * Back to real time: always works. Within the budget the work due
     * meanwhile is replayed; beyond it the missed firings are skipped (what
     * is under way still completes), and the report says catchUp false.
     */
    toReal(catchUp: boolean): MoveReport {
      try {
        return attempt((o) => clock.setReal(o), catchUp, REPLAY_BUDGET_STEPS);
      } catch (e) {
        if (!(e instanceof ReplayBudgetExceeded)) throw e;
        return attempt((o) => clock.setReal(o), false, undefined);
      }
    },
  };
}
