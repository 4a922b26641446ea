import t from 'tap';
import { buildTestApp } from '../helpers/app';
import { buildDisApp, activeWorkspace, publishedTask } from '../helpers/dis';
import path from 'node:path';
import { Clock } from '../../src/core/clock';

const DEMO = path.resolve(__dirname, '../../fixtures/demo');

const CONN = '/ic/api/integration/v1/connections';
const addFault = (app: any, payload: unknown) => app.inject({ method: 'POST', url: '/_emulator/faults', payload });

t.test('connectionTest: the next test of a connection fails with the rule\'s reason and code', async (t) => {
  const { app, call } = await buildTestApp(t);
  for (const id of ['DB1', 'DB2']) {
    const res = await call({ method: 'POST', url: CONN, payload: { name: id, identifier: id, adapterType: 'oracle-db-adapter', connectionProperties: { host: 'db', port: 1521, serviceName: 'S' } } });
    t.equal(res.statusCode, 201, res.body);
  }
  await addFault(app, { kind: 'connectionTest', connectionId: 'DB1', message: 'Listener refused the connection', errorCode: 'ORA-12541', count: 1 });
  t.equal((await call({ method: 'POST', url: `${CONN}/DB2/test` })).json().status, 'SUCCESS', 'other connection unaffected');
  const failed = (await call({ method: 'POST', url: `${CONN}/DB1/test` })).json();
  t.match(failed, { status: 'FAILED', message: /Listener refused the connection/, details: { errorCode: 'ORA-12541' } });
  t.equal((await call({ method: 'GET', url: `${CONN}/DB1` })).json().testStatus, 'FAILED');
  t.equal((await call({ method: 'POST', url: `${CONN}/DB1/test` })).json().status, 'SUCCESS', 'count used up');
  const [rule] = (await app.inject({ method: 'GET', url: '/_emulator/faults' })).json().items;
  t.match(rule, { hits: 1, active: false });
  await addFault(app, { kind: 'connectionTest' });
  t.equal((await call({ method: 'POST', url: `${CONN}/DB2/test` })).json().status, 'FAILED', 'no connectionId: any connection');
  await app.inject({ method: 'POST', url: '/_emulator/reset?api=oic' });
});

t.test('taskRunError: the next run of a task ends in ERROR, whoever starts it', async (t) => {
  const d = await buildDisApp(t);
  const ws = await activeWorkspace(d);
  const { task, app } = await publishedTask(d, ws);
  const runs = `/20200430/workspaces/${ws}/applications/${app}/taskRuns`;
  await addFault(d.app, { kind: 'taskRunError', taskKey: task, message: 'ORA-01653: unable to extend table', count: 1 });
  const start = async () => (await d.call('POST', runs, { registryMetadata: { aggregatorKey: task } })).json().key;
  const first = await start();
  const second = await start();
  d.advance(120_000);
  const status = async (key: string) => (await d.call('GET', `${runs}/${key}`)).json();
  t.match(await status(first), { status: 'ERROR', errorMessage: /ORA-01653/ });
  t.equal((await status(second)).status, 'SUCCESS', 'count used up: the next run is normal');
  await addFault(d.app, { kind: 'taskRunError', taskKey: 'another-task' });
  const third = await start();
  d.advance(120_000);
  t.equal((await status(third)).status, 'SUCCESS', 'rule for another task');
  const rules = (await d.app.inject({ method: 'GET', url: '/_emulator/faults' })).json().items;
  t.same(rules.map((r: any) => r.hits), [1, 0]);
});

t.test('integrationFailure: the next executions fail at the named activity, scheduled or run now', async (t) => {
  const clock = new Clock();
  clock.setManual(Date.parse('2025-06-15T10:30:00Z'));
  const { app, call } = await buildTestApp(t, { fixtures: DEMO }, clock);
  const id = 'CUSTOMER_DATA_SYNC|01.00.0000';
  const enc = encodeURIComponent(id);
  await addFault(app, { kind: 'integrationFailure', integrationId: 'CUSTOMER_DATA_SYNC', activity: 'InvokeSalesforce', errorCode: 'HTTP-503', message: 'Salesforce is down', count: 2 });
  // One run now, then the hourly schedule fires at 11:00 and 12:00.
  const now = await call({ method: 'POST', url: `/ic/api/integration/v1/integrations/${enc}/schedule/jobs`, payload: {} });
  t.equal(now.statusCode, 202, now.body);
  await app.inject({ method: 'POST', url: '/_emulator/clock/advance', payload: { duration: 'PT2H' } });
  const runs = (await call({ method: 'GET', url: `/ic/api/monitoring/v1/integrations/${enc}/executions?startTime=2025-06-15T10:00:00Z&limit=10` })).json().items;
  const live = runs.filter((e: any) => e.source !== 'GENERATED').sort((a: any, b: any) => a.startTime.localeCompare(b.startTime));
  t.same(live.map((e: any) => e.status), ['FAILED', 'FAILED', 'SUCCESS'], 'two failures, then normal runs');
  const errors = (await call({ method: 'GET', url: `/ic/api/monitoring/v1/executions/${live[0].id}/errors` })).json().errors;
  t.match(errors[errors.length - 1], { activity: 'InvokeSalesforce', errorCode: 'HTTP-503', errorMessage: 'Salesforce is down' });
  const [rule] = (await app.inject({ method: 'GET', url: '/_emulator/faults' })).json().items;
  t.match(rule, { hits: 2, active: false });
});
