/**
 * op() (src/openapi/routes.ts): a GET operation answers HEAD from its own
 * route (no second Fastify route), over a real socket and through inject;
 * validators compiled on a route's first use reject bad input on that first
 * request and on later ones, in every app of the process.
 */
import t from 'tap';
import http from 'node:http';
import { buildTestApp } from '../helpers/app';
import { startEmulator } from '../../src/index';

const LIST = '/ic/api/integration/v1/integrations';
const BASIC = `Basic ${Buffer.from('user@example.com:Welcome1').toString('base64')}`;

/** A raw request over a socket: node:http gives the body exactly as sent (none for HEAD). */
function raw(url: string, method: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

t.test('HEAD on a GET operation over a socket: the GET status and headers, no body', async (t) => {
  const emulator = await startEmulator({ fixtures: 'fixtures/demo' });
  t.teardown(() => emulator.close());
  const get = await raw(`${emulator.url}${LIST}`, 'GET', { authorization: BASIC });
  t.equal(get.status, 200);
  t.ok(get.body.length > 100, 'the GET has a body');
  const head = await raw(`${emulator.url}${LIST}`, 'HEAD', { authorization: BASIC });
  t.equal(head.status, 200);
  t.equal(head.body, '', 'no body');
  t.equal(head.headers['content-length'], String(Buffer.byteLength(get.body)), 'the GET body length');
  t.equal(head.headers['content-type'], get.headers['content-type']);
  t.equal(head.headers.etag, get.headers.etag, 'the same entity tag');
  // A failing HEAD keeps its status and drops its error body too.
  const missing = await raw(`${emulator.url}${LIST}/NOPE%7C01.00.0000`, 'HEAD', { authorization: BASIC });
  t.equal(missing.status, 404);
  t.equal(missing.body, '');
  // An emulator control-plane GET as well.
  const health = await raw(`${emulator.url}/_emulator/health`, 'HEAD');
  t.equal(health.status, 200);
  t.equal(health.body, '');
  t.ok(Number(health.headers['content-length']) > 0);
});

t.test('HEAD through inject: no body, the GET length; other methods are still 405 with Allow', async (t) => {
  const c = await buildTestApp(t, { fixtures: 'fixtures/demo' });
  const get = await c.call({ method: 'GET', url: LIST });
  const head = await c.call({ method: 'HEAD', url: LIST });
  t.equal(head.statusCode, 200);
  t.equal(head.body, '');
  t.equal(head.headers['content-length'], String(Buffer.byteLength(get.body)));
  const patch = await c.call({ method: 'PATCH', url: LIST, headers: { 'content-type': 'application/json' }, payload: '{}' });
  t.equal(patch.statusCode, 405);
  t.notMatch(String(patch.headers.allow), /HEAD/, 'HEAD is implied by GET, not listed');
  t.match(String(patch.headers.allow), /GET/);
});

t.test('a validator compiled on first use rejects bad input on the first and later requests, in each app', async (t) => {
  for (const round of [1, 2]) {
    const c = await buildTestApp(t);
    const bad = { method: 'POST' as const, url: LIST, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ name: 5 }) };
    const first = await c.call(bad);
    t.equal(first.statusCode, 400, `app ${round}: the first request is validated`);
    const second = await c.call(bad);
    t.equal(second.statusCode, 400, `app ${round}: and the next one`);
    t.equal(second.json().title ?? second.json().type ?? 'x', first.json().title ?? first.json().type ?? 'x', 'the same answer both times');
    t.equal((await c.call({ method: 'GET', url: LIST })).json().totalResults, 0, 'nothing was written');
  }
});
