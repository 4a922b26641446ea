/**
 * Issue 4's "Done when": an integration with an hourly schedule, activated,
 * one scripted failure, a day of clock: 24 executions, one failure with its
 * retries and errors, and metrics whose every number agrees with them.
 */
import t from 'tap';
import { API, MON, allExecutions, createIntegration, enc, runtimeApp, seedDefinition } from '../helpers/runtime';

t.test('an hourly schedule over one day, one scripted failure, metrics that agree', async (t) => {
  const c = await runtimeApp(t, '2025-06-15T00:00:00Z');
  const id = await createIntegration(c, seedDefinition());
  const schedule = await c.ok('POST', `${API}/integrations/${enc(id)}/schedule`, {
    name: 'Hourly Customer Sync',
    frequency: 'HOURLY',
    startTime: '2025-06-15T00:30:00Z',
    timeZone: 'UTC',
    parameters: [{ name: 'batchSize', value: '1000' }],
  });
  t.equal(schedule.nextRunTime, '2025-06-15T00:30:00.000Z');
  // The 4th run fails (all 1 + 3 attempts); the others succeed.
  await c.ok('POST', `/_emulator/integrations/${enc(id)}/outcomes`, { outcomes: ['SUCCESS', 'SUCCESS', 'SUCCESS', 'FAILED'], failureRate: 0 });

  const after = await c.advance(86_400);
  t.equal(after.now, '2025-06-16T00:00:00.000Z');
  t.equal(after.inProgressExecutions, 0, 'every run has finished');

  const runs = await allExecutions(c, id);
  t.equal(runs.length, 24, '24 hourly executions');
  t.same(runs.map((e) => e.startTime), Array.from({ length: 24 }, (_, i) => new Date(Date.parse('2025-06-15T23:30:00Z') - i * 3_600_000).toISOString()), 'newest first, one per hour at :30');
  const failed = runs.filter((e) => e.status === 'FAILED');
  t.equal(failed.length, 1, 'one failure');
  t.equal(runs.filter((e) => e.status === 'SUCCESS').length, 23);
  const f = failed[0];
  t.equal(f.startTime, '2025-06-15T03:30:00.000Z', 'the 4th run');
  t.equal(f.attempts, 4, 'first attempt and 3 retries');
  t.equal(f.retryCount, 3);
  t.ok(f.duration >= 3 * 60_000, 'retries are 60 s apart in clock time');
  t.same(f.trackingFields, [{ name: 'batchSize', value: '1000' }]);

  const errors = await c.ok('GET', `${MON}/executions/${enc(f.id)}/errors`);
  t.equal(errors.errors.length, 4, 'one error per attempt');
  t.same(errors.errors.map((e: any) => e.retryAttempt), [0, 1, 2, 3]);
  for (const e of errors.errors) t.match(e, { activity: String, errorCode: String, errorMessage: String, errorDetails: String, stackTrace: String, timestamp: String });
  const gaps = errors.errors.slice(1).map((e: any, i: number) => Date.parse(e.timestamp) - Date.parse(errors.errors[i].timestamp));
  for (const g of gaps) t.ok(g >= 60_000 && g <= 62_000, `retry ${g} ms after the previous failure (60 s + an attempt)`);
  t.equal(Date.parse(errors.errors[3].timestamp), Date.parse(f.endTime), 'the last error ends the run');

  const activities = await c.ok('GET', `${MON}/executions/${enc(f.id)}/activities`);
  t.equal(activities.activities.filter((a: any) => a.status === 'FAILED').length, 4, 'the failing activity, once per attempt');
  t.equal(activities.activities[0].name, 'ScheduleTrigger');

  const ok = runs.find((e) => e.status === 'SUCCESS');
  t.same((await c.ok('GET', `${MON}/executions/${enc(ok.id)}/errors`)).errors, [], 'no errors for a success');

  const m = await c.ok('GET', `${MON}/integrations/${enc(id)}/metrics?period=24h&interval=1h&startTime=2025-06-15T00:00:00Z`);
  t.equal(m.startTime, '2025-06-15T00:00:00.000Z');
  t.equal(m.endTime, '2025-06-16T00:00:00.000Z');
  t.equal(m.metrics.timeSeries.length, 24);
  const s = m.metrics.summary;
  const durations = runs.map((e) => e.duration);
  t.same(s, {
    totalExecutions: 24,
    successfulExecutions: 23,
    failedExecutions: 1,
    averageExecutionTime: Math.round(durations.reduce((a, b) => a + b, 0) / 24),
    errorRate: 1 / 24,
    inProgressExecutions: 0,
  });
  for (const b of m.metrics.timeSeries) {
    const inBucket = runs.filter((e) => Date.parse(e.startTime) >= Date.parse(b.timestamp) && Date.parse(e.startTime) < Date.parse(b.timestamp) + 3_600_000);
    t.same(b, {
      timestamp: b.timestamp,
      executions: inBucket.length,
      successful: inBucket.filter((e) => e.status === 'SUCCESS').length,
      failed: inBucket.filter((e) => e.status === 'FAILED').length,
      avgExecutionTime: inBucket.length ? Math.round(inBucket.reduce((a, e) => a + e.duration, 0) / inBucket.length) : 0,
    }, `bucket ${b.timestamp}`);
  }
  t.equal(m.metrics.timeSeries.reduce((a: number, b: any) => a + b.executions, 0), s.totalExecutions, 'summary = sum of buckets');
  const failedOnly = await c.ok('GET', `${MON}/integrations/${enc(id)}/executions?status=FAILED&startTime=${m.startTime}&endTime=${m.endTime}`);
  t.equal(failedOnly.totalResults, s.failedExecutions, 'the FAILED filter agrees with failedExecutions');
});
