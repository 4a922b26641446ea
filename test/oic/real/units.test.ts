/**
 * The HTTP-free helpers of the real-OIC paths: status words, the lookup CSV
 * codec, the monitoring q parser and time window, real schedule dates.
 */
import t, { type Test } from 'tap';
import { ApiError } from '../../../src/core/errors';
import { realInstanceStatus, realIntegrationStatus, realScheduleStatus, seedInstanceStatus, seedIntegrationStatus } from '../../../src/oic/real/status';
import { decodeLookupCsv, encodeLookupCsv, seedTable, tableFromRealJson, tableOf } from '../../../src/oic/real/lookup-csv';
import { instanceOrder, parseMonitoringQ, parseUtc, timeRange } from '../../../src/oic/real/monitoring-q';
import { formatRealDate, parseRealDate, scheduleInputOf, zonedToEpoch } from '../../../src/oic/real/schedule';

const rejects = (t: Test, fn: () => unknown, detail: RegExp) => {
  try {
    fn();
    t.fail(`expected a 400 matching ${detail}`);
  } catch (e) {
    t.ok(e instanceof ApiError && e.status === 400, 'a 400');
    t.match((e as Error).message, detail);
  }
};

t.test('status words both ways', async (t) => {
  t.equal(realIntegrationStatus('ACTIVE'), 'ACTIVATED');
  t.equal(realIntegrationStatus('CONFIGURED'), 'CONFIGURED');
  t.equal(seedIntegrationStatus('activated'), 'ACTIVE');
  t.equal(seedIntegrationStatus('ACTIVE'), 'ACTIVE');
  t.equal(seedIntegrationStatus('CONFIGURED'), 'CONFIGURED');
  t.equal(seedIntegrationStatus('FAILEDACTIVATION'), null);
  t.equal(seedIntegrationStatus('INPROGRESS'), null);
  t.same(['SUCCESS', 'FAILED', 'IN_PROGRESS'].map((s) => realInstanceStatus(s as never)), ['COMPLETED', 'FAILED', 'IN_PROGRESS']);
  t.same(['completed', 'FAILED', 'in-progress', 'ABORTED', 'x'].map(seedInstanceStatus), ['SUCCESS', 'FAILED', 'IN_PROGRESS', null, null]);
  t.same([realScheduleStatus(undefined, false), realScheduleStatus('ACTIVE', true), realScheduleStatus('STOPPED', true), realScheduleStatus('STOPPED', false)], ['NOT_DEFINED', 'STARTED', 'PAUSED', 'STOPPED']);
});

t.test('lookup CSV: quoting round trip, BOM, typed replacement', async (t) => {
  const def = {
    name: 'x', identifier: 'MAP', description: 'a, "quoted" map',
    columns: [{ name: 'k', type: 'STRING' as const }, { name: 'n', type: 'NUMBER' as const }],
    data: [{ k: 'line\nbreak', n: 1 }, { k: 'comma, here' }],
  };
  const csv = encodeLookupCsv(tableOf(def));
  t.equal(csv, 'DVM,MAP,"a, ""quoted"" map"\nk,n\n"line\nbreak",1\n"comma, here",\n');
  const back = decodeLookupCsv('\uFEFF' + csv);
  t.same({ name: back.name, description: back.description, columns: back.columns, rows: back.rows }, { name: 'MAP', description: 'a, "quoted" map', columns: ['k', 'n'], rows: [['line\nbreak', '1'], ['comma, here', '']] });
  t.same(back.rowLines, [4, 5], 'a row spanning two lines is reported at its last line');
  t.same(seedTable(back, def.columns), { columns: def.columns, data: [{ k: 'line\nbreak', n: 1 }, { k: 'comma, here' }] });
  rejects(t, () => seedTable({ columns: ['n'], rows: [['1e3'], ['x']] }, def.columns), /row 2, column 'n' must be a NUMBER, got 'x'/);
  rejects(t, () => seedTable({ columns: ['b'], rows: [['yes']] }, [{ name: 'b', type: 'BOOLEAN' }]), /must be a BOOLEAN \(true or false\), got 'yes'/);
  t.same(tableFromRealJson({ columns: ['a', 'b'], rows: [{ rowData: [1, null] }] }, 'body'), { columns: ['a', 'b'], rows: [['1', '']] });
  rejects(t, () => tableFromRealJson({ columns: 'a' }, 'body'), /body.columns must be an array of column names/);
  rejects(t, () => tableFromRealJson({ columns: ['a'], rows: {} }, 'body'), /body.rows must be an array/);
  rejects(t, () => decodeLookupCsv(''), /empty/);
  rejects(t, () => decodeLookupCsv('DVM,x\n' + 'c\n'.repeat(1) + Array.from({ length: 101 }, (_, i) => `c${i}`).join(',') + '\n'), /has 101 value/);
  rejects(t, () => decodeLookupCsv(`DVM,x\n${Array.from({ length: 101 }, (_, i) => `c${i}`).join(',')}\n`), /at most 100 columns/);
});

t.test('monitoring q: JSON5 object text, case-insensitive keys, windows', async (t) => {
  t.same(parseMonitoringQ("{timewindow:'6h', CODE:\"X\", orderBy:'creationDate'}", ['timewindow', 'code', 'orderBy']).code, 'X');
  rejects(t, () => parseMonitoringQ('{limit: 10}', ['code']), /'limit', which is not supported here; supported: code/);
  t.same(parseMonitoringQ(undefined), {});
  t.same(parseMonitoringQ('  '), {});
  t.equal(instanceOrder(parseMonitoringQ("{orderBy:'ExecutionTime'}")), 'executiontime');
  t.equal(instanceOrder({}), 'lastupdateddate');
  rejects(t, () => parseMonitoringQ('[1]'), /must be an object/);
  rejects(t, () => parseMonitoringQ('x'.repeat(2001)), /longer than 2000/);
  const now = Date.parse('2025-06-15T12:00:00Z');
  t.same(timeRange({}, now), { from: now - 3_600_000, to: now, timeWindow: '1h' });
  t.same(timeRange({ timewindow: 'retentionperiod' }, now), { from: 0, to: now, timeWindow: 'RETENTIONPERIOD' });
  t.same(timeRange({ timewindow: '2d', enddate: '2025-06-10' }, now), { from: Date.parse('2025-06-08T00:00:00Z'), to: Date.parse('2025-06-10T00:00:00Z'), timeWindow: '2d' });
  t.equal(parseUtc('startdate', '2025-06-15 10:00:00.5'), Date.parse('2025-06-15T10:00:00.500Z'));
  t.equal(parseUtc('startdate', '2025-06-15T10:00:00+02:00'), Date.parse('2025-06-15T08:00:00Z'));
  rejects(t, () => parseUtc('startdate', '2025-13-01'), /UTC date-time/);
});

t.test('real schedule dates: wall clock in scheduleTZ, across daylight saving', async (t) => {
  t.equal(parseRealDate('startDate', '2/14/2025|0:0:0', 'UTC'), Date.parse('2025-02-14T00:00:00Z'));
  t.equal(parseRealDate('startDate', '7/1/2025|9:30:0', 'America/New_York'), Date.parse('2025-07-01T13:30:00Z'), 'EDT');
  t.equal(parseRealDate('startDate', '1/1/2025|9:30', 'America/New_York'), Date.parse('2025-01-01T14:30:00Z'), 'EST, seconds optional');
  t.equal(parseRealDate('startDate', '3/9/2025|2:30:0', 'America/New_York'), Date.parse('2025-03-09T07:30:00Z'), 'a time in the spring-forward gap moves forward');
  t.equal(zonedToEpoch(2025, 11, 2, 1, 30, 0, 'America/New_York'), Date.parse('2025-11-02T05:30:00Z'), 'a repeated time takes the first');
  t.equal(parseRealDate('startDate', '2025-02-14T05:00:00Z', 'Asia/Tokyo'), Date.parse('2025-02-14T05:00:00Z'), 'an ISO instant is taken as is');
  t.equal(formatRealDate(Date.parse('2025-07-01T13:30:05Z'), 'America/New_York'), '7/1/2025|9:30:5');
  rejects(t, () => parseRealDate('endDate', '2/29/2025|0:0:0', 'UTC'), /endDate '2\/29\/2025\|0:0:0' is not a valid date/);
  rejects(t, () => parseRealDate('endDate', '2/1/2025|24:0:0', 'UTC'), /is not a valid date/);
  const input = scheduleInputOf({ frequency: { frequencyType: 'weeks', interval: 2 }, startDate: null }, Date.parse('2025-06-15T10:00:00Z'));
  t.same(input, { timeZone: 'UTC', frequency: 'WEEKLY', interval: 2, startTime: '2025-06-15T10:00:00.000Z', endTime: null });
});
