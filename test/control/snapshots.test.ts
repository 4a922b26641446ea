import t from 'tap';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildTestApp, expectProblem } from '../helpers/app';
import { Clock } from '../../src/core/clock';
import { createTestTables, seedRows, count } from './helpers';

const dump = (app: any) => ({
  parents: app.ctx.db.prepare('SELECT id, code, doc, status FROM oic_t_parent ORDER BY id').all(),
  children: app.ctx.db.prepare('SELECT * FROM oic_t_child ORDER BY id').safeIntegers(true).all(),
  items: app.ctx.db.prepare('SELECT * FROM dis_t_items ORDER BY key').all(),
});

t.test('save, change, restore: the rows come back exactly', async (t) => {
  const { app } = await buildTestApp(t);
  createTestTables(app);
  seedRows(app, 4);
  const before = dump(app);
  const saved = await app.inject({ method: 'POST', url: '/_emulator/snapshots', payload: { name: 'four' } });
  t.equal(saved.statusCode, 201);
  t.equal(saved.headers.location, '/_emulator/snapshots/four');
  t.match(saved.json(), { name: 'four', rows: 12, clockMode: 'real', createdAt: String, clockTime: String });
  // Change everything: delete, update, insert.
  app.ctx.db.prepare('DELETE FROM oic_t_child WHERE id = 1').run();
  app.ctx.db.prepare("UPDATE oic_t_parent SET doc = '{\"status\":\"X\"}' WHERE id = 2").run();
  seedRows(app, 0);
  app.ctx.db.prepare("INSERT INTO dis_t_items (key, doc) VALUES ('new', '{}')").run();
  const restored = await app.inject({ method: 'POST', url: '/_emulator/snapshots/four/restore' });
  t.equal(restored.statusCode, 200);
  t.match(restored.json(), { name: 'four', rows: 12, durationMs: Number });
  t.same(dump(app), before, 'rows, 64-bit integers, blobs, nulls and generated columns as saved');
  const next = app.ctx.db.prepare("INSERT INTO oic_t_parent (code, doc) VALUES ('N', '{}')").run().lastInsertRowid;
  t.equal(next, 5, 'AUTOINCREMENT counter restored');
  t.equal((app.ctx.db.pragma('foreign_key_check') as unknown[]).length, 0, 'foreign keys hold');
});

t.test('list, get, delete, delete all', async (t) => {
  const { app } = await buildTestApp(t);
  for (const name of ['a', 'b.2', 'C_3-x']) t.equal((await app.inject({ method: 'POST', url: '/_emulator/snapshots', payload: { name } })).statusCode, 201);
  const list = (await app.inject({ method: 'GET', url: '/_emulator/snapshots' })).json();
  t.same(list.items.map((s: any) => s.name), ['a', 'b.2', 'C_3-x']);
  t.equal((await app.inject({ method: 'GET', url: '/_emulator/snapshots/b.2' })).json().name, 'b.2');
  t.equal((await app.inject({ method: 'DELETE', url: '/_emulator/snapshots/a' })).statusCode, 204);
  expectProblem(t, await app.inject({ method: 'DELETE', url: '/_emulator/snapshots/a' }), 404, 'OIC-404001');
  expectProblem(t, await app.inject({ method: 'GET', url: '/_emulator/snapshots/a' }), 404, 'OIC-404001');
  t.same((await app.inject({ method: 'DELETE', url: '/_emulator/snapshots' })).json(), { removed: 2 });
  t.same((await app.inject({ method: 'GET', url: '/_emulator/snapshots' })).json().items, []);
});

t.test('restoring a missing snapshot is a 404 naming the ones that exist; the state is unchanged', async (t) => {
  const { app } = await buildTestApp(t);
  createTestTables(app);
  seedRows(app, 2);
  let p = expectProblem(t, await app.inject({ method: 'POST', url: '/_emulator/snapshots/nope/restore' }), 404, 'OIC-404001');
  t.match(p.detail, /snapshot 'nope' does not exist \(none saved yet\)/);
  await app.inject({ method: 'POST', url: '/_emulator/snapshots', payload: { name: 'base' } });
  seedRows(app, 1);
  p = expectProblem(t, await app.inject({ method: 'POST', url: '/_emulator/snapshots/nope/restore' }), 404, 'OIC-404001');
  t.match(p.detail, /existing: base/);
  t.equal(count(app, 'oic_t_parent'), 3, 'nothing restored');
});

t.test('bad snapshot requests: 400 or 409, nothing saved', async (t) => {
  const { app } = await buildTestApp(t);
  const post = (payload: unknown, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: '/_emulator/snapshots', payload: payload as any, headers });
  let p = expectProblem(t, await post({ name: '../etc' }), 400, 'OIC-400001');
  t.match(p.detail, /body\.name must match pattern/);
  p = expectProblem(t, await post({}), 400, 'OIC-400001');
  t.match(p.detail, /body\.name is required/);
  p = expectProblem(t, await post({ name: 'x', extra: 1 }), 400, 'OIC-400001');
  t.match(p.detail, /body\.extra is not an allowed property/);
  p = expectProblem(t, await post({ name: 42 }), 400, 'OIC-400001');
  t.match(p.detail, /body\.name must be string/);
  p = expectProblem(t, await app.inject({ method: 'POST', url: '/_emulator/snapshots' }), 400, 'OIC-400001');
  t.match(p.detail, /body is required/);
  p = expectProblem(t, await post('{"name":', { 'content-type': 'application/json' }), 400, 'OIC-400001');
  t.match(p.detail, /Malformed JSON/);
  expectProblem(t, await post('name=x', { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'OIC-415001');
  t.same((await app.inject({ method: 'GET', url: '/_emulator/snapshots' })).json().items, [], 'nothing saved');
  t.equal((await post({ name: 'x' })).statusCode, 201);
  p = expectProblem(t, await post({ name: 'x' }), 409, 'OIC-409001');
  t.match(p.detail, /already exists; delete it first or send "replace": true/);
  t.equal((await post({ name: 'x', replace: true })).statusCode, 201, 'replace overwrites');
});

t.test('a snapshot keeps a frozen clock and the random generators; restore rewinds both', async (t) => {
  const clock = new Clock();
  clock.setManual(Date.parse('2025-06-15T10:00:00Z'));
  const { app } = await buildTestApp(t, {}, clock);
  app.ctx.random.next();
  const saved = (await app.inject({ method: 'POST', url: '/_emulator/snapshots', payload: { name: 'morning' } })).json();
  t.equal(saved.clockMode, 'manual');
  t.equal(saved.clockTime, '2025-06-15T10:00:00.000Z');
  const next = [app.ctx.random.next(), app.ctx.ids.uuid()];
  clock.advance(86_400_000);
  await app.inject({ method: 'POST', url: '/_emulator/snapshots/morning/restore' });
  t.equal(clock.nowIso(), '2025-06-15T10:00:00.000Z', 'clock back at the saved instant');
  t.same([app.ctx.random.next(), app.ctx.ids.uuid()], next, 'same draws as after the save');
});

t.test('restore keeps a real-time clock as it is, drops in-memory store state, keeps faults', async (t) => {
  const { app } = await buildTestApp(t);
  const calls: string[] = [];
  app.ctx.resetHooks.push((api) => calls.push(api));
  await app.inject({ method: 'POST', url: '/_emulator/snapshots', payload: { name: 's' } });
  await app.inject({ method: 'POST', url: '/_emulator/faults', payload: { kind: 'connectionTest' } });
  await app.inject({ method: 'POST', url: '/_emulator/snapshots/s/restore' });
  t.equal(app.ctx.clock.getMode(), 'real');
  t.same(calls, ['all'], 'reset hooks drop in-memory state');
  t.equal((await app.inject({ method: 'GET', url: '/_emulator/faults' })).json().items.length, 1, 'fault rules kept');
});

t.test('a restore that fails half-way changes nothing', async (t) => {
  const { app } = await buildTestApp(t);
  createTestTables(app);
  seedRows(app, 3);
  await app.inject({ method: 'POST', url: '/_emulator/snapshots', payload: { name: 'three' } });
  seedRows(app, 2);
  // A trigger added after the save makes the restore's inserts fail midway.
  app.ctx.db.exec("CREATE TRIGGER oic_t_fail BEFORE INSERT ON dis_t_items WHEN NEW.key = 'key-1' BEGIN SELECT RAISE(ABORT, 'boom'); END");
  const res = await app.inject({ method: 'POST', url: '/_emulator/snapshots/three/restore' });
  t.equal(res.statusCode, 500);
  t.notMatch(res.body, /boom|at /, 'no internals leak');
  t.equal(count(app, 'oic_t_parent'), 5, 'rolled back');
  t.equal(count(app, 'dis_t_items'), 5, 'rolled back');
});

t.test('snapshots work the same on a --db file (WAL)', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oie-snap-'));
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  const { app } = await buildTestApp(t, { db: path.join(dir, 'state.db') });
  createTestTables(app);
  seedRows(app, 3);
  const before = dump(app);
  await app.inject({ method: 'POST', url: '/_emulator/snapshots', payload: { name: 'f' } });
  await app.inject({ method: 'POST', url: '/_emulator/reset' });
  t.equal(count(app, 'oic_t_parent'), 0);
  await app.inject({ method: 'POST', url: '/_emulator/snapshots/f/restore' });
  t.same(dump(app), before);
});

t.test('with the real stores: a restored scenario replays the same way (same executions, same ids)', async (t) => {
  const clock = new Clock();
  clock.setManual(Date.parse('2025-06-15T10:30:00Z'));
  const { app, call } = await buildTestApp(t, { fixtures: path.resolve(__dirname, '../../fixtures/demo') }, clock);
  const url = '/ic/api/monitoring/v1/integrations/CUSTOMER_DATA_SYNC%7C01.00.0000/executions?startTime=2025-06-15T10:00:00Z&limit=100';
  const live = async () => (await call({ method: 'GET', url })).json().items.filter((e: any) => e.source !== 'GENERATED').map((e: any) => `${e.id} ${e.status} ${e.startTime}`);
  t.equal((await app.inject({ method: 'POST', url: '/_emulator/snapshots', payload: { name: 'morning' } })).statusCode, 201);
  await app.inject({ method: 'POST', url: '/_emulator/clock/advance', payload: { duration: 'P1D' } });
  const first = await live();
  t.equal(first.length, 24, 'a day of hourly runs');
  const restored = (await app.inject({ method: 'POST', url: '/_emulator/snapshots/morning/restore' })).json();
  t.equal(restored.clockTime, '2025-06-15T10:30:00.000Z');
  t.same(await live(), [], 'the runs are gone');
  await app.inject({ method: 'POST', url: '/_emulator/clock/advance', payload: { duration: 'P1D' } });
  t.same(await live(), first, 'the same runs again, with the same ids and outcomes');
});
