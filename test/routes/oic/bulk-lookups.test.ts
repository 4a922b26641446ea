/**
 * POST /ic/api/integration/v1/lookups/{id}/data/bulk: APPEND, REPLACE and
 * MERGE batches, rows checked against the typed columns, all or nothing, the
 * 100-row limit.
 */
import t from 'tap';
import { API, ok, rejects, seedLookup, oicApp, typedLookup } from '../../helpers/oic';

const LOOKUPS = `${API}/lookups`;
const BULK = `${LOOKUPS}/RATES/data/bulk`;

const rates = () => typedLookup('RATES', 'Rates', [
  { Code: 'A', Rate: 1, Enabled: true },
  { Code: 'B', Rate: 2 },
]);

async function setup(t: tap.Test) {
  const { c, clock } = await oicApp(t);
  await ok(c, 'POST', LOOKUPS, rates());
  clock.advance(60_000);
  return c;
}

const rowsOf = async (c: Awaited<ReturnType<typeof setup>>) => (await c.call({ method: 'GET', url: `${LOOKUPS}/RATES/data` })).json().items;

t.test('APPEND adds rows at the end', async (t) => {
  const c = await setup(t);
  const res = await c.call({ method: 'POST', url: BULK, payload: { mode: 'APPEND', rows: [{ Code: 'C', Rate: 3.5, Since: '2025-01-01' }, { Code: 'D', Enabled: false, Rate: null }] } });
  t.equal(res.statusCode, 200);
  t.same(res.json(), {
    id: 'RATES',
    mode: 'APPEND',
    received: 2,
    added: 2,
    replaced: 0,
    removed: 0,
    rowCount: 4,
    modifiedTime: '2025-06-15T10:01:00.000Z',
    links: [
      { rel: 'self', href: '/ic/api/integration/v1/lookups/RATES' },
      { rel: 'data', href: '/ic/api/integration/v1/lookups/RATES/data' },
    ],
  });
  t.same((await rowsOf(c)).map((r: any) => r.Code), ['A', 'B', 'C', 'D']);
  t.equal((await c.call({ method: 'GET', url: `${LOOKUPS}/RATES` })).json().rowCount, 4);
});

t.test('REPLACE makes the batch the whole data; later APPENDs load the rest', async (t) => {
  const c = await setup(t);
  const first = await ok(c, 'POST', BULK, { mode: 'REPLACE', rows: Array.from({ length: 100 }, (_, i) => ({ Code: `R${i}`, Rate: i })) });
  t.match(first, { mode: 'REPLACE', received: 100, added: 100, replaced: 0, removed: 2, rowCount: 100 });
  const second = await ok(c, 'POST', BULK, { mode: 'APPEND', rows: Array.from({ length: 50 }, (_, i) => ({ Code: `R${100 + i}`, Rate: 100 + i })) });
  t.match(second, { rowCount: 150 });
  const page = (await c.call({ method: 'GET', url: `${LOOKUPS}/RATES/data?limit=500` })).json();
  t.equal(page.totalResults, 150);
  t.same(page.items.slice(0, 2), [{ Code: 'R0', Rate: 0 }, { Code: 'R1', Rate: 1 }]);
  t.same(page.items[149], { Code: 'R149', Rate: 149 });
});

t.test('MERGE replaces rows by key and adds the others', async (t) => {
  const c = await setup(t);
  await ok(c, 'POST', BULK, { mode: 'APPEND', rows: [{ Code: 'A', Rate: 99 }] }); // a duplicate key already in the table
  const res = await ok(c, 'POST', BULK, { mode: 'MERGE', key: 'Code', rows: [{ Code: 'B', Rate: 20, Enabled: true }, { Code: 'Z', Rate: 26 }, { Code: 'A', Rate: 10 }] });
  t.match(res, { mode: 'MERGE', received: 3, added: 1, replaced: 2, removed: 1, rowCount: 3 });
  t.same(await rowsOf(c), [{ Code: 'A', Rate: 10 }, { Code: 'B', Rate: 20, Enabled: true }, { Code: 'Z', Rate: 26 }], 'replaced in place, duplicates collapsed, new ones at the end');
  // The seed's lookup, keyed by country name.
  await ok(c, 'POST', LOOKUPS, seedLookup());
  await ok(c, 'POST', `${LOOKUPS}/COUNTRY_CODE_MAP/data/bulk`, { mode: 'MERGE', key: 'CountryName', rows: [{ CountryName: 'United Kingdom', ISOCode: 'UK' }, { CountryName: 'Spain', ISOCode: 'ES' }] });
  t.same((await c.call({ method: 'GET', url: `${LOOKUPS}/COUNTRY_CODE_MAP/data` })).json().items, [
    { CountryName: 'United States', ISOCode: 'US' },
    { CountryName: 'United Kingdom', ISOCode: 'UK' },
    { CountryName: 'Spain', ISOCode: 'ES' },
  ]);
});

t.test('rows are checked against the typed columns: all or nothing', async (t) => {
  const c = await setup(t);
  const bad = (payload: unknown, detail: RegExp, url = BULK) => rejects(t, c, { method: 'POST', url, payload: payload as object }, 400, detail);
  await bad({ mode: 'APPEND', rows: [{ Code: 'C', Rate: 3 }, { Code: 'D', Rate: 'four' }] }, /^body\.rows\[1\]\.Rate must be a NUMBER, got "four"$/);
  await bad({ mode: 'APPEND', rows: [{ Code: 'C', Colour: 'red' }] }, /^body\.rows\[0\]\.Colour is not a column of this lookup; columns: Code, Rate, Enabled, Since$/);
  await bad({ mode: 'REPLACE', rows: [{ Code: 'C', Since: 'yesterday' }] }, /body\.rows\[0\]\.Since must be a DATE/);
  await bad({ mode: 'APPEND', rows: [{ Code: 'C', Enabled: 'yes' }] }, /body\.rows\[0\]\.Enabled must be a BOOLEAN/);
  await bad({ mode: 'APPEND', rows: ['C'] }, /body\.rows\.0 must be object/);
  await bad({ mode: 'MERGE', rows: [{ Code: 'C' }] }, /body\.key is required with mode MERGE/);
  await bad({ mode: 'APPEND', key: 'Code', rows: [{ Code: 'C' }] }, /body\.key only applies to mode MERGE \(mode is APPEND\)/);
  await bad({ mode: 'MERGE', key: 'Colour', rows: [{ Code: 'C' }] }, /body\.key 'Colour' is not a column of lookup 'RATES'; columns: Code, Rate, Enabled, Since/);
  await bad({ mode: 'MERGE', key: 'Code', rows: [{ Code: 'C' }, { Rate: 1 }] }, /body\.rows\[1\]\.Code is required: it is the MERGE key/);
  await bad({ mode: 'MERGE', key: 'Code', rows: [{ Code: 'C' }, { Code: 'C', Rate: 1 }] }, /body\.rows\[1\]\.Code \("C"\) repeats body\.rows\[0\]/);
  await bad({ mode: 'UPSERT', rows: [{ Code: 'C' }] }, /body\.mode must be one of APPEND, REPLACE, MERGE/);
  await bad({ rows: [{ Code: 'C' }] }, /body\.mode is required/);
  await bad({ mode: 'APPEND' }, /body\.rows is required/);
  await rejects(t, c, { method: 'POST', url: `${LOOKUPS}/NOPE/data/bulk`, payload: { mode: 'APPEND', rows: [{ Code: 'C' }] } }, 404, /Lookup with ID 'NOPE' was not found/);
  t.same((await rowsOf(c)).map((r: any) => r.Code), ['A', 'B'], 'the data is as created');
});

t.test('the 100-row limit', async (t) => {
  const c = await setup(t);
  const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ Code: `N${i}` }));
  await rejects(t, c, { method: 'POST', url: BULK, payload: { mode: 'APPEND', rows: rows(101) } }, 400,
    /^Bulk operations are limited to 100 items per request; body\.rows has 101\. Nothing was processed/);
  await rejects(t, c, { method: 'POST', url: BULK, payload: { mode: 'REPLACE', rows: [] } }, 400, /body\.rows is empty; send between 1 and 100 rows/);
  t.match(await ok(c, 'POST', BULK, { mode: 'APPEND', rows: rows(100) }), { received: 100, added: 100, rowCount: 102 });
});
