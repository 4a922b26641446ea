/**
 * Oracle's connection surface beyond GET and update: updates that echo a
 * GET body or send single descriptors, validate, testWithAttachments
 * (multipart), metadata refresh and property attachments.
 */
import t from 'tap';
import { expectOicError as expectProblem } from '../../../helpers/real-oic';
import { API, PATCH, multipart, realApp, type RealTestApp } from '../../../helpers/real-oic';

const WSDL = '<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" name="Orders"/>';

async function soapConnection(c: RealTestApp, props: Record<string, unknown> = { wsdlUrl: 'https://erp.example.com/orders?wsdl', targetWSDLURL: 'https://erp.example.com/orders?wsdl', security: { username: 'svc', password: 'pw1' } }) {
  return c.ok('POST', `${API}/connections`, { name: 'ERP SOAP', identifier: 'ERP_SOAP', adapterType: 'soap', connectionProperties: props });
}

t.test('update: Oracle descriptors as a list or one object, read-only fields of a GET body ignored', async (t) => {
  const c = await realApp(t);
  await soapConnection(c);
  const url = `${API}/connections/ERP_SOAP?integrationInstance=x`;
  const res = await c.call({
    method: 'POST', url, headers: PATCH,
    payload: {
      id: 'ERP_SOAP', status: 'CONFIGURED', adminEmail: 'admin@example.com', role: 'SOURCE_AND_TARGET', created: '2020-01-01T00:00:00Z', lastUpdated: '2020-01-01T00:00:00Z',
      createdBy: 'someone', lockedFlag: false, links: [{ rel: 'self', href: 'x' }], adapterType: { name: 'soap', displayName: 'SOAP' },
      connectionProperties: { propertyGroup: 'CONNECTION_PROPS', propertyName: 'targetWSDLURL', propertyType: 'URL_OR_FILE', propertyValue: 'https://erp2.example.com/orders?wsdl' },
      securityProperties: [{ propertyGroup: 'CREDENTIALS', propertyName: 'password', propertyType: 'PASSWORD', propertyValue: 'pw2' }],
      securityPolicy: 'USERNAME_PASSWORD_TOKEN', agentGroupId: 'AGENT_GROUP_1',
    },
  });
  t.equal(res.statusCode, 200, res.body);
  const got = await c.ok('GET', url);
  t.equal(got.connectionProperties.targetWSDLURL, 'https://erp2.example.com/orders?wsdl');
  t.equal(got.connectionProperties.security.password, '********', 'masked');
  t.equal(got.connectionProperties.security.username, 'svc', 'kept');
  t.equal(got.securityPolicy, 'USERNAME_PASSWORD_TOKEN');
  t.equal(got.agentGroupId, 'AGENT_GROUP_1');
  t.equal(got.createdBy, 'oic-emulator-client', 'createdBy of the body ignored');
  t.equal(got.adminEmail, undefined);
  t.equal(got.created, '2025-06-15T10:00:00.000Z', 'timestamps of the body ignored');

  const before = c.snapshot();
  t.match(expectProblem(t, await c.call({ method: 'POST', url, headers: PATCH, payload: { id: 'OTHER' } }), 400, 'OIC-400001').detail, /id cannot be changed/);
  t.match(expectProblem(t, await c.call({ method: 'POST', url, headers: PATCH, payload: { securityProperties: { propertyValue: 'x' } } }), 400, 'OIC-400001').detail, /securityProperties/);
  t.equal(c.snapshot(), before, 'nothing written');
});

t.test('attachments: upload, download byte for byte, replace, delete; errors', async (t) => {
  const c = await realApp(t);
  await soapConnection(c);
  const url = `${API}/connections/ERP_SOAP/attachments/targetWSDLURL`;
  const up = multipart([{ field: 'file', name: 'orders.wsdl', content: WSDL }]);
  const res = await c.call({ method: 'POST', url, ...up });
  t.equal(res.statusCode, 200, res.body);
  t.match(res.json(), { id: 'ERP_SOAP', attachment: { propertyName: 'targetWSDLURL', fileName: 'orders.wsdl', size: WSDL.length, uploaded: '2025-06-15T10:00:00.000Z', serviceWSDL: null } });
  const down = await c.call({ method: 'GET', url: `${url}?integrationInstance=x` });
  t.equal(down.statusCode, 200);
  t.equal(down.headers['content-type'], 'application/octet-stream');
  t.equal(down.headers['content-disposition'], 'attachment; filename="orders.wsdl"');
  t.equal(down.body, WSDL);

  const zip = Buffer.from('PK\u0003\u0004not really a zip but starts like one', 'latin1');
  const replaced = await c.call({ method: 'POST', url: `${url}?serviceWSDL=${encodeURIComponent('/wsdl/orders.wsdl')}`, ...multipart([{ field: 'file', name: 'bundle.zip', content: zip }]) });
  t.equal(replaced.statusCode, 200);
  t.match(replaced.json().attachment, { fileName: 'bundle.zip', serviceWSDL: '/wsdl/orders.wsdl', size: zip.length });
  t.same((await c.call({ method: 'GET', url })).rawPayload, zip);

  const before = c.snapshot();
  t.match(expectProblem(t, await c.call({ method: 'POST', url: `${url}?serviceWSDL=a.wsdl`, ...up }), 400, 'OIC-400001').detail, /not a zip/);
  expectProblem(t, await c.call({ method: 'POST', url, ...multipart([]) }), 400, 'OIC-400001');
  expectProblem(t, await c.call({ method: 'POST', url: `${API}/connections/NOPE/attachments/targetWSDLURL`, ...up }), 404, 'OIC-404001');
  t.match(expectProblem(t, await c.call({ method: 'POST', url: `${API}/connections/ERP_SOAP/attachments/${encodeURIComponent('bad name')}`, ...up }), 400, 'OIC-400001').detail, /not a connection property name/);
  t.equal(c.snapshot(), before, 'refused uploads wrote nothing');

  t.equal((await c.call({ method: 'DELETE', url })).statusCode, 204);
  t.match(expectProblem(t, await c.call({ method: 'GET', url }), 404, 'OIC-404001').detail, "Connection 'ERP_SOAP' has no attachment for property 'targetWSDLURL'");
  expectProblem(t, await c.call({ method: 'DELETE', url }), 404, 'OIC-404001');
  const audit = await c.ok('GET', `${API}/monitoring/auditRecords?q=${encodeURIComponent("{type: 'ICS_Connection'}")}`);
  t.same(audit.items.map((r: any) => `${r.action} ${r.resourceId}`), ['UPDATE ERP_SOAP', 'UPDATE ERP_SOAP', 'UPDATE ERP_SOAP', 'CREATE ERP_SOAP'], 'upload, replace and delete are audited; refused calls are not');
});

t.test('validate: the connection as the update would leave it, nothing written; FAILED when not configured', async (t) => {
  const c = await realApp(t);
  await soapConnection(c, { targetWSDLURL: null });
  const url = `${API}/connections/ERP_SOAP/validate`;
  const before = c.snapshot();
  const notConfigured = await c.call({ method: 'POST', url, headers: PATCH });
  t.equal(notConfigured.statusCode, 200);
  t.match(notConfigured.json(), { id: 'ERP_SOAP', validationStatus: 'FAILED', validatedAttachments: [] });
  t.match(notConfigured.json().validationMessage, /Connection 'ERP_SOAP' is not configured: .*targetWSDLURL/);
  const form = multipart([{ field: 'targetWSDLURL', name: 'orders.wsdl', content: WSDL }], { connection: JSON.stringify({ connectionProperties: [{ propertyName: 'targetWSDLURL', propertyValue: 'https://erp.example.com/x?wsdl' }] }) });
  const ok = await c.call({ method: 'POST', url, headers: { ...PATCH, ...form.headers }, payload: form.payload });
  t.equal(ok.statusCode, 200, ok.body);
  t.equal(ok.json().validationMessage, undefined);
  t.match(ok.json(), { id: 'ERP_SOAP', validationStatus: 'SUCCESS', validatedAttachments: [{ propertyName: 'targetWSDLURL', fileName: 'orders.wsdl', size: WSDL.length }] });
  t.equal(ok.json().connectionProperties.targetWSDLURL, null, 'the stored connection is unchanged');
  t.equal(c.snapshot(), before, 'validate writes nothing');
  expectProblem(t, await c.call({ method: 'POST', url }), 405, 'OIC-405001');
  const bad = multipart([], { connection: '{not json' });
  t.match(expectProblem(t, await c.call({ method: 'POST', url, headers: { ...PATCH, ...bad.headers }, payload: bad.payload }), 400, 'OIC-400001').detail, /'connection' is not JSON/);
});

t.test('testWithAttachments: update, attachments and test in one call; 409 writes nothing; patchAttachments=false replaces all', async (t) => {
  const c = await realApp(t);
  await soapConnection(c, { wsdlUrl: 'https://erp.example.com/orders?wsdl', targetWSDLURL: null, security: { username: 'svc', password: 'pw1' } });
  const url = `${API}/connections/ERP_SOAP/testWithAttachments`;
  const before = c.snapshot();
  const lone = multipart([{ field: 'targetWSDLURL', name: 'orders.wsdl', content: WSDL }]);
  expectProblem(t, await c.call({ method: 'POST', url, headers: { ...PATCH, ...lone.headers }, payload: lone.payload }), 409, 'OIC-409001');
  t.equal(c.snapshot(), before, 'the attachment of a refused call is not kept');

  const form = multipart([{ field: 'targetWSDLURL', name: 'orders.wsdl', content: WSDL }, { field: 'keystore', name: 'ks.jks', content: 'KS' }], { connection: JSON.stringify({ connectionProperties: { propertyName: 'targetWSDLURL', propertyValue: 'https://erp.example.com/orders?wsdl' } }) });
  const res = await c.call({ method: 'POST', url, headers: { ...PATCH, ...form.headers }, payload: form.payload });
  t.equal(res.statusCode, 200, res.body);
  t.match(res.json(), { id: 'ERP_SOAP', status: 'CONFIGURED', testStatus: 'SUCCESS', testResult: { status: 'SUCCESS', timestamp: '2025-06-15T10:00:00.000Z' } });
  t.equal(res.json().connectionProperties.targetWSDLURL, 'https://erp.example.com/orders?wsdl');
  t.equal((await c.call({ method: 'GET', url: `${API}/connections/ERP_SOAP/attachments/keystore` })).body, 'KS');

  const only = multipart([{ field: 'targetWSDLURL', name: 'v2.wsdl', content: WSDL + ' ' }]);
  const validated = await c.call({ method: 'POST', url: `${url}?patchAttachments=false&action=validate`, headers: { ...PATCH, ...only.headers }, payload: only.payload });
  t.equal(validated.statusCode, 200);
  t.equal(validated.json().validationStatus, 'SUCCESS');
  t.equal(validated.json().testResult, undefined, 'action=validate runs no test');
  expectProblem(t, await c.call({ method: 'GET', url: `${API}/connections/ERP_SOAP/attachments/keystore` }), 404, 'OIC-404001');
  t.equal((await c.call({ method: 'GET', url: `${API}/connections/ERP_SOAP/attachments/targetWSDLURL` })).body, WSDL + ' ');
  const dup = multipart([{ field: 'a', name: '1', content: 'x' }, { field: 'a', name: '2', content: 'y' }]);
  t.match(expectProblem(t, await c.call({ method: 'POST', url, headers: { ...PATCH, ...dup.headers }, payload: dup.payload }), 400, 'OIC-400001').detail, /Two attachments for property 'a'/);
});

t.test('metadata refresh: recorded, answers the adapter metadata; attachments go with the connection', async (t) => {
  const c = await realApp(t);
  await soapConnection(c);
  await c.advance(5);
  const res = await c.ok('POST', `${API}/connections/ERP_SOAP/metadata`);
  t.match(res, { id: 'ERP_SOAP', metadataDownloadState: 'COMPLETE', lastRefreshedDate: '2025-06-15T10:00:05.000Z', metadata: {} });
  t.same(res.metadata, await c.ok('GET', `${API}/connections/ERP_SOAP/metadata`).then((m: any) => ({ ...m, timestamp: res.metadata.timestamp })));
  expectProblem(t, await c.call({ method: 'POST', url: `${API}/connections/NOPE/metadata` }), 404, 'OIC-404001');
  const up = multipart([{ field: 'file', name: 'o.wsdl', content: WSDL }]);
  t.equal((await c.call({ method: 'POST', url: `${API}/connections/ERP_SOAP/attachments/targetWSDLURL`, ...up })).statusCode, 200);
  await c.ok('DELETE', `${API}/connections/ERP_SOAP`);
  const rows = c.app.ctx.db.prepare('SELECT COUNT(*) AS n FROM oic_connection_attachments').get() as { n: number };
  t.equal(rows.n, 0, 'deleted with the connection');
});

t.test('attachments in a project: the connection must be in it', async (t) => {
  const c = await realApp(t);
  await c.ok('POST', '/ic/api/projects/v1/projects', { name: 'ERP', identifier: 'ERP' });
  await c.ok('POST', '/ic/api/projects/v1/projects', { name: 'Other', identifier: 'OTHER' });
  await c.ok('POST', `${API}/connections`, { name: 'ERP SOAP', identifier: 'ERP_SOAP', adapterType: 'soap', projectId: 'ERP', connectionProperties: { wsdlUrl: 'https://erp.example.com/x?wsdl' } });
  const url = `${API}/projects/ERP/connections/ERP_SOAP/attachments/targetWSDLURL?integrationInstance=x`;
  const up = multipart([{ field: 'file', name: 'p.wsdl', content: WSDL }]);
  t.equal((await c.call({ method: 'POST', url, ...up })).statusCode, 200);
  t.equal((await c.call({ method: 'GET', url })).body, WSDL);
  t.equal((await c.call({ method: 'GET', url: `${API}/connections/ERP_SOAP/attachments/targetWSDLURL` })).body, WSDL, 'the same attachment without the project');
  const before = c.snapshot();
  t.match(expectProblem(t, await c.call({ method: 'POST', url: `${API}/projects/OTHER/connections/ERP_SOAP/attachments/targetWSDLURL`, ...up }), 404, 'OIC-404001').detail, "Connection 'ERP_SOAP' is not in project 'OTHER' (it is in project 'ERP')");
  expectProblem(t, await c.call({ method: 'GET', url: `${API}/projects/NOPE/connections/ERP_SOAP/attachments/targetWSDLURL` }), 404, 'OIC-404001');
  expectProblem(t, await c.call({ method: 'DELETE', url: `${API}/projects/OTHER/connections/ERP_SOAP/attachments/targetWSDLURL` }), 404, 'OIC-404001');
  t.equal(c.snapshot(), before);
  t.equal((await c.call({ method: 'DELETE', url })).statusCode, 204);
  expectProblem(t, await c.call({ method: 'GET', url }), 404, 'OIC-404001');
});
