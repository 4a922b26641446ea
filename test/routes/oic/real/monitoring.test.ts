/**
 * Real monitoring (reference 2.2: /ic/api/integration/v1/monitoring/...):
 * instances with the q filter (timewindow, code, version, status, orderBy,
 * tracking values, paging), one instance, its activity stream, integrations
 * with counters, history. Cross-API: integrations created through the seed,
 * activated the real way, observed through both monitoring APIs, which must
 * describe the same executions.
 */
import t from 'tap';
import { expectProblem } from '../../../helpers/app';
import { API, MON, PATCH, SEED_MON, SEED_PROJECTS, enc, realApp, seedIntegration, type RealTestApp } from '../../../helpers/real-oic';

const ORDERS = 'ORDERS_SYNC|01.00.0000';
const BILLING = 'BILLING_SYNC|01.00.0000';
const q = (text: string) => `q=${enc(text)}`;

/** Three ORDERS runs (the 2nd fails) and one BILLING run, 1 s each, all finished by 10:01. */
async function world(t: Parameters<typeof realApp>[0]): Promise<RealTestApp & { runs: string[] }> {
  const c = await realApp(t);
  await c.ok('POST', SEED_PROJECTS, { name: 'Shop', identifier: 'SHOP' });
  await seedIntegration(c, 'ORDERS_SYNC', { projectId: 'SHOP' });
  await seedIntegration(c, 'BILLING_SYNC');
  await c.ok('POST', `${API}/integrations/${enc(ORDERS)}`, { status: 'ACTIVATED' }, PATCH);
  await c.ok('POST', `${API}/integrations/${enc(BILLING)}/activate`, {});
  for (const id of [ORDERS, BILLING]) {
    await c.ok('POST', `/_emulator/integrations/${enc(id)}/outcomes`, { outcomes: id === ORDERS ? ['SUCCESS', 'FAILED', 'SUCCESS'] : ['SUCCESS'], failureRate: 0, minDurationMs: 1000, maxDurationMs: 1000 });
  }
  const runs: string[] = [];
  for (let i = 0; i < 3; i++) {
    const res = await c.call({ method: 'POST', url: `${API}/projects/SHOP/integrations/${enc(ORDERS)}/schedule/jobs`, payload: { parameters: [{ name: 'orderId', value: `ORD-${i + 1}` }, { name: 'region', value: i === 1 ? 'EU' : 'US' }] } });
    runs.push(String(res.headers.location).split('/').pop()!);
    await c.advance(10);
  }
  runs.push((await c.ok('POST', `${API}/integrations/${enc(BILLING)}/schedule/jobs`, { parameters: [{ name: 'invoice', value: 'INV-9' }] })).id);
  await c.advance(30);
  return Object.assign(c, { runs });
}

t.test('instances: the seed\'s executions, in real words, from either API', async (t) => {
  const c = await world(t);
  const list = await c.ok('GET', `${MON}/instances?integrationInstance=x`);
  t.equal(list.totalResults, 4);
  t.match(list, { hasMore: false, limit: 100, offset: 0, timeWindow: '1h', dataFetchTime: '2025-06-15T10:01:00.000Z' });
  t.same(list.items.map((i: any) => i.id), [c.runs[3], c.runs[2], c.runs[1], c.runs[0]], 'last updated first');
  for (const item of list.items) {
    const seed = await c.ok('GET', `${SEED_MON}/executions/${enc(item.id)}`);
    t.equal(item.creationDate, seed.startTime, `${item.id}: same start`);
    t.equal(item.processingEndDate, seed.endTime, `${item.id}: same end`);
    t.equal(item.duration, seed.duration);
    t.equal(item.status, { SUCCESS: 'COMPLETED', FAILED: 'FAILED' }[seed.status as string]);
    t.equal(`${item.integrationId}|${item.integrationVersion}`, seed.integrationId);
  }
  const failed = list.items.find((i: any) => i.id === c.runs[1]);
  t.match(failed, {
    instanceId: c.runs[1], integrationId: 'ORDERS_SYNC', integrationName: 'orders_sync flow', integrationVersion: '01.00.0000', projectCode: 'SHOP',
    status: 'FAILED', creationDate: '2025-06-15T10:00:10.000Z', invokedBy: 'RUN_NOW', runId: c.runs[1], recoverable: true,
    primaryValue: 'ORD-2', secondaryValue: 'EU', trackings: [{ name: 'orderId', value: 'ORD-2', primary: true }, { name: 'region', value: 'EU', primary: false }],
  });
  t.same(failed.links[0], { rel: 'self', href: `${MON}/instances/${c.runs[1]}` });
  t.same(await c.ok('GET', `${MON}/instances/${enc(c.runs[1])}?return=minimal`), failed, 'GET one = the list item');
  expectProblem(t, await c.call({ method: 'GET', url: `${MON}/instances/NOPE` }), 404, 'OIC-404001');
});

t.test('instances: the q filter and paging', async (t) => {
  const c = await world(t);
  const ids = async (query: string) => (await c.ok('GET', `${MON}/instances?${query}`)).items.map((i: any) => i.id);
  const [o1, o2, o3, b1] = c.runs;
  t.same(await ids(q("{code:'ORDERS_SYNC'}")), [o3, o2, o1]);
  t.same(await ids(q("{code:'ORDERS_SYNC', version:'01.00.0000', status:'FAILED'}")), [o2]);
  t.same(await ids(q("{status:'COMPLETED', orderBy:'creationdate'}")), [b1, o3, o1]);
  t.same(await ids(q("{status:'ABORTED'}")), [], 'nothing aborted yet');
  t.same(await ids(q("{projectCode:'SHOP', primaryValue:'ORD-1'}")), [o1]);
  t.same(await ids(q("{secondaryValue:'US'}")), [o3, o1]);
  t.same(await ids(q("{businessIDValue:'INV-9'}")), [b1]);
  t.same(await ids(q(`{id:'${o2}'}`)), [o2]);
  t.same(await ids(q(`{runId:'${o3}'}`)), [o3]);
  t.same(await ids(q("{startdate:'2025-06-15 10:00:05', enddate:'2025-06-15T10:00:15Z'}")), [o2]);
  t.same(await ids(`${q("{orderBy:'creationdate'}")}&limit=2&offset=1`), [o3, o2]);
  t.match(await c.ok('GET', `${MON}/instances?limit=2&offset=1`), { totalResults: 4, hasMore: true, limit: 2, offset: 1 });

  await c.advance(3600);
  t.same(await ids(''), [], 'default timewindow 1h: an hour later nothing is recent');
  t.equal((await ids(q("{timewindow:'6h'}"))).length, 4);
  t.equal((await ids(q("{timewindow:'RETENTIONPERIOD'}"))).length, 4);

  const fieldsId = await c.ok('GET', `${MON}/instances?fields=id&${q("{timewindow:'1d', code:'BILLING_SYNC'}")}`);
  t.same(Object.keys(fieldsId.items[0]).sort(), ['id', 'links'], 'fields=id');
  t.same(Object.keys((await c.ok('GET', `${MON}/instances?fields=runId&${q("{timewindow:'1d', code:'BILLING_SYNC'}")}`)).items[0]).sort(), ['links', 'runId']);
  t.ok((await c.ok('GET', `${MON}/instances?fields=all&${q("{timewindow:'1d'}")}`)).items[0].trackings, 'fields=all is everything');

  const bad = async (query: string, detail: RegExp) => t.match(expectProblem(t, await c.call({ method: 'GET', url: `${MON}/instances?${query}` }), 400, 'OIC-400001').detail, detail);
  await bad(q("{status:'DONE'}"), /status must be one of IN_PROGRESS, COMPLETED, FAILED, ABORTED/);
  await bad(q("{timewindow:'2h'}"), /timewindow must be one of 1h, 6h, 1d, 2d, 3d, RETENTIONPERIOD/);
  await bad(q("{orderBy:'name'}"), /orderBy must be one of lastupdateddate, creationdate, executiontime/);
  await bad(q("{owner:'me'}"), /'owner', which is not supported here/);
  await bad(q('{code: ORDERS}'), /not a valid filter/);
  await bad(q("{code: ['A']}"), /code must be a quoted value/);
  await bad(q("{startdate:'yesterday'}"), /startdate must be a UTC date-time/);
  await bad(q("{startdate:'2025-06-16', enddate:'2025-06-15'}"), /must be before enddate/);
  await bad(q("{primaryValue:'a', secondaryValue:'b'}"), /give one of primaryValue/);
  await bad('fields=name', /fields' must be id, runId or all/);
  await bad('groupBy=status', /groupBy' must be one of integration/);
  await bad('limit=501', /limit/);
});

t.test('activity stream and counters agree with the seed\'s activities and metrics', async (t) => {
  const c = await world(t);
  const [, o2] = c.runs;
  const stream = await c.ok('GET', `${MON}/instances/${enc(o2)}/activityStreamDetails`);
  const seedActivities = await c.ok('GET', `${SEED_MON}/executions/${enc(o2)}/activities`);
  const seedErrors = await c.ok('GET', `${SEED_MON}/executions/${enc(o2)}/errors`);
  t.match(stream, { instanceId: o2, integrationId: 'ORDERS_SYNC', status: 'FAILED', totalResults: seedActivities.activities.length });
  t.same(stream.items.map((a: any) => [a.name, a.status, a.date]), seedActivities.activities.map((a: any) => [a.name, a.status, a.startTime]));
  t.same(stream.errors, seedErrors.errors);
  const missing = expectProblem(t, await c.call({ method: 'GET', url: `${MON}/instances/NOPE/activityStreamDetails` }), 404, 'OIC-404001');
  t.equal(missing.detail, "Instance with ID 'NOPE' was not found");

  const monitored = await c.ok('GET', `${MON}/integrations?${q("{timewindow:'1d'}")}`);
  t.same(monitored.items.map((m: any) => m.code), ['BILLING_SYNC', 'ORDERS_SYNC']);
  const orders = monitored.items[1];
  t.match(orders, {
    id: ORDERS, flowStatus: 'ACTIVATED', projectCode: 'SHOP', noOfMsgsReceived: 3, noOfMsgsProcessed: 3, noOfSuccess: 2, noOfErrors: 1,
    noOfAborted: 0, noOfInProgress: 0, successRate: 66.67, scheduleApplicable: true, scheduleDefined: false, scheduleStatus: 'NOT_DEFINED', mepType: 'SCHEDULED',
  });
  const metrics = await c.ok('GET', `${SEED_MON}/integrations/${enc(ORDERS)}/metrics?period=24h`);
  t.equal(metrics.metrics.summary.totalExecutions, orders.noOfMsgsProcessed, 'the seed\'s metrics count the same runs');
  t.equal(metrics.metrics.summary.failedExecutions, orders.noOfErrors);
  t.equal(metrics.metrics.summary.successfulExecutions, orders.noOfSuccess);
  t.match(await c.ok('GET', `${MON}/integrations/${enc(BILLING)}`), { noOfMsgsReceived: 1, successRate: 100, timeWindow: '1h' });
  t.same((await c.ok('GET', `${MON}/integrations?${q("{projectCode:'SHOP'}")}`)).items.map((m: any) => m.code), ['ORDERS_SYNC']);

  // A deactivated integration without recent runs drops out; one with runs stays.
  await c.ok('POST', `${API}/integrations/${enc(BILLING)}`, { status: 'CONFIGURED' }, PATCH);
  await c.advance(7200);
  t.same((await c.ok('GET', `${MON}/integrations`)).items.map((m: any) => [m.code, m.noOfMsgsReceived]), [['ORDERS_SYNC', 0]]);
  t.match(expectProblem(t, await c.call({ method: 'GET', url: `${MON}/integrations?${q("{status:'FAILED'}")}` }), 400, 'OIC-400001').detail, /'status', which is not supported here/);
  expectProblem(t, await c.call({ method: 'GET', url: `${MON}/integrations/NOPE%7C01.00.0000` }), 404, 'OIC-404001');
});

t.test('history: hourly or daily buckets over the same executions', async (t) => {
  const c = await world(t);
  const hourly = await c.ok('GET', `${MON}/history`);
  t.match(hourly, { frequency: 'hourly', timeWindow: '1d', startDate: '2025-06-14T10:00:00.000Z', endDate: '2025-06-15T11:00:00.000Z', totalResults: 25 });
  t.same(hourly.items.at(-1), { date: '2025-06-15T10:00:00.000Z', noOfMsgsReceived: 4, noOfMsgsProcessed: 4, noOfSuccess: 3, noOfErrors: 1, noOfAborted: 0 });
  t.equal(hourly.items.slice(0, -1).reduce((n: number, b: any) => n + b.noOfMsgsReceived, 0), 0, 'earlier hours are empty');
  const daily = await c.ok('GET', `${MON}/history?frequency=daily&${q("{timewindow:'3d', code:'ORDERS_SYNC'}")}`);
  t.same(daily.items.map((b: any) => [b.date, b.noOfMsgsReceived]), [['2025-06-12T00:00:00.000Z', 0], ['2025-06-13T00:00:00.000Z', 0], ['2025-06-14T00:00:00.000Z', 0], ['2025-06-15T00:00:00.000Z', 3]]);
  t.equal((await c.ok('GET', `${MON}/history?${q("{timewindow:'RETENTIONPERIOD'}")}`)).totalResults, 1, 'RETENTIONPERIOD starts at the oldest instance');
  expectProblem(t, await c.call({ method: 'GET', url: `${MON}/history?frequency=weekly` }), 400, 'OIC-400001');
  t.match(expectProblem(t, await c.call({ method: 'GET', url: `${MON}/history?${q("{startdate:'2020-01-01'}")}` }), 400, 'OIC-400001').detail, /at most 10000/);
});

t.test('a schedule made with the seed\'s API fires on the clock; the real API sees the runs and the counters', async (t) => {
  const c = await realApp(t, {}, '2025-06-15T00:00:00Z');
  const id = await seedIntegration(c, 'HOURLY_SYNC');
  await c.ok('POST', `${API}/integrations/${enc(id)}/schedule`, { frequency: 'HOURLY', startTime: '2025-06-15T00:30:00Z', parameters: [{ name: 'batch', value: 'B1' }] });
  await c.ok('POST', `${API}/integrations/${enc(id)}`, { status: 'ACTIVATED' }, PATCH);
  await c.ok('POST', `/_emulator/integrations/${enc(id)}/outcomes`, { failureRate: 0 });
  await c.advance(6 * 3600);
  const seed = (await c.ok('GET', `${SEED_MON}/integrations/${enc(id)}/executions?limit=50`)).items;
  const real = await c.ok('GET', `${MON}/instances?${q("{timewindow:'6h', orderBy:'creationdate'}")}`);
  t.equal(seed.length, 6, 'six hourly runs');
  t.same(real.items.map((i: any) => i.id), seed.map((e: any) => e.id), 'the same runs, newest first');
  t.match(real.items[0], { invokedBy: 'SCHEDULE', runId: seed[0].id, primaryValue: 'B1', status: 'COMPLETED' });
  t.match((await c.ok('GET', `${MON}/integrations?${q("{timewindow:'6h'}")}`)).items[0], { code: 'HOURLY_SYNC', noOfMsgsReceived: 6, noOfSuccess: 6, successRate: 100, scheduleDefined: true, scheduleStatus: 'STARTED' });
  const span = 'startTime=2025-06-15T00:00:00Z&endTime=2025-06-15T06:00:00Z';
  t.equal((await c.ok('GET', `${SEED_MON}/integrations/${enc(id)}/metrics?${span}&interval=1h`)).metrics.summary.totalExecutions, 6, 'the seed\'s metrics over the same span');
  t.equal((await c.ok('GET', `${MON}/integrations/${enc(id)}?${q("{startdate:'2025-06-15T00:00:00Z', enddate:'2025-06-15T06:00:00Z'}")}`)).noOfMsgsProcessed, 6);
});
