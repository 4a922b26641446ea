/**
 * The dashboard's JSON for its panels: connections, lookups and the database
 * in the overview; a page of executions with filters; a DIS task run's logs;
 * bad parameters refused with the reason.
 */
import t from 'tap';
import path from 'node:path';
import { buildTestApp, expectProblem } from '../helpers/app';
import { Clock } from '../../src/core/clock';

const DEMO = path.resolve(__dirname, '../../fixtures/demo');

t.test('overview, execution pages and filters, task run logs, bad parameters', async (t) => {
  const clock = new Clock();
  clock.setManual(Date.parse('2025-06-16T09:30:00Z'));
  const { app } = await buildTestApp(t, { fixtures: DEMO }, clock);
  const get = (url: string) => app.inject({ method: 'GET', url });
  const o = (await get('/_emulator/ui/api/overview')).json();
  t.ok(o.oic.connections.length >= 2 && o.oic.connections.every((c: any) => c.id && c.name && c.adapterType), 'connections');
  t.match(o.oic.lookups, [{ id: 'COUNTRY_CODE_MAP', status: String }]);
  t.equal(o.control.db, ':memory:');

  const id = encodeURIComponent('CUSTOMER_DATA_SYNC|01.00.0000');
  const p1 = (await get(`/_emulator/ui/api/executions?integrationId=${id}`)).json();
  t.match(p1, { integrationId: 'CUSTOMER_DATA_SYNC|01.00.0000', status: null, offset: 0, limit: 20, total: 168 });
  t.equal(p1.items.length, 20);
  const p2 = (await get(`/_emulator/ui/api/executions?integrationId=${id}&offset=160&limit=20`)).json();
  t.equal(p2.items.length, 8, 'the last page');
  t.notOk(p2.items.some((e: any) => p1.items.some((f: any) => f.id === e.id)), 'other runs than the first page');
  const failed = (await get(`/_emulator/ui/api/executions?integrationId=${id}&status=FAILED&limit=100`)).json();
  t.ok(failed.total > 0 && failed.total < 168 && failed.items.every((e: any) => e.status === 'FAILED'), `failed only (${failed.total})`);

  // A task run (the nightly task schedule fires within a day) and its logs.
  await app.inject({ method: 'POST', url: '/_emulator/clock/advance', payload: { duration: 'P1D' } });
  const ws = (await get('/_emulator/ui/api/overview')).json().dis.workspaces[0];
  const run = ws.taskRuns[0];
  t.ok(run, 'a task run');
  const logs = (await get(`/_emulator/ui/api/task-run-logs?workspaceId=${encodeURIComponent(ws.id)}&applicationKey=${run.applicationKey}&key=${run.key}`)).json();
  t.equal(logs.key, run.key);
  t.ok(logs.items.length > 0 && logs.items.every((l: any) => typeof l.message === 'string'), 'log lines');

  const bad: Array<[string, number, RegExp]> = [
    ['/_emulator/ui/api/executions', 400, /^integrationId is required/],
    [`/_emulator/ui/api/executions?integrationId=${id}&status=DONE`, 400, /^status must be one of IN_PROGRESS, SUCCESS, FAILED$/],
    [`/_emulator/ui/api/executions?integrationId=${id}&limit=500`, 400, /^limit must be a whole number from 1 to 100$/],
    [`/_emulator/ui/api/executions?integrationId=${id}&offset=-1`, 400, /^offset must be a whole number$/],
    [`/_emulator/ui/api/executions?integrationId=${id}&integrationId=x`, 400, /^query parameter integrationId must be given once$/],
    ['/_emulator/ui/api/executions?integrationId=NOPE', 404, /Integration with ID 'NOPE' was not found/],
    ['/_emulator/ui/api/task-run-logs?workspaceId=x', 400, /^workspaceId, applicationKey and key are required$/],
  ];
  for (const [url, status, detail] of bad) t.match(expectProblem(t, await get(url), status, status === 400 ? 'OIC-400001' : 'OIC-404001').detail, detail);
  t.equal((await get('/_emulator/ui/favicon.svg')).headers['content-type'], 'image/svg+xml');
});
