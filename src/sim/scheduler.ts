/**
 * The runtime's Ticker: the clock asks nextDue() for the earliest pending
 * work and calls runDue(now) at that instant, so advancing the clock fires a
 * month of schedules, completions and retries in time order. All state is in
 * SQLite; nextDue() answers from indexed MIN() queries, nothing is cached.
 *
 * At one instant the order is: executions' events (attempts ending, retries
 * starting), then runs waiting for a slot (freed by those completions), then
 * schedule firings. A firing starts a run, or queues it when the tenant has
 * its 50 runs in progress (it starts when a slot frees, not lost) or when a
 * non-concurrent schedule's previous run is still going (at most one such run
 * waits; further firings meanwhile are skipped and counted).
 */
import type { AppContext } from '../core/context';
import type { Ticker } from '../core/clock';
import type { IntegrationStore } from '../store/oic/integrations';
import type { ExecutionStore, TrackingField } from '../store/runtime/executions';
import type { PendingRunStore } from '../store/runtime/pending';
import type { ScheduleInput, ScheduleRecord, ScheduleStore } from '../store/runtime/schedules';
import type { ActivationStore } from '../store/runtime/activations';
import type { Executor } from './executor';

export interface SchedulerDeps {
  integrations: IntegrationStore;
  schedules: ScheduleStore;
  executions: ExecutionStore;
  pending: PendingRunStore;
  activations: ActivationStore;
  executor: Executor;
  log: (msg: string, err?: unknown) => void;
}

/** The first three schedule parameters become the run's tracking fields (primary, secondary, tertiary). */
export function trackingOf(parameters: Array<{ name: string; value: string }>): TrackingField[] {
  return parameters.slice(0, 3).map((p) => ({ name: p.name, value: String(p.value) }));
}

/** configuration.schedule of a definition as a ScheduleInput (fields of the wrong type are refused). */
export function scheduleInputFrom(o: Record<string, unknown>): ScheduleInput {
  const out: Record<string, unknown> = {};
  const kinds: Record<string, string> = {
    name: 'string', description: 'string', frequency: 'string', interval: 'number', icalExpression: 'string', startTime: 'string',
    endTime: 'string', timeZone: 'string', isActive: 'boolean', runConcurrently: 'boolean',
  };
  for (const [k, kind] of Object.entries(kinds)) {
    if (o[k] === undefined || o[k] === null) continue;
    if (typeof o[k] !== kind) throw new TypeError(`configuration.schedule.${k} must be a ${kind}`);
    out[k] = o[k];
  }
  if (typeof out.startTime === 'string' && Number.isNaN(Date.parse(out.startTime))) throw new TypeError('configuration.schedule.startTime is not a date-time');
  if (typeof out.endTime === 'string' && Number.isNaN(Date.parse(out.endTime))) throw new TypeError('configuration.schedule.endTime is not a date-time');
  if (Array.isArray(o.parameters)) {
    out.parameters = o.parameters.filter((p) => p && typeof p.name === 'string').map((p) => ({ name: p.name, value: String(p.value ?? '') }));
  }
  return out as ScheduleInput;
}

export class Scheduler implements Ticker {
  readonly name = 'oic-runtime';

  constructor(private readonly ctx: AppContext, private readonly d: SchedulerDeps) {}

  nextDue(): number | null {
    this.syncActivations();
    let next: number | null = null;
    const take = (t: number | null) => { if (t !== null && (next === null || t < next)) next = t; };
    take(this.d.schedules.nextDue());
    take(this.d.executions.nextEventAt());
    // Runs that can start but have not (a slot freed outside a completion, e.g. by a reset).
    if (this.d.pending.anyStartable()) take(this.ctx.clock.now());
    return next;
  }

  runDue(now: number): void {
    this.ctx.db.transaction(() => {
      this.syncActivations();
      // 1. Attempts ending and retries starting (a zero retry interval may add more at `now`).
      for (let due = this.d.executions.dueEvents(now); due.length; due = this.d.executions.dueEvents(now)) {
        for (const e of due) {
          try {
            this.d.executor.advance(e, now);
          } catch (err) {
            this.d.log(`execution ${e.id}: could not advance; marking it FAILED`, err);
            this.d.executions.complete(e, 'FAILED', now);
          }
        }
      }
      // 2. Waiting runs, oldest first, while slots are free.
      this.startPending(now);
      // 3. Schedules due now.
      for (const s of this.d.schedules.due(now)) {
        try {
          this.fire(s, now);
        } catch (err) {
          this.d.log(`schedule ${s.id}: could not fire; it will not run again until changed`, err);
          this.d.schedules.park(s.id);
        }
      }
    })();
  }

  /** A jump without replay: schedules due by `at` restart after it (their missed firings are not run nor counted). */
  skipTo(at: number): void {
    this.ctx.db.transaction(() => {
      this.syncActivations();
      for (const s of this.d.schedules.due(at)) this.d.schedules.restartFrom(s, at);
    })();
  }

  private startPending(now: number): void {
    for (const p of this.d.pending.list()) {
      if (!this.d.executor.hasSlot()) return;
      if (p.serial && this.d.executions.isBusy(p.integrationId)) continue;
      this.d.pending.remove(p.seq);
      const integration = this.d.integrations.get(p.integrationId);
      if (!integration || integration.status !== 'ACTIVE') continue;
      this.d.executor.start(integration, p.source, now, { scheduleId: p.scheduleId, tracking: p.tracking, requestedAt: p.requestedAt });
    }
  }

  private fire(s: ScheduleRecord, now: number): void {
    const integration = this.d.integrations.get(s.integrationId);
    if (!integration || integration.status !== 'ACTIVE') return;
    const serial = !s.doc.runConcurrently;
    const tracking = trackingOf(s.doc.parameters);
    const run = { integrationId: s.integrationId, scheduleId: s.id, source: 'SCHEDULE' as const, requestedAt: now, serial, tracking };
    if (serial && this.d.pending.hasForSchedule(s.id)) {
      this.d.schedules.fired(s, now, true);
      return;
    }
    this.d.schedules.fired(s, now, false);
    if ((serial && this.d.executions.isBusy(s.integrationId)) || !this.d.executor.hasSlot()) {
      this.d.pending.add(run);
    } else {
      this.d.executor.start(integration, 'SCHEDULE', now, { scheduleId: s.id, tracking });
    }
  }

  /**
   * Activations the runtime has not seen yet: apply configuration.schedule
   * when the integration has no schedule, and restart the schedule from the
   * activation instant (runs missed while inactive are not made up).
   */
  syncActivations(): void {
    const unseen = this.d.activations.unseen();
    if (!unseen.length) return;
    this.ctx.db.transaction(() => {
      for (const a of unseen) {
        const at = Date.parse(a.activatedTime);
        const integration = this.d.integrations.get(a.integrationId);
        let schedule = this.d.schedules.ofIntegration(a.integrationId);
        const fromDefinition = integration?.definition.configuration?.schedule;
        if (!schedule && integration && fromDefinition && typeof fromDefinition === 'object') {
          try {
            schedule = this.d.schedules.create(a.integrationId, scheduleInputFrom(fromDefinition as Record<string, unknown>), `${integration.name} schedule`);
          } catch (err) {
            this.d.log(`integration ${a.integrationId}: configuration.schedule is not a valid schedule; none created`, err);
          }
        }
        if (schedule && Number.isFinite(at)) this.d.schedules.restartFrom(schedule, at);
        if (Number.isFinite(at)) this.d.pending.removeBefore(a.integrationId, at);
        this.d.activations.markSeen(a.integrationId, a.activatedTime);
      }
    })();
  }
}
