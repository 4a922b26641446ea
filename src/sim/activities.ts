/**
 * The activity stream and error entries of an execution, derived on read
 * from its plan (attempt durations, outcome, retry interval) and the
 * integration's definition, so a million generated executions cost no
 * activity rows. A run goes: trigger, each SOURCE operation, each
 * transformation, then for each other connection its mapping (if it has
 * mappings) and its operation, and End. A failing attempt stops at one invoke
 * (the scripted `activity`, or one picked from the execution id); a retry
 * re-runs that invoke and, if it succeeds, the rest. For a run still in
 * progress only what has happened by `now` is shown.
 */
import type { ExecutionRecord, Plan } from '../store/runtime/executions';

export type StepType = 'TRIGGER' | 'INVOKE' | 'MAP' | 'ACTION' | 'END';

interface Step { name: string; type: StepType; connectionId?: string; operation?: string; objectName?: string; message: string }

export interface Activity {
  sequence: number;
  name: string;
  type: StepType;
  status: 'COMPLETED' | 'FAILED' | 'IN_PROGRESS';
  startTime: string;
  endTime: string | null;
  duration: number | null;
  retryAttempt: number;
  connectionId?: string;
  operation?: string;
  message: string;
}

export interface ExecutionError {
  timestamp: string;
  activity: string;
  errorCode: string;
  errorMessage: string;
  errorDetails: string;
  retryAttempt: number;
  stackTrace: string;
}

export interface DefinitionLike {
  connections?: Array<{ role?: string; connectionId: string; operations?: Array<Record<string, unknown>> }>;
  transformations?: Array<Record<string, unknown>>;
  /** An imported integration's flow (src/oic/archive/flow.ts): its own trigger, invokes and steps, in order. */
  archive?: {
    trigger?: { name: string; connectionId: string };
    invokes?: Array<{ name: string; connectionId: string; operation?: string }>;
    steps?: Array<{ name: string; type: string; connectionId?: string; operation?: string }>;
  };
}

const MAPS = new Set(['transformer', 'map', 'mapper']);

/** The steps of an imported flow: the archive's trigger, then its processors and invokes in the order the flow runs them. */
function archiveSteps(a: NonNullable<DefinitionLike['archive']>, first: Step): Step[] {
  const steps: Step[] = [{ ...first, name: a.trigger?.name ?? first.name, ...(a.trigger ? { connectionId: a.trigger.connectionId } : {}) }];
  for (const s of a.steps ?? []) {
    if (s.type === 'invoke') {
      const operation = (s.operation ?? 'INVOKE').toUpperCase();
      steps.push({ name: s.name, type: 'INVOKE', connectionId: s.connectionId, operation, message: `${s.name}: ${operation} on connection ${s.connectionId ?? 'unknown'}` });
    } else {
      steps.push({ name: s.name, type: MAPS.has(s.type.toLowerCase()) ? 'MAP' : 'ACTION', message: `${s.type} ${s.name}` });
    }
  }
  steps.push({ name: 'End', type: 'END', message: 'Flow completed' });
  return steps;
}

const WEIGHT: Record<StepType, number> = { TRIGGER: 1, INVOKE: 6, MAP: 2, ACTION: 1, END: 1 };
const WRITES = new Set(['INSERT', 'UPDATE', 'UPSERT', 'MERGE', 'DELETE', 'CREATE']);

const CATALOG = [
  { errorCode: 'HTTP-500', errorMessage: 'Internal Server Error', errorDetails: 'Connection timeout after 30000ms' },
  { errorCode: 'HTTP-503', errorMessage: 'Service Unavailable', errorDetails: 'Connection {connection} got no answer: the endpoint is temporarily unavailable' },
  { errorCode: 'HTTP-401', errorMessage: 'Unauthorized', errorDetails: 'The credentials of connection {connection} were rejected' },
  { errorCode: 'ORA-00001', errorMessage: 'unique constraint violated', errorDetails: 'ORA-00001: unique constraint violated while writing {object}' },
];

/** FNV-1a: a stable small hash of the execution id for deterministic picks. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v ? v : undefined;
}

function stepsOf(def: DefinitionLike, e: ExecutionRecord): Step[] {
  const trigger = e.plan?.trigger;
  const steps: Step[] = [{
    name: e.source === 'TRIGGER' ? 'RestTrigger' : 'ScheduleTrigger',
    type: 'TRIGGER',
    message: e.source === 'TRIGGER' && trigger ? `Received ${trigger.method} ${trigger.path}`
      : e.source === 'RUN_NOW' ? 'Run requested (run now)'
      : e.source === 'GENERATED' ? 'Run (generated history)'
      : `Scheduled run${e.scheduleId ? ` (${e.scheduleId})` : ''}`,
  }];
  if (def.archive && (def.archive.trigger || def.archive.steps?.length)) return archiveSteps(def.archive, steps[0]);
  const invoke = (c: { connectionId: string }, op: Record<string, unknown>): Step => {
    const type = str(op.operationType) ?? 'INVOKE';
    const object = str(op.objectName);
    return {
      name: object ? `${type}_${object}` : `Invoke_${c.connectionId}`,
      type: 'INVOKE',
      connectionId: c.connectionId,
      operation: type,
      objectName: object,
      message: `${type}${object ? ` ${object}` : ''} on connection ${c.connectionId}`,
    };
  };
  const conns = def.connections ?? [];
  for (const c of conns.filter((c) => c.role === 'SOURCE')) for (const op of c.operations ?? []) steps.push(invoke(c, op));
  (def.transformations ?? []).forEach((t, i) => {
    const n = Array.isArray(t.mappings) ? t.mappings.length : 0;
    steps.push({ name: `Transform_${i + 1}`, type: 'MAP', message: `${str(t.type) ?? 'TRANSFORMATION'}: ${n} mapping(s)` });
  });
  for (const c of conns.filter((c) => c.role !== 'SOURCE')) {
    for (const op of c.operations ?? []) {
      const s = invoke(c, op);
      if (Array.isArray(op.mappings) && op.mappings.length) {
        steps.push({ name: `Map_to_${s.objectName ?? c.connectionId}`, type: 'MAP', message: `Mapped ${op.mappings.length} field(s)` });
      }
      steps.push(s);
    }
  }
  if (!steps.some((s) => s.type === 'INVOKE')) steps.push({ name: 'InvokeRESTEndpoint', type: 'INVOKE', operation: 'INVOKE', message: 'Invoke REST endpoint' });
  steps.push({ name: 'End', type: 'END', message: 'Flow completed' });
  return steps;
}

/** The plan of an execution; generated successes store none (one attempt). */
export function planOf(e: ExecutionRecord): Plan {
  return e.plan ?? { attempts: [e.durationMs ?? 0], retryIntervalMs: 0, outcome: e.status === 'FAILED' ? 'FAILED' : 'SUCCESS' };
}

export function timeline(e: ExecutionRecord, def: DefinitionLike, now: number): { activities: Activity[]; errors: ExecutionError[] } {
  const plan = planOf(e);
  const steps = stepsOf(def, e);
  const invokes = steps.map((s, i) => (s.type === 'INVOKE' ? i : -1)).filter((i) => i >= 0);
  const named = plan.error?.activity ? steps.findIndex((s) => s.name === plan.error!.activity) : -1;
  const h = hash(e.id);
  // An imported flow may have no invoke at all: it then fails at its last step before End.
  const failAt = named >= 0 ? named : invokes.length ? invokes[h % invokes.length] : Math.max(0, steps.length - 2);
  const activities: Activity[] = [];
  const errors: ExecutionError[] = [];
  let at = e.startTime;
  for (let k = 0; k < plan.attempts.length; k++) {
    if (at > now) break;
    const duration = plan.attempts[k];
    const failed = k < plan.attempts.length - 1 || plan.outcome === 'FAILED';
    const range = k === 0 ? (failed ? steps.slice(0, failAt + 1) : steps) : failed ? [steps[failAt]] : steps.slice(failAt);
    const total = range.reduce((n, s) => n + WEIGHT[s.type], 0);
    let cum = 0;
    range.forEach((s, i) => {
      const from = at + Math.round((duration * cum) / total);
      cum += WEIGHT[s.type];
      const to = at + Math.round((duration * cum) / total);
      if (from > now) return;
      const done = to <= now;
      const isFailure = failed && i === range.length - 1;
      activities.push({
        sequence: activities.length + 1,
        name: s.name,
        type: s.type,
        status: !done ? 'IN_PROGRESS' : isFailure ? 'FAILED' : 'COMPLETED',
        startTime: new Date(from).toISOString(),
        endTime: done ? new Date(to).toISOString() : null,
        duration: done ? to - from : null,
        retryAttempt: k,
        ...(s.connectionId ? { connectionId: s.connectionId } : {}),
        ...(s.operation ? { operation: s.operation } : {}),
        message: s.message,
      });
    });
    const end = at + duration;
    if (failed && end <= now) errors.push(errorOf(plan, steps[failAt], h, k, end));
    at = end + plan.retryIntervalMs;
  }
  return { activities, errors };
}

function errorOf(plan: Plan, step: Step, h: number, attempt: number, at: number): ExecutionError {
  const pool = step.operation && WRITES.has(step.operation) ? CATALOG : CATALOG.slice(0, 3);
  const base = pool[(h >>> 8) % pool.length];
  const fill = (t: string) => t.replace('{connection}', step.connectionId ?? 'REST').replace('{object}', step.objectName ?? 'the target');
  const errorCode = plan.error?.errorCode ?? base.errorCode;
  const errorMessage = plan.error?.errorMessage ?? base.errorMessage;
  return {
    timestamp: new Date(at).toISOString(),
    // A scripted activity that is not a step of this flow is still reported as given.
    activity: plan.error?.activity ?? step.name,
    errorCode,
    errorMessage,
    errorDetails: plan.error?.errorDetails ?? fill(base.errorDetails),
    retryAttempt: attempt,
    stackTrace: `oracle.cloud.connector.api.CloudInvocationException: ${errorCode} ${errorMessage}\n\tat oracle.cloud.connector.impl.InvokeActivity.execute(${step.name})\n\tat oracle.integration.runtime.FlowEngine.run(FlowEngine.java:412)`,
  };
}
