/**
 * Metrics: windows and bucket alignment, empty buckets, agreement with the
 * executions list (also on generated history), in-progress runs, bad input.
 */
import t from 'tap';
import { expectProblem } from '../helpers/app';
import { MON, createIntegration, enc, runtimeApp, seedDefinition } from '../helpers/runtime';

t.test('bad input: 400 naming the parameter; unknown integration 404', async (t) => {
  const c = await runtimeApp(t);
  const id = await createIntegration(c, seedDefinition());
  const url = `${MON}/integrations/${enc(id)}/metrics`;
  const cases: Array<[string, RegExp]> = [
    ['period=2h', /querystring\.period must be one of 1h, 6h, 24h, 7d, 30d/],
    ['period=24h&interval=hourly', /Query parameter 'interval' must look like 5m, 1h or 1d, got 'hourly'/],
    ['period=24h&interval=0h', /Query parameter 'interval' must look like 5m, 1h or 1d/],
    ['period=24h&interval=2d', /Query parameter 'interval' \(2d\) is longer than the period \(24h\)/],
    ['period=1h&interval=61m', /'interval' \(61m\) is longer than the period \(1h\)/],
    ['startTime=2025-06-15T00:00:00Z&endTime=2025-06-14T00:00:00Z', /'startTime' \(2025-06-15T00:00:00Z\) must be before 'endTime' \(2025-06-14T00:00:00Z\)/],
    ['startTime=2025-06-15T00:00:00Z&endTime=2025-06-15T00:00:00Z', /must be before 'endTime'/],
    ['startTime=2025-06-15T00:00:00Z&endTime=2025-06-15T00:30:00Z&interval=1h', /'interval' \(1h\) is longer than the range from startTime to endTime/],
    ['startTime=last-week', /querystring\.startTime must match format "date-time"/],
    ['endTime=2025-06-15', /querystring\.endTime must match format "date-time"/],
    ['period=30d&interval=1m', /gives 43200 data points for this window; at most 10080/],
  ];
  for (const [q, detail] of cases) t.match(expectProblem(t, await c.call({ method: 'GET', url: `${url}?${q}` }), 400, 'OIC-400001').detail, detail, q);
  const missing = await c.call({ method: 'GET', url: `${MON}/integrations/NOPE%7C01.00.0000/metrics` });
  t.match(expectProblem(t, missing, 404, 'OIC-404001').detail, /Integration with ID 'NOPE\|01\.00\.0000' was not found/);
});

t.test('windows: aligned buckets, empty ones with zeros, defaults per period', async (t) => {
  const c = await runtimeApp(t, '2025-06-15T10:07:30Z');
  const id = await createIntegration(c, seedDefinition());
  const url = `${MON}/integrations/${enc(id)}/metrics`;
  const hour = await c.ok('GET', `${url}?period=1h`);
  t.match(hour, { integrationId: id, period: '1h', interval: '5m', startTime: '2025-06-15T09:10:00.000Z', endTime: '2025-06-15T10:10:00.000Z' });
  t.equal(hour.metrics.timeSeries.length, 12);
  t.same(hour.metrics.timeSeries[0], { timestamp: '2025-06-15T09:10:00.000Z', executions: 0, successful: 0, failed: 0, avgExecutionTime: 0 });
  t.same(hour.metrics.summary, { totalExecutions: 0, successfulExecutions: 0, failedExecutions: 0, averageExecutionTime: 0, errorRate: 0, inProgressExecutions: 0 });
  const day = await c.ok('GET', url);
  t.match(day, { period: '24h', interval: '1h', startTime: '2025-06-14T11:00:00.000Z', endTime: '2025-06-15T11:00:00.000Z' }, 'default period 24h, hourly buckets on the hour');
  t.equal(day.metrics.timeSeries.length, 24);
  t.match(await c.ok('GET', `${url}?period=7d`), { interval: '6h', startTime: '2025-06-08T12:00:00.000Z', endTime: '2025-06-15T12:00:00.000Z' });
  const month = await c.ok('GET', `${url}?period=30d`);
  t.match(month, { interval: '1d', startTime: '2025-05-17T00:00:00.000Z', endTime: '2025-06-16T00:00:00.000Z' }, 'daily buckets at 00:00Z');
  t.equal(month.metrics.timeSeries.length, 30);
  const from = await c.ok('GET', `${url}?period=6h&interval=30m&startTime=2025-06-15T01:10:00Z`);
  t.match(from, { startTime: '2025-06-15T01:00:00.000Z', endTime: '2025-06-15T07:30:00.000Z' }, 'from startTime for a period, widened to whole buckets');
  t.equal(from.metrics.timeSeries.length, 13);
  const until = await c.ok('GET', `${url}?period=1h&interval=15m&endTime=2025-06-15T08:00:00Z`);
  t.match(until, { startTime: '2025-06-15T07:00:00.000Z', endTime: '2025-06-15T08:00:00.000Z' });
  const range = await c.ok('GET', `${url}?interval=7m&startTime=2025-06-15T00:00:00Z&endTime=2025-06-15T01:00:00Z`);
  t.equal(Date.parse(range.startTime) % (7 * 60_000), 0, 'aligned to multiples of the interval since the epoch');
  t.ok(Date.parse(range.startTime) <= Date.parse('2025-06-15T00:00:00Z') && Date.parse(range.endTime) >= Date.parse('2025-06-15T01:00:00Z'));
});

t.test('generated history: metrics agree with the executions list', async (t) => {
  const c = await runtimeApp(t, '2025-06-15T00:00:00Z');
  const id = await createIntegration(c, seedDefinition('HISTORY', { configuration: { errorHandling: { retryCount: 2, retryInterval: 30 } } }));
  const gen = await c.ok('POST', '/_emulator/executions/generate', { integrationId: id, count: 5000, startTime: '2025-06-08T00:00:00Z', endTime: '2025-06-15T00:00:00Z', failureRate: 0.1 });
  t.match(gen, { integrationIds: [id], generated: 5000, startTime: '2025-06-08T00:00:00.000Z', endTime: '2025-06-15T00:00:00.000Z' });
  t.equal(gen.successful + gen.failed, 5000);
  t.ok(gen.failed > 350 && gen.failed < 650, `about 10% failed (${gen.failed})`);

  const list = `${MON}/integrations/${enc(id)}/executions`;
  const m = await c.ok('GET', `${MON}/integrations/${enc(id)}/metrics?period=7d&interval=1d&startTime=2025-06-08T00:00:00Z`);
  t.match(m, { startTime: '2025-06-08T00:00:00.000Z', endTime: '2025-06-15T00:00:00.000Z' });
  const s = m.metrics.summary;
  t.same([s.totalExecutions, s.successfulExecutions, s.failedExecutions], [5000, gen.successful, gen.failed]);
  t.equal(s.errorRate, gen.failed / 5000);
  t.equal((await c.ok('GET', `${list}?limit=1`)).totalResults, 5000);
  t.equal((await c.ok('GET', `${list}?limit=1&status=FAILED`)).totalResults, s.failedExecutions);
  for (const b of m.metrics.timeSeries) {
    const end = new Date(Date.parse(b.timestamp) + 86_400_000).toISOString();
    const inBucket = await c.ok('GET', `${list}?limit=1&startTime=${b.timestamp}&endTime=${end}`);
    const failed = await c.ok('GET', `${list}?limit=1&status=FAILED&startTime=${b.timestamp}&endTime=${end}`);
    t.same([b.executions, b.failed, b.successful], [inBucket.totalResults, failed.totalResults, inBucket.totalResults - failed.totalResults], `bucket ${b.timestamp}`);
  }
  t.equal(m.metrics.timeSeries.reduce((n: number, b: any) => n + b.executions, 0), 5000, 'summary = sum of buckets');
  // Averages: the summary is the count-weighted mean of the buckets (to rounding).
  const weighted = m.metrics.timeSeries.reduce((n: number, b: any) => n + b.avgExecutionTime * b.executions, 0) / 5000;
  t.ok(Math.abs(weighted - s.averageExecutionTime) <= 1, 'average agrees with the buckets');

  // A 1-hour window counted row by row through the list agrees exactly, durations included.
  const hour = await c.ok('GET', `${MON}/integrations/${enc(id)}/metrics?period=1h&interval=1h&startTime=2025-06-10T12:00:00Z`);
  const rows = (await c.ok('GET', `${list}?limit=500&startTime=2025-06-10T12:00:00Z&endTime=2025-06-10T13:00:00Z`)).items;
  t.equal(hour.metrics.summary.totalExecutions, rows.length);
  t.equal(hour.metrics.summary.averageExecutionTime, Math.round(rows.reduce((n: number, e: any) => n + e.duration, 0) / rows.length));

  // A generated failure carries its retries and errors.
  const failed = (await c.ok('GET', `${list}?limit=1&status=FAILED`)).items[0];
  t.match(failed, { source: 'GENERATED', attempts: 3, retryCount: 2 });
  const errors = (await c.ok('GET', `${MON}/executions/${enc(failed.id)}/errors`)).errors;
  t.same(errors.map((e: any) => e.retryAttempt), [0, 1, 2]);
  t.equal(errors[2].timestamp, failed.endTime);
});

t.test('runs in progress are reported apart and join the counts when they complete', async (t) => {
  const c = await runtimeApp(t, '2025-06-15T00:00:00Z');
  const id = await createIntegration(c, seedDefinition('LIVE', { configuration: { errorHandling: { retryCount: 0 } } }));
  await c.ok('POST', `/_emulator/integrations/${enc(id)}/outcomes`, { outcomes: [{ status: 'SUCCESS', durationMs: 2000 }, { status: 'FAILED', durationMs: 4000 }] });
  await c.ok('POST', '/ic/api/integration/v1/flows/rest/LIVE/01.00.0000/a', {});
  await c.ok('POST', '/ic/api/integration/v1/flows/rest/LIVE/01.00.0000/a', {});
  const url = `${MON}/integrations/${enc(id)}/metrics?period=1h&interval=1h`;
  t.match((await c.ok('GET', url)).metrics.summary, { totalExecutions: 0, inProgressExecutions: 2 });
  await c.advance(3);
  t.match((await c.ok('GET', url)).metrics.summary, { totalExecutions: 1, successfulExecutions: 1, averageExecutionTime: 2000, inProgressExecutions: 1 });
  await c.advance(3);
  t.same((await c.ok('GET', url)).metrics.summary, { totalExecutions: 2, successfulExecutions: 1, failedExecutions: 1, averageExecutionTime: 3000, errorRate: 0.5, inProgressExecutions: 0 });
});
