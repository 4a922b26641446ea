/**
 * Projects: create/list/get/update/delete with live counts and the
 * cascade=true delete.
 */
import t from 'tap';
import { API, PROJECTS, connection, enc, integration, ok, rejects, seedProject, oicApp, createAsUser, CREATED_BY_USER_AT_T0, createTwice } from '../../helpers/oic';

t.test('create: the seed request gives the seed response', async (t) => {
  const { c } = await oicApp(t);
  const created = await createAsUser(t, c, PROJECTS, seedProject());
  t.match(created, {
    id: 'CUSTOMER_PROJECT',
    name: 'Customer Integration Project',
    identifier: 'CUSTOMER_PROJECT',
    status: 'ACTIVE',
    version: '1.0',
    ...CREATED_BY_USER_AT_T0,
    integrationCount: 0,
    connectionCount: 0,
  });
  t.same(created.links, [
    { rel: 'self', href: '/ic/api/projects/v1/projects/CUSTOMER_PROJECT' },
    { rel: 'integrations', href: '/ic/api/integration/v1/integrations?projectId=CUSTOMER_PROJECT' },
    { rel: 'connections', href: '/ic/api/integration/v1/connections?projectId=CUSTOMER_PROJECT' },
  ]);
  t.same(created.metadata, seedProject().metadata, 'the rest of the definition is kept');
  const minimal = await ok(c, 'POST', PROJECTS, { name: 'Minimal', identifier: 'MINIMAL' });
  t.equal(minimal.status, 'ACTIVE', 'status defaults to ACTIVE');
});

t.test('create: bad input is refused and writes nothing', async (t) => {
  const { c } = await oicApp(t);
  await rejects(t, c, { method: 'POST', url: PROJECTS, payload: { identifier: 'X' } }, 400, /body\.name is required/);
  await rejects(t, c, { method: 'POST', url: PROJECTS, payload: { name: 'x' } }, 400, /body\.identifier is required/);
  await rejects(t, c, { method: 'POST', url: PROJECTS, payload: { ...seedProject(), identifier: 'customer project' } }, 400, /body\.identifier must match pattern/);
  await rejects(t, c, { method: 'POST', url: PROJECTS, payload: { ...seedProject(), status: 'ARCHIVED' } }, 400, /body\.status must be one of ACTIVE, INACTIVE/);
  await rejects(t, c, { method: 'POST', url: PROJECTS, payload: { ...seedProject(), metadata: { tags: 'crm' } } }, 400, /body\.metadata\.tags must be array/);
  await rejects(t, c, { method: 'POST', url: PROJECTS, payload: { ...seedProject(), integrationCount: 3 } }, 400, /body\.integrationCount is not an allowed property/);
  await createTwice(t, c, PROJECTS, seedProject(), /Project with ID 'CUSTOMER_PROJECT' already exists/);
});

t.test('counts are live; list pages, filters and sorts', async (t) => {
  const { c, clock } = await oicApp(t);
  await ok(c, 'POST', PROJECTS, seedProject());
  clock.advance(1000);
  await ok(c, 'POST', PROJECTS, { name: 'Order Processing', identifier: 'ORDER_PROCESSING', status: 'INACTIVE' });
  clock.advance(1000);
  await ok(c, 'POST', PROJECTS, { name: 'archive', identifier: 'ARCHIVE' });
  for (const id of ['I1', 'I2']) await ok(c, 'POST', `${API}/integrations`, integration(id, { projectId: 'CUSTOMER_PROJECT' }));
  await ok(c, 'POST', `${API}/connections`, connection('C1', { projectId: 'CUSTOMER_PROJECT' }));
  t.match((await c.call({ method: 'GET', url: `${PROJECTS}/CUSTOMER_PROJECT` })).json(), { integrationCount: 2, connectionCount: 1 });
  await c.call({ method: 'DELETE', url: `${API}/integrations/${enc('I1|01.00.0000')}` });
  await ok(c, 'PUT', `${API}/integrations/${enc('I2|01.00.0000')}`, { projectId: 'ORDER_PROCESSING' });
  t.match((await c.call({ method: 'GET', url: `${PROJECTS}/CUSTOMER_PROJECT` })).json(), { integrationCount: 0, connectionCount: 1 });

  const list = (qs: string) => c.call({ method: 'GET', url: `${PROJECTS}?${qs}` }).then((r) => r.json());
  const all = await list('');
  t.same(all.items.map((p: any) => p.id), ['ARCHIVE', 'ORDER_PROCESSING', 'CUSTOMER_PROJECT'], 'newest first by default');
  t.match(all.items[1], { integrationCount: 1, connectionCount: 0, links: Array });
  t.same((await list('orderBy=name')).items.map((p: any) => p.id), ['ARCHIVE', 'CUSTOMER_PROJECT', 'ORDER_PROCESSING'], 'name, case-insensitive');
  t.same((await list('orderBy=status')).items.map((p: any) => p.id), ['ARCHIVE', 'CUSTOMER_PROJECT', 'ORDER_PROCESSING']);
  t.match(await list('limit=1&offset=1'), { items: [{ id: 'ORDER_PROCESSING' }], totalResults: 3, hasMore: true, limit: 1, offset: 1 });
  t.same((await list('q=order')).items.map((p: any) => p.id), ['ORDER_PROCESSING']);
  t.same((await list(`q=${encodeURIComponent("{status: 'INACTIVE'}")}`)).items.map((p: any) => p.id), ['ORDER_PROCESSING']);
  await rejects(t, c, { method: 'GET', url: `${PROJECTS}?limit=0` }, 400, /'limit' must be between 1 and 500/);
  await rejects(t, c, { method: 'GET', url: `${PROJECTS}?offset=-3` }, 400, /'offset' must not be negative/);
  await rejects(t, c, { method: 'GET', url: `${PROJECTS}?orderBy=owner` }, 400, /'orderBy' cannot be 'owner'/);
  await rejects(t, c, { method: 'GET', url: `${PROJECTS}?q=${encodeURIComponent('{owner: "me"}')}` }, 400, /filters on 'owner', which is not supported here; supported fields: name, identifier, status, code/);
});

t.test('get and update (deep merge)', async (t) => {
  const { c, clock } = await oicApp(t);
  await ok(c, 'POST', PROJECTS, seedProject());
  clock.advance(2000);
  const res = await c.call({ method: 'PUT', url: `${PROJECTS}/CUSTOMER_PROJECT`, payload: { description: 'All customer integrations', metadata: { criticality: 'MEDIUM' } } });
  t.equal(res.statusCode, 200);
  t.match(res.json(), { description: 'All customer integrations', metadata: { businessUnit: 'Sales', criticality: 'MEDIUM', tags: ['customer', 'sales', 'crm'] }, modifiedTime: '2025-06-15T10:00:02.000Z', createdTime: '2025-06-15T10:00:00.000Z' });
  t.equal((await ok(c, 'PUT', `${PROJECTS}/CUSTOMER_PROJECT`, { status: 'INACTIVE' })).status, 'INACTIVE');
  const echoed = await ok(c, 'PUT', `${PROJECTS}/CUSTOMER_PROJECT`, res.json());
  t.equal(echoed.status, 'ACTIVE', 'a GET body can be PUT back');
  await rejects(t, c, { method: 'PUT', url: `${PROJECTS}/CUSTOMER_PROJECT`, payload: { identifier: 'OTHER' } }, 400, /identifier of project 'CUSTOMER_PROJECT' cannot be changed/);
  await rejects(t, c, { method: 'PUT', url: `${PROJECTS}/CUSTOMER_PROJECT`, payload: { status: 'GONE' } }, 400, /body\.status must be one of/);
  await rejects(t, c, { method: 'PUT', url: `${PROJECTS}/NOPE`, payload: { name: 'x' } }, 404, /Project with ID 'NOPE' was not found/);
  await rejects(t, c, { method: 'GET', url: `${PROJECTS}/NOPE` }, 404, /Project with ID 'NOPE' was not found/);
});

t.test('delete: empty goes; non-empty needs cascade=true; cascade guards ACTIVE and shared connections', async (t) => {
  const { c } = await oicApp(t);
  await ok(c, 'POST', PROJECTS, { name: 'Empty', identifier: 'EMPTY' });
  const res = await c.call({ method: 'DELETE', url: `${PROJECTS}/EMPTY` });
  t.equal(res.statusCode, 200);
  t.equal(res.body, '');
  await rejects(t, c, { method: 'DELETE', url: `${PROJECTS}/EMPTY` }, 404, /Project with ID 'EMPTY' was not found/);

  await ok(c, 'POST', PROJECTS, seedProject());
  await ok(c, 'POST', `${API}/connections`, connection('IN_PROJ', { projectId: 'CUSTOMER_PROJECT' }));
  await ok(c, 'POST', `${API}/integrations`, integration('P_INT', { projectId: 'CUSTOMER_PROJECT', connections: [{ connectionId: 'IN_PROJ' }] }));
  const url = `${PROJECTS}/CUSTOMER_PROJECT`;
  await rejects(t, c, { method: 'DELETE', url }, 409, /still holds 1 integration\(s\) and 1 connection\(s\).*\?cascade=true/);
  await rejects(t, c, { method: 'DELETE', url: `${url}?cascade=false` }, 409, /still holds/);
  await rejects(t, c, { method: 'DELETE', url: `${url}?cascade=maybe` }, 400, /querystring\.cascade must be boolean/);

  await ok(c, 'POST', `${API}/integrations/${enc('P_INT|01.00.0000')}/activate`);
  await rejects(t, c, { method: 'DELETE', url: `${url}?cascade=true` }, 409, /holds ACTIVE integrations \(P_INT\|01\.00\.0000\)/);
  await ok(c, 'POST', `${API}/integrations/${enc('P_INT|01.00.0000')}/deactivate`);

  await ok(c, 'POST', `${API}/integrations`, integration('OUTSIDER', { connections: [{ connectionId: 'IN_PROJ' }] }));
  await rejects(t, c, { method: 'DELETE', url: `${url}?cascade=true` }, 409, /connections used by integrations outside it: IN_PROJ \(used by OUTSIDER\|01\.00\.0000\)/);
  await c.call({ method: 'DELETE', url: `${API}/integrations/${enc('OUTSIDER|01.00.0000')}` });

  t.equal((await c.call({ method: 'DELETE', url: `${url}?cascade=true` })).statusCode, 200);
  t.equal((await c.call({ method: 'GET', url })).statusCode, 404);
  t.equal((await c.call({ method: 'GET', url: `${API}/integrations/${enc('P_INT|01.00.0000')}` })).statusCode, 404, 'its integrations went with it');
  t.equal((await c.call({ method: 'GET', url: `${API}/connections/IN_PROJ` })).statusCode, 404, 'and its connections');
});
