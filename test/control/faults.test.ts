import t from 'tap';
import { buildTestApp, expectProblem, basic } from '../helpers/app';

const INTEGRATIONS = '/ic/api/integration/v1/integrations';
const add = (app: any, payload: unknown) => app.inject({ method: 'POST', url: '/_emulator/faults', payload });
const list = async (app: any) => (await app.inject({ method: 'GET', url: '/_emulator/faults' })).json().items;

t.test('an OIC error rule answers with problem JSON, the given number of times', async (t) => {
  const { app, call } = await buildTestApp(t);
  const created = await add(app, { kind: 'error', method: 'GET', path: '/ic/api/integration/v1/integrations/**', status: 503, count: 2 });
  t.equal(created.statusCode, 201);
  t.equal(created.headers.location, '/_emulator/faults/fault-1');
  t.match(created.json(), { id: 'fault-1', kind: 'error', status: 503, remaining: 2, hits: 0, active: true, probability: 1 });
  for (let i = 0; i < 2; i++) {
    const p = expectProblem(t, await call({ method: 'GET', url: INTEGRATIONS }), 503, 'OIC-503001');
    t.equal(p.title, 'Service Temporarily Unavailable');
    t.match(p.detail, /injected by emulator fault fault-1/);
    t.equal(p.instance, INTEGRATIONS);
  }
  t.not((await call({ method: 'GET', url: INTEGRATIONS })).statusCode, 503, 'the third call goes through');
  const [rule] = await list(app);
  t.match(rule, { id: 'fault-1', hits: 2, remaining: 0, active: false }, 'kept in the list with its hit count');
  t.match((await app.inject({ method: 'GET', url: '/_emulator/faults/fault-1' })).json(), { hits: 2 });
});

t.test('429 with Retry-After (default 1, or as given), custom code and message', async (t) => {
  const { app, call } = await buildTestApp(t);
  await add(app, { kind: 'error', api: 'oic', status: 429, count: 1 });
  let res = await call({ method: 'GET', url: INTEGRATIONS });
  let p = expectProblem(t, res, 429, 'OIC-429001');
  t.equal(res.headers['retry-after'], '1');
  t.equal(p.retryAfter, 1);
  await add(app, { kind: 'error', api: 'oic', status: 429, retryAfter: 30, count: 1, message: 'slow down' });
  res = await call({ method: 'GET', url: INTEGRATIONS });
  p = expectProblem(t, res, 429, 'OIC-429001');
  t.equal(res.headers['retry-after'], '30');
  t.equal(p.detail, 'slow down');
  await add(app, { kind: 'error', status: 500, code: 'OIC-500123', count: 1 });
  expectProblem(t, await call({ method: 'GET', url: INTEGRATIONS }), 500, 'OIC-500123');
  await add(app, { kind: 'error', status: 502, count: 1 });
  p = expectProblem(t, await call({ method: 'GET', url: INTEGRATIONS }), 502, 'OIC-502001');
  t.equal(p.title, 'Bad Gateway', 'statuses outside the seed table follow its pattern');
});

t.test('a DIS path gets an OCI error body and opc-request-id', async (t) => {
  const { app } = await buildTestApp(t);
  await add(app, { kind: 'error', method: 'POST', path: '/20200430/workspaces/*/applications/*/taskRuns', status: 500 });
  const res = await app.inject({ method: 'POST', url: '/20200430/workspaces/ocid1.disworkspace.oc1..x/applications/app-1/taskRuns', headers: { 'opc-request-id': 'REQ-1' }, payload: {} });
  t.equal(res.statusCode, 500);
  t.match(res.headers['content-type'], /application\/json/);
  t.equal(res.headers['opc-request-id'], 'REQ-1');
  t.match(res.json(), { code: 'InternalServerError', message: /injected by emulator fault/ });
  await add(app, { kind: 'error', api: 'dis', status: 503, count: 1 });
  const unavailable = await app.inject({ method: 'GET', url: '/20200430/workspaces' });
  t.equal(unavailable.json().code, 'ServiceUnavailable');
  await add(app, { kind: 'error', api: 'dis', status: 429, code: 'TooManyRequests', count: 1 });
  const throttled = await app.inject({ method: 'GET', url: '/20200430/workspaces' });
  t.equal(throttled.statusCode, 429);
  t.equal(throttled.headers['retry-after'], '1');
  t.equal(throttled.json().code, 'TooManyRequests');
});

t.test('the token endpoint gets an OAuth error body', async (t) => {
  const { app } = await buildTestApp(t);
  await add(app, { kind: 'error', path: '/oauth2/v1/token', status: 503, count: 1 });
  const res = await app.inject({ method: 'POST', url: '/oauth2/v1/token', headers: { authorization: basic('a', 'b'), 'content-type': 'application/x-www-form-urlencoded' }, payload: 'grant_type=client_credentials' });
  t.equal(res.statusCode, 503);
  t.match(res.json(), { error: 'temporarily_unavailable', error_description: /injected/ });
});

t.test('matching: method, api, * and ** globs, regex, encoded paths; /_emulator is never faulted', async (t) => {
  const { app, call } = await buildTestApp(t);
  await add(app, { kind: 'error', method: 'DELETE', path: '/ic/api/integration/v1/integrations/*', status: 500 });
  await add(app, { kind: 'error', path: '/ic/api/integration/v1/integrations/CUSTOMER_DATA_SYNC|01.00.0000/activate', status: 409 });
  await add(app, { kind: 'error', pathRegex: '^/ic/api/integration/v1/lookups/[A-Z_]+/data$', status: 404 });
  await add(app, { kind: 'error', api: 'dis', status: 500 });
  await add(app, { kind: 'error', status: 503 });
  t.equal((await app.inject({ method: 'GET', url: '/_emulator/health' })).statusCode, 200, 'control plane unaffected');
  t.equal((await app.inject({ method: 'GET', url: '/_emulator/faults' })).statusCode, 200);
  expectProblem(t, await call({ method: 'DELETE', url: `${INTEGRATIONS}/X%7C01.00.0000` }), 500, 'OIC-500001');
  expectProblem(t, await call({ method: 'POST', url: `${INTEGRATIONS}/CUSTOMER_DATA_SYNC%7C01.00.0000/activate` }), 409, 'OIC-409001');
  expectProblem(t, await call({ method: 'GET', url: '/ic/api/integration/v1/lookups/COUNTRY_CODE_MAP/data' }), 404, 'OIC-404001');
  t.equal((await app.inject({ method: 'GET', url: '/20200430/workspaces' })).json().code, 'InternalServerError');
  expectProblem(t, await call({ method: 'GET', url: '/ic/api/integration/v1/connections' }), 503, 'OIC-503001');
  const hits = (await list(app)).map((r: any) => r.hits);
  t.same(hits, [1, 1, 1, 1, 1], 'each request hit the first matching rule only');
  const head = await call({ method: 'HEAD', url: '/ic/api/integration/v1/connections' });
  t.equal(head.statusCode, 503, 'a rule with no method matches every method');
});

t.test('latency rules delay and let the request through; they add up with an error rule', async (t) => {
  const { app, call } = await buildTestApp(t);
  await add(app, { kind: 'latency', path: '/ic/api/**', latencyMs: 5 });
  await add(app, { kind: 'error', path: '/ic/api/integration/v1/connections', latencyMs: 5, status: 500 });
  t.not((await call({ method: 'GET', url: INTEGRATIONS })).statusCode, 500);
  expectProblem(t, await call({ method: 'GET', url: '/ic/api/integration/v1/connections' }), 500, 'OIC-500001');
  t.same((await list(app)).map((r: any) => r.hits), [2, 1]);
});

t.test('probability uses the seeded generator: the same seed fires on the same calls', async (t) => {
  const pattern = async (seed: number) => {
    const { app, call } = await buildTestApp(t, { seed });
    await add(app, { kind: 'error', path: '/ic/api/**', probability: 0.5 });
    const out: number[] = [];
    for (let i = 0; i < 16; i++) out.push((await call({ method: 'GET', url: INTEGRATIONS })).statusCode === 503 ? 1 : 0);
    return out;
  };
  const a = await pattern(7);
  t.same(await pattern(7), a, 'repeatable');
  t.ok(a.includes(0) && a.includes(1), 'some calls fail, some pass');
});

t.test('bad rules are a clear 400 and nothing is added', async (t) => {
  const { app } = await buildTestApp(t);
  const cases: [unknown, RegExp][] = [
    [{ kind: 'explode' }, /body\.kind must be one of error, latency, connectionTest, integrationFailure, taskRunError/],
    [{}, /body\.kind is required/],
    [{ kind: 'error', path: 'ic/api/**' }, /must start with '\/'/],
    [{ kind: 'error', path: '/ic/***' }, /malformed: use '\*' \(one segment\) or '\*\*'/],
    [{ kind: 'error', path: '/ic/api?x=1' }, /no query string/],
    [{ kind: 'error', pathRegex: '([a-z' }, /pathRegex '\(\[a-z' is not a valid regular expression/],
    [{ kind: 'error', path: '/a', pathRegex: 'a' }, /either path \(a glob\) or pathRegex, not both/],
    [{ kind: 'error', status: 200 }, /body\.status must be >= 400/],
    [{ kind: 'error', status: 'x' }, /body\.status must be integer/],
    [{ kind: 'error', method: 'FETCH' }, /method 'FETCH' is not an HTTP method/],
    [{ kind: 'error', probability: 0 }, /body\.probability must be > 0/],
    [{ kind: 'error', count: 0 }, /body\.count must be >= 1/],
    [{ kind: 'error', count: 1.5 }, /body\.count must be integer/],
    [{ kind: 'error', latencyMs: 60001 }, /body\.latencyMs must be <= 60000/],
    [{ kind: 'latency' }, /a 'latency' fault needs latencyMs/],
    [{ kind: 'latency', latencyMs: 10, status: 500 }, /field 'status' does not apply to a 'latency' fault/],
    [{ kind: 'error', connectionId: 'X' }, /field 'connectionId' does not apply to a 'error' fault/],
    [{ kind: 'connectionTest', path: '/x' }, /field 'path' does not apply to a 'connectionTest' fault/],
    [{ kind: 'integrationFailure', activity: 'Invoke' }, /needs integrationId/],
    [{ kind: 'taskRunError', taskKey: '' }, /taskKey must be a non-empty string/],
    [{ kind: 'error', api: 'soap' }, /body\.api must be one of oic, dis, idcs/],
    [{ kind: 'error', bogus: 1 }, /body\.bogus is not an allowed property/],
  ];
  for (const [payload, detail] of cases) {
    const p = expectProblem(t, await add(app, payload), 400, 'OIC-400001');
    t.match(p.detail, detail, JSON.stringify(payload));
  }
  t.same(await list(app), [], 'no rule was added');
});

t.test('delete one, delete all, unknown ids', async (t) => {
  const { app } = await buildTestApp(t);
  await add(app, { kind: 'error' });
  await add(app, { kind: 'latency', latencyMs: 1 });
  await add(app, { kind: 'connectionTest' });
  t.equal((await app.inject({ method: 'DELETE', url: '/_emulator/faults/fault-2' })).statusCode, 204);
  expectProblem(t, await app.inject({ method: 'DELETE', url: '/_emulator/faults/fault-2' }), 404, 'OIC-404001');
  expectProblem(t, await app.inject({ method: 'GET', url: '/_emulator/faults/fault-9' }), 404, 'OIC-404001');
  t.same((await list(app)).map((r: any) => r.id), ['fault-1', 'fault-3']);
  t.same((await app.inject({ method: 'DELETE', url: '/_emulator/faults' })).json(), { removed: 2 });
  t.equal((await add(app, { kind: 'error' })).json().id, 'fault-4', 'ids are never reused');
});

t.test('domain faults are consumed by matching events only', async (t) => {
  const { app } = await buildTestApp(t);
  const faults = app.control.faults;
  await add(app, { kind: 'connectionTest', connectionId: 'SALESFORCE_CONN_01', message: 'Invalid credentials', count: 1 });
  await add(app, { kind: 'integrationFailure', integrationId: 'CUSTOMER_DATA_SYNC', activity: 'InvokeSalesforce', errorCode: 'HTTP-500', count: 2 });
  await add(app, { kind: 'taskRunError', taskKey: 'task-1' });
  t.equal(faults.takeDomain('connectionTest', { connectionId: 'ORACLE_DB_CONN_01' }), null, 'other connection');
  t.match(faults.takeDomain('connectionTest', { connectionId: 'SALESFORCE_CONN_01' }), { message: 'Invalid credentials' });
  t.equal(faults.takeDomain('connectionTest', { connectionId: 'SALESFORCE_CONN_01' }), null, 'count used up');
  t.match(faults.takeDomain('integrationFailure', { integrationId: 'CUSTOMER_DATA_SYNC|01.00.0000' }), { activity: 'InvokeSalesforce', errorCode: 'HTTP-500' }, 'CODE matches any version');
  t.match(faults.takeDomain('integrationFailure', { integrationId: 'CUSTOMER_DATA_SYNC|02.00.0000' }), { activity: 'InvokeSalesforce' });
  t.equal(faults.takeDomain('integrationFailure', { integrationId: 'CUSTOMER_DATA_SYNC|01.00.0000' }), null);
  t.equal(faults.takeDomain('taskRunError', { taskKey: 'task-2' }), null);
  t.ok(faults.takeDomain('taskRunError', { taskKey: 'task-1' }));
  t.ok(faults.takeDomain('taskRunError', { taskKey: 'task-1' }), 'no count: fires every time');
  t.same((await list(app)).map((r: any) => [r.kind, r.hits, r.active]), [['connectionTest', 1, false], ['integrationFailure', 2, false], ['taskRunError', 2, true]]);
});

t.test('docs and specs are never faulted either', async (t) => {
  const { app } = await buildTestApp(t);
  await add(app, { kind: 'error', status: 503 });
  t.equal((await app.inject({ method: 'GET', url: '/openapi/emulator.json' })).statusCode, 200);
  t.equal((await app.inject({ method: 'GET', url: '/_emulator/ui' })).statusCode, 200);
  t.equal((await app.inject({ method: 'GET', url: '/_emulator/requests' })).json().size, 1, 'only the test token request was journaled (before the rule)');
});
