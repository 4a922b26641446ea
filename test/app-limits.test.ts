/**
 * The limits the app sets on every request, at their edges: exactly the rate
 * limit passes and the next request is a 429 with Retry-After, the seed body
 * and consistent headers, per user (per IP when anonymous), also when the
 * requests arrive at once over a real socket; a body of exactly the payload
 * limit is accepted and one byte more is a 413, for OIC JSON, DIS JSON and
 * multipart uploads, writing nothing; malformed or mistyped bodies are a
 * 400/415 naming the problem.
 */
import t from 'tap';
import { buildTestApp, expectProblem, tokenFor } from './helpers/app';
import { buildDisApp, COMPARTMENT, expectOciError } from './helpers/dis';
import { API, integration, multipart, snapshot } from './helpers/oic';
import { stateDigest } from './helpers/fuzz-world';

const LIST = `${API}/integrations`;
const CREATE_BODY = { name: 'Limit Test', identifier: 'LIMIT_TEST', version: '01.00.0000', pattern: 'APP_DRIVEN_ORCHESTRATION', style: 'SCHEDULED' };

/** A JSON text of exactly `size` bytes: the object with its description padded. */
function exactly(size: number, obj: Record<string, unknown>): string {
  const base = JSON.stringify({ ...obj, description: '' });
  const text = JSON.stringify({ ...obj, description: 'd'.repeat(size - Buffer.byteLength(base)) });
  if (Buffer.byteLength(text) !== size) throw new Error('padding went wrong');
  return text;
}

t.test('rate limit: the Nth request passes, the next ones are 429s with Retry-After and the seed body, one window, per user', async (t) => {
  const { app, call } = await buildTestApp(t, { rateLimit: 3 });
  const before = Math.floor(Date.now() / 1000);
  const seen = [];
  for (let i = 0; i < 3; i++) seen.push(await call({ method: 'GET', url: LIST }));
  t.same(seen.map((r) => r.statusCode), [200, 200, 200]);
  t.same(seen.map((r) => r.headers['x-ratelimit-limit']), ['3', '3', '3']);
  t.same(seen.map((r) => r.headers['x-ratelimit-remaining']), ['2', '1', '0']);
  const resets = new Set(seen.map((r) => r.headers['x-ratelimit-reset']));
  t.equal(resets.size, 1, 'one window, one reset instant');
  const reset = Number([...resets][0]);
  t.ok(reset >= before + 3599 && reset <= before + 3602, `X-RateLimit-Reset is epoch seconds an hour away (${reset})`);
  for (let i = 0; i < 3; i++) {
    const over = await call({ method: 'GET', url: LIST });
    const body = expectProblem(t, over, 429, 'OIC-429001');
    t.equal(body.title, 'Rate Limit Exceeded');
    t.match(body.detail, /^API rate limit of 3 requests per hour per user exceeded .*--rate-limit N/);
    t.ok(body.retryAfter > 3590 && body.retryAfter <= 3600, `retryAfter in seconds (${body.retryAfter})`);
    t.equal(over.headers['retry-after'], String(body.retryAfter), 'Retry-After = retryAfter');
    t.equal(over.headers['x-ratelimit-limit'], '3');
    t.equal(over.headers['x-ratelimit-remaining'], '0');
    t.equal(over.headers['x-ratelimit-reset'], String(reset), 'same window end');
  }

  const other = `Bearer ${await tokenFor(app, 'another-client', 'x')}`;
  const res = await app.inject({ method: 'GET', url: LIST, headers: { authorization: other } });
  t.equal(res.statusCode, 200, 'the limit is per user');
  t.equal(res.headers['x-ratelimit-remaining'], '2');
});

t.test('anonymous (failed) calls are limited per IP and still carry the headers', async (t) => {
  const { app } = await buildTestApp(t, { rateLimit: 2 });
  const a = await app.inject({ method: 'GET', url: LIST });
  t.equal(a.statusCode, 401);
  t.equal(a.headers['x-ratelimit-remaining'], '1');
  await app.inject({ method: 'GET', url: LIST });
  const c = await app.inject({ method: 'GET', url: LIST });
  expectProblem(t, c, 429, 'OIC-429001');
});

t.test('rate limit under 30 concurrent requests over a real socket: exactly N pass', async (t) => {
  const { app, auth } = await buildTestApp(t, { rateLimit: 12 });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const results = await Promise.all(Array.from({ length: 30 }, () => fetch(`${base}${LIST}?limit=1`, { headers: { authorization: auth } })
    .then(async (r) => ({ status: r.status, remaining: r.headers.get('x-ratelimit-remaining'), limit: r.headers.get('x-ratelimit-limit'), reset: r.headers.get('x-ratelimit-reset'), retry: r.headers.get('retry-after'), body: (await r.json()) as Record<string, unknown> }))));
  const passed = results.filter((r) => r.status === 200);
  const refused = results.filter((r) => r.status === 429);
  t.equal(passed.length, 12, 'exactly the limit passes');
  t.equal(refused.length, 18, 'every other request is a 429');
  t.same(passed.map((r) => Number(r.remaining)).sort((a, b) => a - b), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 'each remaining count handed out once');
  t.ok(results.every((r) => r.limit === '12'), 'X-RateLimit-Limit on all');
  t.equal(new Set(results.map((r) => r.reset)).size, 1, 'one reset instant for all');
  t.ok(refused.every((r) => r.remaining === '0' && r.retry === String(r.body.retryAfter) && r.body['o:errorCode'] === 'OIC-429001'), 'consistent 429s');
});

t.test('OIC JSON: exactly the payload limit is accepted, one byte more is a 413 that writes nothing', async (t) => {
  const c = await buildTestApp(t, { maxPayload: 4096 });
  const ok = await c.call({ method: 'POST', url: LIST, headers: { 'content-type': 'application/json' }, payload: exactly(4096, integration('AT_LIMIT')) });
  t.equal(ok.statusCode, 201, ok.body.slice(0, 200));
  const before = snapshot(c.app);
  const over = await c.call({ method: 'POST', url: LIST, headers: { 'content-type': 'application/json' }, payload: exactly(4097, integration('OVER_LIMIT')) });
  t.match(expectProblem(t, over, 413, 'OIC-413001').detail, /exceeds the limit of .*--max-payload/);
  t.same(snapshot(c.app), before, 'nothing written');
  const put = await c.call({ method: 'PUT', url: `${LIST}/AT_LIMIT%7C01.00.0000`, headers: { 'content-type': 'application/json' }, payload: exactly(4097, { name: 'x' }) });
  expectProblem(t, put, 413, 'OIC-413001');
});

t.test('DIS JSON: exactly the payload limit is accepted, one byte more is a 413 PayloadTooLarge', async (t) => {
  const d = await buildDisApp(t, { maxPayload: 4096 });
  const ok = await d.call('POST', '/20200430/workspaces', exactly(4096, { displayName: 'at-limit', compartmentId: COMPARTMENT }));
  t.equal(ok.statusCode, 202, ok.body.slice(0, 200));
  const before = stateDigest(d.app.ctx.db);
  const over = await d.call('POST', '/20200430/workspaces', exactly(4097, { displayName: 'over', compartmentId: COMPARTMENT }), { headers: { 'opc-request-id': 'BIG-1' } });
  expectOciError(t, over, 413, 'PayloadTooLarge', /exceeds the limit of .*--max-payload/);
  t.equal(over.headers['opc-request-id'], 'BIG-1');
  t.same(stateDigest(d.app.ctx.db), before, 'nothing written');
});

t.test('multipart: a file of exactly the payload limit imports, one byte more is a 413; plain fields are bounded', async (t) => {
  const limit = 64 * 1024;
  const c = await buildTestApp(t, { maxPayload: limit });
  await c.call({ method: 'POST', url: LIST, payload: integration('EXPORTED') });
  const archive = (await c.call({ method: 'GET', url: `${LIST}/EXPORTED%7C01.00.0000/archive` })).rawPayload;
  await c.call({ method: 'DELETE', url: `${LIST}/EXPORTED%7C01.00.0000` });
  // Bytes after a zip's end record are ignored by readers: pad the real archive to the exact size.
  const padded = (n: number) => Buffer.concat([archive, Buffer.alloc(n - archive.length, 0x20)]);
  const upload = (data: Buffer, extra: Array<{ field: string; data: string }> = []) => {
    const body = multipart([...extra, { field: 'file', filename: 'x.iar', data }]);
    return c.call({ method: 'POST', url: `${LIST}/archive`, payload: body.payload, headers: body.headers });
  };
  const before = snapshot(c.app);
  expectProblem(t, await upload(padded(limit + 1)), 413, 'OIC-413001');
  t.same(snapshot(c.app), before, 'nothing written by the 413');
  // Plain fields are ignored, and 200 of them (or thousands) must not be buffered whatever the limit.
  const fields = Array.from({ length: 200 }, (_, i) => ({ field: `note${i}`, data: 'x'.repeat(1000) }));
  t.match(expectProblem(t, await upload(padded(limit), fields), 413, 'OIC-413001').detail, /too many parts/);
  t.same(snapshot(c.app), before, 'nothing written by the too-many-fields 413');
  const res = await upload(padded(limit), [{ field: 'type', data: 'application/octet-stream' }]);
  t.equal(res.statusCode, 201, `a file of exactly ${limit} bytes imports (${res.body.slice(0, 200)})`);
});

t.test('malformed JSON, wrong content type and schema violations: 400/415 naming the problem', async (t) => {
  const { call } = await buildTestApp(t);
  const broken = await call({ method: 'POST', url: LIST, headers: { 'content-type': 'application/json' }, payload: '{"name": "x",' });
  t.match(expectProblem(t, broken, 400, 'OIC-400001').detail, /Malformed JSON/);
  const proto = await call({ method: 'POST', url: LIST, headers: { 'content-type': 'application/json' }, payload: '{"__proto__": {"admin": true}}' });
  expectProblem(t, proto, 400, 'OIC-400001');
  const text = await call({ method: 'POST', url: LIST, headers: { 'content-type': 'text/plain' }, payload: 'hello' });
  t.match(expectProblem(t, text, 415, 'OIC-415001').detail, /text\/plain/);
  const invalid = await call({ method: 'POST', url: LIST, payload: { ...CREATE_BODY, name: 42 } });
  t.match(expectProblem(t, invalid, 400, 'OIC-400001').detail, /name/);
  const missing = await call({ method: 'POST', url: LIST, payload: { name: 'No identifier' } });
  t.match(expectProblem(t, missing, 400, 'OIC-400001').detail, /identifier|version|required/);
  const list = await call({ method: 'GET', url: LIST });
  t.equal(list.json().totalResults, 0, 'nothing written');
});
