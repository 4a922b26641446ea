/**
 * The lookups and libraries of an integration's `dependencies` in Oracle's
 * dialect: read from an imported archive (lookup calls in its maps and
 * expressions, library calls of its steps and the library descriptors it
 * carries), from a project archive, and from the mapping expressions of an
 * integration made through the seed's API; each with its status in the
 * instance and its link.
 */
import t from 'tap';
import { buildIarFile, carEntries, iarEntries, zipEntries, type TestFlow } from '../../../../helpers/archives';
import { API, enc, multipart, realApp, seedIntegration, type RealTestApp } from '../../../../helpers/real-oic';

const INST = 'integrationInstance=x';
const LOOKUPS = `${API}/lookups`;
const LIBS = `${API}/libraries`;

/** A map calling two lookups (quotes written as entities, as Oracle's mapper does), and an assignment calling a third. */
const MAP_XSL = '<xsl:stylesheet version="2.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:dvm="http://www.oracle.com/XSL/Transform/java/oracle.tip.dvm.LookupValue">' +
  '<xsl:template match="/"><country><xsl:value-of select="dvm:lookupValue (&quot;tenant/resources/dvms/COUNTRY_CODES&quot;, &quot;Name&quot;, /order/country, &quot;Iso&quot;, &quot;&quot; )"/></country>' +
  '<again><xsl:value-of select="dvm:lookupValue(&quot;tenant/resources/dvms/COUNTRY_CODES&quot;, &quot;Iso&quot;, /order/iso, &quot;Name&quot;, &quot;&quot;)"/></again>' +
  '<old><xsl:value-of select="dvm:lookupValue(\'oramds:/apps/ICS/DVMs/LEGACY_UNITS.dvm\', \'a\', /order/unit, \'b\', \'\')"/></old>' +
  '<bad><xsl:value-of select="dvm:lookupValue(&quot;tenant/resources/dvms/not a name&quot;, &quot;a&quot;, 1, &quot;b&quot;, &quot;&quot;)"/></bad></xsl:template></xsl:stylesheet>\n';
const EXPR = 'expression=dvm\\:lookupValue("tenant/resources/dvms/CURRENCIES", "Code", $amount/currency, "Symbol", "?")\n';

const ORDERS: TestFlow = {
  code: 'ORDER_MAPPING',
  trigger: { conn: 'ORDERS_REST', name: 'ReceiveOrder' },
  invokes: [{ conn: 'ERP_REST', name: 'BookOrder' }],
  processors: [
    { name: 'MapOrder', type: 'transformer' },
    { name: 'AddTax', type: 'callout', apiid: 'MATHLIB:01.00.0000:math.js:add:a,b' },
    { name: 'AddAgain', type: 'callout', apiid: 'MATHLIB:01.00.0000:math.js:add:a,b' },
  ],
  connections: [
    { code: 'ORDERS_REST', type: 'rest', props: { connectionUrl: 'https://orders.example.com' } },
    { code: 'ERP_REST', type: 'rest', props: { connectionUrl: 'https://erp.example.com' } },
  ],
  resources: {
    'resources/processor_30/resourcegroup_31/req_map.xsl': MAP_XSL,
    'resources/processor_40/resourcegroup_41/expr.properties': EXPR,
  },
  libraries: [
    { code: 'MATHLIB', version: '01.00.0000', name: 'MathUtils', functions: ['add'] },
    { code: 'DATELIB', version: '02.00.0000', name: 'DateUtils', functions: ['today'] },
  ],
};
const ID = 'ORDER_MAPPING|01.00.0000';

async function importIar(c: RealTestApp, file: Buffer, url = `${API}/integrations/archive?${INST}`) {
  const body = multipart([{ field: 'file', name: 'ORDER_MAPPING_01.00.0000.iar', content: file }]);
  const res = await c.call({ method: 'POST', url, payload: body.payload, headers: body.headers });
  if (res.statusCode !== 204) throw new Error(`set-up: import answered ${res.statusCode} ${res.body}`);
}

const lookupLink = (name: string) => [{ rel: 'self', href: `${LOOKUPS}/${name}` }];
const libraryLink = (id: string) => [{ rel: 'self', href: `${LIBS}/${enc(id)}` }];

t.test('an imported .iar: the lookups its maps and expressions call, the libraries its steps call and carry, with their status', async (t) => {
  const c = await realApp(t);
  await c.ok('POST', LOOKUPS, { name: 'Country codes', identifier: 'COUNTRY_CODES', columns: [{ name: 'Name', type: 'STRING' }, { name: 'Iso', type: 'STRING' }], data: [{ Name: 'France', Iso: 'FR' }] });
  const lib = multipart([{ field: 'file', name: 'math.js', content: 'function add(a, b) { return a + b; }\n' }], { name: 'Math helpers', code: 'MATHLIB', version: '01.00.0000', type: 'API' });
  t.equal((await c.call({ method: 'POST', url: `${LIBS}/archive?${INST}`, payload: lib.payload, headers: lib.headers })).statusCode, 204, 'library registered');
  await importIar(c, buildIarFile(ORDERS));

  const got = await c.ok('GET', `${API}/integrations/${enc(ID)}?${INST}`);
  const lookupStatus = (await c.ok('GET', `${LOOKUPS}/COUNTRY_CODES?${INST}`)).status;
  t.equal(lookupStatus, 'CONFIGURED');
  t.same(got.dependencies.lookups, [
    { name: 'COUNTRY_CODES', displayName: 'Country codes', status: 'CONFIGURED', links: lookupLink('COUNTRY_CODES') },
    { name: 'CURRENCIES', status: 'NOT_FOUND', links: lookupLink('CURRENCIES') },
    { name: 'LEGACY_UNITS', status: 'NOT_FOUND', links: lookupLink('LEGACY_UNITS') },
  ], 'each lookup once, sorted; a call whose first argument is no lookup name is not one');
  t.same(got.dependencies.libraries, [
    { id: 'MATHLIB|01.00.0000', code: 'MATHLIB', version: '01.00.0000', name: 'Math helpers', type: 'API', status: 'CONFIGURED', links: libraryLink('MATHLIB|01.00.0000') },
    { id: 'DATELIB|02.00.0000', code: 'DATELIB', version: '02.00.0000', name: 'DateUtils', status: 'NOT_FOUND', links: libraryLink('DATELIB|02.00.0000') },
  ], 'the called library first (named as registered), then the one the archive carries (named by its descriptor)');
  t.same(got.dependencies.connections.map((x: any) => [x.id, x.role, x.links[0].href]), [['ORDERS_REST', 'SOURCE', `${API}/connections/ORDERS_REST`], ['ERP_REST', 'TARGET', `${API}/connections/ERP_REST`]]);

  // The status follows the instance: a lookup created later is found.
  await c.ok('POST', LOOKUPS, { name: 'CURRENCIES', identifier: 'CURRENCIES', columns: [{ name: 'Code', type: 'STRING' }, { name: 'Symbol', type: 'STRING' }], data: [] });
  const again = await c.ok('GET', `${API}/integrations/${enc(ID)}?${INST}`);
  t.same(again.dependencies.lookups.map((l: any) => [l.name, l.status]), [['COUNTRY_CODES', 'CONFIGURED'], ['CURRENCIES', 'CONFIGURED'], ['LEGACY_UNITS', 'NOT_FOUND']]);

  // The same record in the seed's dialect keeps what the import read.
  const seed = await c.ok('GET', `${API}/integrations/${enc(ID)}`);
  t.same(seed.archive.lookups, ['COUNTRY_CODES', 'CURRENCIES', 'LEGACY_UNITS']);
  t.same(seed.archive.libraries, [{ code: 'MATHLIB', version: '01.00.0000', name: 'MathUtils' }, { code: 'DATELIB', version: '02.00.0000', name: 'DateUtils' }]);
});

t.test('an archive without lookup or library calls lists none; an unreadable library descriptor does not stop the import', async (t) => {
  const c = await realApp(t);
  const plain: TestFlow = { code: 'PLAIN_FLOW', trigger: { conn: 'ORDERS_REST', name: 'Receive' }, connections: [{ code: 'ORDERS_REST', type: 'rest', props: { connectionUrl: 'https://orders.example.com' } }] };
  await importIar(c, buildIarFile(plain));
  const got = await c.ok('GET', `${API}/integrations/${enc('PLAIN_FLOW|01.00.0000')}?${INST}`);
  t.same(got.dependencies.lookups, []);
  t.same(got.dependencies.libraries, []);

  const broken = zipEntries({
    ...iarEntries({ ...plain, code: 'BROKEN_LIB' }),
    'icspackage/apilibrary/Odd/Odd.xml': new TextEncoder().encode('<api-library><code>ODD</code>'),
  });
  await importIar(c, broken);
  t.same((await c.ok('GET', `${API}/integrations/${enc('BROKEN_LIB|01.00.0000')}?${INST}`)).dependencies.libraries, []);
});

t.test('a project archive: the integration\'s lookup calls resolve to the project\'s lookups, on the project-scoped path too', async (t) => {
  const c = await realApp(t);
  const flow: TestFlow = { ...ORDERS, code: 'PROJECT_FLOW', gen3: true, smartTags: 'style:app driven orchestration', libraries: undefined };
  const car = zipEntries(carEntries({
    code: 'SALES', flows: [flow], connections: ORDERS.connections!,
    lookups: [{ name: 'COUNTRY_CODES', columns: ['Name', 'Iso'], rows: [['France', 'FR']] }],
    libraries: ['MATHLIB_01.00.0000'],
  }));
  const body = multipart([{ field: 'file', name: 'SALES.car', content: car }]);
  const res = await c.call({ method: 'POST', url: `${API}/projects/archive?${INST}`, payload: body.payload, headers: body.headers });
  t.ok(res.statusCode < 300, `project imported (${res.statusCode} ${res.body})`);
  const scoped = await c.ok('GET', `${API}/projects/SALES/integrations/${enc('PROJECT_FLOW|01.00.0000')}?${INST}`);
  t.same(scoped.dependencies.lookups.map((l: any) => [l.name, l.status]), [['COUNTRY_CODES', 'CONFIGURED'], ['CURRENCIES', 'NOT_FOUND'], ['LEGACY_UNITS', 'NOT_FOUND']]);
  t.same(scoped.dependencies.libraries, [{ id: 'MATHLIB|01.00.0000', code: 'MATHLIB', version: '01.00.0000', status: 'NOT_FOUND', links: libraryLink('MATHLIB|01.00.0000') }]);
  const global = await c.ok('GET', `${API}/integrations/${enc('PROJECT_FLOW|01.00.0000')}?${INST}`);
  t.same(global.dependencies, scoped.dependencies, 'the same dependencies on the global path');
});

t.test('an integration made through the seed\'s API: the lookups its mapping expressions call', async (t) => {
  const c = await realApp(t);
  await c.ok('POST', LOOKUPS, { name: 'States', identifier: 'STATES', columns: [{ name: 'code', type: 'STRING' }, { name: 'name', type: 'STRING' }], data: [] });
  const id = await seedIntegration(c, 'JSON_FLOW', {
    transformations: [{ type: 'FIELD_MAPPING', mappings: [
      { source: 'Account.State', target: 'CUSTOMERS.STATE', expression: "dvm:lookupValue('tenant/resources/dvms/STATES', 'code', $source, 'name', '')" },
      { source: 'Account.Region', target: 'CUSTOMERS.REGION', expression: 'upper-case($source)' },
    ] }],
  });
  const got = await c.ok('GET', `${API}/integrations/${enc(id)}?${INST}`);
  t.same(got.dependencies.lookups, [{ name: 'STATES', displayName: 'States', status: 'CONFIGURED', links: lookupLink('STATES') }]);
  t.same(got.dependencies.libraries, []);
  const plain = await c.ok('GET', `${API}/integrations/${enc(await seedIntegration(c, 'NO_LOOKUPS'))}?${INST}`);
  t.same(plain.dependencies.lookups, [], 'a definition without lookup calls lists none');
});
