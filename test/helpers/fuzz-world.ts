/**
 * The world the fuzzer runs in, and the invariants it checks.
 *
 * A world is one app on a manual clock, filled with the demo fixtures plus a
 * few runtime objects (executions, schedules, task runs), so that generated
 * path parameters can name things that exist and reach the handlers. Its
 * state is saved once as a snapshot and restored before each operation is
 * fuzzed, so a lucky DELETE does not starve the operations after it.
 *
 * Invariants for every response: status < 500; when >= 400, the body is in the
 * error format of the API the path belongs to; nothing internal leaks (stack
 * frames, SQLite messages); and a rejected request changed no oic_/dis_ row
 * (row counts and a checksum of every state table).
 */
import crypto from 'node:crypto';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildTestApp } from './app';
import { Clock } from '../../src/core/clock';
import { stateTables, quoteId } from '../../src/store/state-tables';
import { apiOfPath as apiOfSrcPath } from '../../src/core/api-of-path';
import type { Config } from '../../src/config';
import { keyPair, signedHeaders, TENANCY, USER } from './dis';
import type { FuzzRequest } from './fuzz';

export const FIXTURES = path.resolve(__dirname, '../../fixtures/demo');
const BASE_SNAPSHOT = 'fuzz-base';

export type ApiKind = 'oic' | 'idcs' | 'dis' | 'emulator';

/** The error format to expect: the emulator's own classification (src/core/api-of-path.ts), /_emulator apart. */
export function apiOfPath(url: string): ApiKind {
  const p = url.split('?')[0];
  if (p.startsWith('/_emulator')) return 'emulator';
  const api = apiOfSrcPath(p);
  return api === 'dis' || api === 'integration' ? 'dis' : api === 'idcs' ? 'idcs' : 'oic';
}

// ---------------------------------------------------------------- state

export interface Digest {
  counts: Record<string, number>;
  hashes: Record<string, string>;
}

/**
 * Row counts and a hash of the rows of every oic_/dis_ table, in an order
 * that does not depend on how rows were inserted (ORDER BY every column),
 * streamed: a table may hold millions of generated executions.
 */
export function stateDigest(db: FastifyInstance['ctx']['db']): Digest {
  const counts: Record<string, number> = {};
  const hashes: Record<string, string> = {};
  const text = (v: unknown) => (typeof v === 'bigint' ? v.toString() : Buffer.isBuffer(v) ? v.toString('base64') : v);
  for (const table of stateTables(db, 'all')) {
    if (!table.columns.length) continue;
    const cols = table.columns.map(quoteId).join(', ');
    const hash = crypto.createHash('sha1');
    let n = 0;
    for (const row of db.prepare(`SELECT ${cols} FROM ${quoteId(table.name)} ORDER BY ${cols}`).raw(true).safeIntegers(true).iterate() as Iterable<unknown[]>) {
      hash.update(JSON.stringify(row, (_k, v) => text(v))).update('\n');
      n++;
    }
    counts[table.name] = n;
    hashes[table.name] = hash.digest('hex');
  }
  return { counts, hashes };
}

export function digestDiff(a: Digest, b: Digest): string[] {
  const names = new Set([...Object.keys(a.hashes), ...Object.keys(b.hashes)]);
  return [...names].filter((n) => a.hashes[n] !== b.hashes[n]).map((n) => `${n} (${a.counts[n] ?? 0} -> ${b.counts[n] ?? 0} rows)`);
}

/**
 * Tracks the state between requests without hashing every table every time:
 * SQLite's total_changes() tells whether anything was written at all, and
 * only then is the digest recomputed and compared.
 */
export class StateWatcher {
  private changes: number;
  private digest: Digest;
  constructor(private readonly db: FastifyInstance['ctx']['db']) {
    this.changes = this.totalChanges();
    this.digest = stateDigest(db);
  }

  private totalChanges(): number {
    return (this.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
  }

  /** After a request: the tables that changed if it was rejected (empty = fine). */
  check(rejected: boolean): string[] {
    const now = this.totalChanges();
    if (now === this.changes) return [];
    this.changes = now;
    const digest = stateDigest(this.db);
    const diff = rejected ? digestDiff(this.digest, digest) : [];
    this.digest = digest;
    return diff;
  }

  /** Forget the last state (after a restore done outside a request); `digest` when it is known already. */
  rebase(digest?: Digest): Digest {
    this.changes = this.totalChanges();
    this.digest = digest ?? stateDigest(this.db);
    return this.digest;
  }
}

// ---------------------------------------------------------------- formats

/** Signs of an internal error reaching a client: SQLite messages, stack frames, source paths, JS error names. */
const LEAK = /SQLITE_|sqlite3?\b|better-sqlite|\bat [^\s()]+ \([^)]*:\d+:\d+\)|node:internal|\/src\/[\w/-]+\.(ts|js)\b|TypeError|ReferenceError|RangeError|Cannot read propert/i;
const OAUTH_ERRORS = new Set(['invalid_request', 'invalid_client', 'invalid_grant', 'unauthorized_client', 'unsupported_grant_type', 'invalid_scope', 'server_error', 'temporarily_unavailable']);

/** What is wrong with a response (empty = fine), whatever the request was. */
export function responseProblems(url: string, res: LightMyRequestResponse): string[] {
  const out: string[] = [];
  const status = res.statusCode;
  if (status >= 500) out.push(`status ${status}`);
  if (LEAK.test(res.body)) out.push(`leaks internals: ${res.body.slice(0, 200)}`);
  if (status < 400) return out;
  let body: any;
  try {
    body = JSON.parse(res.body);
  } catch {
    return [...out, `error body is not JSON: ${res.body.slice(0, 120)}`];
  }
  const type = String(res.headers['content-type'] ?? '');
  switch (apiOfPath(url)) {
    case 'dis':
      if (!/^application\/json/.test(type)) out.push(`DIS error content-type ${type}`);
      if (typeof body?.code !== 'string' || typeof body?.message !== 'string' || Object.keys(body).length !== 2) out.push(`DIS error body is not {code,message}: ${res.body.slice(0, 160)}`);
      if (!res.headers['opc-request-id']) out.push('DIS error without opc-request-id');
      break;
    case 'idcs':
      if (!OAUTH_ERRORS.has(body?.error) || typeof body?.error_description !== 'string') out.push(`token endpoint error is not OAuth: ${res.body.slice(0, 160)}`);
      break;
    default:
      // A request with integrationInstance speaks Oracle's dialect: Oracle's error body (docs/oic-dialects.md).
      if (url.startsWith('/ic/api/') && /[?&]integrationInstance=/.test(url)) {
        if (!/^application\/json/.test(type)) out.push(`Oracle error content-type ${type}`);
        if (typeof body?.status !== 'string' || !body.status.startsWith(`HTTP ${status} `)) out.push(`Oracle error status ${body?.status} for ${status}`);
        if (typeof body?.['o:errorCode'] !== 'string' || !body['o:errorCode'].startsWith(`OIC-${status}`)) out.push(`o:errorCode ${body?.['o:errorCode']} for ${status}`);
        for (const k of ['type', 'title', 'detail', 'o:errorPath']) if (typeof body?.[k] !== 'string') out.push(`Oracle error without ${k}`);
        break;
      }
      if (!/^application\/problem\+json/.test(type)) out.push(`problem content-type ${type}`);
      if (body?.status !== status) out.push(`problem status ${body?.status} != ${status}`);
      if (typeof body?.['o:errorCode'] !== 'string' || !body['o:errorCode'].startsWith(`OIC-${status}`)) out.push(`o:errorCode ${body?.['o:errorCode']} for ${status}`);
      for (const k of ['type', 'title', 'detail', 'instance', 'o:errorPath', 'timestamp']) if (typeof body?.[k] !== 'string') out.push(`problem without ${k}`);
  }
  return out;
}

// ---------------------------------------------------------------- worlds

export interface World {
  app: FastifyInstance;
  clock: Clock;
  /** Values that exist, by parameter name (path, query or header). */
  known: Record<string, string[]>;
  /** Send a generated request with valid credentials for its API (DIS: signed). */
  send(req: FuzzRequest): Promise<LightMyRequestResponse>;
  /** Back to the state right after set-up. */
  restore(): Promise<void>;
}

const START = Date.parse('2025-06-15T00:00:00Z');

/** inject() with a timeout: a request that never answers is a failure, not a stuck test. */
export async function injectWithin(app: FastifyInstance, opts: InjectOptions, ms = 10_000): Promise<LightMyRequestResponse> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms); });
  try {
    return await Promise.race([app.inject(opts), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function sender(app: FastifyInstance, auth: string) {
  return (req: FuzzRequest) => {
    const api = apiOfPath(req.url);
    if (api === 'dis') {
      // Signed as the SDK signs: the text sent is the text hashed (binary bodies travel as latin1 text).
      const text = Buffer.isBuffer(req.payload) ? req.payload.toString('latin1') : req.payload;
      // inject() sends the URL as WHATWG URL parsing leaves it ('..' resolved, ' in the query as %27): sign that.
      const parsed = new URL(req.url, 'http://localhost');
      const url = parsed.pathname + parsed.search;
      const signed = signedHeaders({ method: req.method, url, body: text, headers: req.headers });
      return injectWithin(app, { method: req.method as any, url, headers: signed.headers, payload: text ?? signed.payload });
    }
    const headers: Record<string, string> = { ...req.headers };
    if (api === 'oic') headers.authorization = auth;
    return injectWithin(app, { method: req.method as any, url: req.url, headers, payload: req.payload });
  };
}

type Call = (method: string, url: string, body?: unknown) => Promise<any>;
type Setup = (call: Call) => Promise<Record<string, string[]>>;

/**
 * An app on a manual clock with the demo fixtures, then `setup` through the
 * API; the result is saved as the base snapshot. The control-plane fuzzer may
 * delete that snapshot (or reset everything): then the world is rebuilt the
 * same way, from a reset.
 */
async function makeWorld(t: { teardown(fn: () => unknown): void }, overrides: Partial<Config>, setup: Setup): Promise<World> {
  const clock = new Clock();
  clock.setManual(START);
  // Rate limit out of the way: the fuzzer sends thousands of requests as one caller.
  const { app, auth } = await buildTestApp(t, { fixtures: FIXTURES, rateLimit: 100_000_000, ...overrides }, clock);
  const send = sender(app, auth);
  const call: Call = async (method, url, body) => {
    const res = await send({ operationId: 'setup', method, url, headers: body === undefined ? {} : { 'content-type': 'application/json' }, payload: body === undefined ? undefined : JSON.stringify(body), note: '' });
    if (res.statusCode >= 300) throw new Error(`world set-up: ${method} ${url} -> ${res.statusCode} ${res.body}`);
    return res.body ? res.json() : undefined;
  };
  const build = async () => {
    clock.setManual(START);
    await call('POST', '/_emulator/dis/api-keys', { publicKey: keyPair().publicKey, tenancyId: TENANCY, userId: USER });
    const known = await setup(call);
    app.control.saveSnapshot(BASE_SNAPSHOT, true);
    return known;
  };
  const world: World = {
    app,
    clock,
    known: await build(),
    send,
    restore: async () => {
      // Fault rules a generated control request added must not answer the next requests.
      app.control.faults.clear();
      if (app.control.snapshots.has(BASE_SNAPSHOT)) {
        app.control.restoreSnapshot(BASE_SNAPSHOT);
      } else {
        app.control.reset('all');
        Object.assign(world.known, await build());
      }
    },
  };
  return world;
}

const API = '/ic/api/integration/v1';
const MAIN = 'CUSTOMER_DATA_SYNC|01.00.0000';

/** OIC: the demo project, connections, lookup and scheduled integration, a REST-triggered one with executions, a draft. */
const oicSetup: Setup = async (call) => {
  const enc = encodeURIComponent;
  // The fixtures may already have it active and scheduled.
  const current = await call('GET', `${API}/integrations/${enc(MAIN)}`);
  if (current.status !== 'ACTIVE') await call('POST', `${API}/integrations/${enc(MAIN)}/activate`);
  const schedule = current.schedule ?? await call('POST', `${API}/integrations/${enc(MAIN)}/schedule`, { name: 'Hourly', frequency: 'HOURLY', startTime: '2025-06-15T00:30:00Z' });
  await call('POST', `${API}/integrations`, { name: 'Orders', identifier: 'ORDERS_API', version: '01.00.0000', pattern: 'APP_DRIVEN_ORCHESTRATION', style: 'APP_DRIVEN' });
  await call('POST', `${API}/integrations/${enc('ORDERS_API|01.00.0000')}/activate`);
  await call('POST', `${API}/integrations`, { name: 'Draft', identifier: 'DRAFT_INT', version: '02.00.0000', pattern: 'SCHEDULED_ORCHESTRATION' });
  const exec = await call('POST', `${API}/flows/rest/ORDERS_API/01.00.0000/orders`, { orderId: 'ORD-1' });
  await call('POST', '/_emulator/clock/advance', { seconds: 7200 });
  const execs = await call('GET', `/ic/api/monitoring/v1/integrations/${enc(MAIN)}/executions?limit=2`);
  const integrations = [MAIN, 'ORDERS_API|01.00.0000', 'DRAFT_INT|02.00.0000'];
  const executions = [String(exec.id), ...execs.items.map((e: { id: unknown }) => String(e.id))];
  return {
    id: [...integrations, 'SALESFORCE_CONN_01', 'PROD_DB_CONN_01', 'CUSTOMER_PROJECT', 'COUNTRY_CODE_MAP'],
    'integrations.id': integrations,
    'connections.id': ['SALESFORCE_CONN_01', 'PROD_DB_CONN_01', 'ORACLE_DB_CONN_01'],
    'projects.id': ['CUSTOMER_PROJECT'],
    'projects.projectId': ['CUSTOMER_PROJECT'],
    'lookups.id': ['COUNTRY_CODE_MAP'],
    'instances.id': executions,
    'errors.id': executions,
    scheduleId: [schedule.id],
    executionId: executions,
    identifier: ['ORDERS_API', 'CUSTOMER_DATA_SYNC'],
    version: ['01.00.0000', '1.0'],
    resource: ['orders', 'orders/42'],
    projectId: ['CUSTOMER_PROJECT'],
    adapterType: ['rest', 'oracle-db-adapter'],
    orderBy: ['name', 'modifiedTime', 'status'],
    q: ["{name: /Customer/, status: 'ACTIVATED'}", 'Customer'],
    integrationInstance: ['emulator'],
    status: ['SUCCEEDED', 'FAILED', 'IN_PROGRESS'],
  };
};

/** DIS: the demo workspace, project, data asset, task and published application, plus a folder, flows, a run and schedules. */
const disSetup: Setup = async (call) => {
  const spaces = (await call('GET', '/20200430/workspaces?compartmentId=ocid1.compartment.oc1..aaaaaaaademocompartment')) as Array<{ id: string; compartmentId: string }>;
  const ws = spaces[0].id;
  const base = `/20200430/workspaces/${ws}`;
  const first = async (p: string) => ((await call('GET', `${base}/${p}`)).items[0] ?? {}).key as string;
  const projectKey = await first('projects');
  const taskKey = await first('tasks');
  const applicationKey = await first('applications');
  const dataAssetKey = await first('dataAssets');
  const connectionKey = await first(`connections?dataAssetKey=${dataAssetKey}`);
  const folderKey = (await call('POST', `${base}/folders`, { name: 'F', identifier: 'F', registryMetadata: { aggregatorKey: projectKey } })).key;
  const dataFlowKey = (await call('POST', `${base}/dataFlows`, { name: 'DF', identifier: 'DF', registryMetadata: { aggregatorKey: projectKey } })).key;
  const pipelineKey = (await call('POST', `${base}/pipelines`, { name: 'PL', identifier: 'PL', registryMetadata: { aggregatorKey: projectKey } })).key;
  const appBase = `${base}/applications/${applicationKey}`;
  const publishedObjectKey = (await call('GET', `${appBase}/publishedObjects`)).items[0].key;
  const patchKey = (await call('GET', `${appBase}/patches`)).items[0].key;
  const run = await call('POST', `${appBase}/taskRuns`, { registryMetadata: { aggregatorKey: taskKey } });
  const scheduleKey = (await call('POST', `${appBase}/schedules`, { name: 'S', identifier: 'S', frequencyDetails: { modelType: 'HOURLY', interval: 1 } })).key;
  const taskScheduleKey = (await call('POST', `${appBase}/taskSchedules`, { name: 'TS', identifier: 'TS', scheduleRef: { key: scheduleKey }, registryMetadata: { aggregatorKey: taskKey }, isEnabled: false })).key;
  const workRequests = (await call('GET', `/20200430/workRequests?compartmentId=${spaces[0].compartmentId}`)) as Array<{ id: string }>;
  return {
    workspaceId: [ws], projectKey: [projectKey], folderKey: [folderKey], taskKey: [taskKey], dataFlowKey: [dataFlowKey], pipelineKey: [pipelineKey],
    dataAssetKey: [dataAssetKey], connectionKey: [connectionKey], applicationKey: [applicationKey], patchKey: [patchKey], publishedObjectKey: [publishedObjectKey],
    taskRunKey: [run.key], scheduleKey: [scheduleKey], taskScheduleKey: [taskScheduleKey], workRequestId: workRequests.map((w) => w.id).slice(0, 2),
    compartmentId: [spaces[0].compartmentId], aggregatorKey: [projectKey, publishedObjectKey], folderId: [folderKey], key: [taskKey],
    'opc-retry-token': ['retry-token-1'], 'opc-request-id': ['REQ-1'],
  };
};

export const oicWorld = (t: { teardown(fn: () => unknown): void }, overrides: Partial<Config> = {}) => makeWorld(t, overrides, oicSetup);
export const disWorld = (t: { teardown(fn: () => unknown): void }, overrides: Partial<Config> = {}) => makeWorld(t, overrides, disSetup);

/**
 * Control plane: the OIC world with its schedules stopped (the fuzzer moves
 * the clock a lot; what it tests is input handling, not a year of hourly
 * runs each time), plus the registered key's fingerprint and snapshot names.
 */
export const emulatorWorld = (t: { teardown(fn: () => unknown): void }) => makeWorld(t, {}, async (call) => {
  const known = await oicSetup(call);
  await call('POST', `${API}/integrations/${encodeURIComponent(MAIN)}/schedule/stop`);
  await call('POST', '/_emulator/snapshots', { name: 'other' });
  return { ...known, fingerprint: [keyPair().fingerprint], name: ['other', BASE_SNAPSHOT] };
});
