/**
 * Each failure the hardening suite found, pinned as a small test of its own
 * (the fuzzer finds them again only by chance). The comment says what was
 * wrong and where it was fixed.
 */
import t from 'tap';
import { buildTestApp, expectProblem } from './helpers/app';
import { buildDisApp, expectOciError, signedHeaders } from './helpers/dis';

const API = '/ic/api/integration/v1';

// Fastify's router answered these itself ({"error","code","message"}), before
// any API error handler: fixed with `frameworkErrors` (src/app.ts ->
// errorByApi in src/routes/not-found.ts) and FST_ERR_MAX_PARAM_LENGTH in
// toApiError (src/core/errors.ts).
t.test('a path that is not valid percent-encoding: 400 in the API\'s format', async (t) => {
  const d = await buildDisApp(t);
  const { call } = await buildTestApp(t);
  const oic = expectProblem(t, await call({ method: 'GET', url: `${API}/integrations/%ZZ` }), 400, 'OIC-400001');
  t.match(oic.detail, /Malformed URL/);
  t.equal(oic['o:errorPath'], `${API}/integrations/%ZZ`);
  expectProblem(t, await call({ method: 'DELETE', url: `${API}/connections/%C0%AF` }), 400, 'OIC-400001');
  const url = '/20200430/workspaces/%ZZ';
  const { headers } = signedHeaders({ method: 'GET', url });
  expectOciError(t, await d.app.inject({ method: 'GET', url, headers }), 400, 'InvalidParameter', /Malformed URL/);
});

t.test('a path parameter over 1000 characters: 414 in the API\'s format', async (t) => {
  const d = await buildDisApp(t);
  const { call } = await buildTestApp(t);
  const long = 'X'.repeat(1001);
  const oic = expectProblem(t, await call({ method: 'GET', url: `${API}/integrations/${long}` }), 414, 'OIC-414001');
  t.equal(oic.title, 'URI Too Long');
  t.match(oic.detail, /longer than the 1000 characters/);
  t.equal((await call({ method: 'GET', url: `${API}/integrations/${'X'.repeat(1000)}` })).statusCode, 404, '1000 characters are still a lookup');
  const url = `/20200430/workspaces/${long}`;
  const { headers } = signedHeaders({ method: 'GET', url });
  expectOciError(t, await d.app.inject({ method: 'GET', url, headers }), 414, 'InvalidParameter', /longer than the 1000 characters/);
});

// The root error handler was the OIC one: a malformed JSON body sent to a DIS
// path that matches no route (e.g. after the client normalised "..") failed
// in the body parser and came back as problem JSON without opc-request-id.
// Fixed: the root error handler picks the format by path (errorByApi).
t.test('a malformed JSON body to an unknown DIS path: OCI error with opc-request-id', async (t) => {
  const d = await buildDisApp(t);
  const url = '/20200430/workspaces//tasks';
  const { headers } = signedHeaders({ method: 'POST', url, body: '{"a" 1}' });
  const res = await d.app.inject({ method: 'POST', url, headers: { ...headers, 'opc-request-id': 'REQ-42' }, payload: '{"a" 1}' });
  expectOciError(t, res, 400, 'CannotParseRequest', /Malformed JSON/);
  t.equal(res.headers['opc-request-id'], 'REQ-42');
  t.match(res.headers['content-type'], /^application\/json/);
});

// PUT /_emulator/clock {"now": <decades ahead>} fired every hourly run on the
// way: 61 years took over three minutes, the emulator answering nothing else.
// Fixed: the bound is on the work a move replays, not on the distance
// (REPLAY_BUDGET_STEPS in src/routes/emulator/clock-move.ts).
t.test('setting the clock decades ahead with nothing due is immediate, and replays nothing', async (t) => {
  const { app } = await buildTestApp(t);
  const put = (payload: object) => app.inject({ method: 'PUT', url: '/_emulator/clock', payload });
  await put({ now: '2025-06-15T00:00:00Z' });
  const t0 = performance.now();
  const far = await put({ mode: 'manual', now: '2086-12-29T22:10:15Z' });
  t.equal(far.statusCode, 200);
  t.match(far.json(), { now: '2086-12-29T22:10:15.000Z', replay: { steps: 0, runsStarted: 0 } });
  t.ok(performance.now() - t0 < 5000, 'at once');
  t.equal((await put({ now: '1990-01-01T00:00:00Z' })).statusCode, 200, 'backwards is fine');
});

// 10 KB of nested arrays in a DIS body with an opc-retry-token overflowed the
// stack in the recursive canonical form of the body (src/routes/dis/http.ts):
// 500. Fixed at the parser for every API: JSON deeper than 100 levels is a
// 400 before anything recursive sees it (src/openapi/json-body.ts, used by
// the JSON body parser in src/app.ts and by the .iar reader).
t.test('JSON nested deeper than 100 levels: 400 CannotParseRequest / OIC-400001, wherever it is sent', async (t) => {
  const d = await buildDisApp(t);
  const deep = (n: number) => '{"a":' + '['.repeat(n) + ']'.repeat(n) + '}';
  const url = '/20200430/workspaces';
  for (const extra of [{}, { 'opc-retry-token': 'deep-1' }]) {
    const res = await d.call('POST', url, deep(5000), { headers: extra as Record<string, string> });
    expectOciError(t, res, 400, 'CannotParseRequest', /nested deeper than 100 levels/);
  }
  t.equal((await d.call('POST', url, deep(98), { headers: { 'opc-retry-token': 'deep-2' } })).statusCode, 400, '99 levels still reach validation');
  t.match((await d.call('POST', url, deep(98))).json().message, /body\./, '(and fail there, as an ordinary bad body)');
  const { call } = await buildTestApp(t);
  const res = await call({ method: 'POST', url: `${API}/integrations`, headers: { 'content-type': 'application/json' }, payload: deep(5000) });
  t.match(expectProblem(t, res, 400, 'OIC-400001').detail, /nested deeper than 100 levels/);
  t.equal((await call({ method: 'GET', url: `${API}/integrations` })).json().totalResults, 0, 'nothing written');
});

// POST /_emulator/executions/generate {"integrations": 59, startTime after
// endTime} answered 400 but had already created 59 GENERATED_nnn integrations:
// they were written in their own transaction before the time range was
// checked. Fixed: the whole request is one transaction (src/sim/runtime.ts).
t.test('a refused executions/generate writes nothing', async (t) => {
  const { app, call } = await buildTestApp(t);
  const res = await app.inject({ method: 'POST', url: '/_emulator/executions/generate', payload: { integrations: 5, count: 10, startTime: '2100-01-01T00:00:00Z', endTime: '2043-10-12T07:30:48Z' } });
  t.match(expectProblem(t, res, 400, 'OIC-400001').detail, /must be before endTime/);
  t.equal((await call({ method: 'GET', url: `${API}/integrations` })).json().totalResults, 0, 'no GENERATED_nnn integration left behind');
  const good = await app.inject({ method: 'POST', url: '/_emulator/executions/generate', payload: { integrations: 2, count: 10 } });
  t.equal(good.statusCode, 201, good.body);
  t.equal((await call({ method: 'GET', url: `${API}/integrations` })).json().totalResults, 2);
});

// ?offset=9223372036854776000 on the execution and real-OIC monitoring lists
// reached SQLite as a REAL (JS numbers are not exact past 2^53): "datatype
// mismatch", 500. Fixed in the shared OIC paging (src/core/pagination.ts).
t.test('an offset past 2^53 is a 400 on every OIC list', async (t) => {
  const { call } = await buildTestApp(t);
  for (const url of [`${API}/integrations`, `${API}/monitoring/errors`, `${API}/monitoring/instances`, '/ic/api/monitoring/v1/integrations/X%7C01.00.0000/executions']) {
    const res = await call({ method: 'GET', url: `${url}?offset=9223372036854776000` });
    t.match(expectProblem(t, res, 400, 'OIC-400001').detail, /offset' must be at most 9007199254740991/, url);
  }
  t.equal((await call({ method: 'GET', url: `${API}/integrations?offset=9007199254740991` })).statusCode, 200, '2^53 - 1 is still an offset');
});
