/**
 * Integration archives in Oracle's real layout (built in code by
 * test/helpers/archives.ts): import through the seed path and the real
 * paths, the record and the connections it brings, byte-for-byte export,
 * 409 then PUT, activation refused while a connection is not configured and
 * allowed once configured (seed PUT and Oracle's PATCH with property
 * descriptors), connection tests while not configured.
 */
import t from 'tap';
import { strFromU8, unzipSync } from 'fflate';
import { buildTestApp } from '../../helpers/app';
import { buildIarFile, iarEntries, zipEntries, type TestFlow } from '../../helpers/archives';
import { API, connection, enc, ok, rejects, snapshot, upload } from '../../helpers/oic';

const ORDERS: TestFlow = {
  code: 'ORDER_SYNC',
  name: 'Order Sync',
  description: 'Receives orders: and books them',
  mepType: 'MEP04',
  tracking: 'Order Id',
  trigger: { conn: 'ORDERS_REST', name: 'ReceiveOrder', rest: { verb: 'POST', uri: '/orders/{orderId}', query: 'channel', responseSample: '{"status":"ACCEPTED"}' } },
  invokes: [{ conn: 'ERP_CLOUD', name: 'CreateSalesOrder', operation: 'create' }, { conn: 'PRESEEDED_COLLOCATED_ICS', name: 'NotifyOps' }, { conn: 'SHARED_FTP', name: 'WriteFile', operation: 'write' }],
  processors: [{ name: 'MapOrder', type: 'transformer' }, { name: 'LogDone', type: 'logger' }],
  connections: [
    { code: 'ORDERS_REST', type: 'rest', name: 'Orders REST', props: { connectionType: 'REST API Base URL', connectionUrl: '%%ORDERS_REST_connectionUrl' } },
    { code: 'ERP_CLOUD', type: 'erp', name: 'ERP Cloud', status: 'INPROGRESS', props: { erpServiceCatalogUrl: 'https://erp.example.com/catalog', region: null } },
    { code: 'SHARED_FTP', type: 'ftp', name: 'From the archive', props: { host: '%%SHARED_FTP_host', port: '22', sslCertificateAlias: null } },
  ],
};
const ID = 'ORDER_SYNC|01.00.0000';
const URL_ = `${API}/integrations/${enc(ID)}`;
const override = { 'x-http-method-override': 'PATCH' };

t.test('Gen2 archive without smartTags: the record, its connections, byte-for-byte export', async (t) => {
  const c = await buildTestApp(t);
  // An existing connection is left as it is.
  await ok(c, 'POST', `${API}/connections`, connection('SHARED_FTP', { adapterType: 'ftp', name: 'Mine', connectionProperties: { host: 'ftp.example.com', port: 22 } }));
  const res = await upload(c, 'POST', buildIarFile(ORDERS), 'ORDER_SYNC_01.00.0000.iar');
  t.equal(res.statusCode, 201, res.body);
  t.equal(res.headers.location, `${API}/integrations/ORDER_SYNC%7C01.00.0000`);
  t.match(res.json(), { id: ID, name: 'Order Sync', identifier: 'ORDER_SYNC', version: '01.00.0000', status: 'CONFIGURED' });

  const got = (await c.call({ method: 'GET', url: URL_ })).json();
  t.match(got, { description: 'Receives orders: and books them', pattern: 'APP_DRIVEN_ORCHESTRATION', style: 'APP_DRIVEN', status: 'CONFIGURED' });
  t.same(got.connections.map((x: any) => [x.role, x.connectionId]), [['SOURCE', 'ORDERS_REST'], ['TARGET', 'ERP_CLOUD'], ['TARGET', 'PRESEEDED_COLLOCATED_ICS'], ['TARGET', 'SHARED_FTP']]);
  t.same(got.archive, {
    invokes: [{ name: 'CreateSalesOrder', connectionId: 'ERP_CLOUD', operation: 'create' }, { name: 'NotifyOps', connectionId: 'PRESEEDED_COLLOCATED_ICS', operation: 'execute' }, { name: 'WriteFile', connectionId: 'SHARED_FTP', operation: 'write' }],
    steps: [
      { name: 'MapOrder', type: 'transformer' }, { name: 'CreateSalesOrder', type: 'invoke', connectionId: 'ERP_CLOUD', operation: 'create' },
      { name: 'NotifyOps', type: 'invoke', connectionId: 'PRESEEDED_COLLOCATED_ICS', operation: 'execute' }, { name: 'WriteFile', type: 'invoke', connectionId: 'SHARED_FTP', operation: 'write' },
      { name: 'LogDone', type: 'logger' },
    ],
    trigger: { name: 'ReceiveOrder', connectionId: 'ORDERS_REST', rest: { verb: 'POST', resourceUri: '/orders/{orderId}', queryParameters: ['channel'], requestMediaType: 'application/json', responseMediaType: 'application/json', responseSample: '{"status":"ACCEPTED"}' } },
    mepType: 'MEP04', trackingField: 'Order Id', icsVersion: '22.3.1.0.0', originalIcsVersion: '21.4.2.0.0',
  });
  const real = (await c.call({ method: 'GET', url: `${API}/integrations/${enc(ID)}/activationStatus` })).json();
  t.same(real, { activationStatus: 'CONFIGURED' });

  const conn = (id: string) => c.call({ method: 'GET', url: `${API}/connections/${id}` }).then((r) => r.json());
  t.match(await conn('ORDERS_REST'), { name: 'Orders REST', adapterType: 'rest', status: 'INPROGRESS', securityPolicy: 'BASIC_AUTH', connectionProperties: { connectionUrl: '%%ORDERS_REST_connectionUrl' } });
  t.match(await conn('ERP_CLOUD'), { adapterType: 'erp', status: 'INPROGRESS', connectionProperties: { erpServiceCatalogUrl: 'https://erp.example.com/catalog', region: null } });
  t.match(await conn('SHARED_FTP'), { name: 'Mine', status: 'CONFIGURED', connectionProperties: { host: 'ftp.example.com', port: 22 } }, 'existing connection untouched');
  t.equal((await c.call({ method: 'GET', url: `${API}/connections/PRESEEDED_COLLOCATED_ICS` })).statusCode, 404, 'built-in connections are not created');

  const exported = await c.call({ method: 'GET', url: `${URL_}/archive` });
  t.equal(exported.statusCode, 200);
  const files = unzipSync(new Uint8Array(exported.rawPayload));
  const original = iarEntries(ORDERS);
  const kept = Object.keys(original).filter((n) => !n.startsWith('icspackage/appinstances/'));
  for (const n of kept) t.same(Buffer.from(files[n] ?? []), Buffer.from(original[n]), `${n}: the same bytes`);
  t.same(Object.keys(files).filter((n) => !n.startsWith('icspackage/appinstances/')).sort(), kept.sort(), 'the same entry names');
  t.same(Object.keys(files).filter((n) => n.startsWith('icspackage/appinstances/')).sort(), ['ERP_CLOUD', 'ORDERS_REST', 'SHARED_FTP'].map((x) => `icspackage/appinstances/${x}.xml`));
  t.match(strFromU8(files['icspackage/appinstances/SHARED_FTP.xml']), /<displayName>Mine<\/displayName>/, 'descriptors as the connections are now');

  // The export imports back (PUT replaces) to the same record.
  const before = c.app.stores.integrations.get(ID)!.definition;
  t.equal((await upload(c, 'PUT', exported.rawPayload)).statusCode, 200);
  t.same(c.app.stores.integrations.get(ID)!.definition, before);
});

t.test('409 then PUT; activation refused until the connections are configured', async (t) => {
  const c = await buildTestApp(t);
  t.equal((await upload(c, 'POST', buildIarFile(ORDERS))).statusCode, 201);
  await rejects(t, c, { method: 'POST', url: `${API}/integrations/archive`, ...(await import('../../helpers/oic')).multipart([{ field: 'file', filename: 'x.iar', data: buildIarFile(ORDERS) }]) }, 409, /already exists; use PUT/);
  const changed = buildIarFile({ ...ORDERS, name: 'Order Sync v2' });
  const put = await upload(c, 'PUT', changed);
  t.equal(put.statusCode, 200);
  t.equal(put.json().name, 'Order Sync v2');

  const refused = await rejects(t, c, { method: 'POST', url: `${URL_}/activate` }, 409,
    /cannot be activated: connection\(s\) not configured: ORDERS_REST \(rest\): connectionUrl is still the placeholder %%ORDERS_REST_connectionUrl; ERP_CLOUD \(erp\): region has no value; SHARED_FTP \(ftp\): host is still the placeholder %%SHARED_FTP_host/);
  t.equal(refused.title, 'Invalid Resource State');
  await rejects(t, c, { method: 'POST', url: URL_, headers: override, payload: { status: 'ACTIVATED' } }, 412, /not configured: ORDERS_REST/);

  const test = (await c.call({ method: 'POST', url: `${API}/connections/ORDERS_REST/test` })).json();
  t.match(test, { status: 'FAILED', message: "Connection test failed: Connection 'ORDERS_REST' is not configured: connectionUrl is still the placeholder %%ORDERS_REST_connectionUrl", details: { errorCode: 'NOT_CONFIGURED' } });

  // Seed PUT configures one; Oracle's PATCH with property descriptors the others.
  await ok(c, 'PUT', `${API}/connections/ERP_CLOUD`, { connectionProperties: { region: 'us-ashburn-1' } });
  const patched = await c.call({
    method: 'POST', url: `${API}/connections/ORDERS_REST`, headers: override,
    payload: { connectionProperties: [{ propertyGroup: 'CONNECTION_PROPS', propertyName: 'connectionUrl', propertyType: 'URL_OR_WSDL_URL', propertyValue: 'https://orders.example.com' }], securityPolicy: 'BASIC_AUTH', securityProperties: [{ propertyName: 'username', propertyValue: 'svc' }, { propertyName: 'password', propertyValue: 'pw' }] },
  });
  t.equal(patched.statusCode, 200, patched.body);
  t.match(patched.json(), { status: 'CONFIGURED', connectionProperties: { connectionUrl: 'https://orders.example.com', security: { username: 'svc', password: '********' } } });
  t.match((await c.call({ method: 'POST', url: `${API}/connections/ORDERS_REST/test` })).json(), { status: 'SUCCESS' });
  await rejects(t, c, { method: 'POST', url: `${URL_}/activate` }, 409, /not configured: SHARED_FTP \(ftp\): host is still the placeholder/);
  await ok(c, 'PUT', `${API}/connections/SHARED_FTP`, { connectionProperties: { host: 'ftp.example.com' } });
  const activated = await c.call({ method: 'POST', url: URL_, headers: override, payload: { status: 'ACTIVATED' } });
  t.equal(activated.statusCode, 200, activated.body);
  t.same((await c.call({ method: 'GET', url: `${API}/integrations/${enc(ID)}/activationStatus` })).json(), { activationStatus: 'ACTIVATED' });
});

t.test('Gen3 with smartTags, stored (not deflated), events and B2B entries', async (t) => {
  const c = await buildTestApp(t);
  const flow: TestFlow = {
    code: 'NIGHTLY_FILES', version: '02.10.0003', gen3: true, mepType: 'MEP07', smartTags: 'style:scheduled orchestration,app:rest, app:ftp',
    trigger: { conn: 'PRESEEDED_SCHEDULER', name: 'Schedule' }, invokes: [{ conn: 'B2B_PARTNER', name: 'SendDoc' }],
    connections: [{ code: 'B2B_PARTNER', type: 'rest', props: { connectionUrl: 'https://partner.example.com' } }], events: true, b2b: true,
  };
  const data = zipEntries(iarEntries(flow), 0);
  const res = await upload(c, 'POST', data);
  t.equal(res.statusCode, 201, res.body);
  const got = (await c.call({ method: 'GET', url: `${API}/integrations/${enc('NIGHTLY_FILES|02.10.0003')}` })).json();
  t.match(got, { pattern: 'SCHEDULED_ORCHESTRATION', style: 'SCHEDULED', archive: { icsVersion: '24.10.0.0.0', smartTags: 'style:scheduled orchestration,app:rest, app:ftp' } });
  t.match((await c.call({ method: 'GET', url: `${API}/connections/B2B_PARTNER` })).json(), { status: 'CONFIGURED' });
  const files = unzipSync(new Uint8Array((await c.call({ method: 'GET', url: `${API}/integrations/${enc('NIGHTLY_FILES|02.10.0003')}/archive` })).rawPayload));
  t.same(strFromU8(files['icspackage/eventtypes/OrderCreated.json']), '{"name":"OrderCreated","version":"1.0"}\n');
  const sent = unzipSync(new Uint8Array(data));
  for (const n of ['icspackage/b2bartifacts/Doc_850.xml', 'icspackage/project/NIGHTLY_FILES_02.10.0003/PROJECT-INF/layout3.json']) {
    t.same(Buffer.from(files[n] ?? []), Buffer.from(sent[n]), `${n} exported as imported`);
  }
  // Activates as it is: every connection is configured, the scheduler is built in.
  await ok(c, 'POST', `${API}/integrations/${enc('NIGHTLY_FILES|02.10.0003')}/activate`);
  t.same(snapshot(c.app).oic_archive_sources.length, 1);
});
