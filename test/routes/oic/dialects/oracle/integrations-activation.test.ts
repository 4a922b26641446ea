/**
 * Oracle's dialect on the paths both dialects share: archive import (204 +
 * Location), activation/deactivation options as Oracle's clients send them
 * (query or body), and REST triggers as Oracle serves them (every declared
 * verb, the major.minor URL version, project-scoped URLs, parameters in the
 * run's tracking fields, endPointURI in the integration).
 */
import t from 'tap';
import { buildIarFile, type TestFlow } from '../../../../helpers/archives';
import { multipart } from '../../../../helpers/oic';
import { API, MON, PATCH, SEED_MON, SEED_PROJECTS, activate, enc, expectOracleError, realApp, seedIntegration, type RealTestApp } from '../../../../helpers/real-oic';

// realApp's service instance (--instance-name x): the one the seed's calls without the parameter reach too.
const INST = 'integrationInstance=x';

function flow(version: string, verb = 'PUT'): TestFlow {
  return {
    code: 'ORDER_API',
    version,
    name: 'Order API',
    trigger: { conn: 'ORDER_REST', name: 'UpdateOrder', rest: { verb, uri: '/orders/{orderId}', query: 'channel' } },
    invokes: [{ conn: 'ORDER_DB', name: 'WriteOrder', operation: 'update' }],
    connections: [
      { code: 'ORDER_REST', type: 'rest', props: { connectionUrl: 'https://orders.example.com' } },
      { code: 'ORDER_DB', type: 'atpdatabase', props: { host: 'db.example.com', port: '1522', serviceName: 'ORDERS' } },
    ],
  };
}

const upload = (c: RealTestApp, f: TestFlow, query = '') => c.call({ method: 'POST', url: `${API}/integrations/archive${query}`, ...multipart([{ field: 'file', filename: `${f.code}.iar`, data: buildIarFile(f) }]) });

t.test('import in Oracle\'s dialect: 204, no body, Location naming the integration; the seed keeps 201 with a body', async (t) => {
  const c = await realApp(t);
  const res = await upload(c, flow('01.00.0000'), `?${INST}`);
  t.equal(res.statusCode, 204);
  t.equal(res.body, '');
  t.equal(res.headers.location, `${API}/integrations/ORDER_API%7C01.00.0000`);
  t.match(await c.ok('GET', `${res.headers.location}?${INST}`), { code: 'ORDER_API', version: '01.00.0000', status: 'CONFIGURED' });
  const seed = await upload(c, flow('01.00.0001'));
  t.equal(seed.statusCode, 201);
  t.match(seed.json(), { id: 'ORDER_API|01.00.0001', identifier: 'ORDER_API' });
  const again = expectOracleError(t, await upload(c, flow('01.00.0000'), `?${INST}`), 409, 'OIC-409001');
  t.match(again.status, /409/, 'what Oracle\'s script tests before it PUTs');
});

t.test('deactivation options: stopScheduleForDeactivation (query or body) stops the schedule; without it the schedule stays STARTED', async (t) => {
  const c = await realApp(t);
  const id = await seedIntegration(c);
  const url = `${API}/integrations/${enc(id)}?${INST}`;
  await c.ok('POST', `${API}/integrations/${enc(id)}/schedule`, { frequency: 'HOURLY' });
  const cycle = async (deactivation: { query?: string; body?: Record<string, unknown> }) => {
    await c.ok('POST', url, { status: 'ACTIVATED' }, PATCH);
    await c.ok('POST', `${API}/integrations/${enc(id)}/schedule/start`);
    t.equal((await c.ok('GET', url)).scheduleStatus, 'STARTED');
    const res = await c.ok('POST', `${url}${deactivation.query ?? ''}`, { status: 'CONFIGURED', ...deactivation.body }, PATCH);
    t.equal(res.status, 'DEACTIVATION_INPROGRESS');
    return (await c.ok('GET', url)).scheduleStatus;
  };
  t.equal(await cycle({}), 'STARTED', 'Oracle keeps the schedule unless told to stop it');
  t.equal(await cycle({ query: '&stopScheduleForDeactivation=true' }), 'STOPPED');
  t.equal((await c.ok('GET', `${API}/integrations/${enc(id)}/schedule`)).status, 'STOPPED', 'the seed\'s view of the same schedule');
  t.equal(await cycle({ body: { stopScheduleForDeactivation: true, deleteEventSubscriptionFlag: true } }), 'STOPPED', 'in the body, as some clients send them');
  t.equal(await cycle({ query: '&stopScheduleForDeactivation=false&deleteEventSubscriptionFlag=true' }), 'STARTED');

  const sync = await c.ok('POST', url, { status: 'ACTIVATED', enableAsyncActivationMode: false }, PATCH);
  t.equal(sync.status, 'ACTIVATED', 'enableAsyncActivationMode in the body');
  const before = c.snapshot();
  const bad = expectOracleError(t, await c.call({ method: 'POST', url, headers: PATCH, payload: { status: 'CONFIGURED', stopScheduleForDeactivation: 'yes' } }), 400, 'OIC-400001');
  t.match(bad.detail, /stopScheduleForDeactivation/);
  t.equal(c.snapshot(), before, 'nothing changed');
});

t.test('REST trigger: the declared verb at major.minor, resolved to the activated patch version; parameters in the run; endPointURI', async (t) => {
  const c = await realApp(t);
  t.equal((await upload(c, flow('01.00.0000'))).statusCode, 201);
  t.equal((await upload(c, flow('01.00.0003'))).statusCode, 201);
  await activate(c, 'ORDER_API|01.00.0003');
  const got = await c.ok('GET', `${API}/integrations/${enc('ORDER_API|01.00.0003')}?${INST}`);
  t.match(got.endPointURI, /^http:\/\/[^/]+\/ic\/api\/integration\/v1\/flows\/rest\/ORDER_API\/1\.0\/orders\/\{orderId\}$/);
  t.match(got.dependencies.connections, [{ id: 'ORDER_REST', role: 'SOURCE', status: 'CONFIGURED', adapterType: 'rest' }, { id: 'ORDER_DB', role: 'TARGET', status: 'CONFIGURED', adapterType: 'atpdatabase' }]);

  const res = await c.call({ method: 'PUT', url: `${API}/flows/rest/ORDER_API/1.0/orders/42?channel=web&ignored=1`, payload: { qty: 3 } });
  t.equal(res.statusCode, 202, res.body);
  t.equal(res.json().integrationId, 'ORDER_API|01.00.0003', '1.0 names the activated 01.00.0003');
  t.same(res.json().trackingFields, [{ name: 'orderId', value: '42' }, { name: 'channel', value: 'web' }, { name: 'qty', value: '3' }]);
  const wrongVerb = await c.call({ method: 'POST', url: `${API}/flows/rest/ORDER_API/1.0/orders/42`, payload: {} });
  t.equal(wrongVerb.statusCode, 405);
  t.equal(wrongVerb.headers.allow, 'PUT');
  t.equal((await c.call({ method: 'PUT', url: `${API}/flows/rest/ORDER_API/1.1/orders/42`, payload: {} })).statusCode, 404, 'no 1.1');

  await c.advance(60);
  const runs = (await c.ok('GET', `${SEED_MON}/integrations/${enc('ORDER_API|01.00.0003')}/executions`)).items;
  t.equal(runs.length, 1);
  const instance = await c.ok('GET', `${MON}/instances/${enc(runs[0].id)}?${INST}`);
  t.match(instance, { integrationId: 'ORDER_API', integrationVersion: '01.00.0003', primaryValue: '42', secondaryValue: 'web', tertiaryValue: '3' });
});

t.test('REST trigger: DELETE and GET verbs, and the Gen3 project-scoped URL', async (t) => {
  const c = await realApp(t);
  await c.ok('POST', SEED_PROJECTS, { name: 'Shop', identifier: 'SHOP' });
  t.equal((await upload(c, flow('02.01.0000', 'DELETE'))).statusCode, 201);
  await c.ok('PUT', `${API}/integrations/${enc('ORDER_API|02.01.0000')}`, { projectId: 'SHOP' });
  await activate(c, 'ORDER_API|02.01.0000');
  const got = await c.ok('GET', `${API}/integrations/${enc('ORDER_API|02.01.0000')}?${INST}`);
  t.match(got.endPointURI, /\/ic\/api\/integration\/v1\/flows\/rest\/project\/SHOP\/ORDER_API\/2\.1\/orders\/\{orderId\}$/);
  const del = await c.call({ method: 'DELETE', url: `${API}/flows/rest/project/SHOP/ORDER_API/2.1/orders/7?channel=app` });
  t.equal(del.statusCode, 202, del.body);
  t.same(del.json().trackingFields, [{ name: 'orderId', value: '7' }, { name: 'channel', value: 'app' }]);
  t.equal((await c.call({ method: 'DELETE', url: `${API}/flows/rest/project/OTHER/ORDER_API/2.1/orders/7` })).statusCode, 404);
});
