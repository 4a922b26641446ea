/**
 * The request pipeline (src/pipeline.ts) as the routes carry it: which hooks,
 * in which order, run for a request of each kind. An OIC read runs no write
 * hook and no multipart hook; only the upload routes parse multipart.
 */
import t from 'tap';
import type { FastifyInstance } from 'fastify';
import { loadSpec } from '../src/openapi/spec';
import { buildTestApp } from './helpers/app';

type Hooks = Record<string, string[]>;

/** Every route's hooks by "METHOD /url", read from printRoutes (the only public view of them). */
function routeHooks(app: FastifyInstance): Map<string, Hooks> {
  const out = new Map<string, Hooks>();
  const paths: string[] = [];
  let current: Hooks[] = [];
  for (const line of app.printRoutes({ includeHooks: true, commonPrefix: false }).split('\n')) {
    const route = /^([│├└─\s]*?)([^\s•]\S*) \(([A-Z, ]+)\)$/.exec(line);
    if (route) {
      const depth = route[1].length / 4;
      paths[depth] = (depth > 1 ? paths[depth - 1] : '') + route[2];
      current = route[3].split(', ').map((method) => {
        const hooks: Hooks = {};
        out.set(`${method} ${paths[depth]}`, hooks);
        return hooks;
      });
      continue;
    }
    const hook = /• \((\w+)\) (\[.*\])$/.exec(line);
    if (hook) for (const hooks of current) hooks[hook[1]] = (JSON.parse(hook[2]) as string[]).map((n) => n.replace(/\(\)$/, ''));
  }
  return out;
}

const count = (hooks: Hooks) => Object.values(hooks).reduce((n, list) => n + list.length, 0);

t.test('an OIC GET runs 12 hooks: no write hook, no multipart; HEAD is the same route', async (t) => {
  const { app } = await buildTestApp(t);
  const hooks = routeHooks(app).get('GET /ic/api/integration/v1/integrations/:id')!;
  t.same(hooks, {
    onRequest: ['injectFaults', 'selectInstance', 'identifyCaller', 'anonymous'], // the last: @fastify/rate-limit
    preParsing: ['refuseUnauthenticated'],
    preSerialization: ['projectFields'],
    // headOnSend: the route answers HEAD too and drops the body last (a no-op on GET).
    onSend: ['noteErrorCode', 'rateLimitReset', 'tagAndCache', 'headOnSend'],
    onResponse: ['recordInJournal', 'logRequest'],
  });
  t.equal(count(hooks), 12);
  const head = routeHooks(app).get('HEAD /ic/api/integration/v1/integrations/:id')!;
  t.same(head, hooks, 'HEAD runs the GET route itself: the ETag is taken before the body is dropped');
});

t.test('an OIC write runs the audit and the runtime re-plan, not the read hooks', async (t) => {
  const { app } = await buildTestApp(t);
  const hooks = routeHooks(app).get('POST /ic/api/integration/v1/integrations')!;
  t.same(hooks, {
    onRequest: ['injectFaults', 'selectInstance', 'identifyCaller', 'anonymous'],
    preParsing: ['refuseUnauthenticated'],
    preValidation: ['checkBody'],
    onSend: ['noteErrorCode', 'rateLimitReset', 'recordAudit'],
    onResponse: ['recordInJournal', 'logRequest', 'replanRuntime'],
  });
  t.equal(count(hooks), 12);
});

t.test('multipart hooks run on the upload routes only, and every upload operation has one', async (t) => {
  const { app } = await buildTestApp(t);
  const spec = loadSpec('oic');
  const uploads = [...spec.operations.values()].filter((o) => o.bodyTypes.includes('multipart/form-data')).map((o) => `${o.method.toUpperCase()} ${o.url}`).sort();
  t.ok(uploads.length >= 17, `${uploads.length} upload operations`);
  // @fastify/multipart's onResponse (anonymous) comes right after the root's two.
  const withMultipart = [...routeHooks(app)].filter(([, h]) => h.onResponse?.[2] === 'anonymous').map(([route]) => route).sort();
  t.same(withMultipart, uploads);
});

t.test('DIS: signature checks and opc-request-id; no hook reshapes an answer', async (t) => {
  const { app } = await buildTestApp(t);
  const hooks = routeHooks(app).get('GET /20200430/workspaces/:workspaceId')!;
  t.same(hooks, {
    onRequest: ['injectFaults', 'checkSignatureHeaders'],
    preValidation: ['checkSignature'],
    onSend: ['noteErrorCode', 'echoRequestId', 'headOnSend'],
    onResponse: ['recordInJournal', 'logRequest'],
  });
  const control = routeHooks(app).get('GET /20190131/integrationInstances/:integrationInstanceId')!;
  t.same(control.preSerialization, undefined, 'no answer-rewriting hook on the control plane either');
  t.same(control.onSend, ['noteErrorCode', 'echoRequestId', 'headOnSend']);
});

t.test('a multipart body on a route that takes none is the route\'s 415, as before', async (t) => {
  const { call } = await buildTestApp(t);
  const res = await call({
    method: 'POST', url: '/ic/api/integration/v1/integrations',
    headers: { 'content-type': 'multipart/form-data; boundary=x' }, payload: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n',
  });
  t.equal(res.statusCode, 415);
  t.equal(res.json().detail, "Content-Type 'multipart/form-data' is not accepted here; use application/json");
  const list = await call({ method: 'GET', url: '/ic/api/integration/v1/integrations' });
  t.equal(list.json().totalResults, 0, 'nothing was created');
});
