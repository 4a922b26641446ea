/**
 * Schedules the real way (Oracle's scripts, reference 2.2): POST/DELETE
 * /projects/{projectId}/integrations/{id}/schedule with a `frequency` object
 * or an `icalExpression`, schedule/start (with parameters), stop, pause (also
 * on the global path), and schedule/jobs to run now. The runtime's schedule:
 * the seed's API shows it and the scheduler fires it.
 */
import t from 'tap';
import { expectProblem } from '../../../helpers/app';
import { API, PATCH, PROJECTS, SEED_MON, SEED_PROJECTS, enc, realApp, seedIntegration, type RealTestApp } from '../../../helpers/real-oic';

const ID = 'SCHEDULED_RATES|01.00.0000';
const BASE = `${PROJECTS}/RATES/integrations/${enc(ID)}`;

async function setup(t: Parameters<typeof realApp>[0], start = '2025-02-14T00:00:00Z'): Promise<RealTestApp> {
  const c = await realApp(t, {}, start);
  await c.ok('POST', SEED_PROJECTS, { name: 'Rates', identifier: 'RATES' });
  await seedIntegration(c, 'SCHEDULED_RATES', { projectId: 'RATES' });
  await c.ok('POST', `${API}/integrations/${enc(ID)}`, { status: 'ACTIVATED' }, PATCH);
  return c;
}

t.test('Oracle\'s createSchedule body (frequency object, M/D/YYYY|H:m:s dates), then start, stop, pause', async (t) => {
  const c = await setup(t);
  const created = await c.ok('POST', `${BASE}/schedule?integrationInstance=x`, {
    frequency: { frequencyType: 'DAILY', interval: 1 }, name: 'my_schedule_name_01_00_0000', startDate: '2/14/2025|6:30:0', endDate: null, scheduleTZ: 'America/New_York',
  });
  t.match(created, {
    id: String, name: 'my_schedule_name_01_00_0000', frequency: { frequencyType: 'DAILY', interval: 1 },
    startDate: '2/14/2025|6:30:0', endDate: null, scheduleTZ: 'America/New_York', status: 'STOPPED',
  }, 'what the script reads: .frequency and .status');
  t.notOk('nextRunDate' in created, 'defined but not started: no next run');
  const seedView = await c.ok('GET', `${API}/integrations/${enc(ID)}/schedule`);
  t.match(seedView, { frequency: 'DAILY', interval: 1, timeZone: 'America/New_York', startTime: '2025-02-14T11:30:00.000Z', status: 'STOPPED' }, 'the runtime\'s schedule: 06:30 New York is 11:30Z');

  const started = await c.ok('POST', `${BASE}/schedule/start`, { parameters: [{ name: 'schedule_parameter_1', value: '1234' }], runAsUserName: 'someone@example.com' });
  t.match(started, { status: 'STARTED', nextRunDate: '2025-02-14T11:30:00.000Z', parameters: [{ name: 'schedule_parameter_1', value: '1234' }] });
  t.ok(started.links.some((l: any) => l.rel === 'self'), '.links, what the start script reads');
  await c.advance(12 * 3600);
  const runs = (await c.ok('GET', `${SEED_MON}/integrations/${enc(ID)}/executions`)).items;
  t.equal(runs.length, 1, 'fired once at 11:30Z');
  t.same(runs[0].trackingFields, [{ name: 'schedule_parameter_1', value: '1234' }]);

  const paused = await c.ok('POST', `${BASE}/schedule/pause`, {});
  t.equal(paused.status, 'PAUSED');
  t.equal((await c.ok('GET', `${API}/integrations/${enc(ID)}/schedule`)).status, 'STOPPED', 'the runtime stopped it');
  t.match(await c.ok('GET', `${BASE}`), { scheduleDefined: true, scheduleStatus: 'PAUSED' });
  await c.advance(24 * 3600);
  t.equal((await c.ok('GET', `${SEED_MON}/integrations/${enc(ID)}/executions`)).totalResults, 1, 'no firing while paused');

  // A start through the seed's path ends the pause.
  await c.ok('POST', `${API}/integrations/${enc(ID)}/schedule/start`);
  t.equal((await c.ok('GET', `${BASE}/schedule`)).status, 'STARTED');
  const async = await c.call({ method: 'POST', url: `${BASE}/schedule/stop?async=true`, payload: {} });
  t.equal(async.statusCode, 202);
  t.equal(async.headers.location, `${BASE}/schedule`);
  t.equal(async.json().status, 'STOPPED');
  t.equal((await c.ok('POST', `${API}/integrations/${enc(ID)}/schedule/pause`)).status, 'PAUSED', 'pause on the global path too');
  t.equal((await c.ok('POST', `${BASE}/schedule/stop`, {})).status, 'STOPPED', 'stop after pause is a plain stop');
});

t.test('icalExpression with Oracle\'s trailing semicolon; POST again updates; DELETE', async (t) => {
  const c = await setup(t, '2025-06-01T00:00:00Z');
  const s = await c.ok('POST', `${BASE}/schedule`, { icalExpression: 'FREQ=MONTHLY;BYDAY=MO;BYHOUR=12;BYMINUTE=20;', name: 'monday noon', startDate: null, endDate: null, scheduleTZ: 'GMT' });
  t.match(s, { icalExpression: 'FREQ=MONTHLY;BYDAY=MO;BYHOUR=12;BYMINUTE=20', scheduleTZ: 'GMT', startDate: '6/1/2025|0:0:0', status: 'STOPPED' });
  t.notOk('frequency' in s);
  await c.ok('POST', `${BASE}/schedule/start`);
  t.equal((await c.ok('GET', `${BASE}/schedule`)).nextRunDate, '2025-06-02T12:20:00.000Z', 'the first Monday, 12:20 GMT');

  const updated = await c.ok('POST', `${BASE}/schedule`, { frequency: { frequencyType: 'HOURS', interval: 2 }, startDate: '6/1/2025|1:0:0', scheduleTZ: 'UTC' });
  t.match(updated, { id: s.id, frequency: { frequencyType: 'HOURLY', interval: 2 }, status: 'STARTED', nextRunDate: '2025-06-01T01:00:00.000Z' }, 'the same schedule, still started');
  t.notOk('icalExpression' in updated);

  const del = await c.call({ method: 'DELETE', url: `${BASE}/schedule` });
  t.equal(del.statusCode, 200);
  expectProblem(t, await c.call({ method: 'GET', url: `${BASE}/schedule` }), 404, 'OIC-404001');
  expectProblem(t, await c.call({ method: 'GET', url: `${API}/integrations/${enc(ID)}/schedule` }), 404, 'OIC-404001');
  expectProblem(t, await c.call({ method: 'DELETE', url: `${BASE}/schedule` }), 404, 'OIC-404001');
  expectProblem(t, await c.call({ method: 'POST', url: `${BASE}/schedule/start` }), 404, 'OIC-404001');
});

t.test('bad schedule bodies are 400s naming the field; nothing written', async (t) => {
  const c = await setup(t);
  const before = c.snapshot();
  const bad = async (payload: object, detail: RegExp) => t.match(expectProblem(t, await c.call({ method: 'POST', url: `${BASE}/schedule`, payload }), 400, 'OIC-400001').detail, detail);
  await bad({ name: 'x' }, /needs frequency .* or icalExpression/);
  await bad({ frequency: { frequencyType: 'DAILY' }, icalExpression: 'FREQ=DAILY' }, /either frequency or icalExpression, not both/);
  await bad({ frequency: { frequencyType: 'YEARLY' } }, /frequencyType must be one of MINUTELY/);
  await bad({ frequency: { frequencyType: 'DAILY' }, startDate: '2025-02-14' }, /startDate '2025-02-14' must look like M\/D\/YYYY\|H:m:s/);
  await bad({ frequency: { frequencyType: 'DAILY' }, startDate: '2/30/2025|0:0:0' }, /startDate '2\/30\/2025\|0:0:0' is not a valid date/);
  await bad({ frequency: { frequencyType: 'DAILY' }, scheduleTZ: 'Mars/Olympus' }, /scheduleTZ 'Mars\/Olympus' is not a time zone/);
  await bad({ frequency: { frequencyType: 'DAILY' }, startDate: '2/14/2025|0:0:0', endDate: '2/13/2025|0:0:0' }, /endTime|end/i);
  await bad({ icalExpression: 'FREQ=FORTNIGHTLY' }, /icalExpression is invalid/);
  await bad({ frequency: { frequencyType: 'DAILY', every: 2 } }, /every/);
  t.equal(c.snapshot(), before);
  expectProblem(t, await c.call({ method: 'POST', url: `${PROJECTS}/NOPE/integrations/${enc(ID)}/schedule`, payload: { frequency: { frequencyType: 'DAILY' } } }), 404, 'OIC-404001');
});

t.test('run now (schedule/jobs): 202, no body, Location of the instance; 412 when not ACTIVATED', async (t) => {
  const c = await setup(t);
  const res = await c.call({ method: 'POST', url: `${BASE}/schedule/jobs?integrationInstance=x`, payload: { action: 'NOW', parameters: [{ name: 'batch', value: '7' }], runAsUserName: 'ignored' } });
  t.equal(res.statusCode, 202);
  t.equal(res.body, '', 'an empty body, as Oracle\'s run-now script expects');
  const location = res.headers.location as string;
  t.match(location, new RegExp(`^${API}/monitoring/instances/[A-Za-z0-9_-]{22}$`));
  const instance = await c.ok('GET', location);
  t.match(instance, { integrationId: 'SCHEDULED_RATES', status: 'IN_PROGRESS', invokedBy: 'RUN_NOW', primaryValue: '7' });
  const empty = await c.call({ method: 'POST', url: `${BASE}/schedule/jobs` });
  t.equal(empty.statusCode, 202, 'no body at all is fine too');

  await c.advance(60);
  await c.ok('POST', `${API}/integrations/${enc(ID)}`, { status: 'CONFIGURED' }, PATCH);
  const before = c.snapshot();
  t.match(expectProblem(t, await c.call({ method: 'POST', url: `${BASE}/schedule/jobs`, payload: { action: 'NOW' } }), 412, 'OIC-412001').detail, /not ACTIVE/);
  t.match(expectProblem(t, await c.call({ method: 'POST', url: `${BASE}/schedule/jobs`, payload: { action: 'LATER' } }), 400, 'OIC-400001').detail, /action must be one of NOW|action/);
  t.equal(c.snapshot(), before);
});

t.test('stop and pause: 404 for an unknown project, integration or schedule; start: bad parameters are 400s; nothing written', async (t) => {
  const c = await setup(t);
  const NOPE = enc('NOPE|01.00.0000');
  const notFound = async (url: string, detail: RegExp) => t.match(expectProblem(t, await c.call({ method: 'POST', url, payload: {} }), 404, 'OIC-404001').detail, detail, url);
  const none = c.snapshot();
  for (const action of ['stop', 'pause']) {
    await notFound(`${BASE}/schedule/${action}`, /^Integration 'SCHEDULED_RATES\|01\.00\.0000' has no schedule; create one with POST /);
    await notFound(`${PROJECTS}/NOPE/integrations/${enc(ID)}/schedule/${action}`, /^Project with ID 'NOPE' was not found$/);
    await notFound(`${PROJECTS}/RATES/integrations/${NOPE}/schedule/${action}`, /^Integration with ID 'NOPE\|01\.00\.0000' was not found$/);
  }
  await notFound(`${API}/integrations/${enc(ID)}/schedule/pause`, /has no schedule/);
  await notFound(`${API}/integrations/${NOPE}/schedule/pause`, /^Integration with ID 'NOPE\|01\.00\.0000' was not found$/);
  t.equal(c.snapshot(), none, 'no schedule and no pause mark written');

  await c.ok('POST', `${BASE}/schedule`, { frequency: { frequencyType: 'DAILY', interval: 1 }, startDate: '2/14/2025|6:30:0', scheduleTZ: 'UTC' });
  const defined = c.snapshot();
  const bad = async (payload: unknown, detail: RegExp) => t.match(expectProblem(t, await c.call({ method: 'POST', url: `${BASE}/schedule/start`, payload: payload as object }), 400, 'OIC-400001').detail, detail);
  await bad({ parameters: 'batch=7' }, /^body\.parameters must be array$/);
  await bad({ parameters: [{ name: 'batch' }] }, /^body\.parameters\.0\.value is required$/);
  await bad({ parameters: [{ name: '', value: '7' }] }, /^body\.parameters\.0\.name must NOT have fewer than 1 characters$/);
  await bad({ parameters: [{ name: 'batch', value: '7', type: 'STRING' }] }, /^body\.parameters\.0\.type is not an allowed property$/);
  await bad({ parameters: Array.from({ length: 51 }, (_, i) => ({ name: `p${i}`, value: 'v' })) }, /^body\.parameters must NOT have more than 50 items$/);
  await bad({ params: [{ name: 'batch', value: '7' }] }, /^body\.params is not an allowed property$/);
  t.match(expectProblem(t, await c.call({ method: 'POST', url: `${BASE}/schedule/stop`, payload: '{"x": ', headers: { 'content-type': 'application/json' } }), 400, 'OIC-400001').detail, /^Malformed JSON body/);
  t.match(expectProblem(t, await c.call({ method: 'POST', url: `${BASE}/schedule/pause?async=maybe`, payload: {} }), 400, 'OIC-400001').detail, /^querystring\.async must be boolean$/);
  t.equal(c.snapshot(), defined, 'the schedule is still stopped, without parameters');
  const view = await c.ok('GET', `${BASE}/schedule`);
  t.equal(view.status, 'STOPPED');
  t.same(view.parameters ?? [], [], 'no parameters set');
});
