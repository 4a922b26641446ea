/**
 * Two OIC service instances side by side through the OIC API, with the same
 * identifiers everywhere: each sees only its own integrations, connections,
 * lookups, projects, schedules, runs and rate-limit windows; the default
 * instance (no integrationInstance) sees neither.
 */
import t from 'tap';
import { buildTestApp, type TestApp } from '../helpers/app';
import { Clock } from '../../src/core/clock';

const API = '/ic/api/integration/v1';
const MON = '/ic/api/monitoring/v1';
const ID = 'ORDERS|01.00.0000';
const enc = encodeURIComponent;

const at = (instance: string | null, url: string) => (instance === null ? url : `${url}${url.includes('?') ? '&' : '?'}integrationInstance=${instance}`);

async function fill(c: TestApp, instance: string, label: string) {
  const ok = async (method: string, url: string, payload: unknown) => {
    const res = await c.call({ method: method as any, url: at(instance, url), payload: payload as any });
    if (res.statusCode >= 300) throw new Error(`${method} ${url} in ${instance}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  await ok('POST', '/ic/api/projects/v1/projects', { name: `Project ${label}`, identifier: 'SALES' });
  await ok('POST', `${API}/connections`, { name: `conn ${label}`, identifier: 'CRM', adapterType: 'rest', connectionProperties: { baseUrl: `https://${label}.example.com` } });
  await ok('POST', `${API}/lookups`, { name: `Codes ${label}`, identifier: 'CODES', columns: [{ name: 'k', type: 'STRING' }, { name: 'v', type: 'STRING' }], data: [{ k: 'a', v: label }] });
  await ok('POST', `${API}/integrations`, {
    name: `Orders ${label}`, identifier: 'ORDERS', version: '01.00.0000', pattern: 'APP_DRIVEN_ORCHESTRATION', style: 'SCHEDULED',
    connections: [{ role: 'SOURCE', connectionId: 'CRM', operations: [{ operationType: 'QUERY', objectName: 'Account', fields: ['Id'] }] }],
  });
}

t.test('same identifiers in two instances: nothing leaks', async (t) => {
  const clock = new Clock();
  clock.setManual(Date.parse('2026-01-05T09:00:00Z'));
  const c = await buildTestApp(t, {}, clock);
  const get = (instance: string | null, url: string) => c.call({ method: 'GET', url: at(instance, url) });
  await fill(c, 'alpha', 'A');
  await fill(c, 'beta', 'B');

  t.equal((await get('alpha', `${API}/integrations/${enc(ID)}`)).json().name, 'Orders A');
  t.equal((await get('beta', `${API}/integrations/${enc(ID)}`)).json().name, 'Orders B');
  t.equal((await get(null, `${API}/integrations/${enc(ID)}`)).statusCode, 404, 'the default instance has none');
  t.equal((await get('alpha', `${API}/connections/CRM`)).json().name, 'conn A');
  t.equal((await get('beta', `${API}/connections/CRM`)).json().name, 'conn B');
  t.equal((await get('alpha', '/ic/api/projects/v1/projects/SALES')).json().name, 'Project A');
  t.equal((await get('beta', '/ic/api/projects/v1/projects/SALES')).json().name, 'Project B');
  t.match((await get('alpha', `${API}/lookups/CODES`)).json(), { name: 'CODES', displayName: 'Codes A' });
  t.match((await get('beta', `${API}/lookups/CODES`)).json(), { name: 'CODES', displayName: 'Codes B' });
  t.equal((await get('alpha', `${API}/integrations`)).json().totalResults, 1);

  // Activate and run in alpha only: runs, schedules and monitoring stay there.
  t.equal((await c.call({ method: 'POST', url: at('alpha', `${API}/integrations/${enc(ID)}/activate`), payload: {} })).statusCode, 200);
  const sched = await c.call({ method: 'POST', url: at('alpha', `${API}/integrations/${enc(ID)}/schedule`), payload: { frequency: 'HOURLY', startTime: '2026-01-05T09:30:00Z', timeZone: 'UTC' } });
  t.equal(sched.statusCode, 201, sched.body);
  await c.call({ method: 'POST', url: '/_emulator/clock/advance', payload: { duration: 'PT3H' } });
  const alphaRuns = (await get('alpha', `${MON}/integrations/${enc(ID)}/executions?limit=50`)).json();
  t.ok(alphaRuns.totalResults >= 3, `alpha ran on its schedule (${alphaRuns.totalResults} runs)`);
  t.equal((await get('beta', `${API}/integrations/${enc(ID)}`)).json().status, 'CONFIGURED', 'beta is still CONFIGURED');
  t.equal((await get('beta', `${MON}/integrations/${enc(ID)}/executions`)).json().totalResults, 0, 'no runs in beta');
  t.equal((await get('beta', `${API}/integrations/${enc(ID)}/schedule`)).statusCode, 404, 'no schedule in beta');

  // A delete in beta leaves alpha alone.
  t.equal((await c.call({ method: 'DELETE', url: at('beta', `${API}/lookups/CODES`) })).statusCode < 300, true);
  t.equal((await get('beta', `${API}/lookups/CODES`)).statusCode, 404);
  t.equal((await get('alpha', `${API}/lookups/CODES`)).statusCode, 200);
  t.same(c.app.instances.list().map((i) => i.name).sort(), ['alpha', 'beta', 'emulator'], 'made on first use');
  const listed = (await c.app.inject({ method: 'GET', url: '/_emulator/instances' })).json().items;
  t.match(listed, [
    { name: 'emulator', origin: 'default', state: null, available: true, setupMs: 0 },
    { name: 'alpha', origin: 'first-use', state: null, available: true, setupMs: Number },
    { name: 'beta', origin: 'first-use', available: true },
  ], 'GET /_emulator/instances');
});

t.test('bad instance names and repeated parameters: 400, nothing made', async (t) => {
  const c = await buildTestApp(t);
  const bad = await c.call({ method: 'GET', url: `${API}/integrations?integrationInstance=${enc('no/slashes')}` });
  t.equal(bad.statusCode, 400);
  t.match(bad.json().detail, /not a service instance name/);
  const twice = await c.call({ method: 'GET', url: `${API}/integrations?integrationInstance=a&integrationInstance=b` });
  t.equal(twice.statusCode, 400);
  t.same(c.app.instances.list().map((i) => i.name), ['emulator']);
});

t.test('--strict-auth: only existing instances answer; others 404 naming the instance', async (t) => {
  const c = await buildTestApp(t, { strictAuth: true, instances: ['team-a'] });
  t.equal((await c.call({ method: 'GET', url: `${API}/integrations?integrationInstance=team-a` })).statusCode, 200, 'an --instances instance');
  const res = await c.call({ method: 'POST', url: `${API}/lookups?integrationInstance=team-z`, payload: { name: 'x', identifier: 'X', columns: [{ name: 'a', type: 'STRING' }] } });
  t.equal(res.statusCode, 404);
  t.match(res.json(), { status: 'HTTP 404 Not Found', 'o:errorCode': 'OIC-404001', detail: /^Service instance 'team-z' \(integrationInstance\) does not exist/ });
  t.notOk(c.app.instances.get('team-z'), 'not created');
  const anon = await c.app.inject({ method: 'GET', url: `${API}/integrations?integrationInstance=team-z` });
  t.equal(anon.statusCode, 401, 'authentication is checked first');
});

t.test('per-instance reset; a full reset drops instances made since start-up', async (t) => {
  const c = await buildTestApp(t, { instances: ['kept'] });
  await fill(c, 'kept', 'K');
  await fill(c, 'temp', 'T');
  await fill(c, 'other', 'O');
  const one = await c.app.inject({ method: 'POST', url: '/_emulator/reset?instance=temp' });
  t.equal(one.statusCode, 200, one.body);
  t.match(one.json(), { api: 'oic', instance: 'temp', rowsDeleted: Number });
  t.ok(one.json().rowsDeleted >= 4);
  t.equal((await c.call({ method: 'GET', url: at('temp', `${API}/integrations`) })).json().totalResults, 0, 'temp emptied');
  t.equal((await c.call({ method: 'GET', url: at('other', `${API}/integrations`) })).json().totalResults, 1, 'other untouched');
  t.equal((await c.app.inject({ method: 'POST', url: '/_emulator/reset?instance=nope' })).statusCode, 404);

  const all = await c.app.inject({ method: 'POST', url: '/_emulator/reset' });
  t.equal(all.statusCode, 200);
  t.same(c.app.instances.list().map((i) => i.name), ['emulator', 'kept'], 'first-use instances dropped, --instances kept');
  t.equal((await c.call({ method: 'GET', url: at('kept', `${API}/integrations`) })).json().totalResults, 0, 'and emptied');
});

t.test('rate-limit windows are per instance', async (t) => {
  const c = await buildTestApp(t, { rateLimit: 2 });
  for (let i = 0; i < 2; i++) t.equal((await c.call({ method: 'GET', url: at('one', `${API}/integrations`) })).statusCode, 200);
  t.equal((await c.call({ method: 'GET', url: at('one', `${API}/integrations`) })).statusCode, 429, 'one is out of requests');
  t.equal((await c.call({ method: 'GET', url: at('two', `${API}/integrations`) })).statusCode, 200, 'two has its own window');
  await c.app.inject({ method: 'POST', url: '/_emulator/reset?instance=one' });
  t.equal((await c.call({ method: 'GET', url: at('one', `${API}/integrations`) })).statusCode, 200, 'reset clears the instance\'s window');
});

t.test('dashboard: instance picker data and per-instance overview', async (t) => {
  const c = await buildTestApp(t);
  await fill(c, 'shown', 'S');
  const def = (await c.app.inject({ method: 'GET', url: '/_emulator/ui/api/overview' })).json();
  t.same(def.instances.map((i: any) => i.name), ['emulator', 'shown']);
  t.equal(def.instance, 'emulator');
  t.same(def.oic.integrations, []);
  const shown = (await c.app.inject({ method: 'GET', url: '/_emulator/ui/api/overview?instance=shown' })).json();
  t.equal(shown.instance, 'shown');
  t.same(shown.oic.integrations.map((i: any) => i.id), [ID]);
  t.equal((await c.app.inject({ method: 'GET', url: '/_emulator/ui/api/overview?instance=nope' })).statusCode, 404);
});

t.test('fixtures with `instance`: that instance exists from start-up (strict mode too) and returns to them on its reset', async (t) => {
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inst-fixtures-'));
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.writeFileSync(path.join(dir, 'a-default.json'), JSON.stringify({ oic: { lookups: [{ name: 'Default codes', identifier: 'CODES', columns: [{ name: 'k', type: 'STRING' }] }] } }));
  fs.writeFileSync(path.join(dir, 'b-team.json'), JSON.stringify({ instance: 'team-f', oic: { lookups: [{ name: 'Team codes', identifier: 'CODES', columns: [{ name: 'k', type: 'STRING' }] }] } }));
  const c = await buildTestApp(t, { strictAuth: true, fixtures: dir });
  t.equal((await c.call({ method: 'GET', url: `${API}/lookups/CODES` })).json().name, 'Default codes');
  t.equal((await c.call({ method: 'GET', url: at('team-f', `${API}/lookups/CODES`) })).json().displayName, 'Team codes', 'the named instance got its own');
  await c.call({ method: 'DELETE', url: at('team-f', `${API}/lookups/CODES`) });
  const reset = (await c.app.inject({ method: 'POST', url: '/_emulator/reset?instance=team-f' })).json();
  t.equal(reset.fixtureObjects, 1, 'its fixtures written again');
  t.equal((await c.call({ method: 'GET', url: at('team-f', `${API}/lookups/CODES`) })).json().displayName, 'Team codes');
  await c.app.inject({ method: 'POST', url: '/_emulator/reset' });
  t.ok(c.app.instances.get('team-f'), 'a full reset keeps fixture instances');
  t.equal((await c.call({ method: 'GET', url: at('team-f', `${API}/lookups/CODES`) })).json().displayName, 'Team codes', 'with their fixtures');
});

t.test('fault rules reach every instance (connection test failure)', async (t) => {
  const c = await buildTestApp(t);
  await fill(c, 'faulty', 'F');
  const rule = await c.app.inject({ method: 'POST', url: '/_emulator/faults', payload: { kind: 'connectionTest', connectionId: 'CRM' } });
  t.equal(rule.statusCode, 201, rule.body);
  const tested = await c.call({ method: 'POST', url: at('faulty', `${API}/connections/CRM/test`) });
  t.match(tested.json(), { status: 'FAILED' }, tested.body);
});
