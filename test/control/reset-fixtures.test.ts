/**
 * Reset with fixtures: back to exactly the start-up state (a frozen start-up
 * clock restores it from a copy taken after the fixtures, and that copy must
 * equal writing the fixtures again); the fixture files are read again when
 * they changed, and a file that no longer reads changes nothing.
 */
import t from 'tap';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildTestApp, expectProblem } from '../helpers/app';
import { Clock } from '../../src/core/clock';
import { stateTables } from '../../src/store/state-tables';

const DEMO = path.resolve(__dirname, '../../fixtures/demo');
const frozen = () => { const c = new Clock(); c.setManual(Date.parse('2025-06-16T09:30:00Z')); return c; };
// Rows as sorted JSON lines: some tables have no rowid to order by.
const dump = (app: any) => Object.fromEntries(stateTables(app.ctx.db, 'all').map((tb) => [tb.name, app.ctx.db.prepare(`SELECT * FROM "${tb.name}"`).all().map((r: unknown) => JSON.stringify(r)).sort()]));
const LOOKUPS = '/ic/api/integration/v1/lookups';

t.test('a full reset gives the start-up state back, row for row, and the same ids afterwards', async (t) => {
  const c = await buildTestApp(t, { fixtures: DEMO }, frozen());
  const start = dump(c.app);
  const runNow = async () => (await c.call({ method: 'POST', url: '/ic/api/integration/v1/integrations/CUSTOMER_DATA_SYNC%7C01.00.0000/runNow', payload: {} })).json();
  const first = await runNow();
  await c.app.inject({ method: 'POST', url: '/_emulator/clock/advance', payload: { duration: 'P1D' } });
  const res = await c.app.inject({ method: 'POST', url: '/_emulator/reset' });
  t.equal(res.statusCode, 200);
  t.match(res.json(), { api: 'all', fixtureObjects: 521 });
  t.ok(res.json().rowsDeleted > 0);
  t.same(dump(c.app), start, 'every table as after start-up');
  t.equal((await c.app.inject({ method: 'GET', url: '/_emulator/clock' })).json().now, '2025-06-16T09:30:00.000Z');
  const again = await runNow();
  t.equal(again.id ?? again.instanceId, first.id ?? first.instanceId, 'the same id for the same call');

  // The same state as an emulator that writes the fixtures itself.
  const other = await buildTestApp(t, { fixtures: DEMO }, frozen());
  await c.app.inject({ method: 'POST', url: '/_emulator/reset' });
  t.same(dump(c.app), dump(other.app));
});

t.test('changed fixture files are read again by a reset; a broken one changes nothing', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oie-fx-'));
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (lookups: unknown[]) => fs.writeFileSync(path.join(dir, 'oic.json'), JSON.stringify({ oic: { lookups } }));
  const lookup = (name: string) => ({ name, identifier: name, columns: [{ name: 'A', type: 'STRING' }, { name: 'B', type: 'STRING' }], data: [{ A: '1', B: '2' }] });
  write([lookup('FIRST')]);
  for (const clock of [frozen(), undefined]) {
    write([lookup('FIRST')]);
    const c = await buildTestApp(t, { fixtures: dir }, clock);
    const names = async () => (await c.call({ method: 'GET', url: LOOKUPS })).json().items.map((l: any) => l.name).sort();
    t.same(await names(), ['FIRST']);
    write([lookup('FIRST'), lookup('SECOND')]);
    // A different size or time: the file is read again.
    fs.utimesSync(path.join(dir, 'oic.json'), new Date(), new Date(Date.now() + 5000));
    t.equal((await c.app.inject({ method: 'POST', url: '/_emulator/reset' })).json().fixtureObjects, 2);
    t.same(await names(), ['FIRST', 'SECOND'], `the edited file is used (${clock ? 'frozen' : 'real'} clock)`);
    fs.writeFileSync(path.join(dir, 'oic.json'), '{ not json');
    const bad = await c.app.inject({ method: 'POST', url: '/_emulator/reset' });
    t.match(expectProblem(t, bad, 409, 'OIC-409001').detail, /^cannot reset: the fixture files do not read any more \(.*oic\.json: not valid JSON.*\); fix them and reset again \(nothing was changed\)$/);
    t.same(await names(), ['FIRST', 'SECOND'], 'nothing changed');
  }
});
