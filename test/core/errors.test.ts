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
  const res = await app.inject({ method: 'DELETE', url: '/oauth2/v1/token' });
  const body = expectProblem(t, res, 405, 'OIC-405001');
  t.equal(res.headers.allow, 'POST');
  t.match(body.detail, /DELETE is not allowed/);
  const health = await app.inject({ method: 'POST', url: '/_emulator/health' });
  expectProblem(t, health, 405, 'OIC-405001');
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
