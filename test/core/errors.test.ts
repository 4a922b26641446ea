import t from 'tap';
import { buildApp } from '../../src/app';
import { makeConfig } from '../../src/config';
import { buildTestApp, expectProblem } from '../helpers/app';

t.test('unknown routes: 404 problem JSON, with and without credentials', async (t) => {
  const { app, call } = await buildTestApp(t);
  for (const res of [
    await call({ method: 'GET', url: '/ic/api/integration/v1/nothing-here' }),
    await app.inject({ method: 'GET', url: '/ic/api/integration/v1/nothing-here' }),
    await app.inject({ method: 'GET', url: '/totally/unknown?x=1' }),
  ]) {
    const body = expectProblem(t, res, 404, 'OIC-404001');
    t.match(body.detail, /No operation matches GET/);
    t.notMatch(body.instance, /\?/, 'instance is the path without the query');
  }
});

t.test('wrong method on an existing path: 405 with Allow', async (t) => {
  const { app } = await buildTestApp(t);
  const res = await app.inject({ method: 'DELETE', url: '/ic/api/integration/v1/integrations' });
  const body = expectProblem(t, res, 405, 'OIC-405001');
  t.equal(res.headers.allow, 'GET, POST');
  t.equal(body.detail, 'Method DELETE is not allowed on /ic/api/integration/v1/integrations; allowed: GET, POST');
  const health = await app.inject({ method: 'POST', url: '/_emulator/health' });
  expectProblem(t, health, 405, 'OIC-405001');
});

t.test('the token endpoint\'s paths answer unknown routes and wrong methods as OAuth 2.0 errors', async (t) => {
  const { app } = await buildTestApp(t);
  const wrong = await app.inject({ method: 'DELETE', url: '/oauth2/v1/token' });
  t.equal(wrong.statusCode, 405);
  t.equal(wrong.headers.allow, 'POST');
  t.equal(wrong.headers['cache-control'], 'no-store');
  t.match(wrong.headers['content-type'], /^application\/json/);
  t.same(wrong.json(), { error: 'invalid_request', error_description: 'Method DELETE is not allowed on /oauth2/v1/token; allowed: POST' });
  const unknown = await app.inject({ method: 'POST', url: '/oauth2/v2/token' });
  t.equal(unknown.statusCode, 404);
  t.same(unknown.json(), { error: 'invalid_request', error_description: 'No operation matches POST /oauth2/v2/token' });
});

t.test('unexpected exceptions: 500 OIC-500001 without internals', async (t) => {
  const app = await buildApp(makeConfig());
  t.teardown(() => app.close());
  app.get('/_emulator/boom', async () => {
    throw new Error('secret internal detail at /etc/passwd');
  });
  await app.ready();
  const res = await app.inject({ method: 'GET', url: '/_emulator/boom' });
  const body = expectProblem(t, res, 500, 'OIC-500001');
  t.notMatch(res.body, /secret internal|passwd|at .*\.ts/, 'no message or stack leaked');
  t.match(body.detail, /unexpected error/);
});

t.test('the timestamp comes from the emulator clock', async (t) => {
  const { Clock } = await import('../../src/core/clock');
  const clock = new Clock();
  clock.setManual(Date.parse('2025-06-15T10:00:00Z'));
  const { app } = await buildTestApp(t, {}, clock);
  const res = await app.inject({ method: 'GET', url: '/nope' });
  t.equal(res.json().timestamp, '2025-06-15T10:00:00.000Z');
});
