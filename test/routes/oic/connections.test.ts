/**
 * Connections: create/list/get/update/delete, masked secrets, simulated
 * tests (deterministic rules and forced outcomes), adapter metadata.
 */
import t from 'tap';
import { ANY_CONNECTION } from '../../../src/store/oic/connections';
import { API, connection, enc, integration, ok, rejects, seedConnection, seedIntegration, oicAppWithProject, createAsUser, CREATED_BY_USER_AT_T0, linksAt, createTwice } from '../../helpers/oic';

const CONN = `${API}/connections`;

const mysql = (id: string, extra: Record<string, unknown> = {}) =>
  connection(id, { adapterType: 'MYSQL', connectionProperties: { host: 'mysql.prod.example.com', port: 3306, connectionPooling: { initialSize: 2, maxSize: 10 }, security: { username: 'app', password: 's3cret' } }, ...extra });

t.test('create: the seed request gives the seed response', async (t) => {
  const { c } = await oicAppWithProject(t);
  t.same(await createAsUser(t, c, CONN, seedConnection()), {
    id: 'PROD_DB_CONN_01',
    name: 'Production Database Connection',
    identifier: 'PROD_DB_CONN_01',
    status: 'CONFIGURED',
    adapterType: 'oracle-db-adapter',
    version: '01.00.0000',
    ...CREATED_BY_USER_AT_T0,
    projectId: 'CUSTOMER_PROJECT',
    testStatus: 'NOT_TESTED',
    links: linksAt('/ic/api/integration/v1/connections/PROD_DB_CONN_01', { test: '/test', metadata: '/metadata' }),
  });
});

t.test('create: bad input is refused and writes nothing', async (t) => {
  const { c } = await oicAppWithProject(t);
  const without = (k: string) => { const b: any = seedConnection(); delete b[k]; return b; };
  for (const k of ['name', 'identifier', 'adapterType']) await rejects(t, c, { method: 'POST', url: CONN, payload: without(k) }, 400, new RegExp(`body\\.${k} is required`));
  await rejects(t, c, { method: 'POST', url: CONN, payload: { ...seedConnection(), identifier: 'prod-db' } }, 400, /body\.identifier must match pattern/);
  await rejects(t, c, { method: 'POST', url: CONN, payload: { ...seedConnection(), adapterType: 'oracle db!' } }, 400, /body\.adapterType must match pattern/);
  await rejects(t, c, { method: 'POST', url: CONN, payload: { ...seedConnection(), version: '1' } }, 400, /body\.version must match pattern/);
  await rejects(t, c, { method: 'POST', url: CONN, payload: { ...seedConnection(), testConfiguration: { testTimeout: '30' } } }, 400, /body\.testConfiguration\.testTimeout must be integer/);
  await rejects(t, c, { method: 'POST', url: CONN, payload: { ...seedConnection(), password: 'x' } }, 400, /body\.password is not an allowed property/);
  await rejects(t, c, { method: 'POST', url: CONN, payload: { ...seedConnection(), projectId: 'NOPE' } }, 404, /Project with ID 'NOPE' was not found/);
  await createTwice(t, c, CONN, seedConnection(), /Connection with ID 'PROD_DB_CONN_01' already exists/);
});

t.test('secrets are stored but masked in every response', async (t) => {
  const { c } = await oicAppWithProject(t);
  const body: any = seedConnection();
  body.connectionProperties.security.clientSecret = 'cs-123';
  body.connectionProperties.security.accessToken = 'tok-123';
  body.connectionProperties.security.oauth = { privateKey: 'pk-123', tokenUrl: 'https://idp/token' };
  body.connectionProperties.apiKey = 'ak-123';
  const created = await c.call({ method: 'POST', url: CONN, payload: body });
  t.notMatch(created.body, /DB_PASSWORD|cs-123|tok-123|pk-123|ak-123/);
  const got = await c.call({ method: 'GET', url: `${CONN}/PROD_DB_CONN_01` });
  t.notMatch(got.body, /DB_PASSWORD|cs-123|tok-123|pk-123|ak-123/, 'no secret in GET');
  const sec = got.json().connectionProperties.security;
  t.same([sec.password, sec.clientSecret, sec.accessToken, sec.oauth.privateKey, got.json().connectionProperties.apiKey], Array(5).fill('********'));
  t.equal(sec.username, '${DB_USERNAME}', 'non-secrets are shown');
  t.equal(sec.oauth.tokenUrl, 'https://idp/token', 'a URL is not a secret');
  t.notMatch((await c.call({ method: 'GET', url: CONN })).body, /DB_PASSWORD/, 'nor in the list');
  const updated = await c.call({ method: 'PUT', url: `${CONN}/PROD_DB_CONN_01`, payload: { description: 'x' } });
  t.notMatch(updated.body, /DB_PASSWORD|cs-123/, 'nor in the update response');
  t.same(c.app.stores.connections.get('PROD_DB_CONN_01')!.definition.connectionProperties!.security, body.connectionProperties.security, 'stored as given');
});

t.test('list: paging, adapterType (normalised), projectId, q, orderBy', async (t) => {
  const { c, clock } = await oicAppWithProject(t);
  await ok(c, 'POST', CONN, seedConnection());
  for (const [id, type] of [['MYSQL_A', 'mysql-adapter'], ['MYSQL_B', 'MySQL'], ['REST_C', 'rest']] as const) {
    clock.advance(1000);
    await ok(c, 'POST', CONN, connection(id, { adapterType: type }));
  }
  const list = (qs: string) => c.call({ method: 'GET', url: `${CONN}?${qs}` }).then((r) => r.json());
  const mysqls = await list('adapterType=MYSQL');
  t.same(mysqls.items.map((i: any) => i.id), ['MYSQL_B', 'MYSQL_A'], 'MYSQL matches mysql-adapter and MySQL, newest first');
  t.match(mysqls, { totalResults: 2, hasMore: false, limit: 100, offset: 0 });
  t.same((await list('projectId=CUSTOMER_PROJECT')).items.map((i: any) => i.id), ['PROD_DB_CONN_01']);
  t.same((await list('orderBy=name&limit=2')).items.map((i: any) => i.name), ['mysql_a', 'mysql_b']);
  t.match(await list('orderBy=name&limit=2&offset=2'), { totalResults: 4, hasMore: false, offset: 2, limit: 2 });
  t.same((await list(`q=${encodeURIComponent("{adapterType: 'oracle_db'}")}`)).items.map((i: any) => i.id), ['PROD_DB_CONN_01']);
  t.same((await list(`q=${encodeURIComponent('{name: /^mysql/}')}&orderBy=name`)).items.map((i: any) => i.id), ['MYSQL_A', 'MYSQL_B']);
  t.same((await list('q=rest')).items.map((i: any) => i.id), ['REST_C'], 'plain term');
  t.match((await list('limit=1')).items[0], { id: 'REST_C', adapterType: 'rest', testStatus: 'NOT_TESTED', links: Array });
  await rejects(t, c, { method: 'GET', url: `${CONN}?limit=501` }, 400, /'limit' must be between 1 and 500, got 501/);
  await rejects(t, c, { method: 'GET', url: `${CONN}?orderBy=adapterType` }, 400, /'orderBy' cannot be 'adapterType'; use one of name, modifiedTime, status/);
});

t.test('update: the seed example deep-merges; secrets survive a GET/PUT round trip', async (t) => {
  const { c, clock } = await oicAppWithProject(t);
  await ok(c, 'POST', CONN, mysql('MYSQL_PROD'));
  const url = `${CONN}/MYSQL_PROD`;
  t.equal((await ok(c, 'POST', `${url}/test`)).status, 'SUCCESS');
  clock.advance(5000);
  const res = await c.call({ method: 'PUT', url, payload: { connectionProperties: { host: 'mysql-new.prod.example.com', connectionPooling: { maxSize: 30 } } } });
  t.equal(res.statusCode, 200);
  t.match(res.json().connectionProperties, { host: 'mysql-new.prod.example.com', port: 3306, connectionPooling: { initialSize: 2, maxSize: 30 }, security: { username: 'app', password: '********' } });
  t.equal(res.json().testStatus, 'NOT_TESTED', 'changed properties need a new test');
  t.equal(res.json().modifiedTime, '2025-06-15T10:00:05.000Z');
  t.same((c.app.stores.connections.get('MYSQL_PROD')!.definition.connectionProperties as any).security.password, 's3cret', 'password kept');

  const echoed = await ok(c, 'PUT', url, res.json());
  t.same((c.app.stores.connections.get('MYSQL_PROD')!.definition.connectionProperties as any).security.password, 's3cret', 'PUT of the masked GET body keeps the stored password');
  t.equal(echoed.connectionProperties.security.password, '********');
  await ok(c, 'PUT', url, { connectionProperties: { security: { password: 'n3w' } } });
  t.same((c.app.stores.connections.get('MYSQL_PROD')!.definition.connectionProperties as any).security.password, 'n3w', 'a new password is stored');

  await rejects(t, c, { method: 'PUT', url, payload: { identifier: 'OTHER' } }, 400, /identifier of connection 'MYSQL_PROD' cannot be changed/);
  await rejects(t, c, { method: 'PUT', url, payload: { adapterType: 'rest' } }, 400, /adapterType of connection 'MYSQL_PROD' cannot be changed/);
  await rejects(t, c, { method: 'PUT', url, payload: { id: 'OTHER' } }, 400, /id cannot be changed/);
  await rejects(t, c, { method: 'PUT', url, payload: { projectId: 'NOPE' } }, 404, /Project with ID 'NOPE'/);
  await rejects(t, c, { method: 'PUT', url: `${CONN}/NOPE`, payload: { name: 'x' } }, 404, /Connection with ID 'NOPE' was not found/);
});

t.test('delete: refused while integrations use it, naming them', async (t) => {
  const { c } = await oicAppWithProject(t);
  await ok(c, 'POST', CONN, connection('SHARED'));
  for (const id of ['USER_A', 'USER_B']) await ok(c, 'POST', `${API}/integrations`, integration(id, { connections: [{ connectionId: 'SHARED' }] }));
  await rejects(t, c, { method: 'DELETE', url: `${CONN}/SHARED` }, 409, /Connection 'SHARED' is used by 2 integration\(s\): USER_A\|01\.00\.0000, USER_B\|01\.00\.0000/);
  t.same((await c.call({ method: 'GET', url: `${CONN}/SHARED` })).json().usedBy, ['USER_A|01.00.0000', 'USER_B|01.00.0000']);
  for (const id of ['USER_A', 'USER_B']) await c.call({ method: 'DELETE', url: `${API}/integrations/${enc(`${id}|01.00.0000`)}` });
  const res = await c.call({ method: 'DELETE', url: `${CONN}/SHARED` });
  t.equal(res.statusCode, 200);
  t.equal(res.body, '');
  await rejects(t, c, { method: 'GET', url: `${CONN}/SHARED` }, 404, /Connection with ID 'SHARED' was not found/);
  await rejects(t, c, { method: 'DELETE', url: `${CONN}/SHARED` }, 404, /was not found/);
});

t.test('test: the seed response shape, deterministic outcomes, recorded status', async (t) => {
  const { c, clock } = await oicAppWithProject(t);
  await ok(c, 'POST', CONN, mysql('MYSQL_PROD'));
  const res = await c.call({ method: 'POST', url: `${CONN}/MYSQL_PROD/test` });
  t.equal(res.statusCode, 200);
  const body = res.json();
  t.same(Object.keys(body), ['status', 'message', 'responseTime', 'timestamp', 'details']);
  t.match(body, { status: 'SUCCESS', message: 'Connection test successful', responseTime: Number, timestamp: '2025-06-15T10:00:00.000Z' });
  t.same(body.details, { serverVersion: '8.0.32', characterSet: 'utf8mb4', maxConnections: 151 });
  t.equal((await ok(c, 'POST', `${CONN}/MYSQL_PROD/test`)).responseTime, body.responseTime, 'same properties, same response time');
  clock.advance(1000);
  await ok(c, 'POST', `${CONN}/MYSQL_PROD/test`);
  t.match((await c.call({ method: 'GET', url: `${CONN}/MYSQL_PROD` })).json(), { testStatus: 'SUCCESS', lastTestTime: '2025-06-15T10:00:01.000Z', lastTestMessage: 'Connection test successful' });

  const cases: Array<[string, Record<string, unknown>, RegExp, string]> = [
    ['BAD_HOST', { adapterType: 'mysql', connectionProperties: { host: 'invalid-host.example.com', port: 3306 } }, /Unknown host 'invalid-host\.example\.com'/, 'UNKNOWN_HOST'],
    ['SLOW_HOST', { adapterType: 'mysql', connectionProperties: { host: 'unreachable.example.com', port: 3306 } }, /timed out/, 'CONNECTION_TIMEOUT'],
    ['NO_SERVICE', { adapterType: 'oracle-db-adapter', connectionProperties: { host: 'db', port: 1521 } }, /Missing required connection property 'serviceName' or 'sid'/, 'MISSING_PROPERTY'],
    ['NO_URL', { adapterType: 'rest', connectionProperties: {} }, /Missing required connection property 'baseUrl' or 'connectionUrl' or 'url'/, 'MISSING_PROPERTY'],
    ['BAD_PASS', { adapterType: 'mysql', connectionProperties: { host: 'db', port: 1, security: { password: 'wrong-password' } } }, /Authentication failed: the password was rejected/, 'AUTHENTICATION_FAILED'],
  ];
  for (const [id, extra, reason, code] of cases) {
    await ok(c, 'POST', CONN, connection(id, extra));
    const r = await ok(c, 'POST', `${CONN}/${id}/test`);
    t.equal(r.status, 'FAILED', `${id} fails`);
    t.match(r.message, reason);
    t.match(r.details, { errorCode: code, reason });
    t.equal((await c.call({ method: 'GET', url: `${CONN}/${id}` })).json().testStatus, 'FAILED');
  }
  t.equal((await ok(c, 'POST', CONN, connection('ANYTHING', { adapterType: 'custom-thing', connectionProperties: {} }))).testStatus, 'NOT_TESTED');
  t.equal((await ok(c, 'POST', `${CONN}/ANYTHING/test`)).status, 'SUCCESS', 'unknown adapter types need no properties');
  await rejects(t, c, { method: 'POST', url: `${CONN}/NOPE/test` }, 404, /Connection with ID 'NOPE' was not found/);
});

t.test('test: forced outcomes (the control plane\'s fault hook) win, in order, and reset clears them', async (t) => {
  const { c } = await oicAppWithProject(t);
  await ok(c, 'POST', CONN, mysql('M1'));
  await ok(c, 'POST', CONN, mysql('M2'));
  const store = c.app.stores.connections;
  store.forceNextTestOutcome('M1', 'FAILED', 'Listener refused the connection');
  const forced = await ok(c, 'POST', `${CONN}/M1/test`);
  t.match(forced, { status: 'FAILED', message: 'Connection test failed: Listener refused the connection', details: { errorCode: 'FAULT_INJECTED' } });
  t.equal((await ok(c, 'POST', `${CONN}/M1/test`)).status, 'SUCCESS', 'only the next one');
  store.forceNextTestOutcome(ANY_CONNECTION, 'FAILED', undefined, 2);
  t.equal((await ok(c, 'POST', `${CONN}/M2/test`)).status, 'FAILED', 'any connection');
  t.match((await ok(c, 'POST', `${CONN}/M1/test`)).details.reason, /fault injected/);
  t.equal((await ok(c, 'POST', `${CONN}/M1/test`)).status, 'SUCCESS');
  await ok(c, 'POST', CONN, connection('BROKEN', { connectionProperties: { baseUrl: 'http://invalid' } }));
  store.forceNextTestOutcome('BROKEN', 'SUCCESS');
  t.equal((await ok(c, 'POST', `${CONN}/BROKEN/test`)).status, 'SUCCESS', 'a forced success too');
  store.testFault = (id) => (id === 'M2' ? { reason: 'Rule fired', errorCode: 'ORA-12541' } : null);
  t.match(await ok(c, 'POST', `${CONN}/M2/test`), { status: 'FAILED', message: 'Connection test failed: Rule fired', details: { errorCode: 'ORA-12541', reason: 'Rule fired' } }, 'the pull-style fault hook');
  t.equal((await ok(c, 'POST', `${CONN}/M1/test`)).status, 'SUCCESS', 'the hook decides per connection');
  store.testFault = null;
  store.forceNextTestOutcome('M1', 'FAILED');
  for (const hook of c.app.ctx.resetHooks) hook('all');
  t.equal((await ok(c, 'POST', `${CONN}/M1/test`)).status, 'SUCCESS', 'reset clears queued outcomes');
});

t.test('metadata: the adapter\'s objects and what integrations use', async (t) => {
  const { c } = await oicAppWithProject(t);
  await ok(c, 'POST', CONN, connection('ORACLE_DB_CONN_01', { adapterType: 'oracle-db-adapter', connectionProperties: { host: 'db', port: 1521, serviceName: 'X' } }));
  await ok(c, 'POST', CONN, connection('SALESFORCE_CONN_01', { adapterType: 'salesforce', connectionProperties: { loginUrl: 'https://login' } }));
  await ok(c, 'POST', `${API}/integrations`, seedIntegration());
  const db = (await c.call({ method: 'GET', url: `${CONN}/ORACLE_DB_CONN_01/metadata` })).json();
  t.match(db, { connectionId: 'ORACLE_DB_CONN_01', adapterType: 'oracle-db-adapter', operations: ['QUERY', 'INSERT', 'UPDATE', 'DELETE', 'MERGE', 'STORED_PROCEDURE'] });
  t.same(db.objects, [
    { name: 'DUAL', type: 'TABLE', fields: [{ name: 'DUMMY', type: 'STRING' }], operations: [], usedBy: [] },
    {
      name: 'CUSTOMERS', type: 'TABLE',
      fields: [{ name: 'CUSTOMER_ID', type: 'STRING' }, { name: 'CUSTOMER_NAME', type: 'STRING' }, { name: 'EMAIL_ADDRESS', type: 'STRING' }],
      operations: ['INSERT'], usedBy: ['CUSTOMER_DATA_SYNC|01.00.0000'],
    },
  ]);
  const sf = (await c.call({ method: 'GET', url: `${CONN}/SALESFORCE_CONN_01/metadata` })).json();
  const account = sf.objects.find((o: any) => o.name === 'Account');
  t.same(account.fields.map((f: any) => `${f.name}:${f.type}`), ['Id:STRING', 'Name:STRING', 'Email:STRING', 'LastModifiedDate:DATETIME']);
  t.same(account.operations, ['QUERY']);
  await rejects(t, c, { method: 'GET', url: `${CONN}/NOPE/metadata` }, 404, /Connection with ID 'NOPE' was not found/);
});
