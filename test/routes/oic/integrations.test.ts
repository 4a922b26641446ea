/**
 * Integrations: create, get, update, delete, clone, activate/deactivate,
 * through HTTP; bad input gives the right status and code and writes nothing.
 */
import t from 'tap';
import { expectProblem, userBasic } from '../../helpers/app';
import { API, PROJECTS, connection, enc, integration, ok, rejects, seedIntegration, snapshot, oicAppWithProject, createAsUser, CREATED_BY_USER_AT_T0, linksAt, createTwice } from '../../helpers/oic';

const ID = 'CUSTOMER_DATA_SYNC|01.00.0000';
const URL_ = `${API}/integrations/${enc(ID)}`;

t.test('create: the seed request gives the seed response', async (t) => {
  const { c } = await oicAppWithProject(t);
  t.same(await createAsUser(t, c, `${API}/integrations`, seedIntegration()), {
    id: 'CUSTOMER_DATA_SYNC|01.00.0000',
    name: 'Customer Data Sync',
    identifier: 'CUSTOMER_DATA_SYNC',
    version: '01.00.0000',
    status: 'CONFIGURED',
    pattern: 'APP_DRIVEN_ORCHESTRATION',
    style: 'SCHEDULED',
    ...CREATED_BY_USER_AT_T0,
    projectId: 'CUSTOMER_PROJECT',
    links: linksAt('/ic/api/integration/v1/integrations/CUSTOMER_DATA_SYNC%7C01.00.0000', { activate: '/activate', export: '/archive' }),
  });
  // createdBy follows the caller: a token's subject is the client id.
  const byClient = await ok(c, 'POST', `${API}/integrations`, integration('BY_CLIENT'));
  t.equal(byClient.createdBy, 'oic-emulator-client');
});

t.test('create: bad input is a 400/404/409/415 and writes nothing', async (t) => {
  const { c } = await oicAppWithProject(t);
  const url = `${API}/integrations`;
  const without = (k: string) => { const b: any = seedIntegration(); delete b[k]; return b; };
  for (const k of ['name', 'identifier', 'version', 'pattern']) {
    await rejects(t, c, { method: 'POST', url, payload: without(k) }, 400, new RegExp(`body\\.${k} is required`));
  }
  await rejects(t, c, { method: 'POST', url, payload: { ...seedIntegration(), identifier: 'customer_sync' } }, 400, /body\.identifier must match pattern/);
  await rejects(t, c, { method: 'POST', url, payload: { ...seedIntegration(), identifier: 'CUSTOMER-SYNC' } }, 400, /body\.identifier must match pattern/);
  await rejects(t, c, { method: 'POST', url, payload: { ...seedIntegration(), version: '1.0' } }, 400, /body\.version must match pattern/);
  await rejects(t, c, { method: 'POST', url, payload: { ...seedIntegration(), pattern: 'SPAGHETTI' } }, 400, /body\.pattern must be one of APP_DRIVEN_ORCHESTRATION/);
  await rejects(t, c, { method: 'POST', url, payload: { ...seedIntegration(), style: 'BAROQUE' } }, 400, /body\.style must be one of/);
  await rejects(t, c, { method: 'POST', url, payload: { ...seedIntegration(), colour: 'blue' } }, 400, /body\.colour is not an allowed property/);
  const stringRetry: any = seedIntegration();
  stringRetry.configuration.errorHandling.retryCount = '5';
  await rejects(t, c, { method: 'POST', url, payload: stringRetry }, 400, /body\.configuration\.errorHandling\.retryCount must be integer/);
  const noConnId: any = seedIntegration();
  delete noConnId.connections[0].connectionId;
  await rejects(t, c, { method: 'POST', url, payload: noConnId }, 400, /body\.connections\.0\.connectionId is required/);
  await rejects(t, c, { method: 'POST', url, payload: '{"name": ', headers: { 'content-type': 'application/json' } }, 400, /Malformed JSON/);
  await rejects(t, c, { method: 'POST', url, payload: 'name=x', headers: { 'content-type': 'text/plain' } }, 415, /Content-Type/);
  await rejects(t, c, { method: 'POST', url, payload: { ...seedIntegration(), projectId: 'NO_SUCH_PROJECT' } }, 404, /Project with ID 'NO_SUCH_PROJECT' was not found/);

  const body = await createTwice(t, c, url, seedIntegration(), /Integration with ID 'CUSTOMER_DATA_SYNC\|01\.00\.0000' already exists/);
  t.equal(body.title, 'Resource Already Exists');
  // A taken id is the 409 even when the project is missing too.
  await rejects(t, c, { method: 'POST', url, payload: { ...seedIntegration(), projectId: 'NO_SUCH_PROJECT' } }, 409, /already exists/);
});

t.test('get: the whole definition, 404 in the seed words, raw or encoded id', async (t) => {
  const { c } = await oicAppWithProject(t);
  await ok(c, 'POST', `${API}/integrations`, seedIntegration());
  const res = await c.call({ method: 'GET', url: URL_ });
  t.equal(res.statusCode, 200);
  const got = res.json();
  const { id, status, createdTime, createdBy, modifiedTime, links, ...definition } = got;
  t.same(definition, seedIntegration(), 'the definition comes back exactly as sent');
  t.same([id, status, createdTime, createdBy, modifiedTime], [ID, 'CONFIGURED', '2025-06-15T10:00:00.000Z', 'oic-emulator-client', '2025-06-15T10:00:00.000Z']);
  t.same(links.map((l: any) => l.rel), ['self', 'activate', 'export', 'clone']);
  t.notOk('schedule' in got, 'no schedule unless the runtime has one');

  const raw = await c.call({ method: 'GET', url: `${API}/integrations/CUSTOMER_DATA_SYNC|01.00.0000` });
  t.equal(raw.statusCode, 200, 'an unencoded | works too');

  const missing = await c.call({ method: 'GET', url: `${API}/integrations/INVALID_ID` });
  const problem = expectProblem(t, missing, 404, 'OIC-404001');
  t.equal(problem.detail, "Integration with ID 'INVALID_ID' was not found: an integration id is IDENTIFIER|VERSION (e.g. INVALID_ID|01.00.0000, URL-encoded INVALID_ID%7C01.00.0000)");
  t.equal(problem.instance, '/ic/api/integration/v1/integrations/INVALID_ID');

  // The runtime's schedule, once there is one, is part of the integration (a
  // new write, so the cached view of the integration is built again).
  t.equal((await c.call({ method: 'GET', url: URL_ })).json().schedule, undefined, 'no schedule: no field');
  await ok(c, 'POST', `${URL_}/schedule`, { frequency: 'HOURLY' });
  t.match((await c.call({ method: 'GET', url: URL_ })).json().schedule, { id: 'SCHEDULE_001', integrationId: ID, frequency: 'HOURLY', interval: 1 });

  // The store contract the runtime relies on.
  const rec = c.app.stores.integrations.get(ID)!;
  t.match(rec, { id: ID, identifier: 'CUSTOMER_DATA_SYNC', version: '01.00.0000', name: 'Customer Data Sync', status: 'CONFIGURED', pattern: 'APP_DRIVEN_ORCHESTRATION', style: 'SCHEDULED', projectId: 'CUSTOMER_PROJECT' });
  t.same(rec.definition.configuration, seedIntegration().configuration);
  t.equal(c.app.stores.integrations.get('NOPE|01.00.0000'), undefined);
});

t.test('update: the seed example deep-merges; immutable fields and ACTIVE state are refused', async (t) => {
  const { c, clock } = await oicAppWithProject(t);
  await ok(c, 'POST', `${API}/integrations`, seedIntegration());
  clock.advance(60_000);
  const res = await c.call({ method: 'PUT', url: URL_, payload: { description: 'Updated description', configuration: { errorHandling: { retryCount: 5 } } } });
  t.equal(res.statusCode, 200);
  const got = res.json();
  t.equal(got.description, 'Updated description');
  t.same(got.configuration.errorHandling, { retryCount: 5, retryInterval: 60 }, 'siblings survive the merge');
  t.same(got.configuration.schedule, seedIntegration().configuration.schedule);
  t.same(got.connections, seedIntegration().connections, 'untouched arrays stay');
  t.equal(got.modifiedTime, '2025-06-15T10:01:00.000Z');
  t.equal(got.createdTime, '2025-06-15T10:00:00.000Z');

  // Arrays replace; a client can PUT back what it GOT.
  const replaced = await ok(c, 'PUT', URL_, { connections: [{ connectionId: 'ONLY_ONE' }] });
  t.same(replaced.connections, [{ connectionId: 'ONLY_ONE' }]);
  const roundTrip = await ok(c, 'PUT', URL_, replaced);
  t.same(roundTrip.connections, replaced.connections, 'the whole GET body is accepted back');

  await rejects(t, c, { method: 'PUT', url: URL_, payload: { identifier: 'OTHER' } }, 400, /identifier cannot be changed/);
  await rejects(t, c, { method: 'PUT', url: URL_, payload: { version: '02.00.0000' } }, 400, /version cannot be changed/);
  await rejects(t, c, { method: 'PUT', url: URL_, payload: { id: 'OTHER|01.00.0000' } }, 400, /id cannot be changed/);
  await rejects(t, c, { method: 'PUT', url: URL_, payload: { status: 'ACTIVE' } }, 400, /status cannot be changed with PUT.*\/activate/);
  await rejects(t, c, { method: 'PUT', url: URL_, payload: { bogus: 1 } }, 400, /body\.bogus is not an allowed property/);
  await rejects(t, c, { method: 'PUT', url: URL_, payload: { projectId: 'NOPE' } }, 404, /Project with ID 'NOPE'/);
  await rejects(t, c, { method: 'PUT', url: `${API}/integrations/${enc('NOPE|01.00.0000')}`, payload: { description: 'x' } }, 404, /Integration with ID 'NOPE\|01\.00\.0000' was not found/);

  await ok(c, 'PUT', URL_, { connections: [] });
  await ok(c, 'POST', `${URL_}/activate`);
  const active = await rejects(t, c, { method: 'PUT', url: URL_, payload: { description: 'while active' } }, 409, /is ACTIVE; deactivate it first/);
  t.equal(active.title, 'Invalid Resource State');
});

t.test('delete: 200 and gone; ACTIVE is refused; connection references go with it', async (t) => {
  const { c } = await oicAppWithProject(t);
  await ok(c, 'POST', `${API}/integrations`, integration('DEL_ME', { connections: [{ connectionId: 'REST_1' }] }));
  const url = `${API}/integrations/${enc('DEL_ME|01.00.0000')}`;
  await ok(c, 'POST', `${API}/connections`, connection('REST_1'));
  await ok(c, 'POST', `${url}/activate`);
  await rejects(t, c, { method: 'DELETE', url }, 409, /is ACTIVE; deactivate it first.*before you delete it/);
  await ok(c, 'POST', `${url}/deactivate`);
  const res = await c.call({ method: 'DELETE', url });
  t.equal(res.statusCode, 200);
  t.equal(res.body, '');
  expectProblem(t, await c.call({ method: 'GET', url }), 404, 'OIC-404001');
  t.same(snapshot(c.app).oic_integration_connections, [], 'its connection references are gone');
  await rejects(t, c, { method: 'DELETE', url }, 404, /was not found/);
});

t.test('clone: the seed request; 404 source, 409 target, identifier or code', async (t) => {
  const { c } = await oicAppWithProject(t);
  await ok(c, 'POST', PROJECTS, { name: 'Orders', identifier: 'ORDER_PROCESSING' });
  await ok(c, 'POST', `${API}/integrations`, { ...integration('CUSTOMER_ORDER_INT', { name: 'Customer_Order_Integration' }), connections: [], configuration: { errorHandling: { retryCount: 2 } } });
  const src = `${API}/integrations/${enc('CUSTOMER_ORDER_INT|01.00.0000')}`;
  await ok(c, 'POST', `${src}/activate`, { enablePayloadTracing: true, payloadTracingLevel: 'AUDIT' });
  const body = { name: 'Customer_Order_Integration_v2', identifier: 'CUSTOMER_ORDER_INT_V2', version: '02.00.0000', projectId: 'ORDER_PROCESSING' };
  const res = await c.call({ method: 'POST', url: `${src}/clone`, payload: body });
  t.equal(res.statusCode, 201);
  t.match(res.json(), {
    id: 'CUSTOMER_ORDER_INT_V2|02.00.0000', name: 'Customer_Order_Integration_v2', identifier: 'CUSTOMER_ORDER_INT_V2', version: '02.00.0000',
    status: 'CONFIGURED', projectId: 'ORDER_PROCESSING', pattern: 'APP_DRIVEN_ORCHESTRATION',
  });
  t.equal(res.json().links[0].href, '/ic/api/integration/v1/integrations/CUSTOMER_ORDER_INT_V2%7C02.00.0000');
  const clone = c.app.stores.integrations.get('CUSTOMER_ORDER_INT_V2|02.00.0000')!;
  t.same(clone.definition.configuration, { errorHandling: { retryCount: 2 } }, 'the definition is copied');
  t.notOk(clone.definition.tracing, 'tracing options are not copied');

  const viaCode = await ok(c, 'POST', `${src}/clone`, { code: 'CLONED_BY_CODE', version: '01.00.0000', name: 'By code' });
  t.equal(viaCode.id, 'CLONED_BY_CODE|01.00.0000');

  await rejects(t, c, { method: 'POST', url: `${src}/clone`, payload: body }, 409, /CUSTOMER_ORDER_INT_V2\|02\.00\.0000' already exists/);
  await rejects(t, c, { method: 'POST', url: `${API}/integrations/${enc('MISSING|01.00.0000')}/clone`, payload: { ...body, identifier: 'X1' } }, 404, /Integration with ID 'MISSING\|01\.00\.0000' was not found/);
  await rejects(t, c, { method: 'POST', url: `${src}/clone`, payload: { name: 'n', version: '01.00.0000' } }, 400, /body\.identifier is required/);
  await rejects(t, c, { method: 'POST', url: `${src}/clone`, payload: { name: 'n', version: '01.00.0000', identifier: 'A1', code: 'B1' } }, 400, /disagree/);
  await rejects(t, c, { method: 'POST', url: `${src}/clone`, payload: { name: 'n', version: 'v2', identifier: 'A1' } }, 400, /body\.version must match pattern/);
  await rejects(t, c, { method: 'POST', url: `${src}/clone`, payload: { ...body, identifier: 'X2', projectId: 'NOPE' } }, 404, /Project with ID 'NOPE'/);
});

t.test('activate / deactivate: tracing stored and returned, reasons named', async (t) => {
  const { c } = await oicAppWithProject(t);
  await ok(c, 'POST', `${API}/integrations`, seedIntegration());
  const body = { enablePayloadTracing: true, payloadTracingLevel: 'PRODUCTION' };
  await rejects(t, c, { method: 'POST', url: `${URL_}/activate`, payload: body }, 409, /references connection\(s\) that do not exist: SALESFORCE_CONN_01, ORACLE_DB_CONN_01/);
  await ok(c, 'POST', `${API}/connections`, connection('SALESFORCE_CONN_01', { adapterType: 'salesforce', connectionProperties: { loginUrl: 'https://login.example.com' } }));
  await rejects(t, c, { method: 'POST', url: `${URL_}/activate`, payload: body }, 409, /do not exist: ORACLE_DB_CONN_01$|do not exist: ORACLE_DB_CONN_01;/);
  await ok(c, 'POST', `${API}/connections`, connection('ORACLE_DB_CONN_01', { adapterType: 'oracle-db-adapter', connectionProperties: { host: 'db', port: 1521, serviceName: 'X' } }));
  await rejects(t, c, { method: 'POST', url: `${URL_}/activate`, payload: { payloadTracingLevel: 'LOUD' } }, 400, /body\.payloadTracingLevel must be one of PRODUCTION, AUDIT, DEBUG/);
  await rejects(t, c, { method: 'POST', url: `${URL_}/activate`, payload: { tracing: true } }, 400, /body\.tracing is not an allowed property/);

  const res = await c.call({ method: 'POST', url: `${URL_}/activate`, payload: body, headers: { authorization: userBasic() } });
  t.equal(res.statusCode, 200);
  t.match(res.json(), { id: ID, status: 'ACTIVE', tracing: body, activatedBy: 'user@example.com', activatedTime: '2025-06-15T10:00:00.000Z' });
  t.same(res.json().links.map((l: any) => l.rel), ['self', 'deactivate', 'export', 'clone']);
  t.match((await c.call({ method: 'GET', url: URL_ })).json(), { status: 'ACTIVE', tracing: body });
  t.same(c.app.stores.integrations.get(ID)!.definition.tracing, body, 'the runtime sees the tracing options');
  await rejects(t, c, { method: 'POST', url: `${URL_}/activate`, payload: body }, 409, /is already ACTIVE/);

  const off = await c.call({ method: 'POST', url: `${URL_}/deactivate` });
  t.equal(off.statusCode, 200);
  t.equal(off.json().status, 'CONFIGURED');
  t.notOk('tracing' in off.json(), 'tracing options end with the activation');
  t.notOk('activatedTime' in off.json());
  await rejects(t, c, { method: 'POST', url: `${URL_}/deactivate` }, 409, /is not ACTIVE/);

  const plain = await ok(c, 'POST', `${URL_}/activate`);
  t.same(plain.tracing, { enablePayloadTracing: false, payloadTracingLevel: 'PRODUCTION' }, 'no body: tracing off');
  await rejects(t, c, { method: 'POST', url: `${API}/integrations/${enc('NOPE|01.00.0000')}/activate` }, 404, /was not found/);
  await rejects(t, c, { method: 'POST', url: `${API}/integrations/${enc('NOPE|01.00.0000')}/deactivate` }, 404, /was not found/);
});
