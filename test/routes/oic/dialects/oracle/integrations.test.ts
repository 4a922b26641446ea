/**
 * One state, two dialects (docs/oic-dialects.md): the same integration read
 * through the seed's dialect and through Oracle's (integrationInstance, or
 * --oic-dialect oracle for clients without it), Oracle's list envelope and
 * q words, expand, and Oracle's error body.
 */
import t from 'tap';
import { expectProblem } from '../../../../helpers/app';
import { parseArgs } from '../../../../../src/config';
import { API, PATCH, activate, enc, expectOracleError, realApp, seedIntegration } from '../../../../helpers/real-oic';

// realApp's service instance (--instance-name x): the one the seed's calls without the parameter reach too.
const INST = 'integrationInstance=x';

t.test('dialect per request: integrationInstance gets Oracle\'s shape, no parameter the seed\'s; both see the same record', async (t) => {
  const c = await realApp(t);
  const id = await seedIntegration(c, 'HELLO_WORLD', { description: 'says hello', projectId: undefined });
  await activate(c, id);
  const seed = await c.ok('GET', `${API}/integrations/${enc(id)}`);
  t.match(seed, { id, identifier: 'HELLO_WORLD', version: '01.00.0000', status: 'ACTIVE', createdTime: '2025-06-15T10:00:00.000Z' });
  t.notOk('code' in seed, 'the seed has no code');

  const oracle = await c.ok('GET', `${API}/integrations/${enc(id)}?${INST}`);
  t.match(oracle, {
    id, code: 'HELLO_WORLD', version: '01.00.0000', name: 'hello_world flow', description: 'says hello',
    status: 'ACTIVATED', pattern: 'SCHEDULED_ORCHESTRATION', style: 'SCHEDULED', lockedFlag: false,
    created: seed.createdTime, createdBy: seed.createdBy, lastUpdated: seed.modifiedTime, lastUpdatedBy: seed.createdBy,
    scheduleApplicable: true, scheduleDefined: false, scheduleStatus: 'NOT_DEFINED',
  });
  t.notOk('identifier' in oracle || 'createdTime' in oracle, 'no seed field names in Oracle\'s shape');
  t.same(oracle.links.map((l: any) => l.rel), ['self', 'activationStatus', 'archive', 'schedule']);
  t.equal(oracle.links[0].href, `${API}/integrations/HELLO_WORLD%7C01.00.0000`);
  const conns = await c.ok('GET', `${API}/connections`);
  const statusOf = (cid: string) => conns.items.find((x: any) => x.id === cid).status;
  t.same(oracle.dependencies, {
    connections: [
      { id: 'SRC_CONN', name: conns.items.find((x: any) => x.id === 'SRC_CONN').name, role: 'SOURCE', status: statusOf('SRC_CONN'), adapterType: conns.items.find((x: any) => x.id === 'SRC_CONN').adapterType, links: [{ rel: 'self', href: `${API}/connections/SRC_CONN` }] },
      { id: 'DST_CONN', name: conns.items.find((x: any) => x.id === 'DST_CONN').name, role: 'TARGET', status: statusOf('DST_CONN'), adapterType: conns.items.find((x: any) => x.id === 'DST_CONN').adapterType, links: [{ rel: 'self', href: `${API}/connections/DST_CONN` }] },
    ],
    lookups: [],
    libraries: [],
  });

  // A write in one dialect is read in the other.
  await c.ok('POST', `${API}/integrations/${enc(id)}/deactivate`);
  t.equal((await c.ok('GET', `${API}/integrations/${enc(id)}?${INST}`)).status, 'CONFIGURED');
  await c.ok('POST', `${API}/integrations/${enc(id)}?${INST}`, { status: 'ACTIVATED', enableAsyncActivationMode: false }, PATCH);
  t.equal((await c.ok('GET', `${API}/integrations/${enc(id)}`)).status, 'ACTIVE');
});

t.test('--oic-dialect oracle: a Gen2 client without integrationInstance gets Oracle\'s shapes; bad values are refused', async (t) => {
  const c = await realApp(t, { oicDialect: 'oracle' });
  const id = await seedIntegration(c);
  const got = await c.ok('GET', `${API}/integrations/${enc(id)}`);
  t.match(got, { code: 'HELLO_WORLD', status: 'CONFIGURED', lockedFlag: false });
  const missing = expectOracleError(t, await c.call({ method: 'GET', url: `${API}/integrations/NOPE%7C01.00.0000` }), 404, 'OIC-404001');
  t.equal(missing.status, 'HTTP 404 Not Found');
  t.equal(missing.type, 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.5');
  t.match(missing.detail, /NOPE\|01\.00\.0000/);
  t.throws(() => parseArgs(['--oic-dialect', 'gen2']), /--oic-dialect must be seed or oracle, got 'gen2'/);
  t.equal(parseArgs(['--oic-dialect=oracle']).config.oicDialect, 'oracle');
  t.equal(parseArgs([], { EMULATOR_OIC_DIALECT: 'oracle' }).config.oicDialect, 'oracle');
  t.equal(parseArgs([]).config.oicDialect, 'seed', 'the seed\'s dialect by default');
});

t.test('list: Oracle\'s envelope, q with Oracle\'s status words, orderBy=time; the seed\'s list of the same state', async (t) => {
  const c = await realApp(t);
  const a = await seedIntegration(c, 'ALPHA');
  await seedIntegration(c, 'BETA');
  await activate(c, a);
  const all = await c.ok('GET', `${API}/integrations?${INST}&limit=1&orderBy=name`);
  t.match(all, { totalResults: 2, hasMore: true, limit: 1, offset: 0, count: 1, links: [{ rel: 'self', href: `${API}/integrations` }] });
  t.match(all.items[0], { id: a, code: 'ALPHA', status: 'ACTIVATED', lockedFlag: false, scheduleApplicable: true });
  const activated = await c.ok('GET', `${API}/integrations?${INST}&q=${enc("{status:'ACTIVATED'}")}`);
  t.same(activated.items.map((i: any) => i.code), ['ALPHA']);
  const configured = await c.ok('GET', `${API}/integrations?${INST}&q=${enc("{status:'CONFIGURED'}")}`);
  t.same(configured.items.map((i: any) => i.code), ['BETA']);
  t.equal((await c.ok('GET', `${API}/integrations?${INST}&q=${enc("{status:'FAILEDACTIVATION'}")}`)).totalResults, 0, 'a valid word no stored integration has');
  t.equal((await c.ok('GET', `${API}/integrations?${INST}&q=${enc("{status:'INPROGRESS'}")}`)).totalResults, 0);
  t.same((await c.ok('GET', `${API}/integrations?${INST}&orderBy=time`)).items.map((i: any) => i.code), ['ALPHA', 'BETA'], 'last updated first');
  const seed = await c.ok('GET', `${API}/integrations?q=${enc("{status:'ACTIVATED'}")}`);
  t.match(seed.items, [{ identifier: 'ALPHA', status: 'ACTIVE' }]);
  expectOracleError(t, await c.call({ method: 'GET', url: `${API}/integrations?${INST}&orderBy=colour` }), 400, 'OIC-400001');
  expectProblem(t, await c.call({ method: 'GET', url: `${API}/integrations?orderBy=colour` }), 400, 'OIC-400001');
});

t.test('expand=connection|connection.adapter embeds each dependency; anything else is a 400 in Oracle\'s body', async (t) => {
  const c = await realApp(t);
  const id = await seedIntegration(c);
  const seedConn = await c.ok('GET', `${API}/connections/SRC_CONN`);
  const plain = await c.ok('GET', `${API}/integrations/${enc(id)}?${INST}`);
  t.notOk('connection' in plain.dependencies.connections[0]);
  const one = (await c.ok('GET', `${API}/integrations/${enc(id)}?${INST}&expand=connection`)).dependencies.connections[0];
  t.same(one.connection, { id: 'SRC_CONN', code: seedConn.identifier, name: seedConn.name, status: seedConn.status, created: seedConn.createdTime, createdBy: seedConn.createdBy, lastUpdated: seedConn.modifiedTime });
  const withAdapter = (await c.ok('GET', `${API}/integrations/${enc(id)}?${INST}&expand=connection.adapter`)).dependencies.connections[0];
  t.same(withAdapter.connection.adapter, { id: seedConn.adapterType, type: seedConn.adapterType, displayName: seedConn.adapterType });
  const bad = expectOracleError(t, await c.call({ method: 'GET', url: `${API}/integrations/${enc(id)}?${INST}&expand=adapter` }), 400, 'OIC-400001');
  t.equal(bad.detail, "Query parameter 'expand' must be connection or connection.adapter, got 'adapter'");
  t.equal(bad.status, 'HTTP 400 Bad Request');
});

t.test('errors: the same failure in each dialect\'s body', async (t) => {
  const c = await realApp(t);
  const seed = expectProblem(t, await c.call({ method: 'GET', url: `${API}/integrations/NOPE%7C01.00.0000` }), 404, 'OIC-404001');
  const oracle = expectOracleError(t, await c.call({ method: 'GET', url: `${API}/integrations/NOPE%7C01.00.0000?${INST}` }), 404, 'OIC-404001');
  t.equal(oracle.detail, seed.detail);
  t.equal(oracle.title, seed.title);
  t.equal(oracle['o:errorPath'], `${API}/integrations/NOPE%7C01.00.0000`);
  const unauth = expectOracleError(t, await c.call({ method: 'GET', url: `${API}/integrations?${INST}`, headers: { authorization: '' } }), 401, 'OIC-401001');
  t.equal(unauth.status, 'HTTP 401 Unauthorized');
  const state = expectOracleError(t, await c.call({ method: 'POST', url: `${API}/integrations/${enc(await seedIntegration(c))}?${INST}`, headers: PATCH, payload: { status: 'CONFIGURED' } }), 412, 'OIC-412001');
  t.equal(state.status, 'HTTP 412 Precondition Failed');
  t.equal(state.type, 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.13');
  t.equal((await c.call({ method: 'GET', url: `/_emulator/nope?${INST}` })).headers['content-type'], 'application/problem+json; charset=utf-8', '/_emulator keeps the seed\'s problem JSON');
});
