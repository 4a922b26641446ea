/**
 * Oracle's connection extras in Oracle's dialect (a request that names its
 * service instance): validate, testWithAttachments, metadata refresh and
 * attachment upload answer Oracle's connection, whose own fields carry the
 * outcome. The seed's answers of the same calls: test/routes/oic/real/connection-extras.test.ts.
 */
import t from 'tap';
import { API, PATCH, expectOracleError, multipart, realApp, type RealTestApp } from '../../../helpers/real-oic';

const INST = 'integrationInstance=x';
const WSDL = '<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" name="Orders"/>';

async function soapConnection(c: RealTestApp, props: Record<string, unknown>) {
  const created = await c.ok('POST', `${API}/connections`, { name: 'ERP SOAP', identifier: 'ERP_SOAP', adapterType: 'soap', connectionProperties: props });
  if (created.id !== 'ERP_SOAP') throw new Error(`set-up: connection not created (${JSON.stringify(created)})`);
}

/** Every field of Oracle's connection that the tests below do not set themselves. */
const oracleHead = {
  id: 'ERP_SOAP', name: 'ERP SOAP', adapterType: { name: 'soap', displayName: 'soap', type: 'PREBUILT' }, lockedFlag: false, usage: 0, usedBy: [],
  created: '2025-06-15T10:00:00.000Z', createdBy: 'oic-emulator-client', metadataDownloadSupportedFlag: true,
};

t.test('validate: Oracle\'s connection as the update would leave it (status, percentageComplete, attachments); nothing written', async (t) => {
  const c = await realApp(t);
  await soapConnection(c, { wsdlUrl: 'https://erp.example.com/orders?wsdl', targetWSDLURL: null, security: { username: 'svc', password: 'pw1' } });
  const url = `${API}/connections/ERP_SOAP/validate?${INST}`;
  const before = c.snapshot();

  const bare = await c.call({ method: 'POST', url, headers: PATCH });
  t.equal(bare.statusCode, 200, bare.body);
  t.match(bare.json(), { ...oracleHead, status: 'INPROGRESS', percentageComplete: 66, metadataDownloadState: 'NOT_STARTED', testStatus: 'NOT_TESTED' });
  t.notOk('validationStatus' in bare.json() || 'validatedAttachments' in bare.json(), 'no seed fields in Oracle\'s answer');
  t.equal(bare.json().attachments, undefined, 'no attachment yet');

  const form = multipart([{ field: 'targetWSDLURL', name: 'orders.wsdl', content: WSDL }], { connection: JSON.stringify({ connectionProperties: [{ propertyName: 'targetWSDLURL', propertyValue: 'https://erp.example.com/x?wsdl' }] }) });
  const ok = await c.call({ method: 'POST', url, headers: { ...PATCH, ...form.headers }, payload: form.payload });
  t.equal(ok.statusCode, 200, ok.body);
  const body = ok.json();
  t.match(body, { ...oracleHead, status: 'CONFIGURED', percentageComplete: 100 });
  t.same(body.connectionProperties, { wsdlUrl: 'https://erp.example.com/orders?wsdl', targetWSDLURL: 'https://erp.example.com/x?wsdl', security: { username: 'svc', password: '********' } });
  t.same(body.attachments, [{ propertyName: 'targetWSDLURL', fileName: 'orders.wsdl', size: WSDL.length, uploaded: '2025-06-15T10:00:00.000Z' }]);

  t.equal(c.snapshot(), before, 'validate writes nothing');
  const stored = await c.ok('GET', `${API}/connections/ERP_SOAP?${INST}`);
  t.match(stored, { status: 'INPROGRESS', percentageComplete: 66 });
  t.equal(stored.connectionProperties.targetWSDLURL, null);

  const missing = expectOracleError(t, await c.call({ method: 'POST', url: `${API}/connections/NOPE/validate?${INST}`, headers: PATCH }), 404, 'OIC-404001');
  t.equal(missing.status, 'HTTP 404 Not Found');
  expectOracleError(t, await c.call({ method: 'POST', url }), 405, 'OIC-405001');
  t.equal(c.snapshot(), before, 'refused calls write nothing');
});

t.test('testWithAttachments: Oracle\'s connection after update, attachments and test; 409 in Oracle\'s body writes nothing', async (t) => {
  const c = await realApp(t);
  await soapConnection(c, { wsdlUrl: 'https://erp.example.com/orders?wsdl', targetWSDLURL: null });
  const url = `${API}/connections/ERP_SOAP/testWithAttachments?${INST}`;
  const before = c.snapshot();
  const lone = multipart([{ field: 'targetWSDLURL', name: 'orders.wsdl', content: WSDL }]);
  const refused = expectOracleError(t, await c.call({ method: 'POST', url, headers: { ...PATCH, ...lone.headers }, payload: lone.payload }), 409, 'OIC-409001');
  t.equal(refused.status, 'HTTP 409 Conflict');
  t.match(refused.detail, /Connection 'ERP_SOAP' is not configured: targetWSDLURL has no value/);
  t.equal(c.snapshot(), before, 'nothing kept of a refused call');

  await c.advance(60);
  const form = multipart([{ field: 'targetWSDLURL', name: 'orders.wsdl', content: WSDL }, { field: 'keystore', name: 'ks.jks', content: 'KS' }], { connection: JSON.stringify({ description: 'ERP orders' , connectionProperties: { propertyName: 'targetWSDLURL', propertyValue: 'https://erp.example.com/orders?wsdl' } }) });
  const res = await c.call({ method: 'POST', url, headers: { ...PATCH, ...form.headers }, payload: form.payload });
  t.equal(res.statusCode, 200, res.body);
  const body = res.json();
  t.match(body, { ...oracleHead, description: 'ERP orders', status: 'CONFIGURED', percentageComplete: 100, testStatus: 'SUCCESS', lastTestTime: '2025-06-15T10:01:00.000Z', lastUpdated: '2025-06-15T10:01:00.000Z' });
  t.match(body.lastTestMessage, /successful/);
  t.notOk('testResult' in body, 'the outcome is the connection\'s own testStatus');
  t.same(body.attachments.map((a: any) => [a.propertyName, a.fileName, a.size]), [['keystore', 'ks.jks', 2], ['targetWSDLURL', 'orders.wsdl', WSDL.length]]);
  const seedView = await c.ok('GET', `${API}/connections/ERP_SOAP`);
  t.equal(seedView.testStatus, 'SUCCESS', 'the seed reads the same test');

  const only = multipart([{ field: 'targetWSDLURL', name: 'v2.wsdl', content: 'v2' }]);
  const validated = await c.call({ method: 'POST', url: `${url}&patchAttachments=false&action=validate`, headers: { ...PATCH, ...only.headers }, payload: only.payload });
  t.equal(validated.statusCode, 200, validated.body);
  t.same(validated.json().attachments.map((a: any) => [a.propertyName, a.fileName]), [['targetWSDLURL', 'v2.wsdl']], 'a full update of the attachments');
  t.equal(validated.json().lastTestTime, '2025-06-15T10:01:00.000Z', 'action=validate runs no test');
});

t.test('metadata refresh: Oracle\'s connection with metadataDownloadState COMPLETE and lastRefreshedDate; GET shows the same', async (t) => {
  const c = await realApp(t);
  await soapConnection(c, { wsdlUrl: 'https://erp.example.com/orders?wsdl' });
  t.match(await c.ok('GET', `${API}/connections/ERP_SOAP?${INST}`), { metadataDownloadState: 'NOT_STARTED', metadataDownloadSupportedFlag: true });
  await c.advance(5);
  const res = await c.ok('POST', `${API}/connections/ERP_SOAP/metadata?${INST}`);
  t.match(res, { ...oracleHead, status: 'CONFIGURED', percentageComplete: 100, metadataDownloadState: 'COMPLETE', lastRefreshedDate: '2025-06-15T10:00:05.000Z' });
  t.notOk('metadata' in res, 'Oracle\'s connection, not the seed\'s metadata answer');
  const got = await c.ok('GET', `${API}/connections/ERP_SOAP?${INST}`);
  t.equal(got.lastRefreshedDate, '2025-06-15T10:00:05.000Z');
  t.equal(got.metadataDownloadState, 'COMPLETE');
  const missing = expectOracleError(t, await c.call({ method: 'POST', url: `${API}/connections/NOPE/metadata?${INST}` }), 404, 'OIC-404001');
  t.match(missing.detail, /NOPE/);
});

t.test('upload: Oracle\'s connection listing its attachments, on the global and the project path; errors in Oracle\'s body', async (t) => {
  const c = await realApp(t);
  await c.ok('POST', '/ic/api/projects/v1/projects', { name: 'ERP', identifier: 'ERP' });
  await c.ok('POST', `${API}/connections`, { name: 'ERP SOAP', identifier: 'ERP_SOAP', adapterType: 'soap', projectId: 'ERP', connectionProperties: { wsdlUrl: 'https://erp.example.com/x?wsdl' } });
  const up = multipart([{ field: 'file', name: 'orders.wsdl', content: WSDL }]);
  const res = await c.call({ method: 'POST', url: `${API}/connections/ERP_SOAP/attachments/targetWSDLURL?${INST}`, ...up });
  t.equal(res.statusCode, 200, res.body);
  t.match(res.json(), { ...oracleHead, projectCode: 'ERP', status: 'CONFIGURED' });
  t.same(res.json().attachments, [{ propertyName: 'targetWSDLURL', fileName: 'orders.wsdl', size: WSDL.length, uploaded: '2025-06-15T10:00:00.000Z' }]);
  t.notOk('attachment' in res.json(), 'no seed field');

  const zip = Buffer.from('PK\u0003\u0004zipped schemas', 'latin1');
  const scoped = await c.call({ method: 'POST', url: `${API}/projects/ERP/connections/ERP_SOAP/attachments/schemas?${INST}&serviceWSDL=${encodeURIComponent('/wsdl/o.wsdl')}`, ...multipart([{ field: 'file', name: 'b.zip', content: zip }]) });
  t.equal(scoped.statusCode, 200, scoped.body);
  t.same(scoped.json().attachments.map((a: any) => [a.propertyName, a.fileName, a.serviceWSDL]), [['schemas', 'b.zip', '/wsdl/o.wsdl'], ['targetWSDLURL', 'orders.wsdl', undefined]]);
  t.same((await c.ok('GET', `${API}/connections/ERP_SOAP?${INST}`)).attachments, scoped.json().attachments, 'GET shows the same attachments');

  const before = c.snapshot();
  t.match(expectOracleError(t, await c.call({ method: 'POST', url: `${API}/connections/ERP_SOAP/attachments/targetWSDLURL?${INST}&serviceWSDL=a.wsdl`, ...up }), 400, 'OIC-400001').detail, /not a zip/);
  t.match(expectOracleError(t, await c.call({ method: 'POST', url: `${API}/projects/NOPE/connections/ERP_SOAP/attachments/x?${INST}`, ...up }), 404, 'OIC-404001').detail, /NOPE/);
  t.equal(c.snapshot(), before, 'refused uploads wrote nothing');
});
