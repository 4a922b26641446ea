/**
 * `fields` projections on every OIC GET: single resources and lists of each
 * design-time type, lookup data, the runtime's schedule and monitoring GETs;
 * unknown names are a 400 naming them.
 */
import t from 'tap';
import { expectProblem } from '../../../helpers/app';
import { createIntegration, runtimeApp, API, MON, enc, seedDefinition, type RuntimeTestApp } from '../../../helpers/runtime';
import { PROJECTS, seedConnection, seedLookup, seedProject } from '../../../helpers/oic';

const ID = 'CUSTOMER_DATA_SYNC|01.00.0000';

async function get(c: RuntimeTestApp, url: string): Promise<any> {
  const res = await c.call({ method: 'GET', url });
  if (res.statusCode !== 200) throw new Error(`GET ${url} -> ${res.statusCode} ${res.body}`);
  return res.json();
}

const keys = (o: object) => Object.keys(o).sort();

async function world(t: tap.Test) {
  const c = await runtimeApp(t, '2025-06-15T10:00:00Z');
  await c.ok('POST', PROJECTS, seedProject());
  await c.ok('POST', `${API}/connections`, seedConnection());
  await c.ok('POST', `${API}/lookups`, seedLookup());
  await createIntegration(c, seedDefinition('CUSTOMER_DATA_SYNC', { projectId: 'CUSTOMER_PROJECT' }));
  return c;
}

t.test('single resources: only the named fields, links kept', async (t) => {
  const c = await world(t);
  const cases: Array<[string, string[]]> = [
    [`${API}/integrations/${enc(ID)}`, ['id', 'name', 'status']],
    [`${API}/connections/PROD_DB_CONN_01`, ['id', 'adapterType', 'testStatus']],
    [`${PROJECTS}/CUSTOMER_PROJECT`, ['name', 'integrationCount']],
    [`${API}/lookups/COUNTRY_CODE_MAP`, ['columns', 'rowCount']],
  ];
  for (const [url, fields] of cases) {
    const full = await get(c, url);
    const body = await get(c, `${url}?fields=${fields.join(',')}`);
    t.same(keys(body), [...fields, 'links'].sort(), `${url}: fields and links`);
    for (const f of [...fields, 'links']) t.same(body[f], full[f], `${url}: ${f} as in the full resource`);
  }
  // Key order follows the full resource, not the request.
  t.same(Object.keys(await get(c, `${API}/integrations/${enc(ID)}?fields=status,id`)), ['id', 'status', 'links']);
  // The connection's secrets stay masked in a projection.
  t.same((await get(c, `${API}/connections/PROD_DB_CONN_01?fields=connectionProperties`)).connectionProperties.security.password, '********');
  // Repeated key, as generated clients send arrays; spaces and duplicates tolerated.
  t.same(keys(await get(c, `${API}/integrations/${enc(ID)}?fields=id&fields=status`)), ['id', 'links', 'status']);
  t.same(keys(await get(c, `${API}/integrations/${enc(ID)}?fields=id,%20status,id`)), ['id', 'links', 'status']);
  t.same(keys(await get(c, `${API}/integrations/${enc(ID)}?fields=links`)), ['links'], 'links alone');
});

t.test('lists: each item projected, paging fields kept', async (t) => {
  const c = await world(t);
  const cases: Array<[string, string[]]> = [
    [`${API}/integrations`, ['id', 'status']],
    [`${API}/connections`, ['name', 'adapterType']],
    [PROJECTS, ['identifier']],
    [`${API}/lookups`, ['name', 'status']],
  ];
  for (const [url, fields] of cases) {
    const body = await get(c, `${url}?limit=5&fields=${fields.join(',')}`);
    t.same(keys(body), ['hasMore', 'items', 'limit', 'offset', 'totalResults'], `${url}: the list envelope`);
    t.match(body, { totalResults: Number, hasMore: false, limit: 5, offset: 0 });
    t.same(keys(body.items[0]), [...fields, 'links'].sort(), `${url}: item fields and links`);
  }
  // Projection composes with q, orderBy and paging.
  await createIntegration(c, seedDefinition('SECOND_FLOW'), false);
  const page = await get(c, `${API}/integrations?q=SECOND&orderBy=name&fields=id`);
  t.same(page.items, [{ id: 'SECOND_FLOW|01.00.0000', links: [{ rel: 'self', href: '/ic/api/integration/v1/integrations/SECOND_FLOW%7C01.00.0000' }] }]);
  // Lookup data: rows projected by column, columns and paging kept.
  const data = await get(c, `${API}/lookups/COUNTRY_CODE_MAP/data?fields=ISOCode&limit=1`);
  t.same(data, { id: 'COUNTRY_CODE_MAP', columns: seedLookup().columns, items: [{ ISOCode: 'US' }], totalResults: 2, hasMore: true, limit: 1, offset: 0 });
});

t.test('runtime and monitoring GETs', async (t) => {
  const c = await world(t);
  await c.ok('POST', `${API}/integrations/${enc(ID)}/schedule`, { frequency: 'HOURLY', startTime: '2025-06-15T11:00:00Z' });
  const run = await c.ok('POST', `${API}/integrations/${enc(ID)}/schedule/jobs`, {});
  await c.advance(600);
  t.same(keys(await get(c, `${API}/integrations/${enc(ID)}/schedule?fields=status,nextRunTime`)), ['links', 'nextRunTime', 'status']);
  const list = await get(c, `${MON}/integrations/${enc(ID)}/executions?fields=id,status`);
  t.ok(list.items.length >= 1);
  t.same(keys(list.items[0]), ['id', 'links', 'status']);
  t.ok('totalResults' in list && 'hasMore' in list);
  t.same(keys(await get(c, `${MON}/executions/${run.id}?fields=status,duration`)), ['duration', 'links', 'status']);
  t.same(keys(await get(c, `${MON}/executions/${run.id}/activities?fields=status,totalResults`)), ['status', 'totalResults']);
  t.same(keys(await get(c, `${MON}/executions/${run.id}/errors?fields=errors`)), ['errors']);
  t.same(keys(await get(c, `${MON}/integrations/${enc(ID)}/metrics?fields=metrics`)), ['metrics']);
  // The integration now shows its schedule; it can be projected on it.
  t.same(keys(await get(c, `${API}/integrations/${enc(ID)}?fields=schedule`)), ['links', 'schedule']);
});

t.test('documented but absent fields are allowed; unknown ones are a 400 naming them', async (t) => {
  const c = await world(t);
  await createIntegration(c, seedDefinition('BARE'), false);
  const bare = `${API}/integrations/${enc('BARE|01.00.0000')}`;
  t.same(keys(await get(c, `${bare}?fields=id,activatedTime,description`)), ['id', 'links'], 'optional fields the spec documents but this integration lacks');

  const bad = async (url: string, detail: RegExp) => {
    const res = await c.call({ method: 'GET', url });
    const p = expectProblem(t, res, 400, 'OIC-400001');
    t.match(p.detail, detail, url);
    t.notOk(res.headers.etag, 'an error has no ETag');
  };
  await bad(`${bare}?fields=id,nmae`, /^Query parameter 'fields' names a field this resource does not have: nmae; available: .*\bname\b/);
  await bad(`${bare}?fields=nmae,stauts,id`, /names fields this resource does not have: nmae, stauts;/);
  await bad(`${bare}?fields=configuration.logLevel`, /configuration\.logLevel \(only top-level fields can be selected\)/);
  await bad(`${bare}?fields=ID`, /does not have: ID;/);
  await bad(`${bare}?fields=`, /^Query parameter 'fields' must name at least one field/);
  await bad(`${bare}?fields=,,`, /must name at least one field/);
  await bad(`${API}/integrations?fields=id,bogus`, /does not have: bogus; available: createdTime, id, identifier, modifiedTime, name, pattern, projectId, status, style, version$/);
  await bad(`${API}/lookups/COUNTRY_CODE_MAP/data?fields=Capital`, /does not have: Capital; available: CountryName, ISOCode$/);
  await bad(`${PROJECTS}/CUSTOMER_PROJECT?fields=secret`, /does not have: secret/);
  await bad(`${MON}/integrations/${enc(ID)}/executions?fields=nope`, /does not have: nope/);
  // An error that happens first is reported as such.
  const missing = await c.call({ method: 'GET', url: `${API}/integrations/NOPE%7C1?fields=bogus` });
  expectProblem(t, missing, 404, 'OIC-404001');
});

t.test('empty lists accept the documented item fields', async (t) => {
  const c = await runtimeApp(t);
  for (const url of [`${API}/integrations?fields=id,name,status`, `${API}/connections?fields=adapterType`, `${PROJECTS}?fields=integrationCount`, `${API}/lookups?fields=identifier`]) {
    const body = await get(c, url);
    t.same(body, { items: [], totalResults: 0, hasMore: false, limit: 100, offset: 0 }, url);
  }
  const res = await c.call({ method: 'GET', url: `${API}/integrations?fields=colour` });
  t.match(expectProblem(t, res, 400, 'OIC-400001').detail, /does not have: colour/);
});

t.test('HEAD honours fields like GET; writes ignore it', async (t) => {
  const c = await world(t);
  const url = `${API}/integrations/${enc(ID)}?fields=id`;
  const g = await c.call({ method: 'GET', url });
  const h = await c.call({ method: 'HEAD', url });
  t.equal(h.statusCode, 200);
  t.equal(h.body, '');
  t.equal(h.headers['content-length'], String(Buffer.byteLength(g.body)));
  t.equal(h.headers.etag, g.headers.etag);
  const hb = await c.call({ method: 'HEAD', url: `${API}/integrations/${enc(ID)}?fields=bogus` });
  t.equal(hb.statusCode, 400);
  // A POST with `fields` in its query is answered in full.
  const created = await c.call({ method: 'POST', url: `${API}/lookups?fields=id`, payload: { ...seedLookup(), identifier: 'OTHER' } });
  t.equal(created.statusCode, 201);
  t.ok(created.json().columns, 'not projected');
});
