/**
 * Scheduled integrations as Oracle's clients drive them (Developer API for
 * Oracle Integration 3, Integrations/Scheduled Integrations): run now with
 * Oracle's ScheduleJobRs bodies and its 204 answer, schedule parameters
 * (PATCH on both paths, shown in the integration's scheduleParams and passed
 * to the runs), resume after pause, async start/stop on the integration
 * path, and iCal weekdays written with three letters.
 */
import t from 'tap';
import { expectProblem } from '../../../helpers/app';
import { API, MON, PATCH, PROJECTS, SEED_MON, SEED_PROJECTS, enc, realApp, seedIntegration, type RealTestApp } from '../../../helpers/real-oic';

const ID = 'SCHEDULED_RATES|01.00.0000';
const GLOBAL = `${API}/integrations/${enc(ID)}`;
const SCOPED = `${PROJECTS}/RATES/integrations/${enc(ID)}`;

async function setup(t: Parameters<typeof realApp>[0], start = '2025-02-14T00:00:00Z'): Promise<RealTestApp> {
  const c = await realApp(t, {}, start);
  await c.ok('POST', SEED_PROJECTS, { name: 'Rates', identifier: 'RATES' });
  await seedIntegration(c, 'SCHEDULED_RATES', { projectId: 'RATES' });
  await c.ok('POST', GLOBAL, { status: 'ACTIVATED' }, PATCH);
  return c;
}

const runs = async (c: RealTestApp) => (await c.ok('GET', `${SEED_MON}/integrations/${enc(ID)}/executions`)).items;

t.test("run now in Oracle's form: 204, no body, Location of the instance; the seed's form keeps its answer", async (t) => {
  const c = await setup(t);
  for (const [i, body] of [
    { action: 'NOW', parameters: [{ name: 'batch', value: '1' }], 'run-as-schedule': false },
    { status: 'ACTIVATED' },
    { action: 'now', runAsSchedule: true, 'run-as-user-name': 'ops@example.com' },
  ].entries()) {
    const res = await c.call({ method: 'POST', url: `${GLOBAL}/schedule/jobs`, payload: body });
    t.equal(res.statusCode, 204, `body ${i}: 204`);
    t.equal(res.body, '', 'no body');
    const instance = String(res.headers.location).split('/').pop()!;
    t.equal(res.headers.location, `${MON}/instances/${instance}`);
    t.equal((await c.ok('GET', `${MON}/instances/${instance}`)).invokedBy, 'RUN_NOW');
    await c.advance(60);
  }
  const byQuery = await c.call({ method: 'POST', url: `${GLOBAL}/schedule/jobs?integrationInstance=x`, payload: { action: 'NOW' } });
  t.equal(byQuery.statusCode, 204, 'integrationInstance marks an Oracle client');
  await c.advance(60);
  const seed = await c.call({ method: 'POST', url: `${GLOBAL}/schedule/jobs`, payload: { action: 'NOW' } });
  t.equal(seed.statusCode, 202, "the seed's client still gets its execution");
  t.match(seed.json(), { id: String, status: 'IN_PROGRESS', source: 'RUN_NOW' });
  t.equal((await runs(c)).length, 5);
  t.same((await runs(c)).find((r: any) => r.trackingFields.length)?.trackingFields, [{ name: 'batch', value: '1' }], 'parameters reach the run');

  await c.advance(60);
  const snap = c.snapshot();
  for (const bad of [{ status: 'CONFIGURED' }, { runAsSchedule: 'yes' }, { 'run-as-user-name': 7 }, { action: 'LATER' }, { colour: 'red' }]) {
    expectProblem(t, await c.call({ method: 'POST', url: `${GLOBAL}/schedule/jobs`, payload: bad }), 400, 'OIC-400001');
  }
  t.equal(c.snapshot(), snap, 'no run started by a bad body');
  const projectRun = await c.call({ method: 'POST', url: `${SCOPED}/schedule/jobs`, payload: { action: 'now', 'run-as-schedule': true } });
  t.equal(projectRun.statusCode, 202, "the project path keeps its 202 and takes Oracle's fields");
});

t.test('schedule parameters: PATCH on both paths, scheduleParams in the integration, runs receive them', async (t) => {
  const c = await setup(t);
  expectProblem(t, await c.call({ method: 'PATCH', url: `${GLOBAL}/schedule/parameters`, payload: { parameters: [{ name: 'a', value: '1' }] } }), 404, 'OIC-404001');
  await c.ok('POST', `${SCOPED}/schedule`, { icalExpression: 'FREQ=DAILY;BYHOUR=6;BYMINUTE=0', name: 'daily', startDate: null, endDate: null, scheduleTZ: 'UTC', parameters: [{ name: 'region', value: 'EU' }] });
  t.same((await c.ok('GET', `${GLOBAL}/schedule/parameters`)).parameters, [{ name: 'region', value: 'EU' }]);

  const patched = await c.ok('PATCH', `${GLOBAL}/schedule/parameters?integrationInstance=x`, { parameters: [{ name: 'region', value: 'US' }, { name: 'batch', value: '500' }] });
  t.same(patched, { integrationId: ID, parameters: [{ name: 'region', value: 'US' }, { name: 'batch', value: '500' }], links: [{ rel: 'self', href: `${GLOBAL}/schedule/parameters` }] });
  const scoped = await c.ok('PATCH', `${SCOPED}/schedule/parameters`, { action: 'NOW', parameters: [{ name: 'batch', value: '50' }] });
  t.same(scoped.parameters, [{ name: 'region', value: 'US' }, { name: 'batch', value: '50' }]);
  t.equal(scoped.links[0].href, `${SCOPED}/schedule/parameters`);
  t.same((await c.ok('GET', GLOBAL)).scheduleParams, scoped.parameters, 'Retrieve an Integration shows them');
  t.same((await c.ok('GET', SCOPED)).scheduleParams, scoped.parameters, 'also in the project');

  await c.ok('POST', `${SCOPED}/schedule/start`, {});
  await c.advance(7 * 3600);
  t.same((await runs(c))[0].trackingFields, [{ name: 'region', value: 'US' }, { name: 'batch', value: '50' }], 'the scheduled run got them');

  const snap = c.snapshot();
  for (const bad of [{}, { parameters: [] }, { parameters: [{ name: 'a' }] }, { parameters: [{ name: 'a', value: '1' }, { name: 'a', value: '2' }] }, { parameters: [{ name: 'a', value: '1' }], extra: 1 }]) {
    expectProblem(t, await c.call({ method: 'PATCH', url: `${GLOBAL}/schedule/parameters`, payload: bad }), 400, 'OIC-400001');
  }
  const many = Array.from({ length: 49 }, (_, i) => ({ name: `p${i}`, value: 'x' }));
  t.match(expectProblem(t, await c.call({ method: 'PATCH', url: `${GLOBAL}/schedule/parameters`, payload: { parameters: many } }), 400, 'OIC-400001').detail, /at most 50/);
  expectProblem(t, await c.call({ method: 'PATCH', url: `${PROJECTS}/OTHER/integrations/${enc(ID)}/schedule/parameters`, payload: { parameters: [{ name: 'a', value: '1' }] } }), 404, 'OIC-404001');
  t.equal(c.snapshot(), snap, 'refused updates change nothing');
});

t.test('pause, resume, and async start/stop with Oracle\'s 200/202', async (t) => {
  const c = await setup(t);
  await c.ok('POST', `${SCOPED}/schedule`, { frequency: { frequencyType: 'HOURLY', interval: 1 }, name: 'hourly', startDate: null, endDate: null, scheduleTZ: 'UTC' });
  expectProblem(t, await c.call({ method: 'POST', url: `${GLOBAL}/schedule/resume`, payload: {} }), 412, 'OIC-412001');
  const start = await c.call({ method: 'POST', url: `${GLOBAL}/schedule/start?async=true` });
  t.equal(start.statusCode, 202);
  t.equal(start.headers.location, `${GLOBAL}/schedule`);
  t.equal(start.json().status, 'ACTIVE');
  t.equal((await c.call({ method: 'POST', url: `${GLOBAL}/schedule/start` })).statusCode, 200, 'without async: 200');

  t.equal((await c.ok('POST', `${SCOPED}/schedule/pause`, {})).status, 'PAUSED');
  await c.ok('PATCH', `${GLOBAL}/schedule/parameters`, { parameters: [{ name: 'a', value: '1' }] });
  t.equal((await c.ok('GET', `${SCOPED}/schedule`)).status, 'PAUSED', 'a parameter update keeps the pause');
  await c.advance(3 * 3600);
  t.equal((await runs(c)).length, 0, 'no firing while paused');
  const resumed = await c.call({ method: 'POST', url: `${SCOPED}/schedule/resume?async=true` });
  t.equal(resumed.statusCode, 202);
  t.equal(resumed.headers.location, `${SCOPED}/schedule`);
  t.match(resumed.json(), { status: 'STARTED', nextRunDate: String });
  t.equal((await c.ok('POST', `${GLOBAL}/schedule/resume`)).status, 'STARTED', 'resuming a started schedule is a no-op');
  await c.advance(3600);
  t.equal((await runs(c)).length, 1, 'fires again');

  const stop = await c.call({ method: 'POST', url: `${GLOBAL}/schedule/stop?async=true` });
  t.equal(stop.statusCode, 202);
  t.equal(stop.json().status, 'STOPPED');
  t.match(expectProblem(t, await c.call({ method: 'POST', url: `${SCOPED}/schedule/resume` }), 412, 'OIC-412001').detail, /STOPPED, not PAUSED/);
  expectProblem(t, await c.call({ method: 'POST', url: `${API}/integrations/NOPE%7C01.00.0000/schedule/resume` }), 404, 'OIC-404001');
});

t.test('iCal weekdays as Oracle accepts them: BYDAY=MO,TUE and full names', async (t) => {
  const c = await setup(t, '2025-06-15T00:00:00Z'); // a Sunday
  const created = await c.ok('POST', `${SCOPED}/schedule`, { icalExpression: 'FREQ=WEEKLY;BYDAY=MO,TUE;BYHOUR=9;BYMINUTE=0', name: 'weekdays', startDate: null, endDate: null, scheduleTZ: 'UTC' });
  t.equal(created.icalExpression, 'FREQ=WEEKLY;BYDAY=MO,TUE;BYHOUR=9;BYMINUTE=0');
  t.equal((await c.ok('POST', `${SCOPED}/schedule/start`, {})).nextRunDate, '2025-06-16T09:00:00.000Z', 'Monday 09:00');
  await c.advance(34 * 3600);
  t.equal((await c.ok('GET', `${SCOPED}/schedule`)).nextRunDate, '2025-06-17T09:00:00.000Z', 'then Tuesday (TUE)');
  await c.ok('POST', `${SCOPED}/schedule`, { icalExpression: 'FREQ=MONTHLY;BYDAY=1FRIDAY;WKST=SUN;BYHOUR=12', name: 'monthly', startDate: null, endDate: null, scheduleTZ: 'UTC' });
  await c.ok('POST', `${SCOPED}/schedule/start`, {});
  t.equal((await c.ok('GET', `${SCOPED}/schedule`)).nextRunDate, '2025-07-04T12:00:00.000Z', 'first Friday of July');
  const snap = c.snapshot();
  t.match(expectProblem(t, await c.call({ method: 'POST', url: `${SCOPED}/schedule`, payload: { icalExpression: 'FREQ=WEEKLY;BYDAY=MO,TUES', name: 'x', scheduleTZ: 'UTC' } }), 400, 'OIC-400001').detail, /BYDAY value 'TUES'/);
  t.equal(c.snapshot(), snap);
});
