/**
 * The rest of Oracle's monitoring API (Developer API for Oracle Integration 3,
 * Integrations/Monitoring): the deprecated activityStream alias, abort and
 * replay of one instance, log downloads (a zip), the audit trail of
 * design-time changes with Oracle's q, and groupBy/expand on the lists.
 */
import t from 'tap';
import { unzipSync, strFromU8 } from 'fflate';
import { expectProblem } from '../../../helpers/app';
import { API, MON, PATCH, activate, enc, multipart, realApp, seedIntegration, type RealTestApp } from '../../../helpers/real-oic';
import { DEFAULT_CLIENT } from '../../../../src/config';

const ID = 'ORDERS_SYNC|01.00.0000';
const q = (text: string) => `q=${enc(text)}`;

async function outcomes(c: RealTestApp, id: string, list: string[], ms = 1000) {
  await c.ok('POST', `/_emulator/integrations/${enc(id)}/outcomes`, { outcomes: list, failureRate: 0, minDurationMs: ms, maxDurationMs: ms });
}

async function runNow(c: RealTestApp, id: string, orderId: string): Promise<string> {
  return (await c.ok('POST', `${API}/integrations/${enc(id)}/schedule/jobs`, { parameters: [{ name: 'orderId', value: orderId }] })).id;
}

/** An app with ORDERS_SYNC active and its next runs' outcomes set, each taking `ms`. */
async function activeOrdersSync(t: Parameters<typeof realApp>[0], list: string[], ms: number): Promise<RealTestApp> {
  const c = await realApp(t);
  await seedIntegration(c, 'ORDERS_SYNC');
  await activate(c, ID);
  await outcomes(c, ID, list, ms);
  return c;
}

t.test('abort: a running instance becomes ABORTED; a finished one is a 412', async (t) => {
  const c = await activeOrdersSync(t, ['SUCCESS', 'SUCCESS'], 60_000);
  const running = await runNow(c, ID, 'ORD-1');
  await c.advance(5);
  const aborted = await c.ok('POST', `${MON}/instances/${enc(running)}/abort`);
  t.match(aborted, { id: running, status: 'ABORTED', primaryValue: 'ORD-1', processingEndDate: '2025-06-15T10:00:05.000Z', duration: 5000 });
  t.equal(aborted.recoverable, undefined, 'an aborted instance is not an error to recover');
  t.equal((await c.ok('GET', `${MON}/instances/${enc(running)}`)).status, 'ABORTED');
  await c.advance(120);
  t.equal((await c.ok('GET', `${MON}/instances/${enc(running)}`)).status, 'ABORTED', 'the runtime does not finish it later');
  t.equal((await c.ok('GET', `/ic/api/monitoring/v1/executions/${enc(running)}`)).status, 'FAILED', "the seed's API sees a failed run");

  const byStatus = await c.ok('GET', `${MON}/instances?${q("{status:'ABORTED'}")}`);
  t.same(byStatus.items.map((i: any) => i.id), [running]);
  t.equal((await c.ok('GET', `${MON}/instances?${q("{status:'FAILED'}")}`)).totalResults, 0, 'FAILED leaves the aborted one out');
  t.equal((await c.ok('GET', `${MON}/errors`)).totalResults, 0, 'nor is it in the errors list');
  t.match(await c.ok('GET', `${MON}/integrations/${enc(ID)}`), { noOfAborted: 1, noOfErrors: 0, noOfMsgsReceived: 1 });

  const before = c.snapshot();
  t.match(expectProblem(t, await c.call({ method: 'POST', url: `${MON}/instances/${enc(running)}/abort` }), 412, 'OIC-412001').detail, /ABORTED: only an instance in progress/);
  const done = await runNow(c, ID, 'ORD-2');
  await c.advance(120);
  t.equal(c.snapshot().includes(`"${done}"`), true);
  const snap = c.snapshot();
  t.match(expectProblem(t, await c.call({ method: 'POST', url: `${MON}/instances/${enc(done)}/abort` }), 412, 'OIC-412001').detail, /COMPLETED/);
  t.equal(c.snapshot(), snap, 'a refused abort writes nothing');
  expectProblem(t, await c.call({ method: 'POST', url: `${MON}/instances/NOPE/abort` }), 404, 'OIC-404001');
  t.not(before, snap);
});

t.test('replay: a finished instance runs again with its tracking values; a running one is a 412', async (t) => {
  const c = await activeOrdersSync(t, ['FAILED', 'SUCCESS', 'SUCCESS'], 1000);
  const first = await runNow(c, ID, 'ORD-7');
  await c.advance(10);
  const replay = await c.ok('POST', `${MON}/instances/${enc(first)}/replay?integrationInstance=x`);
  t.not(replay.id, first);
  t.match(replay, { replayedFrom: first, status: 'IN_PROGRESS', primaryValue: 'ORD-7', invokedBy: 'RUN_NOW', integrationId: 'ORDERS_SYNC' });
  const snap = c.snapshot();
  t.match(expectProblem(t, await c.call({ method: 'POST', url: `${MON}/instances/${enc(replay.id)}/replay` }), 412, 'OIC-412001').detail, /still IN_PROGRESS/);
  t.equal(c.snapshot(), snap, 'nothing started');
  await c.advance(10);
  t.equal((await c.ok('GET', `${MON}/instances/${enc(replay.id)}`)).status, 'COMPLETED');
  await c.ok('POST', `${API}/integrations/${enc(ID)}`, { status: 'CONFIGURED' }, PATCH);
  expectProblem(t, await c.call({ method: 'POST', url: `${MON}/instances/${enc(first)}/replay` }), 412, 'OIC-412001');
});

t.test('activityStream is the deprecated alias of activityStreamDetails', async (t) => {
  const c = await activeOrdersSync(t, ['FAILED'], 1000);
  const run = await runNow(c, ID, 'ORD-1');
  await c.advance(10);
  const alias = await c.ok('GET', `${MON}/instances/${enc(run)}/activityStream`);
  t.same(alias, await c.ok('GET', `${MON}/instances/${enc(run)}/activityStreamDetails`));
  t.match(alias, { instanceId: run, integrationId: 'ORDERS_SYNC', status: 'FAILED' });
  t.ok(alias.items.length >= 2 && alias.errors.length === 1);
  expectProblem(t, await c.call({ method: 'GET', url: `${MON}/instances/NOPE/activityStream` }), 404, 'OIC-404001');
});

t.test('logs: icsflowlog and icsauditlog are zips of text lines in the window', async (t) => {
  const c = await activeOrdersSync(t, ['SUCCESS', 'FAILED'], 1000);
  const ok = await runNow(c, ID, 'ORD-1');
  await c.advance(10);
  const bad = await runNow(c, ID, 'ORD-2');
  await c.advance(10);
  const res = await c.call({ method: 'GET', url: `${MON}/logs/icsflowlog?${q("{timewindow:'1d'}")}` });
  t.equal(res.statusCode, 200);
  t.equal(res.headers['content-type'], 'application/zip');
  t.equal(res.headers['content-disposition'], 'attachment; filename="icsflowlog.zip"');
  const files = unzipSync(res.rawPayload);
  t.same(Object.keys(files), ['icsflowlog.log']);
  const lines = strFromU8(files['icsflowlog.log']).trim().split('\n');
  t.ok(lines.some((l) => l.includes(`[ORDERS_SYNC|01.00.0000] [${ok}]`) && l.startsWith('2025-06-15T10:00:00')), 'the first run is logged');
  t.ok(lines.some((l) => l.includes(`[${bad}]`) && / ERROR /.test(l)), 'the failure is an ERROR line');
  t.same([...lines].sort(), lines, 'in time order');

  const audit = unzipSync((await c.call({ method: 'GET', url: `${MON}/logs/icsauditlog?${q("{timewindow:'1d'}")}` })).rawPayload)['icsauditlog.log'];
  t.match(strFromU8(audit), new RegExp(`INFO  ${DEFAULT_CLIENT.clientId} ACTIVATE ICS_AppInstance ORDERS_SYNC\\|01.00.0000`));
  const empty = unzipSync((await c.call({ method: 'GET', url: `${MON}/logs/icsflowlog?${q("{startdate:'2025-06-14 00:00:00', enddate:'2025-06-14 01:00:00'}")}` })).rawPayload);
  t.equal(empty['icsflowlog.log'].length, 0, 'an empty window is an empty log');
  const one = strFromU8(unzipSync((await c.call({ method: 'GET', url: `${MON}/logs/${enc(bad)}` })).rawPayload)[`${bad}.log`]).trim().split('\n');
  t.ok(one.length >= 2 && one.every((l) => l.includes(`[${bad}]`)), "an instance id: that instance's lines only");
  t.match(expectProblem(t, await c.call({ method: 'GET', url: `${MON}/logs/serverlog` }), 404, 'OIC-404001').detail, /icsflowlog, icsauditlog/);
  expectProblem(t, await c.call({ method: 'GET', url: `${MON}/logs/icsflowlog?${q("{timewindow:'9y'}")}` }), 400, 'OIC-400001');
});

t.test('auditRecords: every design-time change, with user, type and time, filtered by q', async (t) => {
  const c = await realApp(t);
  await seedIntegration(c, 'ORDERS_SYNC');
  await c.advance(3600);
  await activate(c, ID);
  await c.advance(60);
  await c.ok('POST', `${API}/integrations/${enc(ID)}`, { status: 'CONFIGURED' }, PATCH);
  await c.ok('DELETE', `${API}/integrations/${enc(ID)}`);
  await c.ok('POST', `${API}/lookups`, { name: 'Countries', identifier: 'COUNTRIES', columns: [{ name: 'A', type: 'STRING' }, { name: 'B', type: 'STRING' }], data: [{ A: '1', B: '2' }] });
  const snap = c.snapshot();
  expectProblem(t, await c.call({ method: 'DELETE', url: `${API}/integrations/${enc(ID)}` }), 404, 'OIC-404001');
  t.equal(c.snapshot(), snap, 'a refused write is not audited');

  const all = await c.ok('GET', `${MON}/auditRecords?${q("{timewindow:'1d'}")}`);
  t.same(all.items.map((r: any) => `${r.type} ${r.action} ${r.resourceId}`), [
    'ICS_DVM CREATE COUNTRIES',
    `ICS_AppInstance DELETE ${ID}`,
    `ICS_AppInstance DEACTIVATE ${ID}`,
    `ICS_AppInstance ACTIVATE ${ID}`,
    `ICS_AppInstance CREATE ${ID}`,
    'ICS_Connection CREATE DST_CONN',
    'ICS_Connection CREATE SRC_CONN',
  ], 'newest first');
  t.match(all.items[3], { code: 'ORDERS_SYNC', version: '01.00.0000', name: 'orders_sync flow', user: DEFAULT_CLIENT.clientId, timestamp: '2025-06-15T11:00:00.000Z' });
  t.match(all, { totalResults: 7, hasMore: false, timeWindow: '1d' });

  t.equal((await c.ok('GET', `${MON}/auditRecords`)).totalResults, 4, 'default window 1h: the creates at 10:00 are older');
  const typed = await c.ok('GET', `${MON}/auditRecords?${q("{timewindow:'1d', type:/AppInst/}")}`);
  t.same(typed.items.map((r: any) => r.action), ['DELETE', 'DEACTIVATE', 'ACTIVATE', 'CREATE']);
  const distinct = await c.ok('GET', `${MON}/auditRecords?${q("{timewindow:'1d', type:'ICS_AppInstance', distinct:'true'}")}`);
  t.same(distinct.items.map((r: any) => r.action), ['DELETE'], 'distinct: the newest record per resource');
  const limited = await c.ok('GET', `${MON}/auditRecords?${q("{timewindow:'1d', limit:'2', code:'ORDERS_SYNC'}")}&limit=1&offset=1`);
  t.match(limited, { totalResults: 2, limit: 1, offset: 1, hasMore: false });
  t.equal(limited.items[0].action, 'DEACTIVATE');
  for (const bad of ["{colour:'red'}", "{limit:'0'}", "{distinct:'maybe'}", "{timewindow:/1d/}", 'not-a-filter']) {
    t.match(expectProblem(t, await c.call({ method: 'GET', url: `${MON}/auditRecords?${q(bad)}` }), 400, 'OIC-400001').detail, /q/, bad);
  }
});

t.test('groupBy and expand on instances and errors', async (t) => {
  const c = await realApp(t);
  await seedIntegration(c, 'ORDERS_SYNC');
  await seedIntegration(c, 'BILLING_SYNC');
  const BILLING = 'BILLING_SYNC|01.00.0000';
  await activate(c, ID);
  await activate(c, BILLING);
  await outcomes(c, ID, ['FAILED', 'FAILED', 'SUCCESS'], 1000);
  await outcomes(c, BILLING, ['FAILED'], 1000);
  for (let i = 1; i <= 3; i++) { await runNow(c, ID, `ORD-${i}`); await c.advance(5); }
  await runNow(c, BILLING, 'INV-1');
  await c.advance(5);

  const grouped = await c.ok('GET', `${MON}/instances?groupBy=integration`);
  t.match(grouped, { groupBy: 'integration', totalResults: 2 });
  t.match(grouped.items[0], { integrationId: 'ORDERS_SYNC', integrationVersion: '01.00.0000', count: 3 });
  t.equal(grouped.items[0].instanceIds.length, 3);
  t.match(grouped.items[1], { integrationId: 'BILLING_SYNC', count: 1 });

  const byMessage = await c.ok('GET', `${MON}/errors?groupBy=messages`);
  t.equal(byMessage.items.reduce((n: number, g: any) => n + g.count, 0), 3, 'every recoverable error is in a group');
  t.ok(byMessage.items.every((g: any) => typeof g.errorCode === 'string' && typeof g.errorMessage === 'string'));
  const byConnection = await c.ok('GET', `${MON}/errors?groupBy=connection`);
  t.ok(byConnection.items.every((g: any) => ['SRC_CONN', 'DST_CONN'].includes(g.connectionId)), 'grouped by the failing invoke');

  const instances = await c.ok('GET', `${MON}/instances?expand=integration&${q("{code:'ORDERS_SYNC'}")}`);
  t.ok(instances.items.length === 3 && instances.items.every((i: any) => i.integration?.id === ID), 'expand on instances too');
  t.equal(instances.items[0].errorCode, undefined, 'an instance list carries no error fields');
  const expanded = await c.ok('GET', `${MON}/errors?expand=integration,connection&${q("{code:'BILLING_SYNC'}")}`);
  t.equal(expanded.totalResults, 1);
  t.match(expanded.items[0].integration, { id: BILLING, code: 'BILLING_SYNC', version: '01.00.0000', status: 'ACTIVATED' });
  t.match(expanded.items[0].connection, { id: /^(SRC|DST)_CONN$/, adapterType: 'rest' });
  t.equal((await c.ok('GET', `${MON}/errors`)).items[0].integration, undefined, 'no expand, no integration object');

  expectProblem(t, await c.call({ method: 'GET', url: `${MON}/instances?groupBy=connection` }), 400, 'OIC-400001');
  expectProblem(t, await c.call({ method: 'GET', url: `${MON}/instances?groupBy=integration&fields=id` }), 400, 'OIC-400001');
  expectProblem(t, await c.call({ method: 'GET', url: `${MON}/errors?groupBy=status` }), 400, 'OIC-400001');
  expectProblem(t, await c.call({ method: 'GET', url: `${MON}/errors?expand=everything` }), 400, 'OIC-400001');
});

t.test('auditRecords: bulk actions per integration, schedule changes, and the user who made them', async (t) => {
  const c = await realApp(t);
  await seedIntegration(c, 'ORDERS_SYNC');
  await seedIntegration(c, 'BILLING_SYNC');
  const BILLING = 'BILLING_SYNC|01.00.0000';
  const bulk = await c.ok('POST', `${API}/integrations/bulk`, { action: 'ACTIVATE', ids: [ID, BILLING, 'NOPE|01.00.0000'] });
  t.equal(bulk.items.filter((i: any) => i.status < 300).length, 2);
  await c.ok('POST', `${API}/integrations/${enc(ID)}/schedule`, { frequency: 'DAILY', startTime: '2025-06-16T09:00:00Z' });
  await c.ok('POST', `${API}/integrations/${enc(ID)}/schedule/start`);
  await c.ok('POST', `${API}/integrations/${enc(ID)}/schedule/pause`);
  const records = await c.ok('GET', `${MON}/auditRecords?${q("{limit:'50'}")}`);
  const lines = records.items.map((r: any) => `${r.type} ${r.action} ${r.resourceId}`);
  t.same(lines.slice(0, 5), [
    `ICS_Schedule PAUSE ${ID}`, `ICS_Schedule START ${ID}`, `ICS_Schedule CREATE ${ID}`,
    `ICS_AppInstance ACTIVATE ${BILLING}`, `ICS_AppInstance ACTIVATE ${ID}`,
  ], 'one record per integration the bulk call changed, none for the refused id');
  t.ok(records.items.every((r: any) => r.user === DEFAULT_CLIENT.clientId));
  t.match(records.items[0], { code: 'ORDERS_SYNC', version: '01.00.0000' });
});

t.test('auditRecords: archive imports (add and replace) are IMPORT records; a refused import records nothing', async (t) => {
  const c = await realApp(t);
  const id = await seedIntegration(c, 'ORDERS_SYNC');
  const iar = (await c.call({ method: 'GET', url: `${API}/integrations/${enc(id)}/archive` })).rawPayload;
  const body = () => multipart([{ field: 'file', name: 'ORDERS_SYNC_01.00.0000.iar', content: iar }]);
  t.equal((await c.call({ method: 'POST', url: `${API}/integrations/archive`, ...body() })).statusCode, 409);
  t.ok((await c.call({ method: 'PUT', url: `${API}/integrations/archive`, ...body() })).statusCode < 300);
  await c.ok('DELETE', `${API}/integrations/${enc(id)}`);
  t.ok((await c.call({ method: 'POST', url: `${API}/integrations/archive`, ...body() })).statusCode < 300);
  const records = await c.ok('GET', `${MON}/auditRecords?${q("{type: 'ICS_AppInstance'}")}`);
  t.same(records.items.map((r: any) => `${r.action} ${r.resourceId}`), [`IMPORT ${ID}`, `DELETE ${ID}`, `IMPORT ${ID}`, `CREATE ${ID}`]);
  t.match(records.items[0], { code: 'ORDERS_SYNC', version: '01.00.0000', name: 'orders_sync flow' });
});
