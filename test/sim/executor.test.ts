/**
 * Executions: REST triggers and run-now, the tenant's limit of 50 runs in
 * progress, retries in clock time, the activity stream while a run goes, and
 * the executions list (filters, paging, bad input).
 */
import t from 'tap';
import { expectProblem } from '../helpers/app';
import { snapshot } from '../helpers/oic';
import { API, MON, allExecutions, createIntegration, enc, runtimeApp, seedDefinition } from '../helpers/runtime';

const FLOW = '/ic/api/integration/v1/flows/rest';

t.test('a REST trigger starts an execution: 202 with its id, tracking fields from the payload', async (t) => {
  const c = await runtimeApp(t);
  const id = await createIntegration(c, seedDefinition('ORDERS'));
  await c.ok('POST', `/_emulator/integrations/${enc(id)}/outcomes`, [{ status: 'SUCCESS', durationMs: 1500 }]);
  const res = await c.call({ method: 'POST', url: `${FLOW}/ORDERS/01.00.0000/orders`, payload: { orderId: 'ORD-1', customer: { id: 7 }, amount: 12.5, rush: true, note: 'x' } });
  t.equal(res.statusCode, 202);
  const e = res.json();
  t.match(e, { id: String, integrationId: 'ORDERS|01.00.0000', integrationName: 'Customer Data Sync', status: 'IN_PROGRESS', source: 'TRIGGER', startTime: '2025-06-15T00:00:00.000Z', endTime: null, duration: null });
  t.same(e.trackingFields, [{ name: 'orderId', value: 'ORD-1' }, { name: 'amount', value: '12.5' }, { name: 'rush', value: 'true' }], 'first three scalar fields');
  t.equal(e.primaryTrackingValue, 'ORD-1');
  t.equal(res.headers.location, `${MON}/executions/${enc(e.id)}`);
  t.equal(e.id.length, 22);

  await c.advance(0.5);
  const acts = await c.ok('GET', `${MON}/executions/${enc(e.id)}/activities`);
  t.match(acts.activities[0], { name: 'RestTrigger', type: 'TRIGGER', status: 'COMPLETED', message: 'Received POST /orders' });
  t.ok(acts.activities.some((a: any) => a.status === 'IN_PROGRESS'), 'a running activity while the run goes');
  t.ok(acts.activities.length < 6, 'only what has happened so far');
  await c.advance(1);
  const done = await c.ok('GET', `${MON}/executions/${enc(e.id)}`);
  t.match(done, { status: 'SUCCESS', endTime: '2025-06-15T00:00:01.500Z', duration: 1500, attempts: 1, retryCount: 0, errorCount: 0, activityCount: 6 });
  const all = await c.ok('GET', `${MON}/executions/${enc(e.id)}/activities`);
  t.same(all.activities.map((a: any) => a.name), ['RestTrigger', 'QUERY_Account', 'Transform_1', 'Map_to_CUSTOMERS', 'INSERT_CUSTOMERS', 'End']);
  t.ok(all.activities.every((a: any) => a.status === 'COMPLETED'));
  t.equal(all.activities.reduce((n: number, a: any) => n + a.duration, 0), 1500, 'activities cover the run exactly');

  // Deeper resource paths, the short version form, any JSON (or none).
  t.equal((await c.call({ method: 'POST', url: `${FLOW}/ORDERS/1.0/orders/42/lines`, payload: [1, 2] })).statusCode, 202);
  t.equal((await c.call({ method: 'POST', url: `${FLOW}/ORDERS/01.00.0000/ping` })).statusCode, 202);
  const byTracking = await c.ok('GET', `${MON}/integrations/${enc(id)}/executions?trackingField=ORD-1`);
  t.equal(byTracking.totalResults, 1);
  t.equal(byTracking.items[0].id, e.id);
});

t.test('trigger errors: unknown integration 404, not ACTIVE 409, wrong content type 415; nothing written', async (t) => {
  const c = await runtimeApp(t);
  await createIntegration(c, seedDefinition('DRAFT'), false);
  const before = snapshot(c.app);
  const missing = await c.call({ method: 'POST', url: `${FLOW}/NOPE/01.00.0000/x`, payload: {} });
  t.match(expectProblem(t, missing, 404, 'OIC-404001').detail, /No integration 'NOPE' with version '01\.00\.0000'/);
  const inactive = await c.call({ method: 'POST', url: `${FLOW}/DRAFT/01.00.0000/x`, payload: {} });
  t.match(expectProblem(t, inactive, 409, 'OIC-409001').detail, /is CONFIGURED, not ACTIVE/);
  const xml = await c.call({ method: 'POST', url: `${FLOW}/DRAFT/01.00.0000/x`, payload: '<a/>', headers: { 'content-type': 'application/xml' } });
  expectProblem(t, xml, 415, 'OIC-415001');
  const deepXml = await c.call({ method: 'POST', url: `${FLOW}/DRAFT/01.00.0000/x/y`, payload: 'hello', headers: { 'content-type': 'text/plain' } });
  expectProblem(t, deepXml, 415, 'OIC-415001');
  const badJson = await c.call({ method: 'POST', url: `${FLOW}/DRAFT/01.00.0000/x`, payload: '{"a":', headers: { 'content-type': 'application/json' } });
  expectProblem(t, badJson, 400, 'OIC-400001');
  t.same(snapshot(c.app), before);
});

t.test('at most 50 executions in progress: triggers get 429, scheduled runs wait and are not lost', async (t) => {
  const c = await runtimeApp(t);
  const id = await createIntegration(c, seedDefinition('BUSY', { configuration: { errorHandling: { retryCount: 0 } } }));
  await c.ok('POST', `/_emulator/integrations/${enc(id)}/outcomes`, { failureRate: 0, minDurationMs: 60_000, maxDurationMs: 60_000 });
  for (let i = 0; i < 50; i++) {
    const r = await c.call({ method: 'POST', url: `${FLOW}/BUSY/01.00.0000/go`, payload: { n: i } });
    t.equal(r.statusCode, 202, `trigger ${i + 1}`);
  }
  const before = snapshot(c.app);
  const over = await c.call({ method: 'POST', url: `${FLOW}/BUSY/01.00.0000/go`, payload: { n: 50 } });
  const p = expectProblem(t, over, 429, 'OIC-429001');
  t.match(p.detail, /Concurrent execution limit reached: 50 executions are IN_PROGRESS in this tenant \(the limit is 50 per tenant\)/);
  t.equal(p.retryAfter, 60, 'retry when the first one ends');
  t.equal(over.headers['retry-after'], '60');
  const runNow = await c.call({ method: 'POST', url: `${API}/integrations/${enc(id)}/schedule/jobs` });
  expectProblem(t, runNow, 429, 'OIC-429001');
  t.same(snapshot(c.app), before, 'the refused calls wrote nothing');

  // A scheduled run due while the tenant is full waits for a slot.
  const other = await createIntegration(c, seedDefinition('PATIENT', { configuration: { errorHandling: { retryCount: 0 } } }));
  await c.ok('POST', `${API}/integrations/${enc(other)}/schedule`, { frequency: 'MINUTELY', startTime: '2025-06-15T00:00:30Z', runConcurrently: true });
  await c.advance(30);
  t.equal((await allExecutions(c, other)).length, 0, 'due at 00:00:30 but no slot yet');
  t.equal((await c.ok('GET', '/_emulator/clock')).inProgressExecutions, 50);
  await c.advance(30);
  const waited = await allExecutions(c, other);
  t.equal(waited.length, 1, 'started as soon as slots freed');
  t.match(waited[0], { startTime: '2025-06-15T00:01:00.000Z', requestedTime: '2025-06-15T00:00:30.000Z', source: 'SCHEDULE' });
  await c.advance(3600);
  t.equal((await allExecutions(c, other)).length, 61, 'every firing ran (00:00:30, then 00:01:30 to 01:00:30)');
});

t.test('run now: 202, schedule parameters overridden by the body, 409 rules', async (t) => {
  const c = await runtimeApp(t);
  const id = await createIntegration(c, seedDefinition('NOW', { configuration: { errorHandling: { retryCount: 0 } } }));
  const noSchedule = await c.call({ method: 'POST', url: `${API}/integrations/${enc(id)}/schedule/jobs` });
  t.equal(noSchedule.statusCode, 202, 'an integration without a schedule can run now');
  t.equal(noSchedule.json().source, 'RUN_NOW');
  await c.advance(10);
  await c.ok('POST', `${API}/integrations/${enc(id)}/schedule`, { frequency: 'DAILY', parameters: [{ name: 'batchSize', value: '1000' }, { name: 'mode', value: 'full' }] });
  const r = await c.call({ method: 'POST', url: `${API}/integrations/${enc(id)}/schedule/jobs`, payload: { action: 'NOW', parameters: [{ name: 'mode', value: 'delta' }] } });
  t.equal(r.statusCode, 202);
  t.same(r.json().trackingFields, [{ name: 'batchSize', value: '1000' }, { name: 'mode', value: 'delta' }]);
  t.match(r.json().scheduleId, /^SCHEDULE_/);
  const busy = await c.call({ method: 'POST', url: `${API}/integrations/${enc(id)}/schedule/jobs` });
  t.match(expectProblem(t, busy, 409, 'OIC-409001').detail, /already has a run in progress/);
  const bad = await c.call({ method: 'POST', url: `${API}/integrations/${enc(id)}/schedule/jobs`, payload: { action: 'LATER' } });
  t.match(expectProblem(t, bad, 400, 'OIC-400001').detail, /body\.action must be one of NOW/);
  const draft = await createIntegration(c, seedDefinition('NOW_DRAFT'), false);
  expectProblem(t, await c.call({ method: 'POST', url: `${API}/integrations/${enc(draft)}/schedule/jobs` }), 409, 'OIC-409001');
  expectProblem(t, await c.call({ method: 'POST', url: `${API}/integrations/NOPE%7C1/schedule/jobs` }), 404, 'OIC-404001');
});

t.test('retries follow configuration.errorHandling in clock time; a run can succeed on a retry', async (t) => {
  const c = await runtimeApp(t);
  const id = await createIntegration(c, seedDefinition('RETRY', { configuration: { errorHandling: { retryCount: 2, retryInterval: 300 } } }));
  await c.ok('POST', `/_emulator/integrations/${enc(id)}/outcomes`, [
    { status: 'SUCCESS', failedAttempts: 1, durationMs: 1000, errorCode: 'HTTP-503', errorMessage: 'Service Unavailable', errorDetails: 'try later' },
    { status: 'FAILED', durationMs: 2000, activity: 'QUERY_Account' },
  ]);
  const first = (await c.call({ method: 'POST', url: `${FLOW}/RETRY/01.00.0000/a`, payload: {} })).json();
  await c.advance(1);
  let e = await c.ok('GET', `${MON}/executions/${enc(first.id)}`);
  t.match(e, { status: 'IN_PROGRESS', attempts: 1, nextRetryTime: '2025-06-15T00:05:01.000Z', errorCount: 1 }, 'waiting 300 s to retry');
  await c.advance(299);
  t.equal((await c.ok('GET', `${MON}/executions/${enc(first.id)}`)).attempts, 1, 'not yet');
  await c.advance(1);
  e = await c.ok('GET', `${MON}/executions/${enc(first.id)}`);
  t.match(e, { status: 'IN_PROGRESS', attempts: 2 });
  await c.advance(1);
  e = await c.ok('GET', `${MON}/executions/${enc(first.id)}`);
  t.match(e, { status: 'SUCCESS', attempts: 2, retryCount: 1, duration: 302_000, endTime: '2025-06-15T00:05:02.000Z' });
  const errs = (await c.ok('GET', `${MON}/executions/${enc(first.id)}/errors`)).errors;
  t.same(errs.map((x: any) => [x.retryAttempt, x.errorCode, x.errorMessage, x.errorDetails, x.timestamp]), [[0, 'HTTP-503', 'Service Unavailable', 'try later', '2025-06-15T00:00:01.000Z']]);
  const acts = (await c.ok('GET', `${MON}/executions/${enc(first.id)}/activities`)).activities;
  const failedStep = acts.find((a: any) => a.status === 'FAILED');
  const retry = acts.filter((a: any) => a.retryAttempt === 1);
  t.equal(retry[0].name, failedStep.name, 'the retry re-runs the failed step...');
  t.equal(retry[retry.length - 1].name, 'End', '...then the rest');
  t.ok(retry.every((a: any) => a.status === 'COMPLETED'));
  t.equal(Date.parse(retry[0].startTime), Date.parse('2025-06-15T00:05:01.000Z'), 'at the retry instant');

  const second = (await c.call({ method: 'POST', url: `${FLOW}/RETRY/01.00.0000/a`, payload: {} })).json();
  await c.advance(3600);
  const f = await c.ok('GET', `${MON}/executions/${enc(second.id)}`);
  t.match(f, { status: 'FAILED', attempts: 3, retryCount: 2, duration: 3 * 2000 + 2 * 300_000, errorCount: 3 });
  const ferrs = (await c.ok('GET', `${MON}/executions/${enc(second.id)}/errors`)).errors;
  t.same(ferrs.map((x: any) => x.activity), ['QUERY_Account', 'QUERY_Account', 'QUERY_Account'], 'the scripted activity fails each time');
  const facts = (await c.ok('GET', `${MON}/executions/${enc(second.id)}/activities`)).activities;
  t.same(facts.filter((a: any) => a.status === 'FAILED').map((a: any) => a.name), ['QUERY_Account', 'QUERY_Account', 'QUERY_Account']);
  t.notOk(facts.some((a: any) => a.name === 'End'), 'a failed run never reaches End');
});

t.test('executions list: newest first, paging, filters, bad input, 404s', async (t) => {
  const c = await runtimeApp(t);
  const id = await createIntegration(c, seedDefinition('LIST', { configuration: { errorHandling: { retryCount: 0 } } }));
  await c.ok('POST', `/_emulator/integrations/${enc(id)}/outcomes`, { outcomes: ['SUCCESS', 'FAILED', 'SUCCESS', 'FAILED', 'SUCCESS'], minDurationMs: 500, maxDurationMs: 500 });
  for (let i = 0; i < 5; i++) {
    await c.ok('POST', `${FLOW}/LIST/01.00.0000/x`, { ref: `R${i}` });
    await c.advance(60);
  }
  await c.ok('POST', `${FLOW}/LIST/01.00.0000/x`, { ref: 'R5' });
  const list = `${MON}/integrations/${enc(id)}/executions`;
  const all = await c.ok('GET', list);
  t.equal(all.totalResults, 6);
  t.same(all.items.map((e: any) => e.trackingFields[0].value), ['R5', 'R4', 'R3', 'R2', 'R1', 'R0'], 'newest first');
  t.same(all.items.map((e: any) => e.status), ['IN_PROGRESS', 'SUCCESS', 'FAILED', 'SUCCESS', 'FAILED', 'SUCCESS']);
  t.match(await c.ok('GET', `${list}?limit=2&offset=2`), { totalResults: 6, hasMore: true, limit: 2, offset: 2, items: [{ trackingFields: [{ value: 'R3' }] }, { trackingFields: [{ value: 'R2' }] }] });
  t.equal((await c.ok('GET', `${list}?status=FAILED`)).totalResults, 2);
  t.equal((await c.ok('GET', `${list}?status=IN_PROGRESS`)).totalResults, 1);
  t.equal((await c.ok('GET', `${list}?status=SUCCESS`)).totalResults, 3);
  const ranged = await c.ok('GET', `${list}?startTime=2025-06-15T00:01:00Z&endTime=2025-06-15T00:03:00Z`);
  t.same(ranged.items.map((e: any) => e.trackingFields[0].value), ['R2', 'R1'], 'half-open [startTime, endTime)');
  const odd = await c.ok('GET', `${list}?startTime=2025-06-15T00:01:00.001Z`);
  t.equal(odd.totalResults, 4, 'bounds inside a minute are counted exactly');
  t.equal((await c.ok('GET', `${list}?trackingField=R3`)).items[0].status, 'FAILED');
  t.equal((await c.ok('GET', `${list}?trackingField=nothing`)).totalResults, 0);

  const bad: Array<[string, RegExp]> = [
    ['status=DONE', /querystring\.status must be one of SUCCESS, FAILED, IN_PROGRESS/],
    ['startTime=yesterday', /querystring\.startTime must match format "date-time"/],
    ['endTime=2025-13-01T00:00:00Z', /querystring\.endTime must match format "date-time"/],
    ['startTime=2025-06-16T00:00:00Z&endTime=2025-06-15T00:00:00Z', /'startTime' \(2025-06-16T00:00:00Z\) must be before 'endTime'/],
    ['limit=0', /'limit' must be between 1 and 500/],
    ['limit=abc', /querystring\.limit must be integer/],
    ['offset=-1', /'offset' must not be negative/],
  ];
  for (const [q, detail] of bad) t.match(expectProblem(t, await c.call({ method: 'GET', url: `${list}?${q}` }), 400, 'OIC-400001').detail, detail, q);
  t.match(expectProblem(t, await c.call({ method: 'GET', url: `${MON}/integrations/NOPE%7C1/executions` }), 404, 'OIC-404001').detail, /Integration with ID 'NOPE\|1' was not found/);
  for (const sub of ['', '/activities', '/errors']) {
    t.match(expectProblem(t, await c.call({ method: 'GET', url: `${MON}/executions/nope${sub}` }), 404, 'OIC-404001').detail, /Execution with ID 'nope' was not found/);
  }
});

t.test('deleting an integration removes its schedule and executions', async (t) => {
  const c = await runtimeApp(t);
  const id = await createIntegration(c, seedDefinition('GONE'));
  await c.ok('POST', `${API}/integrations/${enc(id)}/schedule`, { frequency: 'HOURLY' });
  await c.advance(3 * 3600);
  const e = (await allExecutions(c, id))[0];
  await c.ok('POST', `${API}/integrations/${enc(id)}/deactivate`);
  t.equal((await c.call({ method: 'DELETE', url: `${API}/integrations/${enc(id)}` })).statusCode < 300, true);
  expectProblem(t, await c.call({ method: 'GET', url: `${MON}/executions/${enc(e.id)}` }), 404, 'OIC-404001');
  const left = c.app.ctx.db.prepare("SELECT (SELECT COUNT(*) FROM oic_schedules) + (SELECT COUNT(*) FROM oic_executions) + (SELECT COUNT(*) FROM oic_execution_rollup) AS n").get() as { n: number };
  t.equal(left.n, 0);
});
