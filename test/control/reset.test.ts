import t from 'tap';
import { buildTestApp, expectProblem } from '../helpers/app';
import { createTestTables, seedRows, count } from './helpers';

t.test('reset empties every oic_/dis_ table and keeps the rest', async (t) => {
  const { app } = await buildTestApp(t);
  createTestTables(app);
  seedRows(app, 5);
  app.ctx.db.prepare("INSERT INTO emulator_meta (key, value) VALUES ('probe', 'kept')").run();
  const migrations = count(app, 'schema_migrations');
  const res = await app.inject({ method: 'POST', url: '/_emulator/reset' });
  t.equal(res.statusCode, 200);
  const body = res.json();
  t.equal(body.api, 'all');
  t.equal(body.rowsDeleted, 15, 'parents, children and items');
  t.ok(body.tables >= 3);
  t.type(body.durationMs, 'number');
  for (const table of ['oic_t_parent', 'oic_t_child', 'dis_t_items']) t.equal(count(app, table), 0, `${table} empty`);
  t.equal(count(app, 'emulator_meta'), 1, 'non-API tables kept');
  t.equal(count(app, 'schema_migrations'), migrations, 'migrations kept');
  seedRows(app, 1);
  t.same(app.ctx.db.prepare('SELECT id FROM oic_t_parent').get(), { id: 1 }, 'AUTOINCREMENT counters start again');
});

t.test('?api=oic and ?api=dis reset one API only', async (t) => {
  const { app } = await buildTestApp(t);
  createTestTables(app);
  seedRows(app, 2);
  let res = await app.inject({ method: 'POST', url: '/_emulator/reset?api=dis' });
  t.equal(res.statusCode, 200);
  t.equal(res.json().api, 'dis');
  t.equal(count(app, 'dis_t_items'), 0);
  t.equal(count(app, 'oic_t_parent'), 2, 'OIC untouched');
  seedRows(app, 0);
  app.ctx.db.prepare("INSERT INTO dis_t_items (key, doc) VALUES ('k', '{}')").run();
  res = await app.inject({ method: 'POST', url: '/_emulator/reset?api=oic' });
  t.equal(res.statusCode, 200);
  t.equal(count(app, 'oic_t_parent'), 0);
  t.equal(count(app, 'oic_t_child'), 0);
  t.equal(count(app, 'dis_t_items'), 1, 'DIS untouched');
});

t.test('an unknown api is a 400 and nothing is cleared', async (t) => {
  const { app } = await buildTestApp(t);
  createTestTables(app);
  seedRows(app, 2);
  const res = await app.inject({ method: 'POST', url: '/_emulator/reset?api=soap' });
  const p = expectProblem(t, res, 400, 'OIC-400001');
  t.match(p.detail, /api must be one of oic, dis, all/);
  t.equal(count(app, 'oic_t_parent'), 2);
  t.equal(count(app, 'dis_t_items'), 2);
});

t.test('a reset of one API that other rows still reference is refused whole', async (t) => {
  const { app } = await buildTestApp(t);
  createTestTables(app);
  app.ctx.db.exec('CREATE TABLE dis_t_ref (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES oic_t_parent(id))');
  seedRows(app, 2);
  app.ctx.db.prepare('INSERT INTO dis_t_ref (parent_id) VALUES (1)').run();
  const res = await app.inject({ method: 'POST', url: '/_emulator/reset?api=oic' });
  const p = expectProblem(t, res, 409, 'OIC-409001');
  t.match(p.detail, /cannot reset 'oic' alone/);
  t.equal(count(app, 'oic_t_parent'), 2, 'rolled back');
  t.equal(count(app, 'oic_t_child'), 2, 'rolled back');
  const all = await app.inject({ method: 'POST', url: '/_emulator/reset' });
  t.equal(all.statusCode, 200, 'a full reset clears both sides');
  t.equal(count(app, 'dis_t_ref'), 0);
});

t.test('reset hooks are called with the API; a full reset rewinds the random generators', async (t) => {
  const { app } = await buildTestApp(t);
  const calls: string[] = [];
  app.ctx.resetHooks.push((api) => calls.push(api));
  const first = [app.ctx.random.next(), app.ctx.random.next(), app.ctx.ids.uuid()];
  await app.inject({ method: 'POST', url: '/_emulator/reset?api=oic' });
  await app.inject({ method: 'POST', url: '/_emulator/reset?api=dis' });
  await app.inject({ method: 'POST', url: '/_emulator/reset' });
  t.same(calls, ['oic', 'dis', 'all']);
  t.same([app.ctx.random.next(), app.ctx.random.next(), app.ctx.ids.uuid()], first, 'same outcomes and ids as after start-up');
});

t.test('reset clears the OIC rate-limit windows', async (t) => {
  const { app, call } = await buildTestApp(t, { rateLimit: 2 });
  const url = '/ic/api/integration/v1/integrations';
  // buildTestApp's token request is not an OIC call; two calls use the budget up.
  await call({ method: 'GET', url });
  await call({ method: 'GET', url });
  expectProblem(t, await call({ method: 'GET', url }), 429, 'OIC-429001');
  await app.inject({ method: 'POST', url: '/_emulator/reset?api=dis' });
  t.equal((await call({ method: 'GET', url })).statusCode, 429, 'a DIS reset keeps the OIC windows');
  await app.inject({ method: 'POST', url: '/_emulator/reset' });
  const again = await call({ method: 'GET', url });
  t.not(again.statusCode, 429, 'a fresh window after reset');
  t.equal(again.headers['x-ratelimit-remaining'], '1');
});

t.test('reset clears fault rules (per API with ?api) and a full reset empties the journal', async (t) => {
  const { app, call } = await buildTestApp(t);
  const add = (payload: object) => app.inject({ method: 'POST', url: '/_emulator/faults', payload });
  await add({ kind: 'error', path: '/ic/api/**' });
  await add({ kind: 'error', path: '/20200430/**' });
  await add({ kind: 'error', api: 'dis', status: 500 });
  await add({ kind: 'taskRunError', taskKey: 'k' });
  await add({ kind: 'connectionTest' });
  await add({ kind: 'latency', latencyMs: 0 });
  await call({ method: 'GET', url: '/ic/api/integration/v1/integrations' });
  let res = await app.inject({ method: 'POST', url: '/_emulator/reset?api=dis' });
  t.equal(res.json().faultsCleared, 3);
  const left = (await app.inject({ method: 'GET', url: '/_emulator/faults' })).json().items.map((r: any) => r.kind + ':' + (r.path ?? ''));
  t.same(left, ['error:/ic/api/**', 'connectionTest:', 'latency:/**'], 'OIC and API-neutral rules kept');
  const journal = (await app.inject({ method: 'GET', url: '/_emulator/requests' })).json();
  t.ok(journal.items.some((e: any) => e.path === '/ic/api/integration/v1/integrations'), 'journal kept by a per-API reset');
  res = await app.inject({ method: 'POST', url: '/_emulator/reset' });
  t.equal(res.json().faultsCleared, 3);
  t.same((await app.inject({ method: 'GET', url: '/_emulator/faults' })).json().items, []);
  t.equal((await app.inject({ method: 'GET', url: '/_emulator/requests' })).json().size, 0, 'journal emptied by a full reset');
});

t.test('snapshots survive a reset', async (t) => {
  const { app } = await buildTestApp(t);
  createTestTables(app);
  seedRows(app, 2);
  await app.inject({ method: 'POST', url: '/_emulator/snapshots', payload: { name: 'two' } });
  await app.inject({ method: 'POST', url: '/_emulator/reset' });
  t.equal((await app.inject({ method: 'GET', url: '/_emulator/snapshots' })).json().items.length, 1);
  t.equal((await app.inject({ method: 'POST', url: '/_emulator/snapshots/two/restore' })).statusCode, 200);
  t.equal(count(app, 'oic_t_parent'), 2);
});
