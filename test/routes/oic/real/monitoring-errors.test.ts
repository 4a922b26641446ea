/**
 * Errored instances and their resubmission (reference 2.2, niallcblogs
 * sample): GET /monitoring/errors, POST /monitoring/errors/resubmit (202 with
 * no body by default; return=sync gives acceptedIds, recoveryJobId,
 * resubmitRequested, resubmittedFailedInstances, resubmittedInstancesCount).
 * A resubmission is a new execution, seen by both monitoring APIs.
 */
import t from 'tap';
import { expectProblem } from '../../../helpers/app';
import { API, MON, SEED_MON, enc, realApp, seedIntegration, activate, type RealTestApp } from '../../../helpers/real-oic';

const ID = 'ORDERS_SYNC|01.00.0000';

/** Four runs: FAILED, SUCCESS, FAILED, FAILED (with a tracking value each). */
async function world(t: Parameters<typeof realApp>[0]): Promise<RealTestApp & { runs: string[] }> {
  const c = await realApp(t);
  await seedIntegration(c, 'ORDERS_SYNC');
  await activate(c, ID);
  await c.ok('POST', `/_emulator/integrations/${enc(ID)}/outcomes`, { outcomes: ['FAILED', 'SUCCESS', 'FAILED', 'FAILED'], failureRate: 0, minDurationMs: 500, maxDurationMs: 500 });
  const runs: string[] = [];
  for (let i = 0; i < 4; i++) {
    runs.push((await c.ok('POST', `${API}/integrations/${enc(ID)}/schedule/jobs`, { parameters: [{ name: 'orderId', value: `ORD-${i + 1}` }] })).id);
    await c.advance(5);
  }
  return Object.assign(c, { runs });
}

t.test('errors: recoverable failed instances with their last error', async (t) => {
  const c = await world(t);
  const [f1, , f3, f4] = c.runs;
  const errors = await c.ok('GET', `${MON}/errors?integrationInstance=x`);
  t.same(errors.items.map((i: any) => i.id), [f4, f3, f1]);
  const seedErrors = (await c.ok('GET', `${SEED_MON}/executions/${enc(f1)}/errors`)).errors;
  t.match(errors.items[2], { id: f1, status: 'FAILED', recoverable: true, primaryValue: 'ORD-1', errorCode: seedErrors.at(-1).errorCode, errorMessage: seedErrors.at(-1).errorMessage, errorActivity: seedErrors.at(-1).activity });
  t.same((await c.ok('GET', `${MON}/errors?${'q=' + enc("{primaryValue:'ORD-3'}")}`)).items.map((i: any) => i.id), [f3]);
  t.match(expectProblem(t, await c.call({ method: 'GET', url: `${MON}/errors?q=${enc("{status:'FAILED'}")}` }), 400, 'OIC-400001').detail, /'status', which is not supported here/);
});

t.test('resubmit (return=sync): new executions with the same tracking values, a recovery job, errors list shrinks', async (t) => {
  const c = await world(t);
  const [f1, ok2, f3, f4] = c.runs;
  await c.ok('POST', `/_emulator/integrations/${enc(ID)}/outcomes`, { outcomes: ['SUCCESS', 'SUCCESS'] });
  const res = await c.call({ method: 'POST', url: `${MON}/errors/resubmit?integrationInstance=x&return=sync`, payload: { ids: [f1, ok2, f3, f1] } });
  t.equal(res.statusCode, 200);
  const body = res.json();
  t.match(body, {
    acceptedIds: [f1, f3], recoveryJobId: /^[A-Za-z0-9_-]{22}$/, resubmitRequested: true, resubmittedInstancesCount: 2,
    resubmittedFailedInstances: [{ id: ok2, reason: 'instance is COMPLETED, not FAILED' }],
  });
  t.equal(body.newInstanceIds.length, 2);
  t.match(body.links[0].href, /\/monitoring\/instances\?q=/);

  // The new runs: executions of the seed's API too, with the tracking values of the runs they resubmit.
  for (const [i, id] of body.newInstanceIds.entries()) {
    const seed = await c.ok('GET', `${SEED_MON}/executions/${enc(id)}`);
    t.match(seed, { integrationId: ID, status: 'IN_PROGRESS', source: 'RUN_NOW', trackingFields: [{ name: 'orderId', value: i === 0 ? 'ORD-1' : 'ORD-3' }] });
    t.match(await c.ok('GET', `${MON}/instances/${enc(id)}`), { resubmittedFrom: i === 0 ? f1 : f3, recoveryJobId: body.recoveryJobId });
  }
  t.match(await c.ok('GET', `${MON}/instances/${enc(f1)}`), { status: 'FAILED', recoverable: false, resubmitted: true, recoveryJobId: body.recoveryJobId });
  t.same((await c.ok('GET', `${MON}/errors`)).items.map((i: any) => i.id), [f4], 'resubmitted errors are no longer listed');
  t.same((await c.ok('GET', `${MON}/instances?q=${enc(`{jobid:'${body.recoveryJobId}'}`)}`)).items.map((i: any) => i.id).sort(), [...body.newInstanceIds].sort(), 'jobid finds the resubmitted runs');
  await c.advance(5);
  t.equal((await c.ok('GET', `${SEED_MON}/integrations/${enc(ID)}/executions`)).totalResults, 6, 'two more executions for the seed\'s history');
  t.match((await c.ok('GET', `${MON}/integrations`)).items[0], { noOfMsgsReceived: 6, noOfSuccess: 3, noOfErrors: 3 });

  const before = c.snapshot();
  t.match(expectProblem(t, await c.call({ method: 'POST', url: `${MON}/errors/resubmit?return=sync`, payload: { ids: [f1] } }), 412, 'OIC-412001').detail, new RegExp(`${f1}: already resubmitted by recovery job ${body.recoveryJobId}`));
  t.equal(c.snapshot(), before, 'nothing resubmitted twice');
});

t.test('resubmit by default answers 202 with no body; one id on /errors/{id}/resubmit', async (t) => {
  const c = await world(t);
  const [f1, , f3] = c.runs;
  const res = await c.call({ method: 'POST', url: `${MON}/errors/resubmit`, payload: { ids: [f1] } });
  t.equal(res.statusCode, 202);
  t.equal(res.body, '');
  t.equal((await c.ok('GET', `${MON}/instances/${enc(f1)}`)).resubmitted, true);
  const one = await c.call({ method: 'POST', url: `${MON}/errors/${enc(f3)}/resubmit?return=sync` });
  t.equal(one.statusCode, 200);
  t.same(one.json().acceptedIds, [f3]);
  const before = c.snapshot();
  for (const query of ['', '?return=sync']) {
    const missing = expectProblem(t, await c.call({ method: 'POST', url: `${MON}/errors/NOPE/resubmit${query}` }), 404, 'OIC-404001');
    t.equal(missing.detail, "No instance with id 'NOPE'; nothing was resubmitted");
  }
  t.equal(c.snapshot(), before, 'an unknown id: no new run, no recovery job, no resubmission mark');
});

t.test('resubmit: bad requests and unrecoverable instances; nothing written', async (t) => {
  const c = await world(t);
  const [f1, ok2] = c.runs;
  const before = c.snapshot();
  const missing = expectProblem(t, await c.call({ method: 'POST', url: `${MON}/errors/resubmit`, payload: { ids: [f1, 'NOPE1', 'NOPE2'] } }), 404, 'OIC-404001');
  t.equal(missing.detail, "No instance with id 'NOPE1', 'NOPE2'; nothing was resubmitted");
  t.match(expectProblem(t, await c.call({ method: 'POST', url: `${MON}/errors/resubmit`, payload: { ids: [ok2] } }), 412, 'OIC-412001').detail, /None of the instances could be resubmitted: .*COMPLETED, not FAILED/);
  t.match(expectProblem(t, await c.call({ method: 'POST', url: `${MON}/errors/resubmit`, payload: { ids: [] } }), 400, 'OIC-400001').detail, /ids must NOT have fewer than 1 items/);
  t.match(expectProblem(t, await c.call({ method: 'POST', url: `${MON}/errors/resubmit`, payload: { ids: Array.from({ length: 101 }, (_, i) => `id${i}`) } }), 400, 'OIC-400001').detail, /more than 100/);
  t.match(expectProblem(t, await c.call({ method: 'POST', url: `${MON}/errors/resubmit`, payload: {} }), 400, 'OIC-400001').detail, /body.ids is required/);
  expectProblem(t, await c.call({ method: 'POST', url: `${MON}/errors/resubmit` }), 400, 'OIC-400001');
  // An integration that is no longer ACTIVE cannot run its resubmission.
  await c.ok('POST', `${API}/integrations/${enc(ID)}/deactivate`);
  const deact = c.snapshot();
  t.match(expectProblem(t, await c.call({ method: 'POST', url: `${MON}/errors/resubmit`, payload: { ids: [f1] } }), 412, 'OIC-412001').detail, /not ACTIVE/);
  t.equal(c.snapshot(), deact);
  t.not(before, deact, '(the deactivation itself was written)');
});
