/**
 * An integration exported from one service instance imports into another that
 * lacks its project: as a standalone integration (an .iar carries no project
 * membership), with its connections; into an instance that has the project,
 * it keeps it.
 */
import t from 'tap';
import { buildTestApp } from '../helpers/app';
import { multipart } from '../helpers/oic';

const API = '/ic/api/integration/v1';
const ID = 'ORDERS|01.00.0000';
const at = (instance: string, url: string) => `${url}${url.includes('?') ? '&' : '?'}integrationInstance=${instance}`;

t.test('an export crosses instances with or without its project', async (t) => {
  const c = await buildTestApp(t);
  const ok = async (method: 'POST' | 'GET', url: string, payload?: object) => {
    const res = await c.call({ method, url, payload });
    t.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode}`);
    return res;
  };
  await ok('POST', at('dev', '/ic/api/projects/v1/projects'), { name: 'Sales', identifier: 'SALES' });
  await ok('POST', at('dev', `${API}/connections`), { name: 'CRM', identifier: 'CRM', adapterType: 'rest', connectionProperties: { baseUrl: 'https://crm.example.com' } });
  await ok('POST', at('dev', `${API}/integrations`), {
    name: 'Orders', identifier: 'ORDERS', version: '01.00.0000', pattern: 'APP_DRIVEN_ORCHESTRATION', style: 'SCHEDULED', projectId: 'SALES',
    connections: [{ role: 'SOURCE', connectionId: 'CRM', operations: [{ operationType: 'QUERY', objectName: 'Account', fields: ['Id'] }] }],
  });
  const archive = (await ok('GET', at('dev', `${API}/integrations/${encodeURIComponent(ID)}/archive`))).rawPayload;

  const upload = (instance: string) => {
    const form = multipart([{ field: 'file', filename: 'ORDERS_01.00.0000.iar', data: archive, type: 'application/octet-stream' }]);
    return c.call({ method: 'POST', url: at(instance, `${API}/integrations/archive`), payload: form.payload, headers: form.headers });
  };
  const standalone = await upload('test');
  t.equal(standalone.statusCode, 204, 'Oracle dialect (integrationInstance): 204');
  const inTest = (await ok('GET', at('test', `${API}/integrations/${encodeURIComponent(ID)}`))).json();
  t.equal(inTest.code, 'ORDERS');
  t.equal(inTest.projectCode ?? null, null, 'no project in the target instance: standalone');
  t.equal((await ok('GET', at('test', `${API}/connections/CRM`))).json().name, 'CRM', 'its connection came along');
  t.equal((await c.call({ method: 'GET', url: at('test', '/ic/api/projects/v1/projects/SALES') })).statusCode, 404, 'no project was made');

  await ok('POST', at('uat', '/ic/api/projects/v1/projects'), { name: 'Sales', identifier: 'SALES' });
  t.equal((await upload('uat')).statusCode, 204);
  t.equal((await ok('GET', at('uat', `${API}/integrations/${encodeURIComponent(ID)}`))).json().projectCode, 'SALES', 'the project exists there: kept');
});
