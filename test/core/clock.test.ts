/**
 * Building blocks of the hot path underneath every request: the database's transaction(fn) (one wrapper made per connection
 * instead of four per call) and the clock's drain, which now hands the next
 * due instant to the timer without asking the tickers twice. Their meaning
 * must not have changed.
 */
import t from 'tap';
import { openDatabase } from '../../src/store/db';
import { Clock, type Ticker } from '../../src/core/clock';

t.test('transaction(fn): commit, rollback on a throw, nested savepoints, arguments and results', async (t) => {
  const db = openDatabase(':memory:');
  t.teardown(() => db.close());
  db.exec('CREATE TABLE n (v INTEGER)');
  const count = () => (db.prepare('SELECT COUNT(*) AS c FROM n').get() as { c: number }).c;
  const insert = db.prepare('INSERT INTO n (v) VALUES (?)');

  t.equal(db.transaction((a: number, b: number) => { insert.run(a); insert.run(b); return a + b; })(1, 2), 3, 'arguments in, result out');
  t.equal(count(), 2, 'committed');
  t.notOk(db.inTransaction);

  t.throws(() => db.transaction(() => { insert.run(3); throw new Error('boom'); })(), /boom/);
  t.equal(count(), 2, 'rolled back');
  t.notOk(db.inTransaction, 'no transaction left open');

  db.transaction(() => {
    insert.run(4);
    t.throws(() => db.transaction(() => { insert.run(5); throw new Error('inner'); })(), /inner/);
    t.ok(db.inTransaction, 'the outer transaction goes on');
  })();
  t.same((db.prepare('SELECT v FROM n ORDER BY v').all() as { v: number }[]).map((r) => r.v), [1, 2, 4], 'only the inner savepoint was undone');

  t.throws(() => db.transaction(() => {
    db.transaction(() => insert.run(6))();
    throw new Error('outer');
  })(), /outer/);
  t.equal(count(), 3, 'an outer rollback undoes a committed inner one');
});

/** A ticker with one piece of work due at `seen.due` (done once run); counts the questions it gets. */
function countingTicker(due: number | null) {
  const seen = { due, nextDue: 0, runs: [] as number[] };
  const ticker: Ticker = {
    name: 'test',
    nextDue: () => { seen.nextDue++; return seen.due; },
    runDue: (now) => { seen.runs.push(now); seen.due = null; },
  };
  return { ticker, seen };
}

t.test('a real-mode poke asks each ticker once when nothing is due, and still wakes up for later work', async (t) => {
  const clock = new Clock();
  t.teardown(() => clock.close());
  const { ticker, seen } = countingTicker(Date.now() + 30);
  clock.addTicker(ticker);
  const before = seen.nextDue;
  clock.poke();
  t.equal(seen.nextDue - before, 1, 'drain and timer share one answer');
  // The timer set from that answer fires the work when it falls due.
  const deadline = Date.now() + 2000;
  while (seen.runs.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  t.equal(seen.runs.length, 1, 'the work ran when due');
});

t.test('catchUp: asks no ticker while nothing is due, runs what the wall clock has passed', async (t) => {
  let wall = Date.parse('2025-06-15T00:00:00Z');
  const clock = new Clock(() => wall);
  t.teardown(() => clock.close());
  const { ticker, seen } = countingTicker(wall + 60_000);
  clock.addTicker(ticker);
  const asked = seen.nextDue;
  clock.catchUp();
  t.equal(seen.nextDue, asked, 'not due yet: no ticker asked');
  t.same(seen.runs, []);
  // The wall clock passes the due instant without the timer having fired (its own clock is real time).
  wall += 61_000;
  clock.catchUp();
  t.same(seen.runs, [Date.parse('2025-06-15T00:01:00Z')], 'run at its own instant');
  const after = seen.nextDue;
  clock.catchUp();
  t.equal(seen.nextDue, after, 'nothing left: no ticker asked again');
  clock.setManual();
  seen.due = wall - 1;
  clock.catchUp();
  t.equal(seen.runs.length, 1, 'manual mode: catchUp never runs anything');
});
