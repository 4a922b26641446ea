/**
 * Schedule API: create/get/update/delete/start/stop, validation (400 naming
 * the field, nothing written), firing rules (ACTIVE integration, started
 * schedule, endTime, runConcurrently) and configuration.schedule.
 */
import t from 'tap';
import { expectProblem } from '../../helpers/app';
import { snapshot } from '../../helpers/oic';
import { API, MON, allExecutions, createIntegration, enc, runtimeApp, seedDefinition } from '../../helpers/runtime';

const sched = (id: string) => `${API}/integrations/${enc(id)}/schedule`;

t.test('create answers 201 with the seed response, GET returns it, a second is a 409', async (t) => {
  const c = await runtimeApp(t, '2025-06-15T10:00:00Z');
  const id = await createIntegration(c, seedDefinition('CUSTOMER_ORDER_INT'));
  const res = await c.call({
    method: 'POST',
    url: sched(id),
    payload: {
      name: 'Hourly Customer Sync', description: 'Sync customers every hour', frequency: 'HOURLY', startTime: '2025-06-15T00:00:00Z',
      endTime: '2025-12-31T23:59:59Z', timeZone: 'America/New_York', isActive: true, runConcurrently: false,
      parameters: [{ name: 'batchSize', value: '1000' }, { name: 'includeDeleted', value: 'false' }],
    },
  });
  t.equal(res.statusCode, 201);
  const body = res.json();
  t.match(body, {
    id: 'SCHEDULE_001',
    integrationId: 'CUSTOMER_ORDER_INT|01.00.0000',
    name: 'Hourly Customer Sync',
    frequency: 'HOURLY',
    status: 'ACTIVE',
    isActive: true,
    nextRunTime: '2025-06-15T11:00:00.000Z',
    createdTime: '2025-06-15T10:00:00.000Z',
    timeZone: 'America/New_York',
    runConcurrently: false,
  });
  t.same(body.links.slice(0, 3), [
    { rel: 'self', href: '/ic/api/integration/v1/integrations/CUSTOMER_ORDER_INT%7C01.00.0000/schedule' },
    { rel: 'start', href: '/ic/api/integration/v1/integrations/CUSTOMER_ORDER_INT%7C01.00.0000/schedule/start' },
    { rel: 'stop', href: '/ic/api/integration/v1/integrations/CUSTOMER_ORDER_INT%7C01.00.0000/schedule/stop' },
  ]);
  t.equal(res.headers.location, body.links[0].href);
  t.same(await c.ok('GET', sched(id)), body, 'GET returns the same schedule');
  t.same((await c.ok('GET', `${API}/integrations/${enc(id)}`)).schedule, body, 'GET integration embeds it');

  const before = snapshot(c.app);
  const second = await c.call({ method: 'POST', url: sched(id), payload: { frequency: 'DAILY' } });
  const p = expectProblem(t, second, 409, 'OIC-409001');
  t.match(p.detail, /already has a schedule \(SCHEDULE_001\)/);
  t.same(snapshot(c.app), before, 'nothing written');
});

t.test('bad input: 400 naming the field, 404 for a missing integration, nothing written', async (t) => {
  const c = await runtimeApp(t);
  const id = await createIntegration(c, seedDefinition());
  const cases: Array<[string, unknown, RegExp]> = [
    ['unknown frequency', { frequency: 'FORTNIGHTLY' }, /body\.frequency must be one of MINUTELY, HOURLY, DAILY, WEEKLY, MONTHLY/],
    ['no frequency', { name: 'x' }, /frequency or icalExpression is required/],
    ['both', { frequency: 'DAILY', icalExpression: 'FREQ=DAILY' }, /either frequency or icalExpression, not both/],
    ['endTime before startTime', { frequency: 'DAILY', startTime: '2025-07-01T00:00:00Z', endTime: '2025-06-01T00:00:00Z' }, /endTime must be after startTime/],
    ['endTime equal to startTime', { frequency: 'DAILY', startTime: '2025-07-01T00:00:00Z', endTime: '2025-07-01T00:00:00Z' }, /endTime must be after startTime/],
    ['invalid time zone', { frequency: 'DAILY', timeZone: 'Mars/Olympus_Mons' }, /timeZone 'Mars\/Olympus_Mons' is not a valid IANA time zone/],
    ['offset is not a zone', { frequency: 'DAILY', timeZone: '+02:00' }, /timeZone '\+02:00' is not a valid IANA time zone/],
    ['unknown FREQ', { icalExpression: 'FREQ=SOMETIMES' }, /icalExpression is invalid: FREQ 'SOMETIMES' is unknown/],
    ['out of range BYHOUR', { icalExpression: 'FREQ=DAILY;BYHOUR=25' }, /icalExpression is invalid: BYHOUR value 25 is out of range \(0\.\.23\)/],
    ['bad BYDAY', { icalExpression: 'FREQ=WEEKLY;BYDAY=XX' }, /BYDAY value 'XX' is not a weekday/],
    ['missing FREQ', { icalExpression: 'BYDAY=MO' }, /FREQ is required/],
    ['unknown part', { icalExpression: 'FREQ=DAILY;SOMETIMES=1' }, /unknown rule part 'SOMETIMES'/],
    ['SECONDLY', { icalExpression: 'FREQ=SECONDLY' }, /SECONDLY is not supported/],
    ['DTSTART in rule', { icalExpression: 'FREQ=DAILY;DTSTART=20250101T000000Z' }, /DTSTART is not allowed/],
    ['local UNTIL', { icalExpression: 'FREQ=DAILY;UNTIL=20251231T235959' }, /UNTIL '20251231T235959' must be in UTC/],
    ['never fires', { icalExpression: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30' }, /icalExpression never fires/],
    ['interval with rule', { icalExpression: 'FREQ=DAILY', interval: 2 }, /interval applies to frequency only/],
    ['malformed startTime', { frequency: 'DAILY', startTime: 'yesterday' }, /body\.startTime must match format "date-time"/],
    ['unknown field', { frequency: 'DAILY', scheduleTZ: 'UTC' }, /body\.scheduleTZ is not an allowed property/],
    ['interval zero', { frequency: 'DAILY', interval: 0 }, /body\.interval must be >= 1/],
    ['parameter without value', { frequency: 'DAILY', parameters: [{ name: 'a' }] }, /body\.parameters\.0\.value is required/],
  ];
  const before = snapshot(c.app);
  for (const [name, payload, detail] of cases) {
    const res = await c.call({ method: 'POST', url: sched(id), payload: payload as object });
    const p = expectProblem(t, res, 400, 'OIC-400001');
    t.match(p.detail, detail, name);
  }
  t.same(snapshot(c.app), before, 'nothing written by any of them');
  const missing = await c.call({ method: 'POST', url: sched('NOPE|01.00.0000'), payload: { frequency: 'DAILY' } });
  t.match(expectProblem(t, missing, 404, 'OIC-404001').detail, /Integration with ID 'NOPE\|01\.00\.0000' was not found/);
  expectProblem(t, await c.call({ method: 'GET', url: sched('NOPE|01.00.0000') }), 404, 'OIC-404001');
  const none = await c.call({ method: 'GET', url: sched(id) });
  t.match(expectProblem(t, none, 404, 'OIC-404001').detail, /has no schedule/);
  expectProblem(t, await c.call({ method: 'PUT', url: `${API}/schedules/SCHEDULE_999`, payload: { frequency: 'DAILY' } }), 404, 'OIC-404001');
  expectProblem(t, await c.call({ method: 'DELETE', url: `${API}/schedules/SCHEDULE_999` }), 404, 'OIC-404001');
  expectProblem(t, await c.call({ method: 'POST', url: `${sched(id)}/start` }), 404, 'OIC-404001');
  expectProblem(t, await c.call({ method: 'POST', url: `${sched(id)}/stop` }), 404, 'OIC-404001');
});

t.test('update, stop, start and delete', async (t) => {
  const c = await runtimeApp(t, '2025-06-15T10:20:00Z');
  const id = await createIntegration(c, seedDefinition());
  const s = await c.ok('POST', sched(id), { frequency: 'HOURLY', startTime: '2025-06-15T00:00:00Z' });
  t.equal(s.nextRunTime, '2025-06-15T11:00:00.000Z');

  const daily = await c.ok('PUT', `${API}/schedules/${s.id}`, { ...s, frequency: 'DAILY', startTime: '2025-06-15T09:00:00Z', timeZone: 'America/New_York' });
  t.match(daily, { id: s.id, frequency: 'DAILY', timeZone: 'America/New_York', nextRunTime: '2025-06-16T09:00:00.000Z', createdTime: s.createdTime, modifiedTime: '2025-06-15T10:20:00.000Z' });
  const rule = await c.ok('PUT', `${API}/schedules/${s.id}`, { icalExpression: 'FREQ=WEEKLY;BYDAY=MO;BYHOUR=12;BYMINUTE=0;BYSECOND=0', timeZone: 'UTC' });
  t.equal(rule.frequency, undefined, 'a rule replaces the frequency');
  t.equal(rule.nextRunTime, '2025-06-16T12:00:00.000Z', 'next Monday noon');
  const wrongId = await c.call({ method: 'PUT', url: `${API}/schedules/${s.id}`, payload: { id: 'SCHEDULE_002', frequency: 'DAILY' } });
  t.match(expectProblem(t, wrongId, 400, 'OIC-400001').detail, /id cannot be changed/);
  const bad = await c.call({ method: 'PUT', url: `${API}/schedules/${s.id}`, payload: { timeZone: 'Nowhere/Land' } });
  t.match(expectProblem(t, bad, 400, 'OIC-400001').detail, /timeZone 'Nowhere\/Land'/);
  t.equal((await c.ok('GET', sched(id))).nextRunTime, '2025-06-16T12:00:00.000Z', 'a failed update changed nothing');

  const stopped = await c.ok('POST', `${sched(id)}/stop`);
  t.match(stopped, { status: 'STOPPED', isActive: false, nextRunTime: null });
  await c.advance(7 * 86_400);
  t.equal((await allExecutions(c, id)).length, 0, 'a stopped schedule does not fire');
  const started = await c.ok('POST', `${sched(id)}/start`);
  t.match(started, { status: 'ACTIVE', isActive: true, nextRunTime: '2025-06-23T12:00:00.000Z' });
  t.same(await c.ok('POST', `${sched(id)}/start`), started, 'start is idempotent');

  const del = await c.call({ method: 'DELETE', url: `${API}/schedules/${s.id}` });
  t.equal(del.statusCode, 204);
  expectProblem(t, await c.call({ method: 'GET', url: sched(id) }), 404, 'OIC-404001');
  t.notOk((await c.ok('GET', `${API}/integrations/${enc(id)}`)).schedule, 'the integration no longer shows a schedule');
  const again = await c.call({ method: 'POST', url: sched(id), payload: { frequency: 'DAILY' } });
  t.equal(again.statusCode, 201, 'a new schedule can be created after a delete');
  t.equal(again.json().id, 'SCHEDULE_002', 'ids are not reused');
});

t.test('runs only while the integration is ACTIVE; missed runs are not made up', async (t) => {
  const c = await runtimeApp(t, '2025-06-15T00:00:00Z');
  const id = await createIntegration(c, seedDefinition(), false);
  const s = await c.ok('POST', sched(id), { frequency: 'HOURLY', startTime: '2025-06-15T00:30:00Z' });
  t.equal(s.status, 'ACTIVE');
  t.equal(s.nextRunTime, null, 'no run will happen while the integration is CONFIGURED');
  await c.advance(3 * 3600);
  t.equal((await allExecutions(c, id)).length, 0, 'nothing ran while CONFIGURED');
  await c.ok('POST', `${API}/integrations/${enc(id)}/activate`, {});
  t.equal((await c.ok('GET', sched(id))).nextRunTime, '2025-06-15T03:30:00.000Z', 'the next run after activation');
  await c.advance(2 * 3600);
  t.equal((await allExecutions(c, id)).length, 2, '03:30 and 04:30 only');
  await c.ok('POST', `${API}/integrations/${enc(id)}/deactivate`);
  t.equal((await c.ok('GET', sched(id))).nextRunTime, null);
  await c.advance(5 * 3600);
  t.equal((await allExecutions(c, id)).length, 2, 'nothing while deactivated');
  await c.ok('POST', `${API}/integrations/${enc(id)}/activate`, {});
  await c.advance(3600);
  const runs = await allExecutions(c, id);
  t.equal(runs.length, 3, 'one more run after re-activation, none made up');
  t.equal(runs[0].startTime, '2025-06-15T10:30:00.000Z');
});

t.test('nothing fires after endTime; nextRunTime becomes null', async (t) => {
  const c = await runtimeApp(t, '2025-06-15T00:00:00Z');
  const id = await createIntegration(c, seedDefinition());
  await c.ok('POST', sched(id), { frequency: 'MINUTELY', interval: 15, startTime: '2025-06-15T00:00:00Z', endTime: '2025-06-15T01:00:00Z' });
  await c.advance(86_400);
  const runs = await allExecutions(c, id);
  t.same(runs.map((e) => e.startTime.slice(11, 16)).reverse(), ['00:15', '00:30', '00:45', '01:00'], 'every 15 minutes until endTime (inclusive)');
  t.equal((await c.ok('GET', sched(id))).nextRunTime, null);
});

t.test('runConcurrently false never overlaps: a run waits for the previous, extra firings are skipped', async (t) => {
  const c = await runtimeApp(t, '2025-06-15T00:00:00Z');
  // Each attempt takes 150 s, so a MINUTELY schedule outruns it.
  const id = await createIntegration(c, seedDefinition('SLOW', { configuration: { errorHandling: { retryCount: 0 } } }));
  await c.ok('POST', `/_emulator/integrations/${enc(id)}/outcomes`, { failureRate: 0, minDurationMs: 150_000, maxDurationMs: 150_000 });
  await c.ok('POST', sched(id), { frequency: 'MINUTELY', startTime: '2025-06-15T00:01:00Z', runConcurrently: false });
  await c.advance(30 * 60);
  const runs = (await allExecutions(c, id)).reverse();
  t.ok(runs.length >= 10, `${runs.length} runs in 30 minutes`);
  for (let i = 1; i < runs.length; i++) {
    if (runs[i - 1].endTime) t.ok(Date.parse(runs[i].startTime) >= Date.parse(runs[i - 1].endTime), `run ${i} starts after run ${i - 1} ended`);
  }
  t.ok(runs.some((e) => e.requestedTime), 'runs that waited show when they were due');
  t.ok((await c.ok('GET', sched(id))).skippedRuns > 0, 'skipped firings are counted');

  const other = await createIntegration(c, seedDefinition('SLOW_PARALLEL', { configuration: { errorHandling: { retryCount: 0 } } }));
  await c.ok('POST', `/_emulator/integrations/${enc(other)}/outcomes`, { failureRate: 0, minDurationMs: 150_000, maxDurationMs: 150_000 });
  await c.ok('POST', sched(other), { frequency: 'MINUTELY', runConcurrently: true });
  await c.advance(10 * 60);
  const parallel = await allExecutions(c, other);
  t.equal(parallel.length, 10, 'runConcurrently true: every firing runs');
  t.equal(parallel.filter((e) => e.status === 'IN_PROGRESS').length, 3, 'and they overlap');
});

t.test('configuration.schedule becomes the schedule on activation', async (t) => {
  const c = await runtimeApp(t, '2025-06-15T10:00:00Z');
  const def = seedDefinition('FROM_DEFINITION', {
    configuration: { errorHandling: { retryCount: 0 }, schedule: { frequency: 'HOURLY', startTime: '2025-06-15T00:00:00Z', timeZone: 'UTC' } },
  });
  const id = await createIntegration(c, def, false);
  expectProblem(t, await c.call({ method: 'GET', url: sched(id) }), 404, 'OIC-404001');
  await c.ok('POST', `${API}/integrations/${enc(id)}/activate`, {});
  const s = await c.ok('GET', sched(id));
  t.match(s, { frequency: 'HOURLY', status: 'ACTIVE', nextRunTime: '2025-06-15T11:00:00.000Z', name: 'Customer Data Sync schedule' });
  await c.advance(3 * 3600);
  t.equal((await allExecutions(c, id)).length, 3);

  const broken = seedDefinition('BROKEN_SCHEDULE', { configuration: { schedule: { frequency: 'HOURLY', timeZone: 'Not/AZone' } } });
  const bid = await createIntegration(c, broken);
  expectProblem(t, await c.call({ method: 'GET', url: sched(bid) }), 404, 'OIC-404001');
});

t.test('DAILY keeps local wall time across DST changes (America/New_York); HOURLY stays 60 minutes', async (t) => {
  const c = await runtimeApp(t, '2025-03-06T00:00:00Z');
  const noRetry = { configuration: { errorHandling: { retryCount: 0 } } };
  const daily = await createIntegration(c, seedDefinition('DST_DAILY', noRetry));
  const hourly = await createIntegration(c, seedDefinition('DST_HOURLY', noRetry));
  await c.ok('POST', sched(daily), { frequency: 'DAILY', startTime: '2025-03-06T14:00:00Z', timeZone: 'America/New_York' });
  await c.ok('POST', sched(hourly), { frequency: 'HOURLY', startTime: '2025-03-06T00:30:00Z', timeZone: 'America/New_York' });
  await c.advance(6 * 86_400);
  t.same((await allExecutions(c, daily)).map((e) => e.startTime).reverse(), [
    '2025-03-06T14:00:00.000Z', // 09:00 EST
    '2025-03-07T14:00:00.000Z',
    '2025-03-08T14:00:00.000Z',
    '2025-03-09T13:00:00.000Z', // 09:00 EDT, after the spring-forward
    '2025-03-10T13:00:00.000Z',
    '2025-03-11T13:00:00.000Z',
  ]);
  const h = (await allExecutions(c, hourly)).map((e) => Date.parse(e.startTime)).reverse();
  t.equal(h.length, 144, '6 x 24 runs, also on the 23-hour local day');
  t.ok(h.every((x, i) => i === 0 || x - h[i - 1] === 3_600_000), 'every 60 minutes of elapsed time');

  const fall = await runtimeApp(t, '2025-10-31T00:00:00Z');
  const id = await createIntegration(fall, seedDefinition('DST_FALL', noRetry));
  const s = await fall.ok('POST', sched(id), { icalExpression: 'FREQ=DAILY;BYHOUR=9;BYMINUTE=0;BYSECOND=0', timeZone: 'America/New_York' });
  t.equal(s.nextRunTime, '2025-10-31T13:00:00.000Z');
  await fall.advance(4 * 86_400);
  t.same((await allExecutions(fall, id)).map((e) => e.startTime).reverse(), [
    '2025-10-31T13:00:00.000Z', // 09:00 EDT
    '2025-11-01T13:00:00.000Z',
    '2025-11-02T14:00:00.000Z', // 09:00 EST, after the fall-back
    '2025-11-03T14:00:00.000Z',
  ]);
});
