/**
 * Lookups: typed columns, rows checked against them, data paged.
 */
import t from 'tap';
import { API, ok, rejects, seedLookup, oicApp, typedLookup, createAsUser, CREATED_BY_USER_AT_T0, linksAt, createTwice } from '../../helpers/oic';

const LOOKUPS = `${API}/lookups`;

const typed = () => typedLookup('TYPED', 'Typed', [
  { Code: 'A', Rate: 1.5, Enabled: true, Since: '2025-01-01' },
  { Code: 'B', Rate: 0, Enabled: false, Since: '2025-06-15T10:00:00Z' },
  { Code: 'C', Rate: null },
]);

t.test('create (the seed request) and get data', async (t) => {
  const { c } = await oicApp(t);
  t.same(await createAsUser(t, c, LOOKUPS, seedLookup()), {
    id: 'COUNTRY_CODE_MAP',
    name: 'CountryCodeMapping',
    identifier: 'COUNTRY_CODE_MAP',
    description: 'Maps country names to ISO codes',
    status: 'CONFIGURED',
    columns: seedLookup().columns,
    rowCount: 2,
    ...CREATED_BY_USER_AT_T0,
    links: linksAt('/ic/api/integration/v1/lookups/COUNTRY_CODE_MAP', { data: '/data' }),
  });
  const data = await c.call({ method: 'GET', url: `${LOOKUPS}/COUNTRY_CODE_MAP/data` });
  t.equal(data.statusCode, 200);
  t.same(data.json(), { id: 'COUNTRY_CODE_MAP', columns: seedLookup().columns, items: seedLookup().data, totalResults: 2, hasMore: false, limit: 100, offset: 0 });
  t.match((await c.call({ method: 'GET', url: `${LOOKUPS}/COUNTRY_CODE_MAP/data?limit=1&offset=1` })).json(), { items: [{ ISOCode: 'GB' }], totalResults: 2, hasMore: false, limit: 1, offset: 1 });
  t.equal((await ok(c, 'POST', LOOKUPS, typed())).rowCount, 3, 'every column type');
  await rejects(t, c, { method: 'GET', url: `${LOOKUPS}/COUNTRY_CODE_MAP/data?limit=501` }, 400, /'limit' must be between 1 and 500/);
  await rejects(t, c, { method: 'GET', url: `${LOOKUPS}/NOPE/data` }, 404, /Lookup with ID 'NOPE' was not found/);
  await rejects(t, c, { method: 'GET', url: `${LOOKUPS}/NOPE` }, 404, /Lookup with ID 'NOPE' was not found/);
});

t.test('create: columns typed, every row checked, duplicates 409; nothing written on failure', async (t) => {
  const { c } = await oicApp(t);
  const row = (r: Record<string, unknown>) => ({ ...typed(), data: [r] });
  await rejects(t, c, { method: 'POST', url: LOOKUPS, payload: row({ Code: 'A', Colour: 'red' }) }, 400, /data\[0\]\.Colour is not a column of this lookup; columns: Code, Rate, Enabled, Since/);
  await rejects(t, c, { method: 'POST', url: LOOKUPS, payload: row({ Code: 5 }) }, 400, /data\[0\]\.Code must be a STRING, got 5/);
  await rejects(t, c, { method: 'POST', url: LOOKUPS, payload: row({ Rate: '1.5' }) }, 400, /data\[0\]\.Rate must be a NUMBER, got "1\.5"/);
  await rejects(t, c, { method: 'POST', url: LOOKUPS, payload: row({ Enabled: 'yes' }) }, 400, /data\[0\]\.Enabled must be a BOOLEAN/);
  await rejects(t, c, { method: 'POST', url: LOOKUPS, payload: row({ Since: '15/06/2025' }) }, 400, /data\[0\]\.Since must be a DATE \(YYYY-MM-DD or an ISO 8601 date-time\)/);
  await rejects(t, c, { method: 'POST', url: LOOKUPS, payload: row({ Since: '2025-02-30x' }) }, 400, /Since must be a DATE/);
  await rejects(t, c, { method: 'POST', url: LOOKUPS, payload: { ...typed(), data: [{ Code: 'A' }, 'B'] } }, 400, /body\.data\.1 must be object/);
  await rejects(t, c, { method: 'POST', url: LOOKUPS, payload: { ...typed(), columns: [{ name: 'A', type: 'STRING' }, { name: 'A', type: 'NUMBER' }], data: [] } }, 400, /column name 'A' is used twice/);
  await rejects(t, c, { method: 'POST', url: LOOKUPS, payload: { ...typed(), columns: [{ name: 'A', type: 'TEXT' }] } }, 400, /body\.columns\.0\.type must be one of STRING, NUMBER, BOOLEAN, DATE/);
  await rejects(t, c, { method: 'POST', url: LOOKUPS, payload: { ...typed(), columns: [{ name: 'A' }] } }, 400, /body\.columns\.0\.type is required/);
  await rejects(t, c, { method: 'POST', url: LOOKUPS, payload: { ...typed(), columns: [] } }, 400, /body\.columns must NOT have fewer than 1 items/);
  await rejects(t, c, { method: 'POST', url: LOOKUPS, payload: { name: 'x', identifier: 'X' } }, 400, /body\.columns is required/);
  await rejects(t, c, { method: 'POST', url: LOOKUPS, payload: { ...seedLookup(), identifier: 'country-codes' } }, 400, /body\.identifier must match pattern/);
  await createTwice(t, c, LOOKUPS, seedLookup(), /Lookup with ID 'COUNTRY_CODE_MAP' already exists/);
});

t.test('list, update (replace rows/columns), delete', async (t) => {
  const { c, clock } = await oicApp(t);
  await ok(c, 'POST', LOOKUPS, seedLookup());
  clock.advance(1000);
  await ok(c, 'POST', LOOKUPS, typed());
  const list = (await c.call({ method: 'GET', url: `${LOOKUPS}?orderBy=name` })).json();
  t.same(list.items.map((l: any) => l.id), ['COUNTRY_CODE_MAP', 'TYPED']);
  t.match(list, { totalResults: 2, hasMore: false });
  t.same((await c.call({ method: 'GET', url: `${LOOKUPS}?q=country` })).json().items.map((l: any) => l.id), ['COUNTRY_CODE_MAP']);
  t.same((await c.call({ method: 'GET', url: `${LOOKUPS}?q=${encodeURIComponent('{name: /^typ/i}')}` })).json().items.map((l: any) => l.id), ['TYPED']);
  await rejects(t, c, { method: 'GET', url: `${LOOKUPS}?limit=-1` }, 400, /'limit' must be between 1 and 500, got -1/);

  const url = `${LOOKUPS}/COUNTRY_CODE_MAP`;
  clock.advance(1000);
  const rows = [{ CountryName: 'Germany', ISOCode: 'DE' }];
  const res = await c.call({ method: 'PUT', url, payload: { data: rows } });
  t.equal(res.statusCode, 200);
  t.match(res.json(), { rowCount: 1, modifiedTime: '2025-06-15T10:00:02.000Z', columns: seedLookup().columns });
  t.same((await c.call({ method: 'GET', url: `${url}/data` })).json().items, rows);
  const renamed = await ok(c, 'PUT', url, { name: 'Countries', columns: [{ name: 'Country', type: 'STRING' }, { name: 'Iso', type: 'STRING' }], data: [{ Country: 'France', Iso: 'FR' }] });
  t.match(renamed, { name: 'Countries', rowCount: 1, columns: [{ name: 'Country' }, { name: 'Iso' }] });
  await rejects(t, c, { method: 'PUT', url, payload: { columns: [{ name: 'Only', type: 'STRING' }] } }, 400, /data\[0\]\.Country is not a column of this lookup/);
  await rejects(t, c, { method: 'PUT', url, payload: { data: [{ Iso: 1 }] } }, 400, /data\[0\]\.Iso must be a STRING/);
  await rejects(t, c, { method: 'PUT', url, payload: { identifier: 'OTHER' } }, 400, /identifier of lookup 'COUNTRY_CODE_MAP' cannot be changed/);
  await rejects(t, c, { method: 'PUT', url, payload: { rows: [] } }, 400, /body\.rows is not an allowed property/);
  await rejects(t, c, { method: 'PUT', url: `${LOOKUPS}/NOPE`, payload: { name: 'x' } }, 404, /Lookup with ID 'NOPE' was not found/);

  const del = await c.call({ method: 'DELETE', url });
  t.equal(del.statusCode, 200);
  t.equal((await c.call({ method: 'GET', url })).statusCode, 404);
  await rejects(t, c, { method: 'DELETE', url }, 404, /was not found/);
});
