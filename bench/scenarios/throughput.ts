/**
 * Throughput and latency of single operations at a fixed connection count,
 * next to the same request against bare Fastify (the ceiling of this stack)
 * and Prism (a generic OpenAPI mock), measured in the same run.
 */
import { load, type LoadOptions, type LoadResult, type LoadSpec } from '../lib/load';
import { expectStatus, request } from '../lib/http';
import { signedHeaders, makeApiKey, type ApiKey } from '../lib/oci-sign';
import { Capabilities, CLIENT_BASIC, INTEGRATIONS, NotAvailable, TOKEN_BODY, bearer, createIntegrations, integrationBody, integrationId } from '../lib/emulator';
import type { Running } from '../lib/proc';

export interface Ctx {
  emulator: Running;
  caps: Capabilities;
  auth: string;
  dis?: DisFixture;
}

export interface Scenario {
  key: string;
  title: string;
  /** Which bare-Fastify endpoint is the comparable request. */
  kind: 'GET' | 'POST';
  needs: string[];
  /** Create what the request needs; return the request. */
  setup(ctx: Ctx): Promise<LoadSpec>;
  /** The same request against Prism's mock of oic.yaml (absent: not comparable). */
  prism?: LoadSpec;
}

const ONE_ID = encodeURIComponent(integrationId('BENCH_GET', 0));
const PRISM_AUTH = { authorization: 'Bearer prism-accepts-any-token' };
const JSON_HEADERS = { 'content-type': 'application/json' };

/** Each create call gets a new identifier (a repeated one is a 409). */
function uniqueCreates(prefix: string, auth: Record<string, string>): LoadSpec {
  let n = 0;
  return {
    method: 'POST',
    path: INTEGRATIONS,
    headers: { ...auth, ...JSON_HEADERS },
    body: JSON.stringify(integrationBody(prefix, 0)),
    setupRequest: (req) => ({ ...req, body: JSON.stringify(integrationBody(prefix, n++)) }),
  };
}

export const SCENARIOS: Scenario[] = [
  {
    key: 'health',
    title: 'GET /_emulator/health',
    kind: 'GET',
    needs: ['GET /_emulator/health'],
    setup: async () => ({ path: '/_emulator/health' }),
  },
  {
    key: 'token',
    title: 'POST token (client credentials)',
    kind: 'POST',
    needs: ['POST /oauth2/v1/token'],
    setup: async () => ({ method: 'POST', path: '/oauth2/v1/token', headers: { authorization: CLIENT_BASIC, 'content-type': 'application/x-www-form-urlencoded' }, body: TOKEN_BODY }),
    prism: { method: 'POST', path: '/oauth2/v1/token', headers: { authorization: CLIENT_BASIC, 'content-type': 'application/x-www-form-urlencoded' }, body: TOKEN_BODY },
  },
  {
    key: 'getIntegration',
    title: 'GET one integration',
    kind: 'GET',
    needs: [`POST ${INTEGRATIONS}`, `GET ${INTEGRATIONS}/{id}`],
    setup: async ({ emulator, auth }) => {
      await createIntegrations(emulator, auth, 'BENCH_GET', 1);
      return { path: `${INTEGRATIONS}/${ONE_ID}`, headers: { authorization: auth } };
    },
    prism: { path: `${INTEGRATIONS}/${ONE_ID}`, headers: PRISM_AUTH },
  },
  {
    key: 'listIntegrations',
    title: 'GET list of 100 integrations',
    kind: 'GET',
    needs: [`POST ${INTEGRATIONS}`, `GET ${INTEGRATIONS}`],
    setup: async ({ emulator, auth }) => {
      // Exactly 100 in the list: whatever exists already counts.
      const have = (await expectStatus(`${emulator.url}${INTEGRATIONS}?limit=1`, { headers: { authorization: auth } }, 200)).json().totalResults ?? 0;
      if (have < 100) await createIntegrations(emulator, auth, 'BENCH_LIST', 100 - have);
      return { path: `${INTEGRATIONS}?limit=100`, headers: { authorization: auth } };
    },
    prism: { path: `${INTEGRATIONS}?limit=100`, headers: PRISM_AUTH },
  },
  {
    key: 'createIntegration',
    title: 'POST create integration',
    kind: 'POST',
    needs: [`POST ${INTEGRATIONS}`],
    setup: async ({ auth }) => uniqueCreates('BENCH_NEW', { authorization: auth }),
    prism: uniqueCreates('BENCH_NEW', PRISM_AUTH),
  },
  {
    key: 'disGetWorkspace',
    title: 'GET DIS workspace (signed)',
    kind: 'GET',
    needs: ['POST /20200430/workspaces', 'GET /20200430/workspaces/{workspaceId}'],
    setup: async (ctx) => {
      const dis = await disFixture(ctx);
      const path = `/20200430/workspaces/${dis.workspaceId}`;
      // Signed once: the x-date stays valid (5 min skew) for the whole run, and
      // the client's RSA work would otherwise be measured instead of the server's.
      return { path, headers: signedHeaders(dis.key, 'GET', `${ctx.emulator.url}${path}`) };
    },
  },
  {
    key: 'disCreateTaskRun',
    title: 'POST DIS task run (signed)',
    kind: 'POST',
    needs: ['POST /20200430/workspaces', 'POST /20200430/workspaces/{workspaceId}/applications/{applicationKey}/taskRuns'],
    setup: async (ctx) => {
      const dis = await disFixture(ctx);
      const path = `/20200430/workspaces/${dis.workspaceId}/applications/${dis.applicationKey}/taskRuns`;
      const body = JSON.stringify({ registryMetadata: { aggregatorKey: dis.taskKey } });
      return { method: 'POST', path, headers: signedHeaders(dis.key, 'POST', `${ctx.emulator.url}${path}`, body), body };
    },
  },
];

export interface DisFixture {
  key: ApiKey;
  workspaceId: string;
  applicationKey?: string;
  taskKey?: string;
}

/** A signing key (registered when the emulator offers that), an ACTIVE workspace, and an application with a published task. */
async function disFixture(ctx: Ctx): Promise<DisFixture> {
  if (ctx.dis) return ctx.dis;
  const { emulator, caps } = ctx;
  const key = makeApiKey();
  // Registered, so every request's RSA signature is verified, as with --strict-auth.
  if (caps.has('POST /_emulator/dis/api-keys')) {
    await expectStatus(`${emulator.url}/_emulator/dis/api-keys`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ publicKey: key.publicPem, tenancyId: key.tenancy, userId: key.user }) }, 200, 201);
  }
  // Workspaces become ACTIVE after ~5 s of emulator time by default: make it immediate.
  if (caps.has('PUT /_emulator/dis/settings')) {
    await expectStatus(`${emulator.url}/_emulator/dis/settings`, { method: 'PUT', headers: JSON_HEADERS, body: JSON.stringify({ workRequest: { acceptedMs: 0, inProgressMs: 0 } }) }, 200);
  }
  const signed: Signed = async (method, path, body) => {
    const text = body ? JSON.stringify(body) : undefined;
    const res = await request(`${emulator.url}${path}`, { method, headers: signedHeaders(key, method, `${emulator.url}${path}`, text), body: text });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${res.body.slice(0, 300)}`);
    return res;
  };
  const created = await signed('POST', '/20200430/workspaces', { compartmentId: 'ocid1.compartment.oc1..aaaabench', displayName: 'bench' });
  const wr = (await signed('GET', `/20200430/workRequests/${created.headers['opc-work-request-id']}`)).json();
  const workspaceId: string | undefined = wr.resources?.[0]?.identifier;
  if (!workspaceId) throw new Error(`the workspace's work request names no workspace: ${JSON.stringify(wr).slice(0, 300)}`);
  const dis: DisFixture = { key, workspaceId };
  ctx.dis = dis;
  await waitActive(signed, workspaceId);
  await publishTask(dis, signed);
  return dis;
}

type Signed = (method: string, path: string, body?: object) => Promise<{ json(): any; headers: Record<string, unknown> }>;

async function waitActive(signed: Signed, workspaceId: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const state = (await signed('GET', `/20200430/workspaces/${workspaceId}`)).json().lifecycleState;
    if (state === 'ACTIVE') return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`workspace ${workspaceId} did not become ACTIVE within 10 s`);
}

/** Project, task, application, and a patch publishing the task: what a task run needs. */
async function publishTask(dis: DisFixture, signed: Signed): Promise<void> {
  const ws = `/20200430/workspaces/${dis.workspaceId}`;
  const project = (await signed('POST', `${ws}/projects`, { name: 'bench', identifier: 'BENCH' })).json().key;
  const task = (await signed('POST', `${ws}/tasks`, { modelType: 'INTEGRATION_TASK', name: 'bench task', identifier: 'BENCH_TASK', registryMetadata: { aggregatorKey: project } })).json().key;
  const app = (await signed('POST', `${ws}/applications`, { name: 'bench app', identifier: 'BENCH_APP' })).json().key;
  await signed('POST', `${ws}/applications/${app}/patches`, { name: 'publish', identifier: 'PUBLISH', patchType: 'PUBLISH', objectKeys: [task] });
  dis.applicationKey = app;
  dis.taskKey = task;
}

export interface Measured {
  key: string;
  title: string;
  kind: 'GET' | 'POST';
  emulator?: LoadResult;
  /** Bare Fastify's comparable request, measured right before (a shared machine drifts). */
  bare?: LoadResult;
  prism?: LoadResult;
  /** Why there is no emulator figure. */
  skipped?: string;
  prismNote?: string;
}

/** Bare Fastify's static JSON: the comparable GET and POST (see bareTwin). */
export const BARE: Record<'GET' | 'POST', LoadSpec> = {
  GET: { path: '/static' },
  POST: { method: 'POST', path: '/static', headers: JSON_HEADERS, body: JSON.stringify(integrationBody('BARE', 0)) },
};

/**
 * Bare Fastify's twin of a scenario's request: the same headers and the same
 * body (or body generator), sent to /static. So the load generator does the
 * same work per request on both sides (it shares the machine's two cores with
 * the server), the server reads the same bytes, and the ratio measures only
 * what the emulator does with them. A body that is not JSON (the token
 * endpoint's form) is replaced by bare's JSON one: bare Fastify parses JSON only.
 */
export function bareTwin(spec: LoadSpec, kind: 'GET' | 'POST'): LoadSpec {
  const base = BARE[kind];
  if (kind === 'GET') return { ...base, headers: { ...spec.headers } };
  const json = /^application\/json/i.test(spec.headers?.['content-type'] ?? '');
  if (!json || spec.body === undefined) return { ...base, headers: { ...spec.headers, ...base.headers } };
  return {
    method: 'POST',
    path: base.path,
    headers: { ...spec.headers },
    body: spec.body,
    setupRequest: spec.setupRequest && ((req) => ({ ...spec.setupRequest!(req), path: base.path })),
  };
}

export async function runScenario(s: Scenario, ctx: Ctx, bare: Running, prism: Running | null, opts: LoadOptions): Promise<Measured> {
  const out: Measured = { key: s.key, title: s.title, kind: s.kind };
  try {
    ctx.caps.need(...s.needs);
    const spec = await s.setup(ctx);
    out.bare = await load(bare, bareTwin(spec, s.kind), opts);
    out.emulator = await load(ctx.emulator, spec, opts);
  } catch (e) {
    if (!(e instanceof NotAvailable)) throw e;
    out.skipped = e.message;
  }
  if (!s.prism) out.prismNote = 'no comparable Prism request';
  else if (!prism) out.prismNote = 'Prism not run';
  else out.prism = await load(prism, s.prism, opts);
  return out;
}

export async function newCtx(emulator: Running): Promise<Ctx> {
  return { emulator, caps: await Capabilities.of(emulator), auth: await bearer(emulator) };
}
