/**
 * openDatabase (src/store/db.ts): every in-memory database starts as a copy
 * of one migrated template, and prepares its statements on first use. Each
 * copy is its own database, and a statement behaves as a prepared one.
 */
import t from 'tap';
import { openDatabase } from '../../src/store/db';
import { MIGRATIONS } from '../../src/store/migrations';
import { buildTestApp } from '../helpers/app';

t.test('two in-memory databases of one process share nothing', async (t) => {
  const a = openDatabase(':memory:');
  const b = openDatabase(':memory:');
  t.teardown(() => { a.close(); b.close(); });
  const applied = a.prepare('SELECT COUNT(*) FROM schema_migrations').pluck().get();
  t.equal(applied, MIGRATIONS.length, 'every migration is in the copy');
  a.exec('CREATE TABLE scratch (x INTEGER)');
  a.prepare('INSERT INTO scratch (x) VALUES (?)').run(7);
  t.equal(a.prepare('SELECT x FROM scratch').pluck().get(), 7);
  t.throws(() => b.prepare('SELECT x FROM scratch').get(), /no such table/, 'the other copy has no such table');
  t.equal(a.pragma('foreign_keys', { simple: true }), 1, 'foreign keys on');
});

t.test('a statement prepared on first use: settings, reuse, and an error at its first call', async (t) => {
  const db = openDatabase(':memory:');
  t.teardown(() => db.close());
  const bad = db.prepare('SELECT nope FROM nowhere');
  t.throws(() => bad.all(), /no such table/, 'a bad statement fails when run');
  db.exec('CREATE TABLE kv (k TEXT PRIMARY KEY, v INTEGER)');
  const put = db.prepare('INSERT INTO kv (k, v) VALUES (@k, @v)');
  const get = db.prepare('SELECT v FROM kv WHERE k = ?').pluck();
  db.transaction(() => { put.run({ k: 'a', v: 1 }); put.run({ k: 'b', v: 2 }); })();
  t.equal(get.get('a'), 1, 'pluck set before the first call applies');
  t.equal(get.get('b'), 2, 'the same statement, used again');
  t.same(db.prepare('SELECT k, v FROM kv ORDER BY k').raw().all(), [['a', 1], ['b', 2]]);
  t.throws(() => db.transaction(() => { put.run({ k: 'c', v: 3 }); put.run({ k: 'a', v: 9 }); })(), /UNIQUE/);
  t.equal(get.get('c'), undefined, 'the failed transaction left nothing');
});

t.test('apps built one after another in one process keep their own state', async (t) => {
  const one = await buildTestApp(t);
  const two = await buildTestApp(t);
  const body = JSON.stringify({ name: 'Only in one', identifier: 'ONLY_IN_ONE', version: '01.00.0000', pattern: 'ORCHESTRATION' });
  const created = await one.call({ method: 'POST', url: '/ic/api/integration/v1/integrations', headers: { 'content-type': 'application/json' }, payload: body });
  t.equal(created.statusCode, 201, created.body);
  t.equal((await one.call({ method: 'GET', url: '/ic/api/integration/v1/integrations' })).json().totalResults, 1);
  t.equal((await two.call({ method: 'GET', url: '/ic/api/integration/v1/integrations' })).json().totalResults, 0, 'the other app sees none');
  const three = await buildTestApp(t);
  t.equal((await three.call({ method: 'GET', url: '/ic/api/integration/v1/integrations' })).json().totalResults, 0, 'nor does an app built later');
});
