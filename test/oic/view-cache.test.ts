/**
 * The single-resource view cache (src/oic/view-cache.ts): a GET of one
 * integration, connection or project is served from its cached JSON text
 * while the database is unchanged, and never shows stale data after any kind
 * of write: API calls, the runtime's own writes, reset, snapshot restore, a
 * write straight through a store.
 */
import t from 'tap';
import { type TestApp } from '../helpers/app';
import { openDatabase } from '../../src/store/db';
import { ViewCache } from '../../src/oic/view-cache';
import { etagOf } from '../../src/oic/etag';
import { API, PROJECTS, connection, enc, integration, ok, seedProject, oicApp } from '../helpers/oic';

const ID = 'ORDERS|01.00.0000';
const ONE = `${API}/integrations/${enc(ID)}`;

async function setup(t: tap.Test) {
  const { c, clock } = await oicApp(t);
  await ok(c, 'POST', `${API}/integrations`, integration('ORDERS'));
  return { c, clock };
}

const get = (c: TestApp, url: string, headers: Record<string, string> = {}) => c.call({ method: 'GET', url, headers });

t.test('unit: hit while unchanged, rebuilt after a write, not kept when the build itself wrote', async (t) => {
  const db = openDatabase(':memory:');
  t.teardown(() => db.close());
  db.exec('CREATE TABLE things (id TEXT PRIMARY KEY, v TEXT)');
  db.prepare("INSERT INTO things VALUES ('a', 'one')").run();
  const cache = new ViewCache(db, 3);
  let builds = 0;
  const view = () => cache.get('thing:a', () => { builds++; return db.prepare("SELECT v FROM things WHERE id = 'a'").get(); });

  const first = view();
  t.same(JSON.parse(first.text), { v: 'one' });
  t.equal(first.etag, etagOf(first.text), 'the ETag of the exact text');
  t.equal(view(), first, 'the same entry while nothing changed');
  t.equal(builds, 1);

  db.prepare("UPDATE things SET v = 'two' WHERE id = 'a'").run();
  t.same(JSON.parse(view().text), { v: 'two' }, 'a write in any table invalidates');
  t.equal(builds, 2);

  db.prepare("UPDATE things SET v = 'two' WHERE id = 'nope'").run();
  view();
  t.equal(builds, 2, 'a statement that changed no row does not');

  // A build that writes (as the runtime's activation sync can) is answered but not kept.
  let n = 0;
  const writing = () => cache.get('thing:w', () => { db.prepare("UPDATE things SET v = ? WHERE id = 'a'").run(`w${++n}`); return { n }; });
  t.same(JSON.parse(writing().text), { n: 1 });
  t.same(JSON.parse(writing().text), { n: 2 }, 'built again: the first was not cached');

  t.throws(() => cache.get('thing:x', () => { throw new Error('not found'); }), /not found/, 'build errors propagate');
  for (const k of ['k1', 'k2', 'k3', 'k4']) cache.get(k, () => ({ k }));
  t.ok(cache.size <= 3, 'bounded by its capacity');
});

t.test('GET integration: same text and tag while unchanged; every kind of write shows at once', async (t) => {
  const { c, clock } = await setup(t);
  const first = await get(c, ONE);
  t.equal(first.statusCode, 200);
  t.equal(first.headers['content-type'], 'application/json; charset=utf-8');
  t.equal(first.headers.etag, etagOf(first.body), 'the tag of the bytes sent');
  const again = await get(c, ONE);
  t.equal(again.body, first.body);
  t.equal(again.headers.etag, first.headers.etag);
  t.equal((await get(c, ONE, { 'if-none-match': first.headers.etag as string })).statusCode, 304, '304 with the cached tag');

  // An API write.
  clock.advance(1000);
  await ok(c, 'PUT', ONE, { description: 'changed' });
  const updated = await get(c, ONE);
  t.equal(updated.json().description, 'changed');
  t.not(updated.headers.etag, first.headers.etag);

  // A write straight through the store (as fixtures and the runtime do).
  c.app.stores.integrations.update(ID, { description: 'by the store' } as any);
  t.equal((await get(c, ONE)).json().description, 'by the store');

  // Activation: the runtime applies it on the next read of the schedule.
  await ok(c, 'POST', `${ONE}/activate`, {});
  t.equal((await get(c, ONE)).json().status, 'ACTIVE');
  await ok(c, 'POST', `${ONE}/deactivate`, {});
  t.equal((await get(c, ONE)).json().status, 'CONFIGURED');

  // A schedule, then its removal.
  const schedule = await ok(c, 'POST', `${ONE}/schedule`, { name: 'Hourly', frequency: 'HOURLY', startTime: '2025-06-15T11:00:00Z' });
  t.equal((await get(c, ONE)).json().schedule?.id, schedule.id, 'the schedule shows');
  t.equal((await c.call({ method: 'DELETE', url: `${API}/schedules/${schedule.id}` })).statusCode, 204);
  t.notOk('schedule' in (await get(c, ONE)).json(), 'and is gone after its delete');
});

t.test('reset and snapshot restore: the next GET shows the restored state', async (t) => {
  const { c } = await setup(t);
  t.equal((await c.app.inject({ method: 'POST', url: '/_emulator/snapshots', payload: { name: 'before' } })).statusCode, 201);
  await ok(c, 'PUT', ONE, { description: 'after the snapshot' });
  t.equal((await get(c, ONE)).json().description, 'after the snapshot');

  t.equal((await c.app.inject({ method: 'POST', url: '/_emulator/snapshots/before/restore' })).statusCode, 200);
  t.not((await get(c, ONE)).json().description, 'after the snapshot', 'the restored view');

  t.equal((await c.app.inject({ method: 'POST', url: '/_emulator/reset' })).statusCode, 200);
  t.equal((await get(c, ONE)).statusCode, 404, 'gone after a reset');
});

t.test('projections and HEAD on a cached view; a 404 is never cached', async (t) => {
  const { c } = await setup(t);
  const whole = await get(c, ONE);
  const projected = await get(c, `${ONE}?fields=name,status`);
  t.same(Object.keys(projected.json()).sort(), ['links', 'name', 'status']);
  t.equal(projected.headers.etag, etagOf(projected.body), 'a projection has the tag of its own bytes');
  t.not(projected.headers.etag, whole.headers.etag);
  const head = await c.call({ method: 'HEAD', url: ONE });
  t.equal(head.statusCode, 200);
  t.equal(head.body, '');
  t.equal(head.headers.etag, whole.headers.etag);
  t.equal(Number(head.headers['content-length']), Buffer.byteLength(whole.body));

  const missing = `${API}/integrations/${enc('LATER|01.00.0000')}`;
  t.equal((await get(c, missing)).statusCode, 404);
  await ok(c, 'POST', `${API}/integrations`, integration('LATER'));
  t.equal((await get(c, missing)).statusCode, 200, 'found once created');
});

t.test('connections and projects: usage and counts follow the integrations that change them', async (t) => {
  const { c } = await setup(t);
  await ok(c, 'POST', PROJECTS, seedProject());
  const project = `${PROJECTS}/${enc(seedProject().identifier)}`;
  t.equal((await get(c, project)).json().integrationCount, 0);
  await ok(c, 'POST', `${API}/connections`, connection('ERP'));
  const conn = `${API}/connections/ERP`;
  t.same((await get(c, conn)).json().usedBy ?? [], []);

  await ok(c, 'POST', `${API}/integrations`, integration('USES_ERP', { projectId: seedProject().identifier, connections: [{ connectionId: 'ERP' }] }));
  t.same((await get(c, conn)).json().usedBy, ['USES_ERP|01.00.0000'], 'a new integration shows in usedBy');
  t.equal((await get(c, project)).json().integrationCount, 1, 'and in the project count');

  t.equal((await c.call({ method: 'DELETE', url: `${API}/integrations/${enc('USES_ERP|01.00.0000')}` })).statusCode, 200);
  t.same((await get(c, conn)).json().usedBy ?? [], []);
  t.equal((await get(c, project)).json().integrationCount, 0);
});
