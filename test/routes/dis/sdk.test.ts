/**
 * The official OCI TypeScript SDK (oci-dataintegration + oci-common, same
 * version) against a real listener, every request signed with a key made in
 * the test and registered through /_emulator/dis/api-keys. The clock is
 * manual: the waiter's delay strategy and the polling loops advance it, so
 * the run is fast and deterministic.
 */
import '../../helpers/sdk-env';
import t, { type Test } from 'tap';
import * as common from 'oci-common';
import * as di from 'oci-dataintegration';
import type { AddressInfo } from 'node:net';
import { buildTestApp } from '../../helpers/app';
import { Clock } from '../../../src/core/clock';
import { COMPARTMENT, TENANCY, USER, newKeyPair, type KeyPair } from '../../helpers/dis';
import { ociError } from './sdk-client';
import { ETAG, SDK_REQUEST_ID, ocidOf } from '../../helpers/oci-sdk';

common.CircuitBreaker.EnableGlobalCircuitBreaker = false;

const key = newKeyPair();

async function emulator(t: Test, clock: Clock, overrides = {}) {
  const { app } = await buildTestApp(t, overrides, clock);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const reg = await fetch(`${url}/_emulator/dis/api-keys`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ publicKey: key.publicKey, tenancyId: TENANCY, userId: USER }) });
  t.equal(reg.status, 201, 'key registered');
  t.equal(((await reg.json()) as { fingerprint: string }).fingerprint, key.fingerprint, 'the emulator computes the fingerprint as OCI does');
  return { app, url };
}

function client(url: string, k: KeyPair | null = key, fingerprint = key.fingerprint): di.DataIntegrationClient {
  const provider = k ? new common.SimpleAuthenticationDetailsProvider(TENANCY, USER, fingerprint, k.privateKey, null) : undefined;
  // Without a provider the SDK sends unsigned requests.
  const c = new di.DataIntegrationClient({ authenticationDetailsProvider: provider } as common.AuthParams);
  c.endpoint = url; // last: setting a region afterwards would replace it
  return c;
}

t.test('SDK flow: workspace -> project -> folder -> application -> task -> publish -> run -> SUCCESS', async (t) => {
  const clock = new Clock();
  clock.setManual(Date.parse('2026-03-02T08:00:00Z'));
  const { url } = await emulator(t, clock);
  const dis = client(url);
  // The waiter sleeps 0 s and moves the emulator's clock instead.
  const waiters = dis.createWaiters({
    terminationStrategy: new common.MaxAttemptsTerminationStrategy(30),
    delayStrategy: { delay: () => { clock.advance(1000); return 0; } },
  });

  const created = await dis.createWorkspace({ createWorkspaceDetails: { displayName: 'sdk-ws', compartmentId: COMPARTMENT, description: 'made by the SDK' } });
  t.match(created.opcWorkRequestId, ocidOf('disworkrequest'), 'createWorkspace answers with opc-work-request-id');
  t.match(created.opcRequestId, SDK_REQUEST_ID, 'and echoes the SDK\'s opc-request-id');
  const done = await waiters.forWorkRequest({ workRequestId: created.opcWorkRequestId });
  t.equal(done.workRequest.status, 'SUCCEEDED');
  t.equal(done.workRequest.operationType, 'CREATE_WORKSPACE');
  t.ok(done.workRequest.timeFinished && new Date(done.workRequest.timeFinished).getTime() >= new Date(done.workRequest.timeAccepted!).getTime(), 'timeFinished set, not before timeAccepted');
  t.equal(done.workRequest.percentComplete, 100);
  const wsId = done.workRequest.resources[0].identifier;
  t.match(wsId, /^ocid1\.disworkspace\.oc1\./);
  t.equal(done.workRequest.resources[0].actionType, 'CREATED');

  const ws = await dis.getWorkspace({ workspaceId: wsId });
  t.equal(ws.workspace.lifecycleState, 'ACTIVE');
  t.equal(ws.workspace.displayName, 'sdk-ws');
  t.match(ws.etag, ETAG);
  const listed = await dis.listWorkspaces({ compartmentId: COMPARTMENT });
  t.same(listed.items.map((w) => w.id), [wsId], 'listWorkspaces (bare array)');
  const logs = await dis.listWorkRequestLogs({ workRequestId: created.opcWorkRequestId });
  t.ok(logs.items.length >= 3, 'work request logs');
  t.same((await dis.listWorkRequestErrors({ workRequestId: created.opcWorkRequestId })).items, []);

  const project = (await dis.createProject({ workspaceId: wsId, createProjectDetails: { name: 'Sales', identifier: 'SALES' } })).project;
  t.match(project.key, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'a generated key');
  t.equal(project.objectVersion, 1);
  const folder = (await dis.createFolder({ workspaceId: wsId, createFolderDetails: { name: 'Staging', identifier: 'STAGING', registryMetadata: { aggregatorKey: project.key } } })).folder;
  t.equal(folder.parentRef?.parent, project.key);
  const application = (await dis.createApplication({ workspaceId: wsId, createApplicationDetails: { name: 'Sales app', identifier: 'SALES_APP', modelType: di.models.CreateApplicationDetails.ModelType.IntegrationApplication } })).application;
  t.equal(application.lifecycleState, 'ACTIVE');
  const taskDetails: di.models.CreateTaskFromIntegrationTask = { modelType: 'INTEGRATION_TASK', name: 'Load customers', identifier: 'LOAD_CUSTOMERS', registryMetadata: { aggregatorKey: folder.key } };
  const task = (await dis.createTask({ workspaceId: wsId, createTaskDetails: taskDetails })).task;
  t.equal(task.modelType, 'INTEGRATION_TASK');
  t.equal((await dis.listTasks({ workspaceId: wsId, folderId: folder.key })).taskSummaryCollection.items.length, 1);

  const patch = (await dis.createPatch({
    workspaceId: wsId,
    applicationKey: application.key!,
    createPatchDetails: { name: 'Publish', identifier: 'PUBLISH_1', patchType: di.models.CreatePatchDetails.PatchType.Publish, objectKeys: [task.key!] },
  })).patch;
  t.equal(patch.patchStatus, 'SUCCESSFUL');
  t.equal(patch.patchObjectMetadata?.[0].action, 'CREATED');
  const published = await dis.listPublishedObjects({ workspaceId: wsId, applicationKey: application.key! });
  t.same(published.publishedObjectSummaryCollection.items.map((p) => p.key), [task.key], 'the task is published under its own key');
  t.equal((await dis.getApplication({ workspaceId: wsId, applicationKey: application.key! })).application.applicationVersion, 1);

  const run = (await dis.createTaskRun({
    workspaceId: wsId,
    applicationKey: application.key!,
    createTaskRunDetails: { registryMetadata: { aggregatorKey: task.key }, configProvider: { bindings: { SRC: { simpleValue: 'customers.csv' } } } },
  })).taskRun;
  t.equal(run.status, 'NOT_STARTED');
  t.equal(run.taskKey, task.key);
  t.equal(run.taskType, 'INTEGRATION_TASK');
  const seen = new Set<string>([run.status!]);
  let current = run;
  for (let i = 0; i < 60 && !['SUCCESS', 'ERROR'].includes(current.status!); i++) {
    clock.advance(1000);
    current = (await dis.getTaskRun({ workspaceId: wsId, applicationKey: application.key!, taskRunKey: run.key! })).taskRun;
    seen.add(current.status!);
  }
  t.equal(current.status, 'SUCCESS', 'the run succeeds');
  t.same([...seen], ['NOT_STARTED', 'QUEUED', 'RUNNING', 'SUCCESS'], 'through every status, in order');
  t.type(current.startTimeMillis, 'number', 'epoch ms');
  t.ok(current.endTimeMillis! > current.startTimeMillis!);
  t.ok(current.recordsWritten! > 0);
  const runLogs: string[] = [];
  for await (const entry of dis.listTaskRunLogsRecordIterator({ workspaceId: wsId, applicationKey: application.key!, taskRunKey: run.key!, limit: 2 })) runLogs.push(entry.message!);
  t.equal(runLogs.length, 4, 'logs paged two at a time by the SDK iterator');
  t.match(runLogs[3], /completed successfully/);

  // More runs, then page through them with the SDK paginator.
  for (let i = 0; i < 5; i++) await dis.createTaskRun({ workspaceId: wsId, applicationKey: application.key!, createTaskRunDetails: { registryMetadata: { aggregatorKey: task.key } } });
  const keys: string[] = [];
  let pages = 0;
  for await (const page of common.paginateResponses({ workspaceId: wsId, applicationKey: application.key!, limit: 2 } as di.requests.ListTaskRunsRequest, (req) => dis.listTaskRuns(req))) {
    pages++;
    t.equal(page.opcTotalItems, 6, 'opc-total-items');
    keys.push(...page.taskRunSummaryCollection.items.map((r) => r.key!));
  }
  t.equal(pages, 3, 'three pages of two');
  // Query values the SDK does not encode (spaces) and repeated array keys still sign and parse.
  const succeeded = await dis.listTaskRuns({ workspaceId: wsId, applicationKey: application.key!, filter: ['status eq SUCCESS'], key: [run.key!, 'other'] });
  t.same(succeeded.taskRunSummaryCollection.items.map((r) => r.key), [run.key], 'filter=status eq SUCCESS and key=a&key=b');
  t.equal(new Set(keys).size, 6, 'every run once');
  t.ok(keys.includes(run.key!));

  // Cancel one.
  const victim = (await dis.createTaskRun({ workspaceId: wsId, applicationKey: application.key!, createTaskRunDetails: { registryMetadata: { aggregatorKey: task.key } } })).taskRun;
  clock.advance(1500);
  const cancel = await dis.updateTaskRun({ workspaceId: wsId, applicationKey: application.key!, taskRunKey: victim.key!, updateTaskRunDetails: { status: di.models.UpdateTaskRunDetails.Status.Terminating } });
  t.equal(cancel.taskRunDetails.status, 'TERMINATING');
  clock.advance(10_000);
  t.equal((await dis.getTaskRun({ workspaceId: wsId, applicationKey: application.key!, taskRunKey: victim.key! })).taskRun.status, 'TERMINATED');
  const again = await ociError(dis.updateTaskRun({ workspaceId: wsId, applicationKey: application.key!, taskRunKey: victim.key!, updateTaskRunDetails: { status: di.models.UpdateTaskRunDetails.Status.Terminating } }));
  t.equal(again.statusCode, 409);
  t.equal(again.serviceCode, 'IncorrectState');

  // Optimistic locking: a stale etag is a 412.
  const got = await dis.getProject({ workspaceId: wsId, projectKey: project.key! });
  const updated = await dis.updateProject({
    workspaceId: wsId,
    projectKey: project.key!,
    ifMatch: got.etag,
    updateProjectDetails: { key: project.key!, modelType: got.project.modelType!, objectVersion: got.project.objectVersion!, description: 'first edit' },
  });
  t.equal(updated.project.description, 'first edit');
  t.not(updated.etag, got.etag, 'the etag changes');
  const stale = await ociError(dis.updateProject({
    workspaceId: wsId,
    projectKey: project.key!,
    ifMatch: got.etag,
    updateProjectDetails: { key: project.key!, modelType: got.project.modelType!, objectVersion: updated.project.objectVersion!, description: 'second edit' },
  }));
  t.equal(stale.statusCode, 412);
  t.equal(stale.serviceCode, 'NoEtagMatch');
  t.match(stale.opcRequestId, SDK_REQUEST_ID, 'OciError carries the SDK\'s opc-request-id');
  t.equal((await dis.getProject({ workspaceId: wsId, projectKey: project.key! })).project.description, 'first edit', 'nothing written');

  // opc-retry-token: a retried create returns the first result.
  const first = await dis.createProject({ workspaceId: wsId, opcRetryToken: 'retry-1', createProjectDetails: { name: 'Once', identifier: 'ONCE' } });
  const second = await dis.createProject({ workspaceId: wsId, opcRetryToken: 'retry-1', createProjectDetails: { name: 'Once', identifier: 'ONCE' } });
  t.equal(second.project.key, first.project.key, 'same token, same body: same project');
  const clash = await ociError(dis.createProject({ workspaceId: wsId, opcRetryToken: 'retry-1', createProjectDetails: { name: 'Other', identifier: 'OTHER' } }));
  t.equal(clash.statusCode, 409);

  const missing = await ociError(dis.getWorkspace({ workspaceId: 'ocid1.disworkspace.oc1.iad.nope' }));
  t.equal(missing.statusCode, 404);
  t.equal(missing.serviceCode, 'NotAuthorizedOrNotFound');

  // Stop, start, delete: all through work requests.
  const stop = await dis.stopWorkspace({ workspaceId: wsId });
  t.equal((await waiters.forWorkRequest({ workRequestId: stop.opcWorkRequestId })).workRequest.status, 'SUCCEEDED');
  t.equal((await dis.getWorkspace({ workspaceId: wsId })).workspace.lifecycleState, 'STOPPED');
  const start = await dis.startWorkspace({ workspaceId: wsId });
  await waiters.forWorkRequest({ workRequestId: start.opcWorkRequestId });
  const del = await dis.deleteWorkspace({ workspaceId: wsId });
  t.match(del.opcWorkRequestId, ocidOf('disworkrequest'));
  const gone = await waiters.forWorkspace({ workspaceId: wsId }, di.models.Workspace.LifecycleState.Deleted);
  t.equal(gone?.workspace.lifecycleState, 'DELETED');
});

t.test('SDK on the real-time clock with short lifecycles', async (t) => {
  const { url } = await emulator(t, new Clock());
  const put = await fetch(`${url}/_emulator/dis/settings`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ workRequest: { acceptedMs: 0, inProgressMs: 20 }, taskRun: { notStartedMs: 0, queuedMs: 10, runningMinMs: 20, runningMaxMs: 20 } }),
  });
  t.equal(put.status, 200);
  const dis = client(url);
  const waiters = dis.createWaiters({ terminationStrategy: new common.MaxAttemptsTerminationStrategy(200), delayStrategy: new common.FixedTimeDelayStrategy(0.02) });
  const created = await dis.createWorkspace({ createWorkspaceDetails: { displayName: 'rt', compartmentId: COMPARTMENT } });
  const wr = await waiters.forWorkRequest({ workRequestId: created.opcWorkRequestId });
  t.equal(wr.workRequest.status, 'SUCCEEDED');
  const ws = await waiters.forWorkspace({ workspaceId: wr.workRequest.resources[0].identifier }, di.models.Workspace.LifecycleState.Active);
  t.equal(ws?.workspace.lifecycleState, 'ACTIVE');
});

t.test('SDK: unsigned and wrongly signed requests get 401 NotAuthenticated', async (t) => {
  const clock = new Clock();
  clock.setManual(Date.parse('2026-03-02T08:00:00Z'));
  const { url } = await emulator(t, clock);

  const unsigned = await ociError(client(url, null).listWorkspaces({ compartmentId: COMPARTMENT }));
  t.equal(unsigned.statusCode, 401);
  t.equal(unsigned.serviceCode, 'NotAuthenticated');
  t.match(unsigned.message, /Authorization header is missing/);

  // A different private key under the registered fingerprint: the signature does not verify.
  const impostor = await ociError(client(url, newKeyPair(), key.fingerprint).listWorkspaces({ compartmentId: COMPARTMENT }));
  t.equal(impostor.statusCode, 401);
  t.match(impostor.message, /does not verify with the registered key/);

  // An unregistered key: accepted by default, rejected with --strict-auth.
  const other = newKeyPair();
  const ok = await client(url, other, other.fingerprint).listWorkspaces({ compartmentId: COMPARTMENT });
  t.same(ok.items, [], 'unknown key accepted (default)');

  const strict = await emulator(t, clock, { strictAuth: true });
  const rejected = await ociError(client(strict.url, other, other.fingerprint).listWorkspaces({ compartmentId: COMPARTMENT }));
  t.equal(rejected.statusCode, 401);
  t.match(rejected.message, /--strict-auth/);
  const registered = await client(strict.url).listWorkspaces({ compartmentId: COMPARTMENT });
  t.same(registered.items, [], 'the registered key works with --strict-auth');
});
