/**
 * Snapshots as files: export, import (round trip into another emulator, with
 * 64-bit integers and blobs exact), strict checks of bad files with nothing
 * written, references checked on restore, --snapshot FILE at start-up, and
 * snapshots kept across a restart with --db.
 */
import t from 'tap';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../../src/app';
import { makeConfig } from '../../src/config';
import { buildTestApp, expectProblem } from '../helpers/app';
import { Clock } from '../../src/core/clock';
import { createTestTables, seedRows } from './helpers';

const DEMO = path.resolve(__dirname, '../../fixtures/demo');
const MON = '/ic/api/monitoring/v1/integrations';
const tmp = (t: { teardown(fn: () => void): void }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oie-snapfile-'));
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
};
const frozen = (iso: string) => { const c = new Clock(); c.setManual(Date.parse(iso)); return c; };
const snapshotTables = (app: any) => (app.ctx.db.prepare("SELECT count(*) AS n FROM oie_snapshots.sqlite_master WHERE type = 'table'").get() as { n: number }).n;

t.test('export, import elsewhere with restore: the same state, the same file', async (t) => {
  const a = await buildTestApp(t, { fixtures: DEMO }, frozen('2025-06-15T10:30:00Z'));
  await a.app.inject({ method: 'POST', url: '/_emulator/clock/advance', payload: { duration: 'PT3H' } });
  t.equal((await a.app.inject({ method: 'POST', url: '/_emulator/snapshots', payload: { name: 'prepared' } })).statusCode, 201);
  const res = await a.app.inject({ method: 'GET', url: '/_emulator/snapshots/prepared/file' });
  t.equal(res.statusCode, 200);
  t.equal(res.headers['content-disposition'], 'attachment; filename="prepared.snapshot.json"');
  t.match(res.headers['content-type'], /^application\/json/);
  const file = res.json();
  t.match(file, { format: 'oracle-integration-emulator/snapshot', version: 1, meta: { name: 'prepared', clockMode: 'manual', clockTime: '2025-06-15T13:30:00.000Z' }, clockAt: Date.parse('2025-06-15T13:30:00Z') });
  t.ok(file.tables.some((x: any) => x.name === 'oic_executions' && x.rows.length > 168), 'executions in the file');
  expectProblem(t, await a.app.inject({ method: 'GET', url: '/_emulator/snapshots/nope/file' }), 404, 'OIC-404001');

  // Another emulator, empty, on real time.
  const b = await buildTestApp(t);
  const imp = await b.app.inject({ method: 'POST', url: '/_emulator/snapshots/file?restore=true', headers: { 'content-type': 'application/json' }, payload: res.body });
  t.equal(imp.statusCode, 201, imp.body);
  t.equal(imp.headers.location, '/_emulator/snapshots/prepared');
  t.match(imp.json(), { name: 'prepared', restored: true, clockMode: 'manual' });
  const list = async (c: typeof a) => (await c.call({ method: 'GET', url: `${MON}/CUSTOMER_DATA_SYNC%7C01.00.0000/executions?limit=500` })).json().items.map((e: any) => `${e.id} ${e.status} ${e.startTime}`);
  t.same(await list(b), await list(a), 'the same executions');
  t.equal((await b.app.inject({ method: 'GET', url: '/_emulator/clock' })).json().now, '2025-06-15T13:30:00.000Z', 'the frozen clock too');
  // Run on from there: the same ids and outcomes in both.
  for (const c of [a, b]) await c.app.inject({ method: 'POST', url: '/_emulator/clock/advance', payload: { duration: 'PT2H' } });
  t.same(await list(b), await list(a), 'replays the same way');

  // Exported again from the import: the same tables, row for row.
  const again = (await b.app.inject({ method: 'GET', url: '/_emulator/snapshots/prepared/file' })).json();
  t.same(again.tables, file.tables);
  // Under another name, without restoring; an existing name needs replace.
  t.match((await b.app.inject({ method: 'POST', url: '/_emulator/snapshots/file?name=copy', payload: file })).json(), { name: 'copy', restored: false });
  t.equal(expectProblem(t, await b.app.inject({ method: 'POST', url: '/_emulator/snapshots/file?name=copy', payload: file }), 409, 'OIC-409001').detail, "snapshot 'copy' already exists; delete it first or send \"replace\": true");
  t.equal((await b.app.inject({ method: 'POST', url: '/_emulator/snapshots/file?name=copy&replace=true', payload: file })).statusCode, 201);
});

t.test('64-bit integers, blobs and nulls survive the file', async (t) => {
  const { app } = await buildTestApp(t);
  createTestTables(app);
  seedRows(app, 3);
  const rows = () => app.ctx.db.prepare('SELECT * FROM oic_t_child ORDER BY id').safeIntegers(true).all();
  const before = rows();
  await app.inject({ method: 'POST', url: '/_emulator/snapshots', payload: { name: 'odd' } });
  const file = (await app.inject({ method: 'GET', url: '/_emulator/snapshots/odd/file' })).json();
  await app.inject({ method: 'DELETE', url: '/_emulator/snapshots/odd' });
  await app.inject({ method: 'POST', url: '/_emulator/reset' });
  t.equal(rows().length, 0);
  const imp = await app.inject({ method: 'POST', url: '/_emulator/snapshots/file?restore=true', payload: file });
  t.equal(imp.statusCode, 201, imp.body);
  t.same(rows(), before);
});

t.test('bad files are refused with the reason; nothing is written', async (t) => {
  const a = await buildTestApp(t, { fixtures: DEMO }, frozen('2025-06-15T10:30:00Z'));
  await a.app.inject({ method: 'POST', url: '/_emulator/snapshots', payload: { name: 'good' } });
  const good = (await a.app.inject({ method: 'GET', url: '/_emulator/snapshots/good/file' })).json();
  const b = await buildTestApp(t);
  await b.app.inject({ method: 'POST', url: '/_emulator/snapshots', payload: { name: 'mine' } });
  const tablesBefore = snapshotTables(b.app);
  const edit = (fn: (f: any) => void) => { const f = structuredClone(good); fn(f); return f; };
  const ex = (f: any) => f.tables.find((x: any) => x.name === 'oic_executions');
  const cases: Array<[unknown, RegExp]> = [
    [[1, 2], /^body must be object$/],
    [{ format: 'zip' }, /^snapshot file: format must be "oracle-integration-emulator\/snapshot" \(got "zip"\): export one with GET \/_emulator\/snapshots\/\{name\}\/file; nothing was imported$/],
    [edit((f) => { f.version = 2; }), /version 2 is not supported: this emulator reads version 1/],
    [edit((f) => { f.meta.clockMode = 'fast'; }), /meta\.clockMode must be real or manual/],
    [edit((f) => { f.clockAt = 'noon'; }), /^body\.clockAt must be integer$/],
    [edit((f) => { f.randomState = 2 ** 60; }), /randomState must be an integer/],
    [edit((f) => { f.tables.push({ name: 'oic_nope', columns: [], rows: [] }); }), /tables\[\d+\]: 'oic_nope' is not a state table of this emulator/],
    [edit((f) => { f.tables.push(structuredClone(ex(f))); }), /'oic_executions' appears twice/],
    [edit((f) => { ex(f).columns = [...ex(f).columns.slice(1), 'color']; ex(f).rows = []; }), /the columns of 'oic_executions' differ from this emulator's \(missing: \w+; unknown: color\); the file comes from another version/],
    [edit((f) => { ex(f).rows[0] = ex(f).rows[0].slice(1); }), /tables\[\d+\]\.rows\[0\] must be a list of \d+ values/],
    [edit((f) => { ex(f).rows[0][0] = { evil: true }; }), /tables\[\d+\]\.rows\[0\]\[0\] is not a cell value/],
    [edit((f) => { f.sequences = [{ name: 'oic_nope', seq: '1' }]; }), /sequences\[0\] must be \{name: a table of the file, seq: a whole number\}/],
    [edit((f) => { f.meta.name = '../x'; }), /snapshot name '\.\.\/x' is invalid/],
  ];
  for (const [body, detail] of cases) {
    const res = await b.app.inject({ method: 'POST', url: '/_emulator/snapshots/file?restore=true', payload: body as object });
    t.match(expectProblem(t, res, 400, 'OIC-400001').detail, detail);
  }
  const proto = await b.app.inject({ method: 'POST', url: '/_emulator/snapshots/file', headers: { 'content-type': 'application/json' }, payload: '{"format":"oracle-integration-emulator/snapshot","__proto__":{"x":1}}' });
  expectProblem(t, proto, 400, 'OIC-400001');
  t.same((await b.app.inject({ method: 'GET', url: '/_emulator/snapshots' })).json().items.map((s: any) => s.name), ['mine'], 'no snapshot added');
  t.equal(snapshotTables(b.app), tablesBefore, 'no table left behind');
  t.equal((await b.call({ method: 'GET', url: '/ic/api/integration/v1/integrations' })).json().items.length, 0, 'state untouched');

  // Well-formed but with rows pointing at nothing: kept, refused at restore, nothing changed.
  const dangling = edit((f) => { f.tables = f.tables.filter((x: any) => x.name !== 'oic_integrations' && x.name !== 'oic_projects'); f.sequences = f.sequences.filter((q: any) => f.tables.some((x: any) => x.name === q.name)); });
  const res = await b.app.inject({ method: 'POST', url: '/_emulator/snapshots/file?name=dangling&restore=true', payload: dangling });
  t.match(expectProblem(t, res, 400, 'OIC-400001').detail, /snapshot 'dangling' \(imported from a file\) has \d+ row\(s\) referencing missing rows \(first: oic_\w+ -> oic_\w+\); nothing was restored/);
  t.equal((await b.call({ method: 'GET', url: '/ic/api/integration/v1/integrations' })).json().items.length, 0, 'state untouched');
});

t.test('--snapshot FILE at start-up, and snapshots kept across a restart with --db', async (t) => {
  const dir = tmp(t);
  const a = await buildTestApp(t, { fixtures: DEMO }, frozen('2025-06-15T10:30:00Z'));
  await a.app.inject({ method: 'POST', url: '/_emulator/snapshots', payload: { name: 'ci-state' } });
  const file = path.join(dir, 'ci-state.snapshot.json');
  fs.writeFileSync(file, (await a.app.inject({ method: 'GET', url: '/_emulator/snapshots/ci-state/file' })).body);

  const b = await buildTestApp(t, { snapshot: file });
  t.equal((await b.call({ method: 'GET', url: '/ic/api/integration/v1/integrations' })).json().items.length, (await a.call({ method: 'GET', url: '/ic/api/integration/v1/integrations' })).json().items.length, 'the state of the file');
  t.equal((await b.app.inject({ method: 'GET', url: '/_emulator/clock' })).json().now, '2025-06-15T10:30:00.000Z');
  t.match((await b.app.inject({ method: 'GET', url: '/_emulator/snapshots' })).json().items, [{ name: 'ci-state' }]);

  fs.writeFileSync(path.join(dir, 'bad.json'), '{"format":"other"}');
  const bad = await buildApp(makeConfig({ snapshot: path.join(dir, 'bad.json') }));
  await t.rejects(async () => { await bad.ready(); }, { message: `--snapshot ${path.join(dir, 'bad.json')}: snapshot file: format must be "oracle-integration-emulator/snapshot" (got "other"): export one with GET /_emulator/snapshots/{name}/file; nothing was imported` });
  await bad.close();

  // --db: snapshots live in <db>.snapshots and are there after a restart.
  const db = path.join(dir, 'state.db');
  const first = await buildApp(makeConfig({ db, fixtures: DEMO }));
  await first.ready();
  t.equal((await first.inject({ method: 'POST', url: '/_emulator/snapshots', payload: { name: 'kept' } })).statusCode, 201);
  await first.inject({ method: 'POST', url: '/_emulator/snapshots/file?name=imported', payload: JSON.parse(fs.readFileSync(file, 'utf8')) });
  await first.close();
  t.ok(fs.existsSync(`${db}.snapshots`));
  const second = await buildApp(makeConfig({ db }));
  t.teardown(() => second.close());
  await second.ready();
  t.same((await second.inject({ method: 'GET', url: '/_emulator/snapshots' })).json().items.map((s: any) => s.name), ['kept', 'imported']);
  await second.inject({ method: 'POST', url: '/_emulator/reset' });
  t.equal((await second.inject({ method: 'POST', url: '/_emulator/snapshots/kept/restore' })).statusCode, 200);
  t.ok((second.ctx.db.prepare('SELECT count(*) AS n FROM oic_integrations').get() as { n: number }).n > 0, 'restored after the restart');
  t.equal((await second.inject({ method: 'POST', url: '/_emulator/snapshots', payload: { name: 'third' } })).statusCode, 201, 'new ids do not collide with kept ones');
  t.equal((await second.inject({ method: 'POST', url: '/_emulator/snapshots/imported/restore' })).statusCode, 200);
});
