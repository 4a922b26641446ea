/**
 * Project (.car) and package (.par) archives built in code in the real
 * layouts: import (409 then PUT), what they create (project with its real
 * code, integrations, connections, lookups, schedule with its time zone,
 * libraries; package name on every integration), export and re-import,
 * project-scoped reads and connection updates, hostile nesting, nothing
 * written on error.
 */
import t from 'tap';
import { strFromU8, unzipSync } from 'fflate';
import { buildTestApp } from '../../helpers/app';
import { carEntries, parEntries, zipEntries, buildIarFile, type TestCar, type TestFlow } from '../../helpers/archives';
import { zipOf, deflatedZeros } from './hostile-zip';
import { API, enc, multipart, rejects, snapshot } from '../../helpers/oic';

const flow = (code: string, extra: Partial<TestFlow> = {}): TestFlow => ({
  code, name: `${code} flow`, trigger: { conn: 'CRM_REST', name: 'Receive', rest: { verb: 'GET', uri: `/${code.toLowerCase()}/{id}` } }, invokes: [{ conn: 'ERP_SOAP', name: 'Book' }], ...extra,
});
const CAR: TestCar = {
  code: 'orcl-R-ERP_Orders',
  name: 'ERP orders',
  flows: [flow('ORD_A'), flow('ORD_B'), flow('ORD_C'), flow('ORD_D'), flow('ORD_NIGHTLY', { mepType: 'MEP07', smartTags: 'style:scheduled orchestration', trigger: { conn: 'PRESEEDED_SCHEDULER', name: 'Schedule' } })],
  connections: [
    { code: 'CRM_REST', type: 'rest', props: { connectionUrl: '%%CRM_REST_connectionUrl' } },
    { code: 'ERP_SOAP', type: 'soap', props: { wsdlUrl: 'https://erp.example.com/svc?wsdl' } },
  ],
  lookups: [{ name: 'Country_Codes', columns: ['Name', 'ISO'], rows: [['France', 'FR'], ['Côte d’Ivoire', 'CI']] }],
  schedules: [{ flow: 'ORD_NIGHTLY|01.00.0000', timeZone: 'Europe/Paris', frequency: 'FREQ=DAILY;BYHOUR=2;BYMINUTE=30;' }],
  libraries: ['DATEUTILS_01.00.0000'],
};
const send = (method: 'POST' | 'PUT', url: string, data: Buffer) => ({ method, url, ...multipart([{ field: 'file', filename: 'x', data }, { field: 'type', data: 'application/octet-stream' }]) });

t.test('.car: import, 409 then PUT, project-scoped reads, export and re-import', async (t) => {
  const c = await buildTestApp(t);
  const car = zipEntries(carEntries(CAR));
  const res = await c.call(send('POST', `${API}/projects/archive`, car));
  t.equal(res.statusCode, 200, res.body);
  t.equal(res.headers.location, `${API}/projects/orcl-R-ERP_Orders`);
  t.same(res.json(), {
    id: 'orcl-R-ERP_Orders', code: 'orcl-R-ERP_Orders', name: 'ERP orders', created: true,
    integrations: ['ORD_A|01.00.0000', 'ORD_B|01.00.0000', 'ORD_C|01.00.0000', 'ORD_D|01.00.0000', 'ORD_NIGHTLY|01.00.0000'],
    connections: ['CRM_REST', 'ERP_SOAP'], lookups: ['Country_Codes'], schedules: ['ORD_NIGHTLY|01.00.0000'], libraries: ['DATEUTILS_01.00.0000'],
  });
  const P = `${API}/projects/orcl-R-ERP_Orders`;
  const list = (await c.call({ method: 'GET', url: `${P}/integrations` })).json();
  t.equal(list.totalResults, 5);
  t.match((await c.call({ method: 'GET', url: `${P}/connections/CRM_REST` })).json(), { status: 'INPROGRESS', projectId: 'orcl-R-ERP_Orders' });
  const lookup = (await c.call({ method: 'GET', url: `${P}/lookups/Country_Codes` })).json();
  t.same(lookup.rows, [{ rowData: ['France', 'FR'] }, { rowData: ['Côte d’Ivoire', 'CI'] }]);
  t.equal((await c.call({ method: 'GET', url: `${P}/lookups/Nope` })).statusCode, 404);
  const sched = c.app.stores.runtime.schedules.ofIntegration('ORD_NIGHTLY|01.00.0000')!;
  t.match(sched.doc, { timeZone: 'Europe/Paris', icalExpression: 'FREQ=DAILY;BYHOUR=2;BYMINUTE=30' });
  t.match(c.app.stores.projects.get('orcl-R-ERP_Orders')!.definition, { libraries: ['DATEUTILS_01.00.0000'], lookups: ['Country_Codes'] });

  await rejects(t, c, send('POST', `${API}/projects/archive`, car), 409, /Project 'orcl-R-ERP_Orders' already exists; use PUT/);
  // Configure the REST connection the Oracle way on the project path; PUT keeps it as it is.
  const patched = await c.call({ method: 'POST', url: `${P}/connections/CRM_REST`, headers: { 'x-http-method-override': 'PATCH' }, payload: { connectionProperties: [{ propertyName: 'connectionUrl', propertyValue: 'https://crm.example.com' }] } });
  t.match(patched.json(), { status: 'CONFIGURED' });
  const put = await c.call(send('PUT', `${API}/projects/archive`, car));
  t.equal(put.statusCode, 200);
  t.equal(put.json().created, false);
  t.match((await c.call({ method: 'GET', url: `${API}/connections/CRM_REST` })).json(), { status: 'CONFIGURED', connectionProperties: { connectionUrl: 'https://crm.example.com' } });

  const exported = await c.call({ method: 'POST', url: `${P}/archive`, payload: { name: 'ERP orders', code: 'orcl-R-ERP_Orders', type: 'DEVELOPED', builtBy: 'ci', label: 'v1' } });
  t.equal(exported.statusCode, 200);
  t.equal(exported.headers['content-disposition'], 'attachment; filename="orcl-R-ERP_Orders.car"');
  const files = unzipSync(new Uint8Array(exported.rawPayload));
  const original = carEntries(CAR);
  for (const n of Object.keys(original).filter((k) => k.startsWith('project/integrations/'))) t.same(Buffer.from(files[n] ?? []), Buffer.from(original[n]), `${n} byte for byte`);
  t.match(strFromU8(files['project/project.yaml']), /label: v1/);
  t.match(strFromU8(files['project/schedules/Schedule_ORD_NIGHTLY_01.00.0000.xml']), /<time-zone>Europe\/Paris<\/time-zone>/);
  t.match(strFromU8(files['project/lookups/Country_Codes.dvm']), /<cell>Côte d’Ivoire<\/cell>/);
  t.match(strFromU8(files['project/connections/CRM_REST.xml']), /CRM_REST/, 'the connection is in the export');

  // Delete (cascade) and import the export: the same project back.
  t.equal((await c.call({ method: 'DELETE', url: P })).statusCode, 200);
  const again = await c.call(send('POST', `${API}/projects/archive`, Buffer.from(exported.rawPayload)));
  t.equal(again.statusCode, 200, again.body);
  t.same(again.json().integrations, res.json().integrations);
  t.same(again.json().schedules, ['ORD_NIGHTLY|01.00.0000']);
});

t.test('.car: bad archives write nothing', async (t) => {
  const c = await buildTestApp(t);
  const bad = (files: Record<string, Uint8Array | string>) => zipEntries(Object.fromEntries(Object.entries({ ...carEntries(CAR), ...files }).map(([k, v]) => [k, typeof v === 'string' ? new TextEncoder().encode(v) : v])));
  await rejects(t, c, send('POST', `${API}/projects/archive`, buildIarFile(flow('X'))), 400, /not a project archive \(\.car\): it has no project\/project\.yaml/);
  await rejects(t, c, send('POST', `${API}/projects/archive`, bad({ 'project/project.yaml': 'code: [unclosed' })), 400, /project\.yaml' is not valid YAML/);
  await rejects(t, c, send('POST', `${API}/projects/archive`, bad({ 'project/project.yaml': 'code: a/b\n' })), 400, /is not a project code/);
  await rejects(t, c, send('POST', `${API}/projects/archive`, bad({ 'project/lookups/Other.dvm': '<dvm name="Else" xmlns="http://xmlns.oracle.com/dvm"><columns><column name="a"/></columns></dvm>' })), 400, /holds lookup 'Else', but its file name says 'Other'/);
  await rejects(t, c, send('POST', `${API}/projects/archive`, bad({ 'project/schedules/Schedule_GHOST_01.00.0000.xml': '<schedule xmlns="http://xmlns.oracle.com/scheduler"><recurrence><ical-expression>FREQ=DAILY</ical-expression></recurrence></schedule>' })), 400, /schedule for 'GHOST\|01\.00\.0000', which is not among its integrations/);
  await rejects(t, c, send('POST', `${API}/projects/archive`, bad({ 'project/integrations/ORD_A_01.00.0000/PROJECT-INF/project.xml': '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><icsproject/>' })), 400, /DOCTYPE or entity declaration/);
  await rejects(t, c, send('POST', `${API}/projects/archive`, bad({ 'project/connections/ERP_SOAP.xml': '<ApplicationInstance><instanceCode>ERP_SOAP</instanceCode></ApplicationInstance>' })), 400, /has no applicationTypeRef/);
  t.same(snapshot(c.app).oic_projects, []);
});

t.test('.par: two nested .iar, package resource, export, delete; hostile nesting', async (t) => {
  const c = await buildTestApp(t);
  const par = zipEntries(parEntries('Order Suite', [flow('PKG_ONE', { connections: [{ code: 'CRM_REST', type: 'rest', props: { connectionUrl: 'https://crm.example.com' } }] }), flow('PKG_TWO', { version: '02.00.0000' })]));
  const res = await c.call(send('POST', `${API}/packages/archive`, par));
  t.equal(res.statusCode, 200, res.body);
  t.same(res.json(), { name: 'Order Suite', countOfIntegrations: 2, integrations: ['PKG_ONE|01.00.0000', 'PKG_TWO|02.00.0000'] });
  t.match((await c.call({ method: 'GET', url: `${API}/integrations/${enc('PKG_TWO|02.00.0000')}` })).json(), { packageName: 'Order Suite' });
  t.match((await c.call({ method: 'GET', url: `${API}/packages/${enc('Order Suite')}` })).json(), { name: 'Order Suite', countOfIntegrations: 2 });
  t.match((await c.call({ method: 'GET', url: `${API}/packages` })).json(), { items: [{ name: 'Order Suite' }] });
  await rejects(t, c, send('POST', `${API}/packages/archive`, par), 409, /Package 'Order Suite' already exists; use PUT/);
  t.equal((await c.call(send('PUT', `${API}/packages/archive`, par))).statusCode, 200);

  const out = await c.call({ method: 'GET', url: `${API}/packages/${enc('Order Suite')}/archive` });
  t.equal(out.statusCode, 200);
  const files = unzipSync(new Uint8Array(out.rawPayload));
  t.match(strFromU8(files['ics_package_attributes.properties']), /package_name=Order Suite/);
  t.equal(Object.keys(files).filter((n) => /^icspackage_PKG_(ONE|TWO)_flow_0[12]\.00\.0000_[0-9a-f-]{36}\.iar$/.test(n)).length, 2);

  t.equal((await c.call({ method: 'DELETE', url: `${API}/packages/${enc('Order Suite')}` })).statusCode, 200);
  t.equal((await c.call({ method: 'GET', url: `${API}/packages/${enc('Order Suite')}` })).statusCode, 404);
  t.equal(c.app.stores.integrations.rows().length, 0);

  // Hostile: a nested bomb, a nested archive with a traversal name, a broken nested .iar; nothing is written.
  const bombIar = zipOf([{ name: 'icspackage/project/B_01.00.0000/PROJECT-INF/project.xml', data: deflatedZeros(60), declaredSize: 60 * 1024 * 1024 }]);
  const withAttrs = (extra: Record<string, Uint8Array>) => zipEntries({ 'ics_package_attributes.properties': new TextEncoder().encode('package_name=Evil\n'), ...extra }, 0);
  await rejects(t, c, send('POST', `${API}/packages/archive`, withAttrs({ 'icspackage_B.iar': new Uint8Array(bombIar) })), 400, /expands to more than 50 MB/);
  await rejects(t, c, send('POST', `${API}/packages/archive`, withAttrs({ 'icspackage_G.iar': new Uint8Array(buildIarFile(flow('GOOD'))), 'icspackage_X.iar': new Uint8Array(zipEntries({ '../x': new Uint8Array(1) })) })), 400, /nested archive 'icspackage_X\.iar' contains an unsafe entry name/);
  await rejects(t, c, send('POST', `${API}/packages/archive`, withAttrs({ 'icspackage_G.iar': new Uint8Array(buildIarFile(flow('GOOD'))), 'icspackage_Y.iar': new Uint8Array([0x50, 0x4b, 1, 2]) })), 400, /nested archive 'icspackage_Y\.iar' is not a zip file/);
  await rejects(t, c, send('POST', `${API}/packages/archive`, zipEntries({ 'a.iar': new Uint8Array(buildIarFile(flow('GOOD'))) })), 400, /has no ics_package_attributes\.properties/);
});

t.test('.car PUT over an ACTIVE integration: 412, nothing written', async (t) => {
  const c = await buildTestApp(t);
  const car = zipEntries(carEntries({ ...CAR, connections: CAR.connections.map((x) => ({ ...x, props: { connectionUrl: 'https://x.example.com', wsdlUrl: 'https://x.example.com?wsdl' } })) }));
  t.equal((await c.call(send('POST', `${API}/projects/archive`, car))).statusCode, 200);
  const act = await c.call({ method: 'POST', url: `${API}/projects/orcl-R-ERP_Orders/integrations/${enc('ORD_A|01.00.0000')}`, headers: { 'x-http-method-override': 'PATCH' }, payload: { status: 'ACTIVATED' } });
  t.equal(act.statusCode, 200, act.body);
  await rejects(t, c, send('PUT', `${API}/projects/archive`, car), 412, /ORD_A\|01\.00\.0000' is ACTIVE; deactivate it first/);
});

t.test("project connection: the multipart PUT fallback (JSON or a filled-in descriptor)", async (t) => {
  const c = await buildTestApp(t);
  t.equal((await c.call(send('POST', `${API}/projects/archive`, zipEntries(carEntries(CAR))))).statusCode, 200);
  const P = `${API}/projects/orcl-R-ERP_Orders/connections`;
  const put = (id: string, data: string) => c.call({ method: 'PUT', url: `${P}/${id}`, ...multipart([{ field: 'file', filename: 'c', data }]) });
  const json = await put('CRM_REST', JSON.stringify({ connectionProperties: [{ propertyName: 'connectionUrl', propertyValue: 'https://crm.example.com' }], securityProperties: [{ propertyName: 'password', propertyValue: 'pw' }] }));
  t.equal(json.statusCode, 200, json.body);
  t.match(json.json(), { status: 'CONFIGURED', connectionProperties: { connectionUrl: 'https://crm.example.com', security: { password: '********' } } });
  const xml = await put('ERP_SOAP', '<ApplicationInstance xmlns="http://xmlns.oracle.com/adapters/cloud"><instanceCode>ERP_SOAP</instanceCode><applicationTypeRef>soap</applicationTypeRef><connectionProperties><connectionProperty><name>wsdlUrl</name><value>https://erp2.example.com/svc?wsdl</value></connectionProperty></connectionProperties><securityPolicy>OAUTH</securityPolicy><status>CONFIGURED</status></ApplicationInstance>');
  t.equal(xml.statusCode, 200, xml.body);
  t.match(xml.json(), { securityPolicy: 'OAUTH', connectionProperties: { wsdlUrl: 'https://erp2.example.com/svc?wsdl' } });
  await rejects(t, c, { method: 'PUT', url: `${P}/CRM_REST`, ...multipart([{ field: 'file', filename: 'c', data: '<ApplicationInstance><instanceCode>OTHER</instanceCode><applicationTypeRef>rest</applicationTypeRef></ApplicationInstance>' }]) }, 400, /describes connection 'OTHER', but its file name says 'CRM_REST'/);
  await rejects(t, c, { method: 'PUT', url: `${P}/CRM_REST`, ...multipart([{ field: 'file', filename: 'c', data: '{"bogus": 1}' }]) }, 400, /file\.bogus is not a connection field/);
  await rejects(t, c, { method: 'PUT', url: `${P}/CRM_REST`, ...multipart([{ field: 'file', filename: 'c', data: '[1]' }]) }, 400, /must be a JSON object/);
  await rejects(t, c, { method: 'PUT', url: `${API}/projects/nope/connections/CRM_REST`, ...multipart([{ field: 'file', filename: 'c', data: '{}' }]) }, 404, /Project with ID 'nope' was not found/);
});
