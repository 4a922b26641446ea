/**
 * Runtime controls: scripted outcomes and knobs, history generation, and the
 * seeded determinism of outcomes, durations and ids.
 */
import t from 'tap';
import { expectProblem } from '../../helpers/app';
import { snapshot } from '../../helpers/oic';
import { MON, allExecutions, createIntegration, enc, runtimeApp, seedDefinition } from '../../helpers/runtime';

const outcomes = (id: string) => `/_emulator/integrations/${enc(id)}/outcomes`;
const trigger = (c: any, identifier: string) => c.ok('POST', `/ic/api/integration/v1/flows/rest/${identifier}/01.00.0000/run`, {});

t.test('scripted outcomes: queue, shorthand, append, knobs, clear', async (t) => {
  const c = await runtimeApp(t);
  const id = await createIntegration(c, seedDefinition('SCRIPTED', { configuration: { errorHandling: { retryCount: 0 } } }));
  t.same(await c.ok('GET', outcomes(id)), {
    integrationId: id, outcomes: [], failureRate: null, minDurationMs: null, maxDurationMs: null,
    defaults: { failureRate: 0, minDurationMs: 500, maxDurationMs: 2000 },
  });
  const set = await c.ok('POST', outcomes(id), ['FAILED', { status: 'SUCCESS', durationMs: 700 }]);
  t.same(set.outcomes, [{ status: 'FAILED' }, { status: 'SUCCESS', durationMs: 700 }]);
  const appended = await c.ok('POST', outcomes(id), { outcomes: ['FAILED'], append: true, failureRate: 0, minDurationMs: 100, maxDurationMs: 100 });
  t.same(appended.outcomes.map((o: any) => o.status), ['FAILED', 'SUCCESS', 'FAILED']);
  t.match(appended, { failureRate: 0, minDurationMs: 100, maxDurationMs: 100 });
  for (let i = 0; i < 5; i++) await trigger(c, 'SCRIPTED');
  await c.advance(5);
  const runs = (await allExecutions(c, id)).reverse();
  t.same(runs.map((e) => e.status), ['FAILED', 'SUCCESS', 'FAILED', 'SUCCESS', 'SUCCESS'], 'the queue first, then failureRate 0');
  t.same(runs.map((e) => e.duration), [100, 700, 100, 100, 100]);
  t.same((await c.ok('GET', outcomes(id))).outcomes, [], 'the queue is consumed');
  const replaced = await c.ok('POST', outcomes(id), { outcomes: ['SUCCESS'], failureRate: null });
  t.match(replaced, { outcomes: [{ status: 'SUCCESS' }], failureRate: null, minDurationMs: 100 }, 'null restores a default; knobs not given stay');
  t.match(await c.ok('DELETE', outcomes(id)), { outcomes: [], failureRate: null, minDurationMs: null, maxDurationMs: null });

  await c.ok('POST', outcomes(id), { failureRate: 1 });
  for (let i = 0; i < 3; i++) await trigger(c, 'SCRIPTED');
  await c.advance(5);
  t.same((await allExecutions(c, id)).slice(0, 3).map((e) => e.status), ['FAILED', 'FAILED', 'FAILED'], 'failureRate 1: every run fails');
});

t.test('scripted outcome bad input: 400 naming the field, 404, nothing written', async (t) => {
  const c = await runtimeApp(t);
  const id = await createIntegration(c, seedDefinition('BAD_SCRIPT'));
  const before = snapshot(c.app);
  const cases: Array<[unknown, RegExp]> = [
    [['MAYBE'], /body\.outcomes\.0\.status must be one of SUCCESS, FAILED/],
    [{ outcomes: [{ status: 'SUCCESS', durationMs: 0 }] }, /body\.outcomes\.0\.durationMs must be >= 1/],
    [{ outcomes: [{ status: 'SUCCESS', colour: 'red' }] }, /body\.outcomes\.0\.colour is not an allowed property/],
    [{ failureRate: 1.5 }, /body\.failureRate must be <= 1/],
    [{ failureRate: 'often' }, /body\.failureRate must be number/],
    [{ minDurationMs: 5000, maxDurationMs: 100 }, /minDurationMs \(5000\) must not exceed maxDurationMs \(100\)/],
    [{ outcomes: 'FAILED' }, /body\.outcomes must be array/],
  ];
  for (const [payload, detail] of cases) {
    const res = await c.call({ method: 'POST', url: outcomes(id), payload: payload as object });
    t.match(expectProblem(t, res, 400, 'OIC-400001').detail, detail);
  }
  t.same(snapshot(c.app), before);
  for (const method of ['GET', 'POST', 'DELETE'] as const) {
    const res = await c.call({ method, url: outcomes('NOPE|1'), ...(method === 'POST' ? { payload: ['SUCCESS'] } : {}) });
    t.match(expectProblem(t, res, 404, 'OIC-404001').detail, /Integration with ID 'NOPE\|1' was not found/);
  }
});

t.test('generate: one integration or spread over N; bad input', async (t) => {
  const c = await runtimeApp(t, '2025-06-15T00:00:00Z');
  const spread = await c.ok('POST', '/_emulator/executions/generate', { integrations: 3, count: 1000 });
  t.same(spread.integrationIds, ['GENERATED_001|01.00.0000', 'GENERATED_002|01.00.0000', 'GENERATED_003|01.00.0000']);
  t.match(spread, { generated: 1000, startTime: '2025-05-16T00:00:00.000Z', endTime: '2025-06-15T00:00:00.000Z' });
  const counts = [];
  for (const id of spread.integrationIds) counts.push((await c.ok('GET', `${MON}/integrations/${enc(id)}/executions?limit=1`)).totalResults);
  t.same(counts, [334, 333, 333], 'evenly spread');
  const again = await c.ok('POST', '/_emulator/executions/generate', { integrations: 1, count: 10 });
  t.same(again.integrationIds, ['GENERATED_001|01.00.0000'], 'existing generated integrations are reused');
  t.equal((await c.ok('GET', `${MON}/integrations/${enc('GENERATED_001|01.00.0000')}/executions?limit=1`)).totalResults, 344);

  const id = await createIntegration(c, seedDefinition('GEN_TARGET'));
  const before = snapshot(c.app);
  const cases: Array<[unknown, number, RegExp]> = [
    [{ count: 10 }, 400, /exactly one of integrationId .* or integrations/],
    [{ count: 10, integrationId: id, integrations: 2 }, 400, /exactly one of integrationId/],
    [{ integrationId: id }, 400, /body\.count is required/],
    [{ integrationId: id, count: 0 }, 400, /body\.count must be >= 1/],
    [{ integrationId: id, count: 3_000_000 }, 400, /body\.count must be <= 2000000/],
    [{ integrationId: id, count: 10, endTime: '2025-07-01T00:00:00Z' }, 400, /must not be after the emulator clock's now/],
    [{ integrationId: id, count: 10, startTime: '2025-06-10T00:00:00Z', endTime: '2025-06-09T00:00:00Z' }, 400, /startTime \(2025-06-10T00:00:00\.000Z\) must be before endTime/],
    [{ integrationId: id, count: 10, startTime: 'last month' }, 400, /body\.startTime must match format "date-time"/],
    [{ integrationId: id, count: 10, failureRate: -0.1 }, 400, /body\.failureRate must be >= 0/],
    [{ integrationId: id, count: 10, minDurationMs: 10, maxDurationMs: 5 }, 400, /minDurationMs \(10\) must not exceed maxDurationMs \(5\)/],
    [{ integrationId: 'NOPE|1', count: 10 }, 404, /Integration with ID 'NOPE\|1' was not found/],
  ];
  for (const [payload, status, detail] of cases) {
    const res = await c.call({ method: 'POST', url: '/_emulator/executions/generate', payload: payload as object });
    t.match(expectProblem(t, res, status, status === 404 ? 'OIC-404001' : 'OIC-400001').detail, detail);
  }
  t.same(snapshot(c.app), before, 'nothing written');
});

t.test('the same seed gives the same runs; another seed does not', async (t) => {
  const runWith = async (seed: number) => {
    const c = await runtimeApp(t, '2025-06-15T00:00:00Z', { seed });
    const id = await createIntegration(c, seedDefinition('SEEDED'));
    await c.ok('POST', outcomes(id), { failureRate: 0.3 });
    await c.ok('POST', `/ic/api/integration/v1/integrations/${enc(id)}/schedule`, { frequency: 'MINUTELY', interval: 10, runConcurrently: true });
    await c.advance(6 * 3600);
    return (await allExecutions(c, id)).map((e) => [e.id, e.status, e.duration, e.attempts]);
  };
  const a = await runWith(7);
  const b = await runWith(7);
  const other = await runWith(8);
  t.equal(a.length, 36);
  t.same(a, b, 'identical ids, outcomes, durations and attempts');
  t.notSame(a, other);
});
