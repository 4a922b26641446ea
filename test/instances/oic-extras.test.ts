/**
 * The OIC state that the archive, audit, abort, library, certificate and
 * File Server APIs keep belongs to one service instance like the rest: the
 * same archive, package, library, certificate alias, File Server file and
 * aborted run in two instances are two different objects, each instance's
 * audit trail holds only its own changes, and emptying one instance
 * (reset ?instance=) leaves the other as it was.
 */
import t from 'tap';
import type { InjectOptions } from 'fastify';
import { buildTestApp, type TestApp } from '../helpers/app';
import { buildIarFile, carEntries, parEntries, zipEntries, type TestCar, type TestFlow } from '../helpers/archives';
import { multipart } from '../helpers/real-oic';
import { Clock } from '../../src/core/clock';

const API = '/ic/api/integration/v1';
const MON = `${API}/monitoring`;
const FS = '/ic/api/fileserver/v1';
const enc = encodeURIComponent;
const b64 = (path: string) => Buffer.from(path).toString('base64url');
const octet = { 'content-type': 'application/octet-stream' };

const FLOW: TestFlow = {
  code: 'ORDER_SYNC',
  name: 'Order Sync',
  trigger: { conn: 'ORDERS_REST', name: 'ReceiveOrder', rest: { verb: 'POST', uri: '/orders' } },
  invokes: [{ conn: 'ERP', name: 'CreateOrder' }],
  connections: [
    { code: 'ORDERS_REST', type: 'rest', name: 'Orders REST', props: { connectionUrl: 'https://orders.example.com' } },
    { code: 'ERP', type: 'rest', name: 'ERP', props: { connectionUrl: 'https://erp.example.com' } },
  ],
};
const PACKAGED: TestFlow = { ...FLOW, code: 'PKG_FLOW', name: 'Packaged flow' };
const IAR_ID = 'ORDER_SYNC|01.00.0000';
const CAR: TestCar = {
  code: 'ERP_Orders',
  flows: [{ ...FLOW, code: 'CAR_REST', trigger: { conn: 'ORDERS_REST', name: 'Receive', rest: { verb: 'POST', uri: '/orders/{orderId}', responseSample: '{"accepted":true}' } } },
    { code: 'NIGHTLY', mepType: 'MEP07', smartTags: 'style:scheduled orchestration', trigger: { conn: 'PRESEEDED_SCHEDULER', name: 'Schedule' }, invokes: [{ conn: 'ERP', name: 'Book' }] }],
  connections: FLOW.connections!,
  schedules: [{ flow: 'NIGHTLY|01.00.0000', timeZone: 'Europe/Paris', frequency: 'FREQ=DAILY;BYHOUR=2;BYMINUTE=30;' }],
};
const RUN_ID = 'RUNNER|01.00.0000';

type Method = InjectOptions['method'];
const at = (instance: string | null, url: string) => (instance === null ? url : `${url}${url.includes('?') ? '&' : '?'}integrationInstance=${instance}`);

function client(c: TestApp) {
  const call = (instance: string | null, method: Method, url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    c.call({ method, url: at(instance, url), headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const ok = async (instance: string | null, method: Method, url: string, payload?: unknown, headers: Record<string, string> = {}) => {
    const res = await call(instance, method, url, payload, headers);
    if (res.statusCode >= 300) throw new Error(`${method} ${url} in ${instance ?? 'the default instance'}: ${res.statusCode} ${res.body}`);
    return res;
  };
  const form = (instance: string, url: string, fields: Record<string, string>, file: { field?: string; name: string; content: Buffer | string }) => {
    const body = multipart([{ field: file.field ?? 'file', name: file.name, content: file.content }], fields);
    return ok(instance, 'POST', url, body.payload, body.headers);
  };
  return { call, ok, form };
}

/** The same objects, by the same identifiers, in one instance; `label` makes its copies tell apart. */
async function fill(c: TestApp, instance: string, label: string) {
  const { ok, form } = client(c);
  const iar = await form(instance, `${API}/integrations/archive`, {}, { name: 'ORDER_SYNC_01.00.0000.iar', content: buildIarFile(FLOW) });
  if (iar.statusCode !== 204) throw new Error(`archive import in ${instance}: ${iar.statusCode}`);
  await form(instance, `${API}/packages/archive`, {}, { name: 'SALES.par', content: zipEntries(parEntries('SALES', [PACKAGED])) });
  await form(instance, `${API}/libraries/archive`, { name: `Lib ${label}`, code: 'JSLIB', version: '01.00.0000', type: 'API', description: `from ${label}` },
    { name: 'JSLIB_01.00.0000.js', content: `function who() { return "${label}"; }\n` });
  await form(instance, `${API}/certificates`, { name: 'partner_key', type: 'PGP', category: 'PUBLIC', description: `key of ${label}` },
    { name: 'partner.asc', content: `-----BEGIN PGP PUBLIC KEY BLOCK-----\n${label}\n-----END PGP PUBLIC KEY BLOCK-----\n` });
  await ok(instance, 'POST', `${FS}/filesystem/directories`, { name: 'inbound', parent: '/' });
  await ok(instance, 'PUT', `${FS}/filesystem/directories/${b64('/inbound')}/files/orders.csv`, Buffer.from(`id,from\n1,${label}\n`), octet);
}

t.test('archives, packages, libraries, certificates, File Server and audit records: nothing leaks between instances', async (t) => {
  const clock = new Clock();
  clock.setManual(Date.parse('2026-03-02T09:00:00Z'));
  const c = await buildTestApp(t, {}, clock);
  const { call, ok, form } = client(c);
  const json = async (instance: string | null, url: string) => (await ok(instance, 'GET', url)).json();

  await fill(c, 'alpha', 'A');
  // The same archive again in beta is a new import there (204), not alpha's 409.
  await fill(c, 'beta', 'B');
  t.equal((await call(null, 'GET', `${API}/integrations/${enc(IAR_ID)}`)).statusCode, 404, 'the default instance has no imported integration');

  // Archives: both instances hold the integration, its connections and its archive entries.
  for (const inst of ['alpha', 'beta']) {
    t.match(await json(inst, `${API}/integrations/${enc(IAR_ID)}`), { name: 'Order Sync', status: 'CONFIGURED' }, `${inst}: imported`);
    t.match(await json(inst, `${API}/connections/ERP`), { name: 'ERP' }, `${inst}: its connection`);
    const exported = await ok(inst, 'GET', `${API}/integrations/${enc(IAR_ID)}/archive`);
    t.same(exported.rawPayload.length > 0 && exported.headers['content-type'], 'application/octet-stream', `${inst}: exports its own archive`);
    t.same((await json(inst, `${API}/packages`)).items.map((p: any) => [p.name, p.countOfIntegrations]), [['SALES', 1]], `${inst}: its package`);
  }
  t.equal((await json(null, `${API}/packages`)).totalResults, 0, 'no package in the default instance');
  t.equal((await call(null, 'GET', `${API}/connections/ERP`)).statusCode, 404, 'no imported connection in the default instance');

  // Deleting the package in beta leaves alpha's.
  await ok('beta', 'DELETE', `${API}/packages/SALES`);
  t.equal((await call('beta', 'GET', `${API}/packages/SALES`)).statusCode, 404);
  t.equal((await json('alpha', `${API}/packages/SALES`)).countOfIntegrations, 1, "alpha's package is still there");

  // Libraries and certificates: same ids, each instance's own content.
  t.match(await json('alpha', `${API}/libraries/JSLIB%7C01.00.0000`), { name: 'Lib A', description: 'from A', functions: [{ name: 'who' }] });
  t.match(await json('beta', `${API}/libraries/JSLIB%7C01.00.0000`), { name: 'Lib B', description: 'from B' });
  t.equal((await call(null, 'GET', `${API}/libraries/JSLIB%7C01.00.0000`)).statusCode, 404);
  t.equal((await json('alpha', `${API}/certificates/partner_key`)).description, 'key of A');
  t.equal((await json('beta', `${API}/certificates/partner_key`)).description, 'key of B');
  t.equal((await json(null, `${API}/certificates`)).totalResults, 0);
  await ok('alpha', 'DELETE', `${API}/libraries/JSLIB%7C01.00.0000`);
  t.equal((await call('alpha', 'GET', `${API}/libraries/JSLIB%7C01.00.0000`)).statusCode, 404, 'deleted in alpha');
  await form('beta', `${API}/certificates`, { name: 'beta_only', type: 'PGP', category: 'PUBLIC' }, { name: 'b.asc', content: 'key' });
  t.equal((await call('alpha', 'GET', `${API}/certificates/beta_only`)).statusCode, 404, "beta's new certificate is not in alpha");
  t.equal((await json('beta', `${API}/libraries`)).totalResults, 1, 'beta keeps its library');

  // File Server: the same path, each instance's own bytes and usage.
  const file = `${FS}/filesystem/directories/${b64('/inbound')}/files/orders.csv`;
  t.equal((await ok('alpha', 'GET', file)).body, 'id,from\n1,A\n');
  t.equal((await ok('beta', 'GET', file)).body, 'id,from\n1,B\n');
  t.same((await json(null, `${FS}/filesystem`)).directories, [], 'the default File Server is empty');
  t.match(await json('alpha', `${FS}/filesystem/configuration`), { fileCount: 1, usedBytes: 12 });

  // Audit records: each instance lists its own changes only.
  const audit = async (inst: string | null) => (await json(inst, `${MON}/auditRecords?q=${enc("{timewindow:'1d', limit:'100'}")}`)).items as Array<{ type: string; action: string; resourceId: string }>;
  const alphaAudit = await audit('alpha');
  const betaAudit = await audit('beta');
  const key = (r: { type: string; action: string; resourceId: string }) => `${r.type} ${r.action} ${r.resourceId}`;
  t.ok(alphaAudit.some((r) => r.action === 'DELETE' && r.resourceId === 'JSLIB|01.00.0000'), 'alpha recorded its library delete');
  t.notOk(betaAudit.some((r) => r.action === 'DELETE' && r.resourceId === 'JSLIB|01.00.0000'), "beta has no record of alpha's delete");
  t.ok(betaAudit.some((r) => r.resourceId === 'beta_only'), 'beta recorded its certificate upload');
  t.notOk(alphaAudit.some((r) => r.resourceId === 'beta_only'), "alpha has no record of beta's upload");
  const common = (list: typeof alphaAudit) => list.filter((r) => r.action !== 'DELETE' && r.resourceId !== 'beta_only').map(key).sort().join('\n');
  t.equal(common(alphaAudit), common(betaAudit), 'the same writes recorded once in each');
  t.ok(alphaAudit.length >= 6, `alpha's trail holds its writes (${alphaAudit.length})`);
  t.same(await audit(null), [], 'the default instance recorded nothing');

  // Emptying alpha leaves beta whole.
  t.equal((await c.call({ method: 'POST', url: '/_emulator/reset?instance=alpha' })).statusCode, 200);
  t.equal((await call('alpha', 'GET', `${API}/certificates/partner_key`)).statusCode, 404, 'alpha emptied');
  t.equal((await call('alpha', 'GET', file)).statusCode, 404);
  t.same(await audit('alpha'), []);
  t.equal((await json('beta', `${API}/certificates/partner_key`)).description, 'key of B', 'beta untouched');
  t.equal((await ok('beta', 'GET', file)).body, 'id,from\n1,B\n');
  t.equal((await audit('beta')).length, betaAudit.length);
});

t.test('a project archive (.car) with its schedule and REST trigger, imported in two instances', async (t) => {
  const clock = new Clock();
  clock.setManual(Date.parse('2026-03-02T09:00:00Z'));
  const c = await buildTestApp(t, {}, clock);
  const { call, form } = client(c);
  for (const inst of ['alpha', 'beta']) {
    const res = await form(inst, `${API}/projects/archive`, {}, { name: 'ERP_Orders.car', content: zipEntries(carEntries(CAR)) });
    t.match(res.json(), { id: 'ERP_Orders', created: true, schedules: ['NIGHTLY|01.00.0000'] }, `${inst}: a new project`);
  }
  t.equal((await call(null, 'GET', `${API}/projects/ERP_Orders`)).statusCode, 404, 'not in the default instance');
  const SCHEDULE = `${API}/projects/ERP_Orders/integrations/${enc('NIGHTLY|01.00.0000')}/schedule`;
  const alphaSchedule = await call('alpha', 'GET', SCHEDULE);
  t.equal(alphaSchedule.statusCode, 200, alphaSchedule.body);
  t.match(alphaSchedule.json(), { scheduleTZ: 'Europe/Paris', icalExpression: 'FREQ=DAILY;BYHOUR=2;BYMINUTE=30' }, "alpha's imported schedule");
  // Deleting beta's schedule leaves alpha's.
  t.equal((await call('beta', 'DELETE', SCHEDULE)).statusCode < 300, true);
  t.equal((await call('beta', 'GET', SCHEDULE)).statusCode, 404, "beta's schedule deleted");
  t.match((await call('alpha', 'GET', SCHEDULE)).json(), { scheduleTZ: 'Europe/Paris' }, "alpha's is still there");
  // The REST trigger's resource template is each instance's own: deleting it in beta leaves alpha's.
  t.equal((await call('beta', 'DELETE', `${API}/integrations/${enc('CAR_REST|01.00.0000')}`)).statusCode < 300, true);
  t.match((await call('alpha', 'GET', `${API}/integrations/${enc('CAR_REST|01.00.0000')}`)).json(), { endPointURI: /\/flows\/rest\/project\/[^/]+\/CAR_REST\/1\.0\/orders\/\{orderId\}$/ });
  t.equal((await call('beta', 'GET', `${API}/integrations/${enc('CAR_REST|01.00.0000')}`)).statusCode, 404);
});

t.test('an aborted run is ABORTED in its own instance only', async (t) => {
  const clock = new Clock();
  clock.setManual(Date.parse('2026-03-02T09:00:00Z'));
  const c = await buildTestApp(t, {}, clock);
  const { ok } = client(c);
  const runs: Record<string, string> = {};
  for (const inst of ['alpha', 'beta']) {
    for (const id of ['SRC', 'DST']) await ok(inst, 'POST', `${API}/connections`, { name: id, identifier: id, adapterType: 'rest', connectionProperties: { baseUrl: 'https://api.example.com' } });
    await ok(inst, 'POST', `${API}/integrations`, {
      name: 'Runner', identifier: 'RUNNER', version: '01.00.0000', pattern: 'SCHEDULED_ORCHESTRATION', style: 'SCHEDULED',
      connections: [
        { role: 'SOURCE', connectionId: 'SRC', operations: [{ operationType: 'QUERY', objectName: 'Account', fields: ['Id'] }] },
        { role: 'TARGET', connectionId: 'DST', operations: [{ operationType: 'INSERT', objectName: 'CUSTOMERS', mappings: [{ source: 'Id', target: 'ID' }] }] },
      ],
    });
    await ok(inst, 'POST', `${API}/integrations/${enc(RUN_ID)}`, { status: 'ACTIVATED' }, { 'x-http-method-override': 'PATCH' });
    // Runs that take a minute (the outcome script is per instance; the control route serves the default one).
    c.app.instances.get(inst)!.runtime.setOutcomes(RUN_ID, { outcomes: [{ status: 'SUCCESS' }], failureRate: 0, minDurationMs: 60_000, maxDurationMs: 60_000 });
    const run = await ok(inst, 'POST', `${API}/integrations/${enc(RUN_ID)}/schedule/jobs`, { parameters: [] });
    runs[inst] = run.body ? run.json().id : decodeURIComponent(String(run.headers.location).split('/').pop() ?? '');
  }
  await c.call({ method: 'POST', url: '/_emulator/clock/advance', payload: { seconds: 5 } });
  const aborted = await ok('alpha', 'POST', `${MON}/instances/${enc(runs.alpha)}/abort`);
  t.equal(aborted.json().status, 'ABORTED');
  t.equal((await ok('alpha', 'GET', `${MON}/instances/${enc(runs.alpha)}`)).json().status, 'ABORTED');
  t.equal((await ok('beta', 'GET', `${MON}/instances/${enc(runs.beta)}`)).json().status, 'IN_PROGRESS', "beta's run goes on");
  const abortedIn = async (inst: string) => (await ok(inst, 'GET', `${MON}/instances?q=${enc("{status:'ABORTED', timewindow:'1d'}")}`)).json().totalResults;
  t.equal(await abortedIn('alpha'), 1);
  t.equal(await abortedIn('beta'), 0, 'no aborted run in beta');
  t.equal(c.app.instances.get('beta')!.aborts.abortOf(runs.alpha), undefined, "beta's abort records are its own");
});
