/**
 * How long the simulated DIS lifecycles take, and scripted outcomes. Kept in
 * SQLite (dis_settings, dis_scripted_outcomes) so reset brings the defaults
 * back and snapshots keep them.
 */
import type { AppContext } from '../../core/context';
import { badRequest } from '../../core/errors';
import { prepareAll } from '../statements';

export interface DisLifecycleSettings {
  workRequest: {
    /** ACCEPTED -> IN_PROGRESS */
    acceptedMs: number;
    /** IN_PROGRESS -> SUCCEEDED | FAILED */
    inProgressMs: number;
  };
  taskRun: {
    /** NOT_STARTED -> QUEUED */
    notStartedMs: number;
    /** QUEUED -> RUNNING */
    queuedMs: number;
    /** RUNNING -> SUCCESS | ERROR: drawn from the seeded generator in [min, max] */
    runningMinMs: number;
    runningMaxMs: number;
    /** TERMINATING -> TERMINATED */
    terminatingMs: number;
    /** Chance that an unscripted run ends in ERROR (0..1). */
    failureRate: number;
  };
}

export const DEFAULT_SETTINGS: DisLifecycleSettings = {
  workRequest: { acceptedMs: 1000, inProgressMs: 4000 },
  taskRun: { notStartedMs: 1000, queuedMs: 2000, runningMinMs: 5000, runningMaxMs: 20000, terminatingMs: 2000, failureRate: 0 },
};

export type TaskRunOutcome = 'SUCCESS' | 'ERROR';
export type WorkRequestOutcome = 'SUCCEEDED' | 'FAILED';

export interface ScriptedOutcome {
  seq: number;
  target: 'taskRun' | 'workRequest';
  taskKey: string | null;
  outcome: string;
  message: string | null;
}

/** Every statement of the store, by name. */
const SQL = {
  get: "SELECT value FROM dis_settings WHERE name = 'lifecycle'",
  put: "INSERT INTO dis_settings (name, value) VALUES ('lifecycle', ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
  addOutcome: 'INSERT INTO dis_scripted_outcomes (target, task_key, outcome, message) VALUES (?, ?, ?, ?)',
  outcomes: 'SELECT seq, target, task_key AS taskKey, outcome, message FROM dis_scripted_outcomes ORDER BY seq',
  // A run takes the first outcome scripted for its task, else the first scripted for any task.
  nextTaskRun: `SELECT seq, target, task_key AS taskKey, outcome, message FROM dis_scripted_outcomes
    WHERE target = 'taskRun' AND (task_key = ? OR task_key IS NULL) ORDER BY (task_key IS NULL), seq LIMIT 1`,
  nextWorkRequest: "SELECT seq, target, task_key AS taskKey, outcome, message FROM dis_scripted_outcomes WHERE target = 'workRequest' ORDER BY seq LIMIT 1",
  take: 'DELETE FROM dis_scripted_outcomes WHERE seq = ?',
  clear: 'DELETE FROM dis_scripted_outcomes WHERE target = ?',
} as const;

export class DisSettings {
  private readonly sql;

  constructor(private readonly ctx: AppContext) {
    this.sql = prepareAll(ctx.db, SQL);
  }

  lifecycle(): DisLifecycleSettings {
    const row = this.sql.get.get() as { value: string } | undefined;
    if (!row) return structuredClone(DEFAULT_SETTINGS);
    const stored = JSON.parse(row.value) as Partial<DisLifecycleSettings>;
    return {
      workRequest: { ...DEFAULT_SETTINGS.workRequest, ...stored.workRequest },
      taskRun: { ...DEFAULT_SETTINGS.taskRun, ...stored.taskRun },
    };
  }

  /** Merge a partial update; every duration is a non-negative integer of ms. */
  update(patch: { workRequest?: Partial<DisLifecycleSettings['workRequest']>; taskRun?: Partial<DisLifecycleSettings['taskRun']> }): DisLifecycleSettings {
    const next = this.lifecycle();
    for (const group of ['workRequest', 'taskRun'] as const) {
      const given = patch[group];
      if (given === undefined) continue;
      if (!given || typeof given !== 'object' || Array.isArray(given)) throw badRequest(`${group} must be an object`);
      for (const [name, value] of Object.entries(given)) {
        if (!(name in next[group])) throw badRequest(`${group}.${name} is not a setting; known: ${Object.keys(next[group]).join(', ')}`);
        if (name === 'failureRate') {
          if (typeof value !== 'number' || value < 0 || value > 1) throw badRequest(`${group}.failureRate must be a number between 0 and 1`);
        } else if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > 365 * 86_400_000) {
          throw badRequest(`${group}.${name} must be a whole number of milliseconds between 0 and one year`);
        }
        (next[group] as Record<string, number>)[name] = value as number;
      }
    }
    if (next.taskRun.runningMinMs > next.taskRun.runningMaxMs) throw badRequest('taskRun.runningMinMs must not exceed taskRun.runningMaxMs');
    this.sql.put.run(JSON.stringify(next));
    return next;
  }

  scriptOutcomes(target: 'taskRun' | 'workRequest', outcomes: string[], taskKey: string | null, message: string | null): ScriptedOutcome[] {
    this.ctx.db.transaction(() => {
      for (const o of outcomes) this.sql.addOutcome.run(target, taskKey, o, message);
    })();
    return this.outcomes();
  }

  outcomes(): ScriptedOutcome[] {
    return this.sql.outcomes.all() as ScriptedOutcome[];
  }

  clearOutcomes(target: 'taskRun' | 'workRequest'): void {
    this.sql.clear.run(target);
  }

  /** Pop the scripted outcome for the next run of a task, if any (inside the caller's transaction). */
  takeTaskRunOutcome(taskKey: string): ScriptedOutcome | null {
    const row = this.sql.nextTaskRun.get(taskKey) as ScriptedOutcome | undefined;
    if (!row) return null;
    this.sql.take.run(row.seq);
    return row;
  }

  takeWorkRequestOutcome(): ScriptedOutcome | null {
    const row = this.sql.nextWorkRequest.get() as ScriptedOutcome | undefined;
    if (!row) return null;
    this.sql.take.run(row.seq);
    return row;
  }
}
