/**
 * Real Gen3 projects (reference 2.2): GET /ic/api/integration/v1/projects
 * (q, orderBy name|time, limit/offset), GET/DELETE /projects/{id}, and the
 * project-scoped integrations: list, get, activate with the override,
 * activationStatus. Same projects as the seed's /ic/api/projects/v1.
 */
import t from 'tap';
import { expectProblem } from '../../../helpers/app';
import { API, PATCH, PROJECTS, SEED_PROJECTS, enc, realApp, seedIntegration, type RealTestApp } from '../../../helpers/real-oic';

async function setup(t: Parameters<typeof realApp>[0]): Promise<RealTestApp> {
  const c = await realApp(t);
  await c.ok('POST', SEED_PROJECTS, { name: 'Orders', identifier: 'ORDERS', description: 'Order flows' });
  await c.advance(1);
  await c.ok('POST', SEED_PROJECTS, { name: 'Billing', identifier: 'BILLING' });
  await seedIntegration(c, 'ORDER_IN', { projectId: 'ORDERS' });
  await c.advance(1);
  await seedIntegration(c, 'ORDER_OUT', { projectId: 'ORDERS', name: 'Alpha order out' });
  await seedIntegration(c, 'INVOICE', { projectId: 'BILLING' });
  await seedIntegration(c, 'LOOSE');
  return c;
}

t.test('list and get projects (real shape), q and orderBy', async (t) => {
  const c = await setup(t);
  const list = await c.ok('GET', `${PROJECTS}?integrationInstance=x`);
  t.equal(list.totalResults, 2);
  t.same(list.items.map((p: any) => p.code), ['BILLING', 'ORDERS'], 'last updated first');
  const orders = list.items.find((p: any) => p.code === 'ORDERS');
  t.match(orders, { id: 'ORDERS', code: 'ORDERS', name: 'Orders', type: 'DEVELOPED', integrationCount: 2, state: { status: String, created: String, updated: String } });
  t.same(orders.links[1], { rel: 'integrations', href: `${PROJECTS}/ORDERS/integrations` });
  t.same((await c.ok('GET', `${PROJECTS}?orderBy=name`)).items.map((p: any) => p.code), ['BILLING', 'ORDERS']);
  t.same((await c.ok('GET', `${PROJECTS}?q=${enc("{name: /^Ord/}")}`)).items.map((p: any) => p.code), ['ORDERS']);
  t.same((await c.ok('GET', `${PROJECTS}?q=${enc("{code: 'BILLING', type: 'DEVELOPED'}")}`)).items.map((p: any) => p.code), ['BILLING']);
  t.equal((await c.ok('GET', `${PROJECTS}?q=${enc("{type: 'ACCELERATOR'}")}`)).totalResults, 0);
  t.match((await c.ok('GET', `${PROJECTS}?limit=1&offset=1`)), { items: [{}], totalResults: 2, hasMore: false, limit: 1, offset: 1 });
  t.match(expectProblem(t, await c.call({ method: 'GET', url: `${PROJECTS}?orderBy=modifiedTime` }), 400, 'OIC-400001').detail, /orderBy must be equal to one of the allowed values|orderBy/);
  t.match(expectProblem(t, await c.call({ method: 'GET', url: `${PROJECTS}?q=${enc('{owner: 1}')}` }), 400, 'OIC-400001').detail, /'owner'/);

  const one = await c.ok('GET', `${PROJECTS}/ORDERS`);
  t.match(one, { code: 'ORDERS', description: 'Order flows', integrationCount: 2 });
  expectProblem(t, await c.call({ method: 'GET', url: `${PROJECTS}/NOPE` }), 404, 'OIC-404001');
});

t.test('project-scoped integrations: list, get, activate, activationStatus', async (t) => {
  const c = await setup(t);
  const list = await c.ok('GET', `${PROJECTS}/ORDERS/integrations`);
  t.same(list.items.map((i: any) => i.code), ['ORDER_OUT', 'ORDER_IN'], 'last updated first');
  t.match(list.items[0], { id: 'ORDER_OUT|01.00.0000', code: 'ORDER_OUT', version: '01.00.0000', status: 'CONFIGURED', projectCode: 'ORDERS', scheduleApplicable: true });
  t.same(list.items[0].links[0], { rel: 'self', href: `${PROJECTS}/ORDERS/integrations/ORDER_OUT%7C01.00.0000` });
  t.same((await c.ok('GET', `${PROJECTS}/ORDERS/integrations?orderBy=name`)).items.map((i: any) => i.name), ['Alpha order out', 'order_in flow']);

  const url = `${PROJECTS}/ORDERS/integrations/${enc('ORDER_IN|01.00.0000')}`;
  const act = await c.ok('POST', url, { status: 'ACTIVATED' }, PATCH);
  t.equal(act.status, 'ACTIVATION_INPROGRESS');
  t.same(await c.ok('GET', `${url}/activationStatus`), { activationStatus: 'ACTIVATED' });
  t.match(await c.ok('GET', url), { code: 'ORDER_IN', status: 'ACTIVATED', projectCode: 'ORDERS', scheduleDefined: false, scheduleStatus: 'NOT_DEFINED' });
  t.equal((await c.ok('GET', `${API}/integrations/${enc('ORDER_IN|01.00.0000')}`)).status, 'ACTIVE', 'the seed sees it');

  t.same((await c.ok('GET', `${PROJECTS}/ORDERS/integrations?q=${enc("{status: 'ACTIVATED'}")}`)).items.map((i: any) => i.code), ['ORDER_IN']);
  t.same((await c.ok('GET', `${PROJECTS}/ORDERS/integrations?q=${enc("{status: 'CONFIGURED'}")}`)).items.map((i: any) => i.code), ['ORDER_OUT']);
  t.equal((await c.ok('GET', `${PROJECTS}/ORDERS/integrations?q=${enc("{status: 'FAILEDACTIVATION'}")}`)).totalResults, 0, 'a state no stored integration has');
  t.same((await c.ok('GET', `${PROJECTS}/ORDERS/integrations?q=${enc("{code: /OUT$/, type: 'DEVELOPED'}")}`)).items.map((i: any) => i.code), ['ORDER_OUT']);

  // Another project's integration, an integration in no project, a missing project.
  const other = expectProblem(t, await c.call({ method: 'GET', url: `${PROJECTS}/ORDERS/integrations/${enc('INVOICE|01.00.0000')}` }), 404, 'OIC-404001');
  t.match(other.detail, /not in project 'ORDERS' \(it is in project 'BILLING'\)/);
  t.match(expectProblem(t, await c.call({ method: 'POST', url: `${PROJECTS}/ORDERS/integrations/${enc('LOOSE|01.00.0000')}`, headers: PATCH, payload: { status: 'ACTIVATED' } }), 404, 'OIC-404001').detail, /in no project/);
  t.match(expectProblem(t, await c.call({ method: 'GET', url: `${PROJECTS}/NOPE/integrations` }), 404, 'OIC-404001').detail, /NOPE/);
  expectProblem(t, await c.call({ method: 'POST', url, payload: { status: 'CONFIGURED' } }), 405, 'OIC-405001');
});

t.test('DELETE a project takes its integrations; refused (412) while one is ACTIVATED', async (t) => {
  const c = await setup(t);
  await c.ok('POST', `${API}/integrations/${enc('ORDER_IN|01.00.0000')}`, { status: 'ACTIVATED' }, PATCH);
  const before = c.snapshot();
  t.match(expectProblem(t, await c.call({ method: 'DELETE', url: `${PROJECTS}/ORDERS` }), 412, 'OIC-412001').detail, /ORDER_IN/);
  t.equal(c.snapshot(), before, 'nothing deleted');
  await c.ok('POST', `${API}/integrations/${enc('ORDER_IN|01.00.0000')}`, { status: 'CONFIGURED' }, PATCH);
  const res = await c.call({ method: 'DELETE', url: `${PROJECTS}/ORDERS` });
  t.equal(res.statusCode, 200, 'Oracle\'s delete script expects 200');
  t.equal(res.body, '');
  t.equal((await c.call({ method: 'GET', url: `${SEED_PROJECTS}/ORDERS` })).statusCode, 404, 'gone for the seed too');
  t.equal((await c.call({ method: 'GET', url: `${API}/integrations/${enc('ORDER_OUT|01.00.0000')}` })).statusCode, 404, 'with its integrations');
  t.equal((await c.call({ method: 'GET', url: `${API}/integrations/${enc('INVOICE|01.00.0000')}` })).statusCode, 200, 'other projects untouched');
  expectProblem(t, await c.call({ method: 'DELETE', url: `${PROJECTS}/ORDERS` }), 404, 'OIC-404001');
});

t.test('project-scoped integrations: unknown ids are 404s, bad bodies and queries 400s; nothing written', async (t) => {
  const c = await setup(t);
  const url = `${PROJECTS}/ORDERS/integrations/${enc('ORDER_IN|01.00.0000')}`;
  const before = c.snapshot();
  const problem = async (method: 'GET' | 'POST', target: string, status: number, detail: RegExp, payload?: object) =>
    t.match(expectProblem(t, await c.call({ method, url: target, ...(payload ? { payload, headers: PATCH } : {}) }), status, `OIC-${status}001`).detail, detail, `${method} ${target}`);

  // activationStatus
  await problem('GET', `${PROJECTS}/NOPE/integrations/${enc('ORDER_IN|01.00.0000')}/activationStatus`, 404, /^Project with ID 'NOPE' was not found$/);
  await problem('GET', `${PROJECTS}/ORDERS/integrations/${enc('NOPE|01.00.0000')}/activationStatus`, 404, /^Integration with ID 'NOPE\|01\.00\.0000' was not found$/);
  await problem('GET', `${PROJECTS}/ORDERS/integrations/${enc('INVOICE|01.00.0000')}/activationStatus`, 404, /not in project 'ORDERS' \(it is in project 'BILLING'\)/);

  // Activate/deactivate: only status and payloadTracingEnabled, status one of two words.
  await problem('POST', url, 400, /^body\.extra is not an allowed property$/, { status: 'ACTIVATED', extra: 1 });
  await problem('POST', url, 400, /^body\.name is not an allowed property$/, { status: 'ACTIVATED', name: 'renamed' });
  await problem('POST', url, 400, /^body\.status must be one of ACTIVATED, CONFIGURED$/, { status: 'ACTIVATION_INPROGRESS' });
  await problem('POST', url, 400, /^body\.status is required$/, {});
  await problem('POST', url, 400, /^body\.payloadTracingEnabled must be boolean$/, { status: 'ACTIVATED', payloadTracingEnabled: 'yes' });
  await problem('POST', `${PROJECTS}/NOPE/integrations/${enc('ORDER_IN|01.00.0000')}`, 404, /^Project with ID 'NOPE' was not found$/, { status: 'ACTIVATED' });

  // The list's query.
  const list = `${PROJECTS}/ORDERS/integrations`;
  await problem('GET', `${list}?orderBy=modifiedTime`, 400, /^querystring\.orderBy must be one of name, time$/);
  await problem('GET', `${list}?limit=0`, 400, /^Query parameter 'limit' must be between 1 and 500, got 0$/);
  await problem('GET', `${list}?limit=501`, 400, /^Query parameter 'limit' must be between 1 and 500, got 501$/);
  await problem('GET', `${list}?offset=-1`, 400, /^Query parameter 'offset' must not be negative, got -1$/);
  await problem('GET', `${list}?q=${enc('{owner: 1}')}`, 400, /filters on 'owner', which is not supported here/);

  t.equal(c.snapshot(), before, 'nothing written');
  t.same(await c.ok('GET', `${url}/activationStatus`), { activationStatus: 'CONFIGURED' }, 'still not activated');
});
