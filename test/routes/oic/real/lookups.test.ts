/**
 * Lookups the real way (reference 2.2): CSV export GET /lookups/{name}/archive,
 * import POST /lookups/archive (409 when it exists, as Oracle's
 * importReplace script expects) and PUT (replace), Oracle's JSON body on
 * PUT /lookups/{name} ({name, columns, rows[].rowData}) and `rows` on GET.
 */
import t from 'tap';
import { expectProblem } from '../../../helpers/app';
import { API, expectOracleError, multipart, realApp, type RealTestApp } from '../../../helpers/real-oic';

const LOOKUPS = `${API}/lookups`;

const seedLookup = () => ({
  name: 'CountryCodeMapping',
  identifier: 'COUNTRY_CODE_MAP',
  description: 'Maps country names to ISO codes',
  columns: [{ name: 'CountryName', type: 'STRING' }, { name: 'ISOCode', type: 'STRING' }],
  data: [{ CountryName: 'United States', ISOCode: 'US' }, { CountryName: 'United Kingdom', ISOCode: 'GB' }],
});

const upload = (c: RealTestApp, method: 'POST' | 'PUT', csv: string, name = 'lookup.csv') => {
  const m = multipart([{ field: 'file', name, content: csv }], { type: 'application/octet-stream' });
  return c.call({ method, url: `${LOOKUPS}/archive?integrationInstance=x`, ...m });
};

t.test('export a seed lookup as CSV; import it back under the same name after delete', async (t) => {
  const c = await realApp(t);
  await c.ok('POST', LOOKUPS, { ...seedLookup(), data: [...seedLookup().data, { CountryName: 'Korea, Republic of', ISOCode: 'KR' }] });
  const res = await c.call({ method: 'GET', url: `${LOOKUPS}/COUNTRY_CODE_MAP/archive` });
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /^text\/csv/);
  t.equal(res.headers['content-disposition'], 'attachment; filename="COUNTRY_CODE_MAP.csv"');
  const csv = res.body;
  t.equal(csv, 'DVM,COUNTRY_CODE_MAP,Maps country names to ISO codes\nCountryName,ISOCode\nUnited States,US\nUnited Kingdom,GB\n"Korea, Republic of",KR\n');

  t.equal((await c.call({ method: 'DELETE', url: `${LOOKUPS}/COUNTRY_CODE_MAP` })).statusCode, 200);
  const imported = await upload(c, 'POST', csv);
  t.equal(imported.statusCode, 204);
  t.equal(imported.body, '');
  t.equal(imported.headers.location, `${LOOKUPS}/COUNTRY_CODE_MAP`);
  const back = await c.ok('GET', `${LOOKUPS}/COUNTRY_CODE_MAP`);
  t.match(back, { identifier: 'COUNTRY_CODE_MAP', description: 'Maps country names to ISO codes', rowCount: 3, columns: [{ name: 'CountryName', type: 'STRING' }, { name: 'ISOCode', type: 'STRING' }] });
  t.same(back.rows, [{ rowData: ['United States', 'US'] }, { rowData: ['United Kingdom', 'GB'] }, { rowData: ['Korea, Republic of', 'KR'] }], 'GET carries Oracle\'s rows[].rowData');
  t.equal((await c.call({ method: 'GET', url: `${LOOKUPS}/COUNTRY_CODE_MAP/archive` })).body, csv, 'round trip');
});

t.test('import adds (409 when it exists, as Oracle\'s script expects), PUT replaces; typed columns keep their type', async (t) => {
  const c = await realApp(t);
  const csv = 'DVM,myLookup\nrightnow,soap\nRN1,SOAP1\nRN2,SOAP2\n';
  t.equal((await upload(c, 'POST', csv)).statusCode, 204);
  const again = expectOracleError(t, await upload(c, 'POST', csv), 409, 'OIC-409001');
  t.match(again.detail, /already exists; use PUT .*lookups\/archive/);
  t.match(again.status, /409/, 'jq .status contains 409');
  t.equal((await upload(c, 'PUT', 'DVM,myLookup\nrightnow,soap\nRN3,SOAP3\n')).statusCode, 204);
  t.same((await c.ok('GET', `${LOOKUPS}/myLookup/data`)).items, [{ rightnow: 'RN3', soap: 'SOAP3' }], 'the seed\'s data view');
  t.equal((await upload(c, 'PUT', 'DVM,fresh\na\n1\n')).statusCode, 204, 'PUT adds a lookup that does not exist');

  // A typed seed lookup replaced from CSV: cells are converted, a cell that does not fit is a 400 naming line and column.
  await c.ok('POST', LOOKUPS, { name: 'Rates', identifier: 'RATES', columns: [{ name: 'Code', type: 'STRING' }, { name: 'Rate', type: 'NUMBER' }, { name: 'On', type: 'BOOLEAN' }], data: [] });
  t.equal((await upload(c, 'PUT', 'DVM,RATES\nCode,Rate,On,Note\nA,1.5,true,x\nB,,FALSE,\n')).statusCode, 204);
  const rates = await c.ok('GET', `${LOOKUPS}/RATES/data`);
  t.same(rates.columns, [{ name: 'Code', type: 'STRING' }, { name: 'Rate', type: 'NUMBER' }, { name: 'On', type: 'BOOLEAN' }, { name: 'Note', type: 'STRING' }]);
  t.same(rates.items, [{ Code: 'A', Rate: 1.5, On: true, Note: 'x' }, { Code: 'B', On: false }]);
  const before = c.snapshot();
  t.match(expectOracleError(t, await upload(c, 'PUT', 'DVM,RATES\nCode,Rate\nA,1.5\n\nB,lots\n'), 400, 'OIC-400001').detail, /line 5, column 'Rate' must be a NUMBER, got 'lots'/);
  t.equal(c.snapshot(), before, 'nothing written');
});

t.test('a CSV without the DVM line is named after its file; bad files are 400s naming the line', async (t) => {
  const c = await realApp(t);
  t.equal((await upload(c, 'POST', 'a,b\n1,2\n', 'Named_From_File.csv')).statusCode, 204);
  t.same((await c.ok('GET', `${LOOKUPS}/Named_From_File`)).rows, [{ rowData: ['1', '2'] }]);
  const before = c.snapshot();
  const bad = async (csv: string, detail: RegExp, name?: string) => t.match(expectOracleError(t, await upload(c, 'POST', csv, name), 400, 'OIC-400001').detail, detail);
  await bad('DVM,x\na,b\n1,2,3\n', /Line 3 of the lookup CSV has 3 value\(s\) but the lookup has 2 column\(s\) \(a, b\)/);
  await bad('DVM,x\na,a\n', /column name 'a' is used twice/);
  await bad('DVM,x\n', /no line of column names/);
  await bad('DVM,,\na\n', /Line 1 of the lookup CSV must name the lookup/);
  await bad('DVM,bad name!\na\n', /lookup name 'bad name!' is not valid/);
  await bad('DVM,x\n"a,b\n', /not a readable CSV file/);
  await bad('a,b\n', /does not name its lookup/, '.csv');
  const noFile = multipart([{ field: 'upload', name: 'x.csv', content: 'DVM,x\na\n' }]);
  t.match(expectProblem(t, await c.call({ method: 'POST', url: `${LOOKUPS}/archive`, ...noFile }), 400, 'OIC-400001').detail, /field 'file', not 'upload'/);
  t.match(expectProblem(t, await c.call({ method: 'POST', url: `${LOOKUPS}/archive`, ...multipart([], { type: 'application/octet-stream' }) }), 400, 'OIC-400001').detail, /No file uploaded/);
  expectProblem(t, await c.call({ method: 'POST', url: `${LOOKUPS}/archive`, payload: { name: 'x' } }), 415, 'OIC-415001');
  t.equal(c.snapshot(), before, 'nothing written');
  expectProblem(t, await c.call({ method: 'GET', url: `${LOOKUPS}/NOPE/archive` }), 404, 'OIC-404001');
});

t.test('PUT /lookups/{name} with Oracle\'s body {name, columns, rows[].rowData}; the seed\'s body still works', async (t) => {
  const c = await realApp(t);
  await c.ok('POST', LOOKUPS, seedLookup());
  const url = `${LOOKUPS}/COUNTRY_CODE_MAP`;
  const res = await c.ok('PUT', url, { name: 'COUNTRY_CODE_MAP', columns: ['CountryName', 'ISOCode', 'Region'], rows: [{ rowData: ['France', 'FR', 'EU'] }, { rowData: ['Japan', 'JP', ''] }] });
  t.match(res, { rowCount: 2, columns: [{ name: 'CountryName', type: 'STRING' }, { name: 'ISOCode', type: 'STRING' }, { name: 'Region', type: 'STRING' }] });
  t.same(res.rows, [{ rowData: ['France', 'FR', 'EU'] }, { rowData: ['Japan', 'JP', ''] }]);
  t.same((await c.ok('GET', `${url}/data`)).items, [{ CountryName: 'France', ISOCode: 'FR', Region: 'EU' }, { CountryName: 'Japan', ISOCode: 'JP' }]);

  const seedPut = await c.ok('PUT', url, { data: [{ CountryName: 'Chile', ISOCode: 'CL' }] });
  t.equal(seedPut.rowCount, 1);
  t.notOk('rows' in seedPut, 'the seed\'s PUT answers as the seed says');

  const before = c.snapshot();
  const bad = async (payload: object, detail: RegExp) => t.match(expectProblem(t, await c.call({ method: 'PUT', url, payload }), 400, 'OIC-400001').detail, detail);
  await bad({ name: 'OTHER', columns: ['a'], rows: [] }, /must be this lookup's name 'COUNTRY_CODE_MAP'/);
  await bad({ columns: ['a', 'b'], rows: [{ rowData: ['1'] }] }, /body.rows\[0\].rowData has 1 value\(s\) but there are 2 column\(s\)/);
  await bad({ columns: ['a'], rows: [{ values: ['1'] }] }, /body.rows\[0\].rowData must be an array/);
  await bad({ columns: ['a'], rows: [{ rowData: [{ x: 1 }] }] }, /rowData\[0\] must be a value/);
  await bad({ columns: ['a'], rows: [], status: 'CONFIGURED' }, /body.status is not an allowed property of Oracle's lookup body/);
  await bad({ columns: ['a', 'a'] }, /'a' is used twice/);
  t.equal(c.snapshot(), before, 'nothing written');
  expectProblem(t, await c.call({ method: 'PUT', url: `${LOOKUPS}/NOPE`, payload: { columns: ['a'], rows: [] } }), 404, 'OIC-404001');
});
