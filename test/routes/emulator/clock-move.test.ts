/**
 * The clock moves any distance; the bound is on the work a move replays:
 * a far move with nothing due is immediate, a move with too much due is
 * refused with the number of runs it would create (nothing changed),
 * catchUp false jumps without replaying missed firings, real time is always
 * reachable, and a full reset puts the start-up clock back.
 */
import t from 'tap';
import { buildTestApp, expectProblem } from '../../helpers/app';
import { API, MON, createIntegration, enc, runtimeApp, seedDefinition } from '../../helpers/runtime';

t.test('a far move with nothing due is immediate, in either direction', async (t) => {
  const { app } = await buildTestApp(t);
  const put = (payload: object) => app.inject({ method: 'PUT', url: '/_emulator/clock', payload });
  const t0 = performance.now();
  const ahead = await put({ now: '2030-01-06T00:00:00Z' });
  t.equal(ahead.statusCode, 200, ahead.body);
  t.match(ahead.json(), { mode: 'manual', now: '2030-01-06T00:00:00.000Z', replay: { steps: 0, runsStarted: 0, catchUp: true } });
  t.match((await put({ now: '2999-12-31T00:00:00Z' })).json(), { now: '2999-12-31T00:00:00.000Z' }, 'a thousand years ahead');
  t.match((await put({ now: '1999-01-01T00:00:00Z' })).json(), { now: '1999-01-01T00:00:00.000Z' }, 'and back');
  const adv = await app.inject({ method: 'POST', url: '/_emulator/clock/advance', payload: { duration: 'P30Y' } });
  t.match(adv.json(), { now: '2029-01-01T00:00:00.000Z', advancedBy: 946_771_200 }, 'advance any distance');
  t.ok(performance.now() - t0 < 5000, 'immediate (no step replayed)');
  const real = (await put({ mode: 'real' })).json();
  t.equal(real.mode, 'real', 'back to real time from years ahead');
  t.ok(Math.abs(Date.parse(real.now) - Date.now()) < 60_000);
});

t.test('a move with much due: refused with the runs it would create; catchUp false jumps; real time always works', async (t) => {
  const c = await runtimeApp(t, '2020-01-01T00:00:00Z');
  const id = await createIntegration(c, seedDefinition('HOURLY_SYNC'));
  await c.ok('POST', `${API}/integrations/${enc(id)}/schedule`, { frequency: 'HOURLY' });
  const count = async () => (await c.ok('GET', `${MON}/integrations/${enc(id)}/executions?limit=1`)).totalResults;

  // Eleven years of an hourly schedule: about 96,400 runs, over the 50,000-step budget.
  const refused = await c.app.inject({ method: 'PUT', url: '/_emulator/clock', payload: { now: '2031-01-01T00:00:00Z' } });
  const p = expectProblem(t, refused, 400, 'OIC-400001');
  t.match(p.detail, /^Moving the clock to 2031-01-01T00:00:00\.000Z would replay about [\d,]+ runs \(schedule firings due on the way\): the budget of 50,000 replay steps per move ran out at 202\d-[^ ]+ after [\d,]+ runs, so nothing was changed\./);
  t.match(p.detail, /Options: PUT \/_emulator\/clock \{"now": "2031-01-01T00:00:00\.000Z", "catchUp": false\} jumps there without replaying the missed firings \(as a real instance skips runs missed while it is down\)/);
  t.match(p.detail, /PUT \/_emulator\/clock \{"mode": "real"\}, which always works/);
  const expected = 11 * 8766;
  t.ok(Math.abs(p.runsEstimate - expected) < expected * 0.02, `estimate ${p.runsEstimate} close to ${expected}`);
  t.equal(p.budgetSteps, 50_000);
  t.equal(await count(), 0, 'no run written');
  t.match(await c.ok('GET', '/_emulator/clock'), { mode: 'manual', now: '2020-01-01T00:00:00.000Z', nextDueTime: '2020-01-01T01:00:00.000Z' }, 'clock unchanged');

  // Within the budget, a move replays: a day is 24 runs.
  t.match((await c.ok('POST', '/_emulator/clock/advance', { duration: 'P1D' })).replay, { runsStarted: 24, catchUp: true });
  t.equal(await count(), 24);

  // Real time is always reachable: over the budget, the missed firings are skipped.
  const real = await c.ok('PUT', '/_emulator/clock', { mode: 'real' });
  t.match(real, { mode: 'real', replay: { catchUp: false, runsStarted: 0 } }, 'over the budget, real time skips the missed firings');
  t.ok(Math.abs(Date.parse(real.now) - Date.now()) < 60_000);
  t.equal(await count(), 24, 'nothing replayed on the way');

  // catchUp false: there at once, the missed firings skipped, the schedule going on from there.
  const jumped = await c.ok('PUT', '/_emulator/clock', { now: '2031-01-01T00:00:00Z', catchUp: false });
  t.match(jumped, { mode: 'manual', now: '2031-01-01T00:00:00.000Z', nextDueTime: '2031-01-01T01:00:00.000Z', replay: { runsStarted: 0, catchUp: false } });
  t.equal(await count(), 24, 'no missed run replayed');
  t.match((await c.ok('POST', '/_emulator/clock/advance', { duration: 'P400D', catchUp: false })).replay, { runsStarted: 0, catchUp: false }, 'advance takes catchUp too');
  const hour = await c.ok('POST', '/_emulator/clock/advance', { duration: 'PT1H' });
  t.match(hour.replay, { runsStarted: 1, catchUp: true });
  t.equal(await count(), 25, 'the next firing runs');
});

t.test('a full reset puts the start-up clock back; a reset of one API keeps it', async (t) => {
  const c = await runtimeApp(t, '2025-06-15T00:00:00Z');
  await c.ok('PUT', '/_emulator/clock', { now: '2040-01-01T00:00:00Z' });
  await c.ok('POST', '/_emulator/reset?api=dis');
  t.equal((await c.ok('GET', '/_emulator/clock')).now, '2040-01-01T00:00:00.000Z', 'api=dis keeps the clock');
  await c.ok('POST', '/_emulator/reset');
  t.match(await c.ok('GET', '/_emulator/clock'), { mode: 'manual', now: '2025-06-15T00:00:00.000Z' }, 'frozen where it started');

  const { app } = await buildTestApp(t);
  await app.inject({ method: 'PUT', url: '/_emulator/clock', payload: { now: '2030-01-06T00:00:00Z' } });
  await app.inject({ method: 'POST', url: '/_emulator/reset' });
  const clock = (await app.inject({ method: 'GET', url: '/_emulator/clock' })).json();
  t.equal(clock.mode, 'real', 'an app started on real time is back on real time');
  t.ok(Math.abs(Date.parse(clock.now) - Date.now()) < 60_000);
});
