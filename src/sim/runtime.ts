/**
 * The OIC runtime of an app instance: schedules, executions, outcomes and
 * metrics, HTTP-free. Built beside the stores by createInstanceState()
 * (src/instances/state.ts; reached as app.stores.runtime); it registers its
 * Scheduler with the clock, so time-driven work happens whether or not a
 * route is ever called, and reports what it cannot process in ctx.log.
 */
import type { AppContext } from '../core/context';
import { badRequest, incorrectState, notFound, tooManyRequests } from '../core/errors';
import type { PageRequest } from '../core/pagination';
import type { IntegrationRecord, IntegrationStore } from '../store/oic/integrations';
import { ExecutionStore, type ExecutionFilter, type ExecutionRecord, type ExecutionStatus, type TrackingField } from '../store/runtime/executions';
import { OutcomeStore, type OutcomeScript, type ScriptedOutcome } from '../store/runtime/outcomes';
import { PendingRunStore } from '../store/runtime/pending';
import { ScheduleStore, type ScheduleInput, type ScheduleParameter, type ScheduleRecord } from '../store/runtime/schedules';
import { ActivationStore } from '../store/runtime/activations';
import { Executor } from './executor';
import { Scheduler, trackingOf } from './scheduler';
import { RUNTIME_DEFAULTS } from './plan';
import { timeline } from './activities';
import { computeMetrics, metricsWindow, type MetricsQuery, type MetricsResult } from './metrics';
import { generateHistory, type GenerateRequest, type GenerateResult } from './generate';

export interface ExecutionQuery { status?: ExecutionStatus; startTime?: string; endTime?: string; trackingField?: string }

/** A schedule with what its wire shapes need to know about its integration. */
export interface ScheduleState {
  schedule: ScheduleRecord;
  integrationActive: boolean;
}

/** A run with the integration it belongs to. */
export interface Run {
  execution: ExecutionRecord;
  integration: IntegrationRecord;
}

export class Runtime {
  readonly schedules: ScheduleStore;
  readonly executions: ExecutionStore;
  readonly outcomes: OutcomeStore;
  readonly pending: PendingRunStore;
  readonly scheduler: Scheduler;
  private readonly executor: Executor;

  constructor(private readonly ctx: AppContext, private readonly integrations: IntegrationStore) {
    this.schedules = new ScheduleStore(ctx);
    this.executions = new ExecutionStore(ctx);
    this.outcomes = new OutcomeStore(ctx);
    this.pending = new PendingRunStore(ctx, RUNTIME_DEFAULTS.maxInProgress);
    this.executor = new Executor(ctx, this.executions, this.outcomes);
    this.scheduler = new Scheduler(ctx, {
      integrations,
      schedules: this.schedules,
      executions: this.executions,
      pending: this.pending,
      activations: new ActivationStore(ctx),
      executor: this.executor,
      log: ctx.log,
    });
    ctx.clock.addTicker(this.scheduler);
  }

  /** Let the clock re-plan (real mode: run what is due now, re-arm the timer). */
  poke(): void {
    this.ctx.clock.poke();
  }

  private integration(id: string): IntegrationRecord {
    return this.integrations.require(id);
  }

  private requireActive(rec: IntegrationRecord, what: string): void {
    if (rec.status !== 'ACTIVE') {
      throw incorrectState(`Integration '${rec.id}' is ${rec.status}, not ACTIVE: activate it (POST /ic/api/integration/v1/integrations/${encodeURIComponent(rec.id)}/activate) before you ${what}`);
    }
  }

  // ---------------------------------------------------------------- schedules

  scheduleOf(integrationId: string): ScheduleState {
    const rec = this.integration(integrationId);
    this.scheduler.syncActivations();
    return { schedule: this.schedules.requireOfIntegration(integrationId), integrationActive: rec.status === 'ACTIVE' };
  }

  /** What GET integration embeds: the schedule brought up to date with activations, or undefined. */
  scheduleStateOf(integrationId: string): ScheduleState | undefined {
    this.scheduler.syncActivations();
    const s = this.schedules.ofIntegration(integrationId);
    return s && { schedule: s, integrationActive: this.integrations.get(integrationId)?.status === 'ACTIVE' };
  }

  createSchedule(integrationId: string, input: ScheduleInput): ScheduleState {
    const rec = this.integration(integrationId);
    this.scheduler.syncActivations();
    const s = this.schedules.create(integrationId, input, `${rec.name} schedule`);
    this.poke();
    return { schedule: s, integrationActive: rec.status === 'ACTIVE' };
  }

  updateSchedule(scheduleId: string, input: ScheduleInput): ScheduleState {
    const s = this.schedules.update(scheduleId, input);
    this.poke();
    return { schedule: s, integrationActive: this.integrations.get(s.integrationId)?.status === 'ACTIVE' };
  }

  deleteSchedule(scheduleId: string): void {
    this.schedules.delete(scheduleId);
  }

  setScheduleStatus(integrationId: string, status: 'ACTIVE' | 'STOPPED'): ScheduleState {
    const rec = this.integration(integrationId);
    this.scheduler.syncActivations();
    const s = this.schedules.setStatus(this.schedules.requireOfIntegration(integrationId).id, status);
    this.poke();
    return { schedule: s, integrationActive: rec.status === 'ACTIVE' };
  }

  // ---------------------------------------------------------------- starting runs

  /** A client-requested run must find a free slot now: 429 otherwise (scheduled runs wait instead). */
  private requireSlot(): void {
    if (this.executor.hasSlot()) return;
    const next = this.executions.nextEventAt();
    const retryAfter = Math.max(1, Math.ceil(((next ?? this.ctx.clock.now()) - this.ctx.clock.now()) / 1000));
    throw tooManyRequests(
      `Concurrent execution limit reached: ${RUNTIME_DEFAULTS.maxInProgress} executions are IN_PROGRESS in this tenant (the limit is ${RUNTIME_DEFAULTS.maxInProgress} per tenant); retry when one completes`,
      { retryAfter },
    );
  }

  runNow(integrationId: string, parameters?: ScheduleParameter[]): Run {
    const rec = this.integration(integrationId);
    this.requireActive(rec, 'run it');
    this.scheduler.syncActivations();
    const schedule = this.schedules.ofIntegration(integrationId);
    if (schedule && !schedule.doc.runConcurrently && this.executions.isBusy(integrationId)) {
      throw incorrectState(`Integration '${integrationId}' already has a run in progress and its schedule (${schedule.id}) does not run concurrently (runConcurrently: false)`);
    }
    this.requireSlot();
    const merged = new Map((schedule?.doc.parameters ?? []).map((p) => [p.name, p.value]));
    for (const p of parameters ?? []) merged.set(p.name, p.value);
    const tracking = trackingOf([...merged].map(([name, value]) => ({ name, value })));
    const e = this.ctx.db.transaction(() => this.executor.start(rec, 'RUN_NOW', this.ctx.clock.now(), { scheduleId: schedule?.id ?? null, tracking }))();
    this.poke();
    return { execution: e, integration: rec };
  }

  /** Find the integration a REST trigger URL names: exact version, or the same version written shorter (1.0 for 01.00.0000). */
  resolveTrigger(identifier: string, version: string): IntegrationRecord {
    const exact = this.integrations.get(`${identifier}|${version}`);
    if (exact) return exact;
    const norm = (v: string) => v.split('.').map((p) => (/^\d+$/.test(p) ? String(Number(p)) : p)).join('.').replace(/(\.0)+$/, '');
    // Oracle's trigger URLs name major.minor (`1.0`): any patch version of it, the activated one first.
    const majorMinor = (v: string) => v.split('.').slice(0, 2).map((p) => (/^\d+$/.test(p) ? String(Number(p)) : p)).join('.');
    const byMajorMinor = /^\d+\.\d+$/.test(version);
    const rows = this.integrations.versionsOf(identifier)
      .filter((r) => (byMajorMinor ? majorMinor(r.version) === majorMinor(version) : norm(r.version) === norm(version)));
    const pick = rows.find((r) => r.status === 'ACTIVE') ?? rows[0];
    if (!pick) throw notFound(`No integration '${identifier}' with version '${version}'; a REST trigger is /ic/api/integration/v1/flows/rest/{IDENTIFIER}/{VERSION}/... with the id IDENTIFIER|VERSION`);
    return this.integrations.require(pick.id);
  }

  trigger(identifier: string, version: string, method: string, path: string, payload: unknown): Run {
    const rec = this.resolveTrigger(identifier, version);
    this.requireActive(rec, 'call its trigger');
    this.scheduler.syncActivations();
    this.requireSlot();
    const tracking: TrackingField[] = [];
    if (payload && typeof payload === 'object' && !Array.isArray(payload)) {
      for (const [name, value] of Object.entries(payload)) {
        if (tracking.length === 3) break;
        if (['string', 'number', 'boolean'].includes(typeof value)) tracking.push({ name, value: String(value) });
      }
    }
    const e = this.ctx.db.transaction(() => this.executor.start(rec, 'TRIGGER', this.ctx.clock.now(), { tracking, trigger: { method, path } }))();
    this.poke();
    return { execution: e, integration: rec };
  }

  // ---------------------------------------------------------------- monitoring

  listExecutions(integrationId: string, q: ExecutionQuery, page: PageRequest): { items: Run[]; total: number } {
    const rec = this.integration(integrationId);
    const f: ExecutionFilter = { status: q.status, trackingValue: q.trackingField };
    if (q.startTime !== undefined) f.from = Date.parse(q.startTime);
    if (q.endTime !== undefined) f.to = Date.parse(q.endTime);
    if (f.from !== undefined && f.to !== undefined && f.from >= f.to) {
      throw badRequest(`Query parameter 'startTime' (${q.startTime}) must be before 'endTime' (${q.endTime})`);
    }
    const { items, total } = this.executions.list(integrationId, f, page.limit, page.offset);
    return { items: items.map((e) => ({ execution: e, integration: rec })), total };
  }

  private requireExecution(id: string): { e: ExecutionRecord; rec: IntegrationRecord } {
    const e = this.executions.get(id);
    if (!e) throw notFound(`Execution with ID '${id}' was not found`);
    return { e, rec: this.integration(e.integrationId) };
  }

  execution(id: string): Run & { activityCount: number; errorCount: number } {
    const { e, rec } = this.requireExecution(id);
    const t = timeline(e, rec.definition, this.ctx.clock.now());
    return { execution: e, integration: rec, activityCount: t.activities.length, errorCount: t.errors.length };
  }

  activities(id: string) {
    const { e, rec } = this.requireExecution(id);
    const { activities } = timeline(e, rec.definition, this.ctx.clock.now());
    return { executionId: e.id, integrationId: e.integrationId, status: e.status, activities, totalResults: activities.length };
  }

  errors(id: string) {
    const { e, rec } = this.requireExecution(id);
    const { errors } = timeline(e, rec.definition, this.ctx.clock.now());
    return { executionId: e.id, integrationId: e.integrationId, status: e.status, errors, totalResults: errors.length };
  }

  metrics(integrationId: string, q: MetricsQuery): MetricsResult {
    this.integration(integrationId);
    return computeMetrics(this.executions, integrationId, metricsWindow(q, this.ctx.clock.now()));
  }

  // ---------------------------------------------------------------- emulator controls

  outcomeScript(integrationId: string) {
    this.integration(integrationId);
    return this.scriptView(this.outcomes.get(integrationId));
  }

  setOutcomes(integrationId: string, body: { outcomes?: Array<ScriptedOutcome | 'SUCCESS' | 'FAILED'>; failureRate?: number | null; minDurationMs?: number | null; maxDurationMs?: number | null; append?: boolean }) {
    this.integration(integrationId);
    const current = this.outcomes.get(integrationId);
    const given = (body.outcomes ?? []).map((o) => (typeof o === 'string' ? { status: o } : o));
    const min = body.minDurationMs === undefined ? current.minDurationMs : body.minDurationMs;
    const max = body.maxDurationMs === undefined ? current.maxDurationMs : body.maxDurationMs;
    if ((min ?? RUNTIME_DEFAULTS.minDurationMs) > (max ?? Math.max(RUNTIME_DEFAULTS.maxDurationMs, min ?? 0))) {
      throw badRequest(`minDurationMs (${min}) must not exceed maxDurationMs (${max})`);
    }
    const script: OutcomeScript = {
      integrationId,
      outcomes: body.outcomes === undefined ? current.outcomes : body.append ? [...current.outcomes, ...given] : given,
      failureRate: body.failureRate === undefined ? current.failureRate : body.failureRate,
      minDurationMs: min,
      maxDurationMs: max,
    };
    return this.scriptView(this.outcomes.put(script));
  }

  clearOutcomes(integrationId: string) {
    this.integration(integrationId);
    this.ctx.db.transaction(() => this.outcomes.clear(integrationId))();
    return this.scriptView(this.outcomes.get(integrationId));
  }

  private scriptView(s: OutcomeScript) {
    return {
      integrationId: s.integrationId,
      outcomes: s.outcomes,
      failureRate: s.failureRate,
      minDurationMs: s.minDurationMs,
      maxDurationMs: s.maxDurationMs,
      defaults: { failureRate: RUNTIME_DEFAULTS.failureRate, minDurationMs: RUNTIME_DEFAULTS.minDurationMs, maxDurationMs: RUNTIME_DEFAULTS.maxDurationMs },
    };
  }

  generate(req: GenerateRequest): GenerateResult {
    if ((req.integrationId === undefined) === (req.integrations === undefined)) {
      throw badRequest('Give exactly one of integrationId (an existing integration) or integrations (how many GENERATED_nnn integrations to spread the rows over)');
    }
    // One transaction: the GENERATED_nnn integrations are kept only with their history (a refused time range creates nothing).
    return this.ctx.db.transaction(() => {
      const records = req.integrationId !== undefined ? [this.integration(req.integrationId)] : this.generatedIntegrations(req.integrations!);
      return generateHistory(this.ctx, this.executions, records.map((integration) => ({ integration, script: this.outcomes.get(integration.id) })), req);
    })();
  }

  /** GENERATED_001|01.00.0000 ... : plain integrations to hang generated history on (created when missing; in generate's transaction). */
  private generatedIntegrations(n: number): IntegrationRecord[] {
    return Array.from({ length: n }, (_, i) => {
      const identifier = `GENERATED_${String(i + 1).padStart(3, '0')}`;
      return this.integrations.get(`${identifier}|01.00.0000`) ?? this.integrations.create({
        name: `Generated integration ${i + 1}`,
        identifier,
        version: '01.00.0000',
        pattern: 'APP_DRIVEN_ORCHESTRATION',
        style: 'APP_DRIVEN',
        description: 'Created by POST /_emulator/executions/generate to hold generated history',
      }, 'emulator');
    });
  }

  /** What the clock control route reports about pending work. */
  status() {
    const next = this.scheduler.nextDue();
    return {
      inProgressExecutions: this.executions.inProgressCount(),
      maxInProgressExecutions: RUNTIME_DEFAULTS.maxInProgress,
      nextDueTime: next === null ? null : new Date(next).toISOString(),
    };
  }
}
