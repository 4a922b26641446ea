/**
 * Applications, patches, published objects and task runs: publishing rules,
 * the run lifecycle on the clock, scripted outcomes, cancel, delete, logs,
 * list filters, idempotent creates.
 */
import t from 'tap';
import { activeWorkspace, buildDisApp, expectOciError, pageAt, publishedTask, type DisTestApp } from '../../helpers/dis';

async function setup(t: Parameters<typeof buildDisApp>[0]) {
  const d = await buildDisApp(t);
  const ws = await activeWorkspace(d);
  const p = await publishedTask(d, ws);
  const base = `/20200430/workspaces/${ws}`;
  const app = `${base}/applications/${p.app}`;
  return { d, ws, base, ...p, appKey: p.app, app };
}

const run = (d: DisTestApp, app: string, task: string, extra = {}, opts = {}) => d.call('POST', `${app}/taskRuns`, { registryMetadata: { aggregatorKey: task }, ...extra }, opts);

t.test('applications: shape, publishing with patches, published objects, patch changes', async (t) => {
  const { d, base, app, task, project } = await setup(t);
  const application = (await d.call('GET', app)).json();
  t.match(application, {
    modelType: 'INTEGRATION_APPLICATION',
    id: /^ocid1\.disapplication\.oc1\.iad\./,
    lifecycleState: 'ACTIVE',
    applicationVersion: 1,
    displayName: 'App',
    timePatched: '2026-01-05T09:01:00.000Z',
  });
  t.match(application.publishedObjectMetadata[task], { key: task, name: 'Load', namePath: 'P/Load', type: 'INTEGRATION_TASK', identifier: 'LOAD', action: 'CREATED' });

  const published = (await d.call('GET', `${app}/publishedObjects`)).json().items;
  t.equal(published.length, 1);
  t.match(published[0], { key: task, modelType: 'INTEGRATION_TASK', name: 'Load', parentRef: { parent: application.key } });
  t.equal((await d.call('GET', `${app}/publishedObjects/${task}`)).statusCode, 200);
  t.equal((await d.call('GET', `${app}/publishedObjects?nameStartsWith=Lo&type=INTEGRATION_TASK`)).json().items.length, 1);

  // A second task; publish both (one is an update), then unpublish one.
  const t2 = (await d.call('POST', `${base}/tasks`, { modelType: 'SQL_TASK', name: 'Sql', identifier: 'SQL', registryMetadata: { aggregatorKey: project } })).json().key;
  const p2 = await d.call('POST', `${app}/patches`, { name: 'p2', identifier: 'P2', patchType: 'PUBLISH', objectKeys: [task, t2] });
  t.same(p2.json().patchObjectMetadata.map((m: { action: string }) => m.action), ['UPDATED', 'CREATED']);
  t.equal(p2.json().applicationVersion, 2);
  const p3 = await d.call('POST', `${app}/patches`, { name: 'p3', identifier: 'P3', patchType: 'UNPUBLISH', objectKeys: [t2] });
  t.match(p3.json(), { patchType: 'UNPUBLISH', patchStatus: 'SUCCESSFUL', applicationVersion: 3, patchObjectMetadata: [{ key: t2, action: 'DELETED' }] });
  expectOciError(t, await d.call('GET', `${app}/publishedObjects/${t2}`), 404, 'NotAuthorizedOrNotFound');
  const refresh = await d.call('POST', `${app}/patches`, { name: 'p4', identifier: 'P4', patchType: 'REFRESH', objectKeys: [] });
  t.same(refresh.json().patchObjectMetadata.map((m: { key: string }) => m.key), [task], 'REFRESH with no keys refreshes everything published');

  expectOciError(t, await d.call('POST', `${app}/patches`, { name: 'bad', identifier: 'BAD', patchType: 'UNPUBLISH', objectKeys: [t2] }), 400, 'RelatedResourceNotAuthorizedOrNotFound', /is not published in application/);
  expectOciError(t, await d.call('POST', `${app}/patches`, { name: 'bad', identifier: 'BAD', patchType: 'PUBLISH', objectKeys: ['nope'] }), 400, 'RelatedResourceNotAuthorizedOrNotFound', /objectKeys\[0\] 'nope' is not a task/);
  expectOciError(t, await d.call('POST', `${app}/patches`, { name: 'bad', identifier: 'BAD', patchType: 'PUBLISH', objectKeys: [] }), 400, 'InvalidParameter', /at least one task/);
  expectOciError(t, await d.call('POST', `${app}/patches`, { name: 'bad', identifier: 'BAD', patchType: 'DEPLOY', objectKeys: [task] }), 400, 'InvalidParameter', /patchType must be one of PUBLISH, REFRESH, UNPUBLISH/);
  t.equal((await d.call('GET', `${app}/patches`)).json().items.length, 4, 'failed patches left nothing');

  const changes = await d.call('GET', `${app}/patchChanges?sortOrder=ASC`);
  t.same(changes.json().items.map((c: { action: string }) => c.action), ['CREATED', 'UPDATED', 'CREATED', 'DELETED', 'UPDATED']);
  const patches = (await d.call('GET', `${app}/patches?sortOrder=ASC`)).json().items;
  const since = await d.call('GET', `${app}/patchChanges?sincePatch=${patches[2].key}`);
  t.equal(since.json().items.length, 1, 'sincePatch');
  expectOciError(t, await d.call('GET', `${app}/patchChanges?sincePatch=nope`), 400, 'InvalidParameter', /sincePatch 'nope' is not a patch/);
  t.equal((await d.call('DELETE', `${app}/patches/${patches[0].key}`)).statusCode, 204);
  t.equal((await d.call('GET', `${app}/publishedObjects/${task}`)).statusCode, 200, 'deleting a patch does not unpublish');

  const upd = await d.call('PUT', app, { key: application.key, modelType: 'INTEGRATION_APPLICATION', objectVersion: 1, displayName: 'Renamed app' });
  t.equal(upd.statusCode, 200, upd.body);
  t.match(upd.json(), { displayName: 'Renamed app', applicationVersion: 4, lifecycleState: 'ACTIVE' });
  const copy = await d.call('POST', `${base}/applications`, { name: 'Copy', identifier: 'COPY', sourceApplicationInfo: { applicationKey: application.key, copyType: 'DISCONNECTED' } });
  t.equal(copy.statusCode, 200, copy.body);
  t.match(copy.json().sourceApplicationInfo, { applicationKey: application.key });
  t.equal((await d.call('GET', `${base}/applications/${copy.json().key}/publishedObjects`)).json().items.length, 1, 'a copy starts with the published tasks');
  expectOciError(t, await d.call('POST', `${base}/applications`, { name: 'x', identifier: 'X', modelType: 'OTHER' }), 400, 'InvalidParameter', /modelType must be equal to one of|modelType must be one of/);
});

t.test('a task run moves NOT_STARTED -> QUEUED -> RUNNING -> SUCCESS on the clock, with epoch-ms times and logs', async (t) => {
  const { d, app, task } = await setup(t);
  const res = await run(d, app, task, { configProvider: { bindings: { SRC: { simpleValue: 'x.csv' } } } });
  t.equal(res.statusCode, 200, res.body);
  const tr = res.json();
  t.match(tr, { modelType: 'TASK_RUN', status: 'NOT_STARTED', taskKey: task, taskType: 'INTEGRATION_TASK', startTimeMillis: null, configProvider: { bindings: { SRC: { simpleValue: 'x.csv' } } }, opcRequestId: String });
  const created = Date.parse('2026-01-05T09:01:00Z');
  t.equal(tr.lastUpdated, created);
  const status = async () => (await d.call('GET', `${app}/taskRuns/${tr.key}`)).json();
  d.advance(1000);
  t.equal((await status()).status, 'QUEUED');
  d.advance(2000);
  const running = await status();
  t.equal(running.status, 'RUNNING');
  t.equal(running.startTimeMillis, created + 3000);
  d.advance(60_000);
  const done = await status();
  t.equal(done.status, 'SUCCESS');
  t.ok(done.endTimeMillis >= created + 3000 + 5000 && done.endTimeMillis <= created + 3000 + 20_000, 'RUNNING lasts 5-20 s by default');
  t.ok(done.recordsWritten > 0 && done.bytesProcessed > 0);
  t.equal(done.metrics.DURATION, done.endTimeMillis - done.startTimeMillis);
  const logs = await d.call('GET', `${app}/taskRuns/${tr.key}/logs`);
  t.equal(logs.json().length, 4);
  t.equal(logs.headers['opc-total-items'], '4');
  const page = await d.call('GET', `${app}/taskRuns/${tr.key}/logs?limit=3`);
  t.equal(page.json().length, 3);
  t.equal(page.headers['opc-next-page'], pageAt(3), 'logs page too');
});

t.test('runs need a published task: 400 with a hint, nothing written', async (t) => {
  const { d, base, app, project } = await setup(t);
  expectOciError(t, await d.call('POST', `${app}/taskRuns`, {}), 400, 'MissingParameter', /registryMetadata\.aggregatorKey is required/);
  const unpublished = (await d.call('POST', `${base}/tasks`, { modelType: 'REST_TASK', name: 'Rest', identifier: 'REST', registryMetadata: { aggregatorKey: project } })).json().key;
  expectOciError(t, await run(d, app, unpublished), 400, 'RelatedResourceNotAuthorizedOrNotFound', /Task .* \(Rest\) is not published in application .*: publish it first with POST .*\/patches \{"patchType":"PUBLISH"/);
  expectOciError(t, await run(d, app, 'no-such-task'), 400, 'RelatedResourceNotAuthorizedOrNotFound', /No task with key no-such-task is published/);
  expectOciError(t, await d.call('POST', `${base}/applications/nope/taskRuns`, { registryMetadata: { aggregatorKey: 'x' } }), 404, 'NotAuthorizedOrNotFound', /Application nope not found/);
  expectOciError(t, await run(d, app, unpublished, { reRunType: 'SOMETIMES' }), 400, 'InvalidParameter', /reRunType must be one of BEGINNING, FAILED, STEP/);
  t.same((await d.call('GET', `${app}/taskRuns`)).json().items, []);
});

t.test('scripted outcomes, failure rate, list filters', async (t) => {
  const { d, app, task } = await setup(t);
  const script = await d.app.inject({ method: 'POST', url: '/_emulator/dis/task-run-outcomes', payload: { outcomes: ['ERROR', 'SUCCESS'], taskKey: task, errorMessage: 'ORA-12541: TNS:no listener' } });
  t.equal(script.statusCode, 201);
  t.equal(script.json().items.length, 2);
  const first = (await run(d, app, task, { name: 'first' })).json();
  const second = (await run(d, app, task, { name: 'second' })).json();
  d.advance(120_000);
  const a = (await d.call('GET', `${app}/taskRuns/${first.key}`)).json();
  t.match(a, { status: 'ERROR', errorMessage: 'ORA-12541: TNS:no listener', executionErrors: ['ORA-12541: TNS:no listener'] });
  t.equal((await d.call('GET', `${app}/taskRuns/${second.key}`)).json().status, 'SUCCESS');
  const lastLog = (await d.call('GET', `${app}/taskRuns/${first.key}/logs?sortOrder=DESC&limit=1`)).json()[0].message;
  t.match(lastLog, /Task run failed: ORA-12541/);

  // failureRate 1: every unscripted run fails.
  const put = await d.app.inject({ method: 'PUT', url: '/_emulator/dis/settings', payload: { taskRun: { failureRate: 1 } } });
  t.equal(put.json().taskRun.failureRate, 1);
  const third = (await run(d, app, task, { name: 'third' })).json();
  d.advance(120_000);
  t.match((await d.call('GET', `${app}/taskRuns/${third.key}`)).json(), { status: 'ERROR', errorMessage: /simulated failure/ });

  const names = async (q: string) => (await d.call('GET', `${app}/taskRuns${q}`)).json().items.map((r: { name: string }) => r.name);
  const f = (expr: string) => encodeURIComponent(expr);
  t.same(await names(`?filter=${f('status eq ERROR')}&sortBy=DISPLAY_NAME`), ['first', 'third']);
  t.same(await names(`?filter=${f('status ne error')}`), ['second'], 'ne, case-insensitive values');
  t.same(await names(`?aggregatorKey=${task}&nameStartsWith=th`), ['third']);
  t.same(await names('?nameContains=ECON'), ['second']);
  t.same(await names(`?key=${first.key}&key=${second.key}&sortOrder=ASC`), ['first', 'second']);
  t.same(await names('?identifier=LOAD&limit=1'), ['third']);
  expectOciError(t, await d.call('GET', `${app}/taskRuns?filter=${encodeURIComponent('colour eq red')}`), 400, 'InvalidParameter', /filter 'colour eq red' is not understood/);
  const summary = (await d.call('GET', `${app}/taskRuns?limit=1`)).json().items[0];
  t.notOk('configProvider' in summary, 'lists carry TaskRunSummary fields');
  t.ok('inputs' in summary);
});

t.test('cancel with PUT {"status":"TERMINATING"} -> TERMINATED; delete only ended runs; if-match', async (t) => {
  const { d, app, task } = await setup(t);
  const tr = await run(d, app, task);
  const key = tr.json().key;
  d.advance(3500);
  expectOciError(t, await d.call('DELETE', `${app}/taskRuns/${key}`), 409, 'IncorrectState', /is RUNNING; cancel it/);
  expectOciError(t, await d.call('PUT', `${app}/taskRuns/${key}`, {}), 400, 'MissingParameter', /only be cancelled, with \{"status":"TERMINATING"\}/);
  expectOciError(t, await d.call('PUT', `${app}/taskRuns/${key}`, { status: 'SUCCESS' }), 400, 'InvalidParameter', /status must be one of TERMINATING|must be equal to one of/);
  expectOciError(t, await d.call('PUT', `${app}/taskRuns/${key}`, { status: 'TERMINATING' }, { headers: { 'if-match': tr.headers.etag as string } }), 412, 'NoEtagMatch', /task run/);
  const etag = (await d.call('GET', `${app}/taskRuns/${key}`)).headers.etag as string;
  const cancel = await d.call('PUT', `${app}/taskRuns/${key}`, { status: 'TERMINATING' }, { headers: { 'if-match': etag } });
  t.equal(cancel.statusCode, 200, cancel.body);
  t.match(cancel.json(), { key, status: 'TERMINATING' });
  t.notOk('configProvider' in cancel.json(), 'the answer is a TaskRunDetails');
  d.advance(2000);
  const ended = (await d.call('GET', `${app}/taskRuns/${key}`)).json();
  t.equal(ended.status, 'TERMINATED');
  t.ok(ended.endTimeMillis > ended.startTimeMillis && ended.endTimeMillis <= d.clock.now(), `endTimeMillis set when it ended (${ended.endTimeMillis})`);
  expectOciError(t, await d.call('PUT', `${app}/taskRuns/${key}`, { status: 'TERMINATING' }), 409, 'IncorrectState', /is TERMINATED; only a NOT_STARTED, QUEUED or RUNNING run can be cancelled/);
  t.equal((await d.call('DELETE', `${app}/taskRuns/${key}`)).statusCode, 204);
  expectOciError(t, await d.call('GET', `${app}/taskRuns/${key}`), 404, 'NotAuthorizedOrNotFound');
  expectOciError(t, await d.call('GET', `${app}/taskRuns/${key}/logs`), 404, 'NotAuthorizedOrNotFound');
});

t.test('opc-retry-token makes createTaskRun idempotent; deleting the application removes its runs', async (t) => {
  const { d, base, app, task } = await setup(t);
  const h = { headers: { 'opc-retry-token': 'run-once' } };
  const a = await run(d, app, task, {}, h);
  const b = await run(d, app, task, {}, h);
  t.equal(b.json().key, a.json().key);
  t.equal(b.headers.etag, a.headers.etag);
  t.equal((await d.call('GET', `${app}/taskRuns`)).json().items.length, 1, 'one run');
  expectOciError(t, await run(d, app, task, { name: 'different' }, h), 409, 'Conflict');

  d.advance(120_000);
  const appKey = app.split('/').pop();
  t.equal((await d.call('DELETE', app)).statusCode, 204);
  expectOciError(t, await d.call('GET', `${app}/taskRuns/${a.json().key}`), 404, 'NotAuthorizedOrNotFound', /Application .* not found/);
  const again = await d.call('POST', `${base}/applications`, { name: 'App', identifier: 'APP' });
  t.not(again.json().key, appKey, 'a new application, a new key');
});
