/**
 * A client following the seed document through Integrations, Connections,
 * Projects and Lookups, step by step, with the seed's own requests. One
 * interpretation: projects referenced by integrations and connections must
 * exist, so the seed's CUSTOMER_PROJECT (and the clone's ORDER_PROCESSING)
 * are created before the first request that names them.
 */
import t from 'tap';
import { buildTestApp, userBasic } from '../../helpers/app';
import { buildIarFile } from '../../helpers/archives';
import { API, PROJECTS, connection, enc, multipart, seedConnection, seedIntegration, seedLookup, seedProject } from '../../helpers/oic';

t.test('the seed, top to bottom', async (t) => {
  const c = await buildTestApp(t);
  const step = async (name: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, status: number, payload?: unknown, headers: Record<string, string> = {}) => {
    const res = await c.call({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as any }) });
    t.equal(res.statusCode, status, `${name}: ${method} ${url} -> ${status}${res.statusCode !== status ? ` (got ${res.body.slice(0, 300)})` : ''}`);
    return res;
  };

  // Projects first: the integration and connection examples name CUSTOMER_PROJECT.
  const project = (await step('Create Project', 'POST', PROJECTS, 201, seedProject())).json();
  t.match(project, { id: 'CUSTOMER_PROJECT', integrationCount: 0, connectionCount: 0 });

  // Integration APIs
  const created = (await step('Create Integration', 'POST', `${API}/integrations`, 201, seedIntegration())).json();
  t.match(created, { id: 'CUSTOMER_DATA_SYNC|01.00.0000', status: 'CONFIGURED', projectId: 'CUSTOMER_PROJECT' });
  // An archive in Oracle's layout; its trigger is a built-in connection, so it activates as it is.
  const iar = buildIarFile({ code: 'CUSTOMER_ORDER_INT', name: 'Customer_Order_Integration', trigger: { conn: 'PRESEEDED_INTEGRATION_REST', name: 'ReceiveOrder' } });
  const form = multipart([{ field: 'file', filename: 'CUSTOMER_ORDER_INT_01.00.0000.iar', data: Buffer.from(iar) }]);
  const imported = (await step('Import Integration Archive', 'POST', `${API}/integrations/archive`, 201, form.payload, { ...form.headers, authorization: userBasic() })).json();
  t.match(imported, { id: 'CUSTOMER_ORDER_INT|01.00.0000', name: 'Customer_Order_Integration', status: 'CONFIGURED', importedBy: 'user@example.com', importedTime: String });
  const list = (await step('List Integrations', 'GET', `${API}/integrations?limit=20&offset=0`, 200)).json();
  t.match(list, { totalResults: 2, hasMore: false, limit: 20, offset: 0 });
  const id = enc('CUSTOMER_DATA_SYNC|01.00.0000');
  t.match((await step('Get Integration Details', 'GET', `${API}/integrations/${id}`, 200)).json(), { connections: Array, transformations: Array });
  const updated = (await step('Update Integration', 'PUT', `${API}/integrations/${id}`, 200, { description: 'Updated description', configuration: { errorHandling: { retryCount: 5 } } })).json();
  t.same(updated.configuration.errorHandling, { retryCount: 5, retryInterval: 60 });
  await step('(Delete Integration, on a scratch copy)', 'POST', `${API}/integrations/${id}/clone`, 201, { name: 'Scratch', identifier: 'SCRATCH', version: '01.00.0000' });
  await step('Delete Integration', 'DELETE', `${API}/integrations/${enc('SCRATCH|01.00.0000')}`, 200);
  const orderId = enc('CUSTOMER_ORDER_INT|01.00.0000');
  await step('(project named by the clone example)', 'POST', PROJECTS, 201, { name: 'Order Processing', identifier: 'ORDER_PROCESSING' });
  const clone = (await step('Clone Integration', 'POST', `${API}/integrations/${orderId}/clone`, 201, { name: 'Customer_Order_Integration_v2', identifier: 'CUSTOMER_ORDER_INT_V2', version: '02.00.0000', projectId: 'ORDER_PROCESSING' })).json();
  t.equal(clone.id, 'CUSTOMER_ORDER_INT_V2|02.00.0000');
  t.match((await step('Activate Integration', 'POST', `${API}/integrations/${orderId}/activate`, 200, { enablePayloadTracing: true, payloadTracingLevel: 'PRODUCTION' })).json(), { status: 'ACTIVE' });
  t.match((await step('Deactivate Integration', 'POST', `${API}/integrations/${orderId}/deactivate`, 200)).json(), { status: 'CONFIGURED' });
  const exported = await step('Export Integration (IAR)', 'GET', `${API}/integrations/${orderId}/archive`, 200);
  t.equal(exported.headers['content-type'], 'application/octet-stream');
  await step('(make room for the re-import)', 'DELETE', `${API}/integrations/${orderId}`, 200);
  const again = multipart([{ field: 'file', filename: 'integration.iar', data: exported.rawPayload }]);
  await step('Import Integration (IAR)', 'POST', `${API}/integrations/archive`, 201, again.payload, again.headers);

  // Connection APIs
  const conn = (await step('Create Connection', 'POST', `${API}/connections`, 201, seedConnection())).json();
  t.match(conn, { id: 'PROD_DB_CONN_01', status: 'CONFIGURED', testStatus: 'NOT_TESTED' });
  await step('(a MySQL connection for the list and test examples)', 'POST', `${API}/connections`, 201, connection('MYSQL_CONN', { adapterType: 'mysql', connectionProperties: { host: 'mysql.prod.example.com', port: 3306, connectionPooling: { maxSize: 10 } } }));
  t.same((await step('List Connections', 'GET', `${API}/connections?adapterType=MYSQL`, 200)).json().items.map((i: any) => i.id), ['MYSQL_CONN']);
  t.match((await step('Get Connection Details', 'GET', `${API}/connections/PROD_DB_CONN_01`, 200)).json(), { connectionProperties: { security: { password: '********' } } });
  t.match((await step('Update Connection', 'PUT', `${API}/connections/MYSQL_CONN`, 200, { connectionProperties: { host: 'mysql-new.prod.example.com', connectionPooling: { maxSize: 30 } } })).json(), { connectionProperties: { host: 'mysql-new.prod.example.com', connectionPooling: { maxSize: 30 } } });
  await step('Delete Connection', 'DELETE', `${API}/connections/PROD_DB_CONN_01`, 200);
  const test = (await step('Test Connection', 'POST', `${API}/connections/MYSQL_CONN/test`, 200)).json();
  t.match(test, { status: 'SUCCESS', message: 'Connection test successful', responseTime: Number, timestamp: String, details: { serverVersion: '8.0.32', characterSet: 'utf8mb4', maxConnections: 151 } });
  t.match((await step('Get Connection Metadata', 'GET', `${API}/connections/MYSQL_CONN/metadata`, 200)).json(), { connectionId: 'MYSQL_CONN', objects: Array });

  // Project APIs
  t.match((await step('List Projects', 'GET', PROJECTS, 200)).json(), { totalResults: 2 });
  await step('Update Project', 'PUT', `${PROJECTS}/CUSTOMER_PROJECT`, 200, { description: 'All customer integrations' });
  await step('Delete Project (holds an integration: refused)', 'DELETE', `${PROJECTS}/CUSTOMER_PROJECT`, 409);
  await step('Delete Project with its contents', 'DELETE', `${PROJECTS}/CUSTOMER_PROJECT?cascade=true`, 200);

  // Lookup APIs
  await step('Create Lookup', 'POST', `${API}/lookups`, 201, seedLookup());
  t.same((await step('Get Lookup Data', 'GET', `${API}/lookups/COUNTRY_CODE_MAP/data`, 200)).json().items, seedLookup().data);
});
