/**
 * Connections and lookups on the paths both dialects share: Oracle's
 * connection shape (adapter object, created/lastUpdated, lockedFlag, usage)
 * next to the seed's, a GET body in Oracle's shape sent back with Oracle's
 * PATCH, and Oracle's lookup body and rows.
 */
import t from 'tap';
import { API, PATCH, enc, expectOracleError, realApp, seedIntegration } from '../../../../helpers/real-oic';

// realApp's service instance (--instance-name x): the one the seed's calls without the parameter reach too.
const INST = 'integrationInstance=x';

t.test('connections: Oracle\'s shape on GET and list; the seed\'s for a seed client; Oracle\'s GET body goes back through PATCH', async (t) => {
  const c = await realApp(t);
  await seedIntegration(c);
  const seed = await c.ok('GET', `${API}/connections/SRC_CONN`);
  const oracle = await c.ok('GET', `${API}/connections/SRC_CONN?${INST}`);
  t.match(oracle, {
    id: 'SRC_CONN', name: seed.name, status: seed.status,
    adapterType: { name: seed.adapterType, displayName: seed.adapterType, type: 'PREBUILT' },
    lockedFlag: false, usage: 1, usedBy: ['HELLO_WORLD|01.00.0000'],
    created: seed.createdTime, createdBy: seed.createdBy, lastUpdated: seed.modifiedTime, testStatus: 'NOT_TESTED',
  });
  t.notOk('createdTime' in oracle || 'identifier' in oracle, 'no seed names');
  t.equal(typeof seed.adapterType, 'string', 'the seed keeps its adapter type string');
  const list = await c.ok('GET', `${API}/connections?${INST}&q=${enc("{name: /SRC/}")}`);
  t.match(list, { totalResults: 1, items: [{ id: 'SRC_CONN', adapterType: { name: seed.adapterType }, lockedFlag: false, lastUpdated: seed.modifiedTime }] });

  oracle.description = 'patched through Oracle\'s body';
  const patched = await c.ok('POST', `${API}/connections/SRC_CONN?${INST}`, oracle, PATCH);
  t.match(patched, { id: 'SRC_CONN', description: 'patched through Oracle\'s body', adapterType: { name: seed.adapterType } });
  t.equal((await c.ok('GET', `${API}/connections/SRC_CONN`)).description, 'patched through Oracle\'s body', 'the seed reads the same record');
  const before = c.snapshot();
  const bad = expectOracleError(t, await c.call({ method: 'POST', url: `${API}/connections/SRC_CONN?${INST}`, headers: PATCH, payload: { adapterType: 7 } }), 400, 'OIC-400001');
  t.match(bad.detail, /adapterType/);
  expectOracleError(t, await c.call({ method: 'GET', url: `${API}/connections/NOPE?${INST}` }), 404, 'OIC-404001');
  t.equal(c.snapshot(), before, 'nothing written');
});

t.test('lookups: Oracle\'s PUT body and rows in Oracle\'s dialect; the seed\'s PUT answer keeps its shape', async (t) => {
  const c = await realApp(t);
  await c.ok('POST', `${API}/lookups`, { name: 'Colours', identifier: 'COLOURS', columns: [{ name: 'en', type: 'STRING' }, { name: 'fr', type: 'STRING' }], data: [{ en: 'red', fr: 'rouge' }] });
  const put = await c.ok('PUT', `${API}/lookups/COLOURS?${INST}`, { name: 'COLOURS', columns: ['en', 'fr'], rows: [{ rowData: ['blue', 'bleu'] }, { rowData: ['green', 'vert'] }] });
  t.same(put.rows, [{ rowData: ['blue', 'bleu'] }, { rowData: ['green', 'vert'] }]);
  t.match(put, { name: 'COLOURS', displayName: 'Colours', columns: ['en', 'fr'], rowCount: 2, status: 'CONFIGURED', lockedFlag: false, created: String, lastUpdated: String });
  t.notOk('identifier' in put || 'createdTime' in put, 'no seed names');
  const seedGet = await c.ok('GET', `${API}/lookups/COLOURS`);
  t.same(seedGet.columns, [{ name: 'en', type: 'STRING' }, { name: 'fr', type: 'STRING' }], 'the seed keeps typed columns');
  t.equal(put.created, seedGet.createdTime);
  const list = await c.ok('GET', `${API}/lookups?${INST}`);
  t.same(list.items, [{ name: 'COLOURS', displayName: 'Colours', status: 'CONFIGURED', lockedFlag: false, created: seedGet.createdTime, createdBy: seedGet.createdBy, lastUpdated: seedGet.modifiedTime, links: [{ rel: 'self', href: `${API}/lookups/COLOURS` }] }]);
  t.match(list, { totalResults: 1, hasMore: false, limit: 100, offset: 0 });
  const seedPut = await c.ok('PUT', `${API}/lookups/COLOURS`, { data: [{ en: 'black', fr: 'noir' }] });
  t.notOk('rows' in seedPut, 'a seed body gets the seed\'s answer');
  t.same((await c.ok('GET', `${API}/lookups/COLOURS?${INST}`)).rows, [{ rowData: ['black', 'noir'] }]);
  const oracleAnswerToSeedBody = await c.ok('PUT', `${API}/lookups/COLOURS?${INST}`, { data: [{ en: 'white', fr: 'blanc' }] });
  t.same(oracleAnswerToSeedBody.rows, [{ rowData: ['white', 'blanc'] }], 'Oracle\'s dialect answers with rows whatever the body');
  const before = c.snapshot();
  const bad = expectOracleError(t, await c.call({ method: 'PUT', url: `${API}/lookups/COLOURS?${INST}`, payload: { name: 'OTHER', columns: ['en'], rows: [] } }), 400, 'OIC-400001');
  t.match(bad.detail, /cannot be renamed/);
  t.equal(c.snapshot(), before, 'nothing written');
});
