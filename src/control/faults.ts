/**
 * Fault rules: make the emulator fail on purpose, so a client's retry and
 * error handling can be tested.
 *
 * HTTP faults (kind `error`, `latency`) match requests by method, path pattern
 * and API, and answer with an error in that API's own format and/or add
 * latency. Domain faults (`connectionTest`, `integrationFailure`,
 * `taskRunError`) are consumed by the simulator/stores when the matching event
 * happens (a connection test, an execution, a DIS task run).
 *
 * Every rule may fire with a probability (drawn from the app's seeded random
 * generator, so runs repeat) and/or a limited number of times ("the next 2
 * calls"). Rules are validated whole before they are added: a bad rule is a
 * clear error and nothing is registered.
 */
import { apiOfPath, type PathApi } from '../core/api-of-path';
import { globPattern, regexPattern, matchesAny, pathForms, PatternError, type PathPattern } from './patterns';

export const HTTP_FAULT_KINDS = ['error', 'latency'] as const;
export const DOMAIN_FAULT_KINDS = ['connectionTest', 'integrationFailure', 'taskRunError'] as const;
export const FAULT_KINDS = [...HTTP_FAULT_KINDS, ...DOMAIN_FAULT_KINDS] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
export type DomainFaultKind = (typeof DOMAIN_FAULT_KINDS)[number];
/** `integration`: the OCI Integration control plane (/20190131). */
export type FaultApi = Exclude<PathApi, 'other'>;

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', '*'];
const MAX_LATENCY_MS = 60_000;

/** What a client sends to POST /_emulator/faults. */
export interface FaultInput {
  kind: string;
  method?: string;
  path?: string;
  pathRegex?: string;
  api?: string;
  status?: number;
  code?: string;
  message?: string;
  retryAfter?: number;
  latencyMs?: number;
  probability?: number;
  count?: number;
  connectionId?: string;
  integrationId?: string;
  activity?: string;
  errorCode?: string;
  taskKey?: string;
}

export interface FaultRule {
  id: string;
  kind: FaultKind;
  method?: string;
  path?: string;
  pathRegex?: string;
  api?: FaultApi;
  status?: number;
  code?: string;
  message?: string;
  retryAfter?: number;
  latencyMs?: number;
  probability: number;
  /** How many times the rule may still fire (null = unlimited). */
  remaining: number | null;
  /** How many times it fired. */
  hits: number;
  /** false once `remaining` reached 0 (kept in the list so its hits can be read). */
  active: boolean;
  createdAt: string;
  connectionId?: string;
  integrationId?: string;
  activity?: string;
  errorCode?: string;
  taskKey?: string;
}

export class FaultError extends Error {}

/** Fields each kind accepts beyond the common ones (kind, probability, count, message). */
const FIELDS: Record<FaultKind, string[]> = {
  error: ['method', 'path', 'pathRegex', 'api', 'status', 'code', 'retryAfter', 'latencyMs'],
  latency: ['method', 'path', 'pathRegex', 'api', 'latencyMs'],
  connectionTest: ['connectionId', 'errorCode'],
  integrationFailure: ['integrationId', 'activity', 'errorCode'],
  taskRunError: ['taskKey'],
};
const COMMON = ['kind', 'probability', 'count', 'message'];

interface Compiled { rule: FaultRule; pattern?: PathPattern }

export class FaultRegistry {
  private rules: Compiled[] = [];
  private seq = 0;

  constructor(private readonly random: () => number, private readonly nowIso: () => string) {}

  /** Validate and add a rule; throws FaultError (nothing added) when it is not valid. */
  add(input: FaultInput): FaultRule {
    const compiled = this.compile(input);
    this.rules.push(compiled);
    return compiled.rule;
  }

  list(): FaultRule[] {
    return this.rules.map((c) => ({ ...c.rule }));
  }

  get(id: string): FaultRule | undefined {
    const c = this.rules.find((r) => r.rule.id === id);
    return c && { ...c.rule };
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((c) => c.rule.id !== id);
    return this.rules.length < before;
  }

  /** Remove every rule; ids keep counting so an old id never names a new rule. */
  clear(): number {
    const n = this.rules.length;
    this.rules = [];
    return n;
  }

  /** Remove the rules a predicate selects (reset of one API). */
  clearWhere(pred: (rule: FaultRule) => boolean): number {
    const before = this.rules.length;
    this.rules = this.rules.filter((c) => !pred(c.rule));
    return before - this.rules.length;
  }

  get activeCount(): number {
    return this.rules.filter((c) => c.rule.active).length;
  }

  /**
   * The HTTP faults for a request: the total latency of matching latency
   * rules and the first matching error rule (which stops the evaluation).
   */
  matchRequest(method: string, url: string, api: FaultApi | null): { latencyMs: number; error: FaultRule | null } {
    let latencyMs = 0;
    if (!this.rules.length) return { latencyMs, error: null };
    const forms = pathForms(url);
    for (const c of this.rules) {
      const r = c.rule;
      if (!r.active || (r.kind !== 'error' && r.kind !== 'latency')) continue;
      if (r.method && r.method !== '*' && r.method !== method && !(r.method === 'GET' && method === 'HEAD')) continue;
      if (r.api && r.api !== api) continue;
      if (c.pattern && !matchesAny(c.pattern, forms)) continue;
      if (!this.fire(r)) continue;
      latencyMs += r.latencyMs ?? 0;
      if (r.kind === 'error') return { latencyMs, error: { ...r } };
    }
    return { latencyMs, error: null };
  }

  /**
   * Consume a domain fault for an event, if an active rule of that kind
   * matches `target` (a rule's unset target fields match anything).
   */
  takeDomain(kind: DomainFaultKind, target: Partial<Pick<FaultRule, 'connectionId' | 'integrationId' | 'taskKey'>>): FaultRule | null {
    for (const c of this.rules) {
      const r = c.rule;
      if (!r.active || r.kind !== kind) continue;
      if (r.connectionId !== undefined && r.connectionId !== target.connectionId) continue;
      if (r.integrationId !== undefined && !sameIntegration(r.integrationId, target.integrationId)) continue;
      if (r.taskKey !== undefined && r.taskKey !== target.taskKey) continue;
      if (!this.fire(r)) continue;
      return { ...r };
    }
    return null;
  }

  /** Probability draw and count bookkeeping for a rule that matched. */
  private fire(r: FaultRule): boolean {
    // Draw only when needed: certain rules leave the seeded sequence untouched.
    if (r.probability < 1 && !(this.random() < r.probability)) return false;
    r.hits++;
    if (r.remaining !== null) {
      r.remaining--;
      if (r.remaining <= 0) r.active = false;
    }
    return true;
  }

  private compile(input: FaultInput): Compiled {
    if (!input || typeof input !== 'object') throw new FaultError('body must be a fault rule object');
    const kind = input.kind as FaultKind;
    if (!FAULT_KINDS.includes(kind)) throw new FaultError(`unknown fault kind '${String(input.kind)}'; use one of ${FAULT_KINDS.join(', ')}`);
    const allowed = new Set([...COMMON, ...FIELDS[kind]]);
    for (const [k, v] of Object.entries(input)) {
      if (v !== undefined && !allowed.has(k)) throw new FaultError(`field '${k}' does not apply to a '${kind}' fault (allowed: ${[...allowed].join(', ')})`);
    }
    const probability = input.probability ?? 1;
    if (!(probability > 0 && probability <= 1)) throw new FaultError('probability must be greater than 0 and at most 1');
    if (input.count !== undefined && !(Number.isInteger(input.count) && input.count >= 1)) throw new FaultError('count must be a positive integer');
    const rule: FaultRule = {
      id: `fault-${++this.seq}`,
      kind,
      probability,
      remaining: input.count ?? null,
      hits: 0,
      active: true,
      createdAt: this.nowIso(),
    };
    if (input.message !== undefined) rule.message = input.message;
    let pattern: PathPattern | undefined;
    if (kind === 'error' || kind === 'latency') {
      pattern = this.compileHttp(input, rule);
    } else {
      for (const k of FIELDS[kind]) {
        const v = (input as unknown as Record<string, unknown>)[k];
        if (v === undefined) continue;
        if (typeof v !== 'string' || v === '') throw new FaultError(`${k} must be a non-empty string`);
        (rule as unknown as Record<string, unknown>)[k] = v;
      }
      if (kind === 'integrationFailure' && !rule.integrationId) throw new FaultError("an 'integrationFailure' fault needs integrationId (CODE|VERSION, or CODE for any version)");
    }
    return { rule, pattern };
  }

  private compileHttp(input: FaultInput, rule: FaultRule): PathPattern {
    if (input.method !== undefined) {
      const m = String(input.method).toUpperCase();
      if (!METHODS.includes(m)) throw new FaultError(`method '${input.method}' is not an HTTP method (use ${METHODS.join(', ')})`);
      rule.method = m;
    }
    if (input.api !== undefined) {
      if (!['oic', 'dis', 'idcs', 'integration'].includes(input.api)) throw new FaultError(`api must be one of oic, dis, idcs, integration (got '${input.api}')`);
      rule.api = input.api as FaultApi;
    }
    if (input.path !== undefined && input.pathRegex !== undefined) throw new FaultError('give either path (a glob) or pathRegex, not both');
    let pattern: PathPattern;
    try {
      pattern = input.pathRegex !== undefined ? regexPattern(input.pathRegex) : globPattern(input.path ?? '/**');
    } catch (e) {
      if (e instanceof PatternError) throw new FaultError(e.message);
      throw e;
    }
    if (input.pathRegex !== undefined) rule.pathRegex = input.pathRegex;
    else rule.path = input.path ?? '/**';
    if (input.latencyMs !== undefined) {
      if (!(Number.isInteger(input.latencyMs) && input.latencyMs >= 0 && input.latencyMs <= MAX_LATENCY_MS)) throw new FaultError(`latencyMs must be an integer from 0 to ${MAX_LATENCY_MS}`);
      rule.latencyMs = input.latencyMs;
    }
    if (rule.kind === 'latency') {
      if (rule.latencyMs === undefined) throw new FaultError("a 'latency' fault needs latencyMs");
      return pattern;
    }
    const status = input.status ?? 503;
    if (!(Number.isInteger(status) && status >= 400 && status <= 599)) throw new FaultError('status must be an HTTP error status from 400 to 599');
    rule.status = status;
    if (input.code !== undefined) {
      if (typeof input.code !== 'string' || !input.code) throw new FaultError('code must be a non-empty string');
      rule.code = input.code;
    }
    if (input.retryAfter !== undefined) {
      if (!(Number.isInteger(input.retryAfter) && input.retryAfter >= 0)) throw new FaultError('retryAfter must be a whole number of seconds');
      rule.retryAfter = input.retryAfter;
    } else if (status === 429) {
      // A 429 without Retry-After would leave a client guessing; one second keeps tests quick.
      rule.retryAfter = 1;
    }
    return pattern;
  }
}

/** "CODE|01.00.0000" matches itself; "CODE" matches every version of CODE. */
function sameIntegration(ruleId: string, actual: string | undefined): boolean {
  if (actual === undefined) return false;
  if (ruleId === actual) return true;
  return !ruleId.includes('|') && actual.split('|')[0] === ruleId;
}

/**
 * The API a rule is about (for a reset of one API), or null when it spans
 * APIs. The token endpoint's rules go with OIC, whose reset also resets the
 * identities; the control plane's state, and its rules, only with a full reset.
 */
export function apiOfRule(rule: FaultRule): 'oic' | 'dis' | null {
  if (rule.kind === 'connectionTest' || rule.kind === 'integrationFailure') return 'oic';
  if (rule.kind === 'taskRunError') return 'dis';
  const api = rule.api ?? apiOfPath(rule.path ?? '');
  return api === 'dis' ? 'dis' : api === 'oic' || api === 'idcs' ? 'oic' : null;
}
