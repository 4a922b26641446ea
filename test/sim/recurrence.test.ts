/**
 * Recurrence computation (src/core/recurrence.ts) without HTTP: fixed steps,
 * wall-clock rules across daylight-saving changes, rule ends.
 */
import t from 'tap';
import { compileRecurrence, type RecurrenceSpec } from '../../src/core/recurrence';
import { isTimeZone } from '../../src/core/time-zones';

const at = (s: string) => Date.parse(s);
function firings(spec: Omit<Partial<RecurrenceSpec>, 'startTime'> & { startTime: string | number }, from: string, n: number): string[] {
  const rec = compileRecurrence({ timeZone: 'UTC', ...spec, startTime: typeof spec.startTime === 'string' ? at(spec.startTime) : spec.startTime } as RecurrenceSpec);
  const out: string[] = [];
  let x = at(from);
  for (let i = 0; i < n; i++) {
    const next = rec.nextAtOrAfter(x);
    if (next === null) break;
    out.push(new Date(next).toISOString());
    x = next + 1;
  }
  return out;
}

t.test('fixed steps: MINUTELY and HOURLY count elapsed time from startTime', async (t) => {
  t.same(firings({ frequency: 'MINUTELY', interval: 20, startTime: '2025-06-15T00:05:00Z' }, '2025-06-15T00:00:00Z', 4),
    ['2025-06-15T00:05:00.000Z', '2025-06-15T00:25:00.000Z', '2025-06-15T00:45:00.000Z', '2025-06-15T01:05:00.000Z']);
  t.same(firings({ frequency: 'HOURLY', startTime: '2025-11-02T04:30:00Z', timeZone: 'America/New_York' }, '2025-11-02T04:00:00Z', 4),
    ['2025-11-02T04:30:00.000Z', '2025-11-02T05:30:00.000Z', '2025-11-02T06:30:00.000Z', '2025-11-02T07:30:00.000Z'], 'the repeated local hour is not skipped');
  t.same(firings({ frequency: 'HOURLY', startTime: '2025-06-15T00:00:00Z', endTime: at('2025-06-15T02:00:00Z') }, '2025-06-15T00:00:01Z', 5),
    ['2025-06-15T01:00:00.000Z', '2025-06-15T02:00:00.000Z'], 'endTime is the last possible firing');
});

t.test('calendar rules follow the local wall clock (RFC 5545)', async (t) => {
  t.same(firings({ frequency: 'WEEKLY', interval: 2, startTime: '2025-06-16T12:00:00Z' }, '2025-06-15T00:00:00Z', 3),
    ['2025-06-16T12:00:00.000Z', '2025-06-30T12:00:00.000Z', '2025-07-14T12:00:00.000Z']);
  t.same(firings({ frequency: 'MONTHLY', startTime: '2025-01-31T10:00:00Z' }, '2025-01-01T00:00:00Z', 3),
    ['2025-01-31T10:00:00.000Z', '2025-03-31T10:00:00.000Z', '2025-05-31T10:00:00.000Z'], 'months without a 31st are skipped');
  t.same(firings({ icalExpression: 'RRULE:FREQ=MONTHLY;BYDAY=-1FR;BYHOUR=17;BYMINUTE=0;BYSECOND=0', startTime: '2025-06-01T00:00:00Z', timeZone: 'Europe/Paris' }, '2025-06-01T00:00:00Z', 2),
    ['2025-06-27T15:00:00.000Z', '2025-07-25T15:00:00.000Z'], 'last Friday 17:00 Paris (CEST)');
  t.same(firings({ icalExpression: 'FREQ=DAILY;COUNT=2', startTime: '2025-06-15T08:00:00Z' }, '2025-06-01T00:00:00Z', 5),
    ['2025-06-15T08:00:00.000Z', '2025-06-16T08:00:00.000Z'], 'COUNT ends the rule');
  t.same(firings({ icalExpression: 'FREQ=DAILY;UNTIL=20250617T080000Z', startTime: '2025-06-15T08:00:00Z' }, '2025-06-01T00:00:00Z', 5),
    ['2025-06-15T08:00:00.000Z', '2025-06-16T08:00:00.000Z', '2025-06-17T08:00:00.000Z'], 'UNTIL is inclusive');
});

t.test('daylight saving in America/New_York', async (t) => {
  const ny = { timeZone: 'America/New_York' };
  t.same(firings({ ...ny, frequency: 'DAILY', startTime: '2025-03-08T07:30:00Z' }, '2025-03-08T00:00:00Z', 3),
    ['2025-03-08T07:30:00.000Z', '2025-03-10T06:30:00.000Z', '2025-03-11T06:30:00.000Z'], '02:30 local does not exist on 2025-03-09: that day has no run');
  t.same(firings({ ...ny, icalExpression: 'FREQ=DAILY;BYHOUR=1;BYMINUTE=30;BYSECOND=0', startTime: '2025-11-01T00:00:00Z' }, '2025-11-01T00:00:00Z', 3),
    ['2025-11-01T05:30:00.000Z', '2025-11-02T05:30:00.000Z', '2025-11-03T06:30:00.000Z'], '01:30 local happens twice on 2025-11-02: one run, at the first');
  t.same(firings({ ...ny, frequency: 'WEEKLY', startTime: '2025-10-27T13:00:00Z' }, '2025-10-27T00:00:00Z', 2),
    ['2025-10-27T13:00:00.000Z', '2025-11-03T14:00:00.000Z'], 'weekly 09:00 local moves from 13:00Z to 14:00Z');
});

t.test('validation', async (t) => {
  t.ok(isTimeZone('UTC'));
  t.ok(isTimeZone('Asia/Kolkata'));
  t.notOk(isTimeZone('Mars/Olympus'));
  t.notOk(isTimeZone('+05:30'));
  t.notOk(isTimeZone(''));
  const base = { startTime: at('2025-06-15T00:00:00Z'), timeZone: 'UTC' };
  t.throws(() => compileRecurrence({ ...base, frequency: 'SOMETIMES' }), /frequency 'SOMETIMES' is unknown/);
  t.throws(() => compileRecurrence({ ...base }), /frequency or icalExpression is required/);
  t.throws(() => compileRecurrence({ ...base, frequency: 'DAILY', endTime: base.startTime }), /endTime must be after startTime/);
  t.throws(() => compileRecurrence({ ...base, frequency: 'DAILY', timeZone: 'Nope' }), /timeZone 'Nope'/);
  t.throws(() => compileRecurrence({ ...base, icalExpression: 'FREQ=DAILY;INTERVAL=0' }), /INTERVAL value 0 is out of range/);
  t.throws(() => compileRecurrence({ ...base, icalExpression: 'FREQ=DAILY;COUNT=2;UNTIL=20250701T000000Z' }), /COUNT and UNTIL cannot both be given/);
  t.throws(() => compileRecurrence({ ...base, icalExpression: 'FREQ=DAILY;FREQ=WEEKLY' }), /FREQ is given twice/);
  t.throws(() => compileRecurrence({ ...base, icalExpression: 'FREQ=DAILY;UNTIL=20250231T000000Z' }), /UNTIL '20250231T000000Z' is not a valid date/);
  t.throws(() => compileRecurrence({ ...base, icalExpression: 'FREQ=DAILY;UNTIL=20250101T000000Z' }), /never fires/);
  t.throws(() => compileRecurrence({ ...base, icalExpression: 'FREQ=DAILY;BYDAY=0MO' }), /ordinal out of range/);
  t.throws(() => compileRecurrence({ ...base, icalExpression: 'FREQ' }), /'FREQ' is not NAME=VALUE/);
});
