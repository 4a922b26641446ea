/**
 * The control plane's paths (/20190131) are an API of their own for the
 * request pipeline: a fault rule with api 'integration' answers there in the
 * OCI error format (as the SDK parses it) and nowhere else, and the request
 * journal files those requests under api 'integration'.
 */
import t from 'tap';
import { buildTestApp } from '../../helpers/app';

const LIST = '/20190131/integrationInstances?compartmentId=ocid1.compartment.oc1..aaaa';

t.test('a fault on the integration API: OCI error body on /20190131 only', async (t) => {
  const { app } = await buildTestApp(t);
  const rule = await app.inject({ method: 'POST', url: '/_emulator/faults', payload: { kind: 'error', api: 'integration', status: 503, count: 1 } });
  t.equal(rule.statusCode, 201, rule.body);
  // Neither DIS nor OIC is touched by it.
  t.not((await app.inject({ method: 'GET', url: '/20200430/workspaces' })).statusCode, 503, 'DIS is not faulted');
  const res = await app.inject({ method: 'GET', url: LIST, headers: { 'opc-request-id': 'REQ-CP-1' } });
  t.equal(res.statusCode, 503);
  t.equal(res.headers['opc-request-id'], 'REQ-CP-1');
  t.match(res.json(), { code: 'ServiceUnavailable', message: /injected by emulator fault/ });
  t.equal(res.json()['o:errorCode'], undefined, 'not an OIC problem body');
  t.not((await app.inject({ method: 'GET', url: LIST })).statusCode, 503, 'count 1: used up');

  const bad = await app.inject({ method: 'POST', url: '/_emulator/faults', payload: { kind: 'error', api: 'soap', status: 500 } });
  t.equal(bad.statusCode, 400);
});

t.test('the journal files control-plane requests under api=integration', async (t) => {
  const { app } = await buildTestApp(t);
  await app.inject({ method: 'GET', url: LIST });
  await app.inject({ method: 'GET', url: '/20200430/workspaces' });
  const items = (await app.inject({ method: 'GET', url: '/_emulator/requests?api=integration' })).json().items;
  t.same(items.map((e: { method: string; path: string; api: string }) => `${e.api} ${e.method} ${e.path}`), ['integration GET /20190131/integrationInstances']);
});
