import t from 'tap';
import { buildTestApp, expectProblem, tokenFor } from './helpers/app';

const LIST = '/ic/api/integration/v1/integrations';
const CREATE_BODY = { name: 'Limit Test', identifier: 'LIMIT_TEST', version: '01.00.0000', pattern: 'APP_DRIVEN_ORCHESTRATION', style: 'SCHEDULED' };

t.test('rate limit: headers on every OIC response, 429 with Retry-After and the seed body past the limit', async (t) => {
  const { app, call } = await buildTestApp(t, { rateLimit: 3 });
  const before = Math.floor(Date.now() / 1000);
  const seen: number[] = [];
  for (let i = 0; i < 3; i++) {
    const res = await call({ method: 'GET', url: LIST });
    t.equal(res.statusCode, 200);
    t.equal(res.headers['x-ratelimit-limit'], '3');
    seen.push(Number(res.headers['x-ratelimit-remaining']));
    const reset = Number(res.headers['x-ratelimit-reset']);
    t.ok(reset >= before + 3599 && reset <= before + 3602, `X-RateLimit-Reset is epoch seconds an hour away (${reset})`);
  }
  t.same(seen, [2, 1, 0]);
  const over = await call({ method: 'GET', url: LIST });
  const body = expectProblem(t, over, 429, 'OIC-429001');
  t.equal(body.title, 'Rate Limit Exceeded');
  t.match(body.detail, /^API rate limit of 3 requests per hour per user exceeded .*--rate-limit N/);
  t.ok(body.retryAfter > 3590 && body.retryAfter <= 3600, 'retryAfter in seconds');
  t.equal(over.headers['retry-after'], String(body.retryAfter));
  t.equal(over.headers['x-ratelimit-remaining'], '0');

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

t.test('payload limit: bodies over the limit get 413 and nothing is stored', async (t) => {
  const { call } = await buildTestApp(t, { maxPayload: 4096 });
  const big = { ...CREATE_BODY, description: 'x'.repeat(5000) };
  const res = await call({ method: 'POST', url: LIST, payload: big });
  const body = expectProblem(t, res, 413, 'OIC-413001');
  t.match(body.detail, /exceeds the limit of .*--max-payload/);
  const boundary = '----x';
  const multipart = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.iar"\r\nContent-Type: application/octet-stream\r\n\r\n${'z'.repeat(5000)}\r\n--${boundary}--\r\n`;
  const mp = await call({ method: 'POST', url: `${LIST}/archive`, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: multipart });
  expectProblem(t, mp, 413, 'OIC-413001');
  const list = await call({ method: 'GET', url: LIST });
  t.equal(list.json().totalResults, 0, 'nothing written');
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
