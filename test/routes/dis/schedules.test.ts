/**
 * Schedules and task schedules: validation, firing on the clock (task runs
 * appear), enable/disable, end times, concurrency; and the firing-time
 * arithmetic across time zones and daylight-saving changes.
 */
import t from 'tap';
import { activeWorkspace, buildDisApp, expectOciError, publishedTask } from '../../helpers/dis';
import { nextFireTime, parseCron } from '../../../src/core/dis-frequencies';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

t.test('firing times', async (t) => {
  const anchor = at('2026-01-01T00:00:00Z');
  t.equal(iso(nextFireTime({ modelType: 'HOURLY', time: { minute: 15 } }, 'UTC', at('2026-01-05T09:20:00Z'), anchor)), '2026-01-05T10:15:00.000Z');
  t.equal(iso(nextFireTime({ modelType: 'HOURLY', interval: 6, time: { minute: 0 } }, 'UTC', at('2026-01-05T09:20:00Z'), anchor)), '2026-01-05T12:00:00.000Z');
  t.equal(iso(nextFireTime({ modelType: 'DAILY', time: { hour: 2, minute: 30 } }, 'Europe/Paris', at('2026-01-05T09:00:00Z'), anchor)), '2026-01-06T01:30:00.000Z', 'Paris is UTC+1 in winter');
  t.equal(iso(nextFireTime({ modelType: 'DAILY', time: { hour: 2, minute: 30 } }, 'Europe/Paris', at('2026-07-05T09:00:00Z'), anchor)), '2026-07-06T00:30:00.000Z', 'and UTC+2 in summer');
  t.equal(iso(nextFireTime({ modelType: 'DAILY', time: { hour: 12 } }, 'America/New_York', at('2026-03-07T18:00:00Z'), anchor)), '2026-03-08T16:00:00.000Z', 'noon New York on the day DST starts');
  t.equal(iso(nextFireTime({ modelType: 'DAILY', interval: 3, time: { hour: 6 } }, 'UTC', at('2026-01-05T09:00:00Z'), anchor)), '2026-01-07T06:00:00.000Z', 'every 3 days from the anchor (Jan 1, 4, 7)');
  t.equal(iso(nextFireTime({ modelType: 'WEEKLY', days: ['MONDAY', 'FRIDAY'], time: { hour: 8 } }, 'UTC', at('2026-01-05T09:00:00Z'), anchor)), '2026-01-09T08:00:00.000Z', 'Monday 5th 08:00 has passed: Friday');
  t.equal(iso(nextFireTime({ modelType: 'MONTHLY', days: [-1], time: { hour: 23 } }, 'UTC', at('2026-02-10T00:00:00Z'), anchor)), '2026-02-28T23:00:00.000Z', 'last day of the month');
  t.equal(iso(nextFireTime({ modelType: 'MONTHLY_RULE', weekOfMonth: 'FIRST', dayOfWeek: 'MONDAY', time: { hour: 9 } }, 'UTC', at('2026-01-06T00:00:00Z'), anchor)), '2026-02-02T09:00:00.000Z');
  t.equal(iso(nextFireTime({ modelType: 'MONTHLY_RULE', weekOfMonth: 'LAST', dayOfWeek: 'FRIDAY', time: {} }, 'UTC', at('2026-01-06T00:00:00Z'), anchor)), '2026-01-30T00:00:00.000Z');
  t.equal(iso(nextFireTime({ modelType: 'CUSTOM', customExpression: '30 12 * * MON-FRI' }, 'UTC', at('2026-01-09T13:00:00Z'), anchor)), '2026-01-12T12:30:00.000Z', '5-field cron');
  t.equal(iso(nextFireTime({ modelType: 'CUSTOM', customExpression: '0 0/15 * * * ?' }, 'UTC', at('2026-01-09T13:01:00Z'), anchor)), '2026-01-09T13:15:00.000Z', 'Quartz 6-field cron');
  t.throws(() => parseCron('61 * * * *'), /out of range/);
  t.throws(() => parseCron('* *'), /5 fields/);
});

t.test('schedules and task schedules fire task runs on the clock', async (t) => {
  const d = await buildDisApp(t);
  const ws = await activeWorkspace(d);
  const { app, task } = await publishedTask(d, ws);
  const base = `/20200430/workspaces/${ws}/applications/${app}`;

  expectOciError(t, await d.call('POST', `${base}/schedules`, { name: 's', identifier: 'S', timezone: 'Mars/Olympus' }), 400, 'InvalidParameter', /timezone 'Mars\/Olympus' is not an IANA time zone/);
  expectOciError(t, await d.call('POST', `${base}/schedules`, { name: 's', identifier: 'S', frequencyDetails: { modelType: 'FORTNIGHTLY' } }), 400, 'InvalidParameter', /frequencyDetails\.modelType must be one of/);
  expectOciError(t, await d.call('POST', `${base}/schedules`, { name: 's', identifier: 'S', frequencyDetails: { modelType: 'WEEKLY', days: ['FUNDAY'] } }), 400, 'InvalidParameter', /days must list week days/);
  expectOciError(t, await d.call('POST', `${base}/schedules`, { name: 's', identifier: 'S', frequencyDetails: { modelType: 'CUSTOM', customExpression: 'every day' } }), 400, 'InvalidParameter', /customExpression/);
  const schedule = await d.call('POST', `${base}/schedules`, { name: 'Hourly', identifier: 'HOURLY', frequencyDetails: { modelType: 'HOURLY', interval: 1, time: { minute: 30 } } });
  t.equal(schedule.statusCode, 200, schedule.body);
  t.match(schedule.json(), { modelType: 'SCHEDULE', timezone: 'UTC', frequencyDetails: { modelType: 'HOURLY' } });
  const sKey = schedule.json().key;

  expectOciError(t, await d.call('POST', `${base}/taskSchedules`, { name: 'ts', identifier: 'TS', scheduleRef: { key: 'nope' }, registryMetadata: { aggregatorKey: task } }), 400, 'RelatedResourceNotAuthorizedOrNotFound', /scheduleRef\.key 'nope' is not a schedule/);
  expectOciError(t, await d.call('POST', `${base}/taskSchedules`, { name: 'ts', identifier: 'TS', scheduleRef: { key: sKey } }), 400, 'MissingParameter', /aggregatorKey is required: the key of the published task/);
  const ts = await d.call('POST', `${base}/taskSchedules`, { name: 'Load hourly', identifier: 'LOAD_HOURLY', scheduleRef: { key: sKey }, registryMetadata: { aggregatorKey: task }, isConcurrentAllowed: true });
  t.equal(ts.statusCode, 200, ts.body);
  t.match(ts.json(), { modelType: 'TASK_SCHEDULE', isEnabled: true, scheduleRef: { key: sKey, name: 'Hourly' } });
  t.notOk('nextRunTimeMillis' in ts.json(), 'the next run time is a field of the summary (TaskScheduleSummary), not of TaskSchedule');
  const tsKey = ts.json().key;
  const nextRun = async () => (await d.call('GET', `${base}/taskSchedules`)).json().items.find((x: { key: string }) => x.key === tsKey).nextRunTimeMillis;
  t.equal(await nextRun(), at('2026-01-05T09:30:00Z'));

  // 09:01 now; three firings by 11:45.
  d.advance(at('2026-01-05T11:45:00Z') - d.clock.now());
  const runs = (await d.call('GET', `${base}/taskRuns?sortOrder=ASC`)).json().items;
  t.equal(runs.length, 3, 'three hourly runs');
  const first = (await d.call('GET', `${base}/taskRuns/${runs[0].key}`)).json();
  t.match(first, { taskKey: task, taskSchedule: { key: tsKey, name: 'Load hourly' }, lastUpdated: Number });
  t.equal(first.metadata.timeCreated, '2026-01-05T09:30:00.000Z', 'created at the firing instant');
  t.equal(first.status, 'SUCCESS');
  const shown = (await d.call('GET', `${base}/taskSchedules/${tsKey}`)).json();
  t.equal(await nextRun(), at('2026-01-05T12:30:00Z'));
  t.match(shown.lastRunDetails, { lastRunTimeMillis: at('2026-01-05T11:30:00Z'), modelType: 'TASK_RUN' });
  expectOciError(t, await d.call('DELETE', `${base}/schedules/${sKey}`), 409, 'IncorrectState', /is used by task schedule/);

  // Disable: nothing more fires.
  const upd = await d.call('PUT', `${base}/taskSchedules/${tsKey}`, { key: tsKey, objectVersion: shown.objectVersion, isEnabled: false });
  t.equal(upd.statusCode, 200, upd.body);
  t.equal(await nextRun(), null);
  d.advance(5 * 3600_000);
  t.equal((await d.call('GET', `${base}/taskRuns`)).json().items.length, 3, 'a disabled schedule does not fire');
  t.equal((await d.call('GET', `${base}/taskSchedules?isEnabled=false`)).json().items.length, 1);

  // Re-enable with an end time; moving the schedule to daily re-plans it.
  const cur = (await d.call('GET', `${base}/taskSchedules/${tsKey}`)).json();
  const endTime = at('2026-01-06T00:00:00Z');
  await d.call('PUT', `${base}/taskSchedules/${tsKey}`, { key: tsKey, objectVersion: cur.objectVersion, isEnabled: true, endTimeMillis: endTime });
  const sched = (await d.call('GET', `${base}/schedules/${sKey}`)).json();
  const daily = await d.call('PUT', `${base}/schedules/${sKey}`, { key: sKey, objectVersion: sched.objectVersion, frequencyDetails: { modelType: 'DAILY', time: { hour: 23, minute: 0 } } });
  t.equal(daily.statusCode, 200, daily.body);
  t.equal(await nextRun(), at('2026-01-05T23:00:00Z'));
  d.advance(3 * 86_400_000);
  t.equal((await d.call('GET', `${base}/taskRuns`)).json().items.length, 4, 'one daily firing before the end time, none after');
  t.equal((await d.call('DELETE', `${base}/taskSchedules/${tsKey}`)).statusCode, 204);
  t.equal((await d.call('DELETE', `${base}/schedules/${sKey}`)).statusCode, 204);
});

t.test('without concurrency, a firing is skipped while the previous run is still going', async (t) => {
  const d = await buildDisApp(t);
  await d.app.inject({ method: 'PUT', url: '/_emulator/dis/settings', payload: { taskRun: { runningMinMs: 90 * 60_000, runningMaxMs: 90 * 60_000 } } });
  const ws = await activeWorkspace(d);
  const { app, task } = await publishedTask(d, ws);
  const base = `/20200430/workspaces/${ws}/applications/${app}`;
  const sKey = (await d.call('POST', `${base}/schedules`, { name: 'Hourly', identifier: 'HOURLY', frequencyDetails: { modelType: 'HOURLY', time: { minute: 0 } } })).json().key;
  await d.call('POST', `${base}/taskSchedules`, { name: 'ts', identifier: 'TS', scheduleRef: { key: sKey }, registryMetadata: { aggregatorKey: task } });
  d.advance(at('2026-01-05T14:30:00Z') - d.clock.now());
  // 10:00 runs until ~11:30, so 11:00 is skipped; 12:00 runs until ~13:30, 13:00 skipped; 14:00 runs.
  const runs = (await d.call('GET', `${base}/taskRuns?sortOrder=ASC`)).json().items;
  t.same(runs.map((r: { metadata: { timeCreated: string } }) => r.metadata.timeCreated), ['2026-01-05T10:00:00.000Z', '2026-01-05T12:00:00.000Z', '2026-01-05T14:00:00.000Z']);
});
