/**
 * The clock control routes: read, freeze/set/release, advance (seconds or an
 * ISO-8601 duration), bad input; a month of an hourly schedule in one call.
 */
import t from 'tap';
import { buildTestApp, expectProblem, userBasic } from '../../helpers/app';
import { Clock } from '../../../src/core/clock';
import { API, createIntegration, enc, runtimeApp, seedDefinition } from '../../helpers/runtime';

t.test('real by default; freeze, set, release', async (t) => {
  const { app } = await buildTestApp(t);
  const get = async () => (await app.inject({ method: 'GET', url: '/_emulator/clock' })).json();
  const first = await get();
  t.match(first, { mode: 'real', now: String, wallTime: String, inProgressExecutions: 0, maxInProgressExecutions: 50, nextDueTime: null });
  t.ok(Math.abs(Date.parse(first.now) - Date.now()) < 60_000, 'real time');

  const put = (payload: unknown) => app.inject({ method: 'PUT', url: '/_emulator/clock', payload: payload as object });
  const set = await put({ mode: 'manual', now: '2025-06-15T00:00:00Z' });
  t.equal(set.statusCode, 200);
  t.match(set.json(), { mode: 'manual', now: '2025-06-15T00:00:00.000Z' });
  t.equal((await get()).now, '2025-06-15T00:00:00.000Z', 'frozen');
  t.match((await put({ now: '2025-06-16T00:00:00+02:00' })).json(), { mode: 'manual', now: '2025-06-15T22:00:00.000Z' }, 'now alone implies manual');
  t.match((await put({ mode: 'manual' })).json(), { mode: 'manual', now: '2025-06-15T22:00:00.000Z' }, 'freeze where it is');
  t.match((await app.inject({ method: 'GET', url: '/_emulator/health' })).json(), { clockMode: 'manual', time: '2025-06-15T22:00:00.000Z' });
  const real = (await put({ mode: 'real' })).json();
  t.equal(real.mode, 'real');
  t.ok(Math.abs(Date.parse(real.now) - Date.now()) < 60_000);

  const bad: Array<[unknown, RegExp]> = [
    [{}, /Give mode \(real or manual\) and\/or now/],
    [{ mode: 'real', now: '2025-06-15T00:00:00Z' }, /now can only be set with mode manual/],
    [{ mode: 'paused' }, /body\.mode must be one of real, manual/],
    [{ now: 'tomorrow' }, /body\.now must match format "date-time"/],
    [{ now: '2025-06-15T00:00:00Z', speed: 2 }, /body\.speed is not an allowed property/],
  ];
  for (const [payload, detail] of bad) t.match(expectProblem(t, await put(payload), 400, 'OIC-400001').detail, detail);
  expectProblem(t, await app.inject({ method: 'PUT', url: '/_emulator/clock' }), 400, 'OIC-400001');
  t.match(expectProblem(t, await put({ now: '0001-01-01T00:00:00Z' }), 400, 'OIC-400001').detail, /now must be between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z/);
  t.equal((await get()).mode, 'real', 'refused moves change nothing');
});

t.test('advance by seconds or ISO-8601 duration', async (t) => {
  const c = await runtimeApp(t, '2025-01-31T12:00:00Z');
  const adv = (payload: unknown) => c.app.inject({ method: 'POST', url: '/_emulator/clock/advance', payload: payload as object });
  t.match((await adv({ seconds: 90 })).json(), { mode: 'manual', now: '2025-01-31T12:01:30.000Z', advancedBy: 90 });
  t.match((await adv({ seconds: 0.25 })).json(), { now: '2025-01-31T12:01:30.250Z' });
  t.match((await adv({ duration: 'PT1H28M29.75S' })).json(), { now: '2025-01-31T13:30:00.000Z' });
  t.match((await c.app.inject({ method: 'POST', url: '/_emulator/clock/advance', payload: '"P1D"', headers: { 'content-type': 'application/json' } })).json(), { now: '2025-02-01T13:30:00.000Z' }, 'a bare JSON string');
  t.match((await adv({ duration: 'P1W' })).json(), { now: '2025-02-08T13:30:00.000Z' });
  await c.ok('PUT', '/_emulator/clock', { now: '2025-01-31T00:00:00Z' });
  t.match((await adv({ duration: 'P1M' })).json(), { now: '2025-02-28T00:00:00.000Z' }, 'a month from Jan 31 is Feb 28');

  const bad: Array<[unknown, RegExp]> = [
    [{}, /exactly one of seconds \(a number\) or duration/],
    [{ seconds: 1, duration: 'PT1S' }, /exactly one of seconds/],
    [{ seconds: -5 }, /body\.seconds must be >= 0/],
    [{ seconds: '60' }, /body\.seconds must be number/],
    [{ duration: '1 hour' }, /duration '1 hour' is not an ISO-8601 duration/],
    [{ duration: 'PT' }, /is not an ISO-8601 duration/],
    [{ duration: 'P9000Y' }, /The clock after the advance must be between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z/],
    [{ seconds: 1e15 }, /must be between 1970/],
    [{ seconds: 60, catchUp: 'no' }, /body\.catchUp must be boolean/],
  ];
  const before = (await c.ok('GET', '/_emulator/clock')).now;
  for (const [payload, detail] of bad) t.match(expectProblem(t, await adv(payload), 400, 'OIC-400001').detail, detail);
  t.equal((await c.ok('GET', '/_emulator/clock')).now, before, 'refused advances do not move the clock');
});

t.test('a month of an hourly schedule in one advance, and the clock reports pending work', async (t) => {
  const c = await runtimeApp(t, '2025-06-01T00:00:00Z');
  const id = await createIntegration(c, seedDefinition('MONTH', { configuration: { errorHandling: { retryCount: 2, retryInterval: 60 } } }));
  await c.ok('POST', `/_emulator/integrations/${enc(id)}/outcomes`, { failureRate: 0.1 });
  await c.ok('POST', `${API}/integrations/${enc(id)}/schedule`, { frequency: 'HOURLY' });
  t.equal((await c.ok('GET', '/_emulator/clock')).nextDueTime, '2025-06-01T01:00:00.000Z');
  const after = await c.ok('POST', '/_emulator/clock/advance', { duration: 'P30D' });
  t.equal(after.now, '2025-07-01T00:00:00.000Z');
  const page = await c.ok('GET', `/ic/api/monitoring/v1/integrations/${enc(id)}/executions?limit=1`);
  t.equal(page.totalResults, 720, '720 runs');
  const m = await c.ok('GET', `/ic/api/monitoring/v1/integrations/${enc(id)}/metrics?interval=1d&startTime=2025-06-01T00:00:00Z&endTime=2025-07-01T00:00:01Z`);
  t.equal(m.metrics.summary.totalExecutions + m.metrics.summary.inProgressExecutions, 720);
  t.ok(m.metrics.summary.failedExecutions > 30 && m.metrics.summary.failedExecutions < 120, `about 10% failed (${m.metrics.summary.failedExecutions})`);
});

t.test('real mode: due work runs when the wall clock has passed it and an OIC write pokes the clock', async (t) => {
  let wall = Date.parse('2025-06-15T00:00:00Z');
  const clock = new Clock(() => wall);
  const c = await buildTestApp(t, {}, clock);
  // Basic auth: a bearer token would expire as the (wall) clock jumps 3 hours.
  const ok = async (method: 'GET' | 'POST', url: string, payload?: object) => (await c.call({ method, url, headers: { authorization: userBasic() }, ...(payload ? { payload } : {}) })).json();
  await ok('POST', '/ic/api/integration/v1/connections', { name: 's', identifier: 'SALESFORCE_CONN_01', adapterType: 'rest', connectionProperties: { baseUrl: 'https://a.example.com' } });
  await ok('POST', '/ic/api/integration/v1/connections', { name: 'o', identifier: 'ORACLE_DB_CONN_01', adapterType: 'rest', connectionProperties: { baseUrl: 'https://b.example.com' } });
  const def = seedDefinition('REAL_TIME');
  await ok('POST', '/ic/api/integration/v1/integrations', def);
  const id = 'REAL_TIME|01.00.0000';
  await ok('POST', `/ic/api/integration/v1/integrations/${enc(id)}/activate`, {});
  await ok('POST', `/ic/api/integration/v1/integrations/${enc(id)}/schedule`, { frequency: 'HOURLY' });
  t.equal(clock.getMode(), 'real');
  wall += 3 * 3_600_000 + 5 * 60_000;
  // Any OIC write lets the runtime catch up with the wall clock.
  await ok('POST', '/ic/api/integration/v1/connections', { name: 'x', identifier: 'POKE', adapterType: 'rest', connectionProperties: { baseUrl: 'https://c.example.com' } });
  const page = await ok('GET', `/ic/api/monitoring/v1/integrations/${enc(id)}/executions`);
  t.same(page.items.map((e: any) => e.startTime), ['2025-06-15T03:00:00.000Z', '2025-06-15T02:00:00.000Z', '2025-06-15T01:00:00.000Z'], 'each at its own instant');
  t.ok(page.items.every((e: any) => e.status !== 'IN_PROGRESS' || e.retryCount > 0), 'completions caught up too');
});
