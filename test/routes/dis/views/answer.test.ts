/**
 * Every DIS operation the emulator serves, called once over HTTP, and each
 * answer checked against the official SDK's model for it (sdk-model.ts):
 * required fields, types, enums, subtypes, and no fields the model lacks.
 * Also a check that the checker itself catches what it should.
 */
import t from 'tap';
import { loadSpec } from '../../../../src/openapi/spec';
import { CONNECTION_TYPES } from '../../../../src/store/dis/kinds';
import { COMPARTMENT, activeWorkspace, buildDisApp, type DisTestApp } from '../../../helpers/dis';
import { operationErrors, sdkModelErrors } from '../sdk-model';
import { runMore, type Check } from './answer-scenario';
import { runDerived } from './answer-derived';

t.test('the checker reports missing, extra, mistyped and unknown-subtype fields', async (t) => {
  t.same(sdkModelErrors({ id: 'x', displayName: 'w', lifecycleState: 'ACTIVE', timeCreated: '2026-01-05T09:00:00.000Z' }, 'Workspace'), []);
  t.same(sdkModelErrors({ id: 'x' }, 'Workspace'), ["Workspace: Workspace requires 'displayName'"]);
  t.same(sdkModelErrors({ id: 'x', displayName: 'w', lifecycleState: 'SLEEPING' }, 'Workspace'), [
    'Workspace.lifecycleState: string "SLEEPING" is not one of Workspace.LifecycleState (CREATING, ACTIVE, INACTIVE, UPDATING, DELETING, DELETED, FAILED, STARTING, STOPPING, STOPPED)',
  ]);
  t.same(sdkModelErrors({ id: 'x', displayName: 'w', timeCreated: 1767603600000, extra: 1 }, 'Workspace'), [
    'Workspace.timeCreated: expected an RFC 3339 date-time string, got number 1767603600000',
    "Workspace: 'extra' is not a property of Workspace",
  ]);
  t.same(sdkModelErrors({ modelType: 'ORACLE_EBS_CONNECTION', username: 'u' }, 'Connection'), ["Connection: ConnectionFromOracleEbs requires 'password'"], 'the subtype is chosen by modelType');
  t.same(sdkModelErrors({ modelType: 'TELEPATHY_CONNECTION' }, 'Connection').length, 1, 'an unknown modelType is reported');
  t.same(sdkModelErrors({ items: [{ key: 'k', name: 7 }] }, 'FolderSummaryCollection'), ['FolderSummaryCollection.items[0].name: expected string, got number 7']);
  t.same(operationErrors('getConnection', { modelType: 'ORACLE_EBS_CONNECTION', username: 'u', password: '****' }), []);
  t.same(operationErrors('deleteConnection', undefined), []);
});

/** The answers for every data asset type the emulator accepts, with their default connections. */
const CONNECTION_EXTRAS: Record<string, Record<string, unknown>> = {
  ORACLE_EBS_CONNECTION: { username: 'apps', password: 'secret' },
  ORACLE_PEOPLESOFT_CONNECTION: { username: 'ps', password: 'secret' },
  ORACLE_SIEBEL_CONNECTION: { username: 'sb', password: 'secret' },
  REST_BASIC_AUTH_CONNECTION: { username: 'u', password: 'secret' },
};

t.test('every operation answers what the SDK model accepts', async (t) => {
  const d = await buildDisApp(t);
  const seen = new Set<string>();
  /** The emulator's aliases of SDK operations (the singular /workspace/ path). */
  const sdkOp = (opId: string) => opId.replace(/Alias$/, '');
  const check = async (opId: string, method: string, url: string, body?: unknown, status?: number) => {
    const res = await d.call(method, url, body);
    const expected = status ?? (method === 'DELETE' ? 204 : 200);
    t.equal(res.statusCode, expected, `${opId}: ${method} ${url} -> ${expected} (${res.body.slice(0, 300)})`);
    const json = res.body ? res.json() : undefined;
    if (res.statusCode >= 400) return json;
    t.same(operationErrors(sdkOp(opId), json), [], `${opId}: the answer fits the SDK model`);
    seen.add(opId);
    return json;
  };
  await run(d, check);
  await runMore(d, check, await activeWorkspace(d, 'more'), await activeWorkspace(d, 'other'));
  await runDerived(d, check, await activeWorkspace(d, 'derived'));

  const spec = loadSpec('dis');
  const all = [...spec.operations.keys()];
  const missed = all.filter((o) => !seen.has(o));
  t.comment(`${seen.size} of ${all.length} operations checked${missed.length ? `; not exercised here: ${missed.join(', ')}` : ''}`);
  t.same(missed, [], 'every DIS operation the emulator serves was called');
});

async function run(d: DisTestApp, check: Check): Promise<void> {
  const created = await d.call('POST', '/20200430/workspaces', { displayName: 'models', compartmentId: COMPARTMENT });
  const wrId = created.headers['opc-work-request-id'] as string;
  await check('getWorkRequest', 'GET', `/20200430/workRequests/${wrId}`);
  d.advance(60_000);
  const ws = await activeWorkspace(d, 'main');
  await check('listWorkRequests', 'GET', `/20200430/workRequests?compartmentId=${COMPARTMENT}`);
  await check('listWorkRequestErrors', 'GET', `/20200430/workRequests/${wrId}/workRequestErrors`);
  await check('listWorkRequestLogs', 'GET', `/20200430/workRequests/${wrId}/logs`);
  await check('listWorkspaces', 'GET', `/20200430/workspaces?compartmentId=${COMPARTMENT}`);
  await check('createWorkspace', 'POST', '/20200430/workspaces', { displayName: 'spare', compartmentId: COMPARTMENT }, 202);
  await check('getWorkspace', 'GET', `/20200430/workspaces/${ws}`);
  await check('updateWorkspace', 'PUT', `/20200430/workspaces/${ws}`, { description: 'updated' });
  d.advance(60_000);
  await check('changeCompartment', 'POST', `/20200430/workspaces/${ws}/actions/changeCompartment`, { compartmentId: COMPARTMENT }, 202);
  d.advance(60_000);
  await check('stopWorkspace', 'POST', `/20200430/workspaces/${ws}/actions/stop`, undefined, 202);
  d.advance(600_000);
  await check('startWorkspace', 'POST', `/20200430/workspaces/${ws}/actions/start`, undefined, 202);
  d.advance(600_000);

  const b = `/20200430/workspaces/${ws}`;
  const project = await check('createProject', 'POST', `${b}/projects`, { name: 'P', identifier: 'P', description: 'd' });
  await check('createProjectAlias', 'POST', `/20200430/workspace/${ws}/projects`, { name: 'P2', identifier: 'P2' });
  await check('listProjects', 'GET', `${b}/projects`);
  await check('listProjectsAlias', 'GET', `/20200430/workspace/${ws}/projects`);
  await check('getProject', 'GET', `${b}/projects/${project.key}?projection=CHILD_COUNT_STATISTICS`);
  await check('updateProject', 'PUT', `${b}/projects/${project.key}`, { key: project.key, modelType: 'PROJECT', name: 'P', identifier: 'P', objectVersion: project.objectVersion, description: 'new' });
  const reg = { registryMetadata: { aggregatorKey: project.key } };
  const folder = await check('createFolder', 'POST', `${b}/folders`, { name: 'F', identifier: 'F', ...reg });
  await check('listFolders', 'GET', `${b}/folders?aggregatorKey=${project.key}`);
  await check('getFolder', 'GET', `${b}/folders/${folder.key}?projection=CHILD_COUNT_STATISTICS`);
  await check('updateFolder', 'PUT', `${b}/folders/${folder.key}`, { key: folder.key, modelType: 'FOLDER', name: 'F', identifier: 'F', objectVersion: folder.objectVersion, description: 'new' });
  const flow = await check('createDataFlow', 'POST', `${b}/dataFlows`, { name: 'DF', identifier: 'DF', ...reg });
  await check('listDataFlows', 'GET', `${b}/dataFlows`);
  await check('getDataFlow', 'GET', `${b}/dataFlows/${flow.key}`);
  await check('updateDataFlow', 'PUT', `${b}/dataFlows/${flow.key}`, { key: flow.key, modelType: 'DATA_FLOW', name: 'DF', identifier: 'DF', objectVersion: flow.objectVersion });
  const pipeline = await check('createPipeline', 'POST', `${b}/pipelines`, { name: 'PL', identifier: 'PL', ...reg });
  await check('listPipelines', 'GET', `${b}/pipelines`);
  await check('getPipeline', 'GET', `${b}/pipelines/${pipeline.key}`);
  await check('updatePipeline', 'PUT', `${b}/pipelines/${pipeline.key}`, { key: pipeline.key, modelType: 'PIPELINE', name: 'PL', identifier: 'PL', objectVersion: pipeline.objectVersion });
  const task = await check('createTask', 'POST', `${b}/tasks`, { modelType: 'INTEGRATION_TASK', name: 'T', identifier: 'T', dataFlow: { key: flow.key }, ...reg });
  for (const modelType of ['DATA_LOADER_TASK', 'PIPELINE_TASK', 'SQL_TASK', 'OCI_DATAFLOW_TASK', 'REST_TASK']) {
    await check('createTask', 'POST', `${b}/tasks`, { modelType, name: modelType, identifier: modelType, ...reg });
  }
  await check('listTasks', 'GET', `${b}/tasks`);
  await check('getTask', 'GET', `${b}/tasks/${task.key}`);
  await check('updateTask', 'PUT', `${b}/tasks/${task.key}`, { key: task.key, modelType: 'INTEGRATION_TASK', name: 'T', identifier: 'T', objectVersion: task.objectVersion, description: 'new' });

  let lastAsset: any;
  for (const [assetType, connTypes] of Object.entries(CONNECTION_TYPES)) {
    const conn = { name: 'Default', identifier: 'DEFAULT', modelType: connTypes[0], ...CONNECTION_EXTRAS[connTypes[0]] };
    lastAsset = await check('createDataAsset', 'POST', `${b}/dataAssets`, { name: assetType, identifier: assetType, modelType: assetType, defaultConnection: conn });
    await check('getDataAsset', 'GET', `${b}/dataAssets/${lastAsset.key}`);
    const other = await check('createConnection', 'POST', `${b}/connections`, { ...conn, name: 'Second', identifier: 'SECOND', registryMetadata: { aggregatorKey: lastAsset.key } });
    await check('getConnection', 'GET', `${b}/connections/${other.key}`);
    await check('listConnections', 'GET', `${b}/connections?dataAssetKey=${lastAsset.key}`);
  }
  await check('listDataAssets', 'GET', `${b}/dataAssets`);
  await check('updateDataAsset', 'PUT', `${b}/dataAssets/${lastAsset.key}`, { key: lastAsset.key, modelType: lastAsset.modelType, name: 'renamed', objectVersion: lastAsset.objectVersion });
  const conns = (await d.call('GET', `${b}/connections?dataAssetKey=${lastAsset.key}`)).json().items;
  const second = conns.find((c: { isDefault: boolean }) => !c.isDefault);
  await check('updateConnection', 'PUT', `${b}/connections/${second.key}`, { key: second.key, modelType: second.modelType, name: 'renamed', objectVersion: second.objectVersion, username: 'v', password: 'other' });

  const app = await check('createApplication', 'POST', `${b}/applications`, { name: 'App', identifier: 'APP' });
  await check('listApplications', 'GET', `${b}/applications`);
  await check('getApplication', 'GET', `${b}/applications/${app.key}`);
  await check('updateApplication', 'PUT', `${b}/applications/${app.key}`, { key: app.key, modelType: 'INTEGRATION_APPLICATION', name: 'App', objectVersion: app.objectVersion, description: 'new' });
  const a = `${b}/applications/${app.key}`;
  await check('createApplicationDetailedDescription', 'POST', `${a}/detailedDescription`, { detailedDescription: 'Long text', logo: 'aGVsbG8=' });
  await check('getApplicationDetailedDescription', 'GET', `${a}/detailedDescription`);
  await check('updateApplicationDetailedDescription', 'PUT', `${a}/detailedDescription`, { detailedDescription: 'Longer text' });
  const patch = await check('createPatch', 'POST', `${a}/patches`, { name: 'pub', identifier: 'PUB', patchType: 'PUBLISH', objectKeys: [task.key] });
  d.advance(10_000);
  await check('listPatches', 'GET', `${a}/patches`);
  await check('getPatch', 'GET', `${a}/patches/${patch.key}`);
  await check('listPatchChanges', 'GET', `${a}/patchChanges`);
  const published = await check('listPublishedObjects', 'GET', `${a}/publishedObjects`);
  const publishedKey = published.items[0].key;
  await check('getPublishedObject', 'GET', `${a}/publishedObjects/${publishedKey}?expandReferences=true`);

  const run1 = await check('createTaskRun', 'POST', `${a}/taskRuns`, { registryMetadata: { aggregatorKey: publishedKey } });
  d.advance(120_000);
  await check('listTaskRuns', 'GET', `${a}/taskRuns`);
  await check('getTaskRun', 'GET', `${a}/taskRuns/${run1.key}`);
  await check('listTaskRunLogs', 'GET', `${a}/taskRuns/${run1.key}/logs`);
  const run2 = await check('createTaskRun', 'POST', `${a}/taskRuns`, { registryMetadata: { aggregatorKey: publishedKey } });
  await check('updateTaskRun', 'PUT', `${a}/taskRuns/${run2.key}`, { key: run2.key, status: 'TERMINATING' });
  d.advance(120_000);
  await check('deleteTaskRun', 'DELETE', `${a}/taskRuns/${run1.key}`);

  const schedule = await check('createSchedule', 'POST', `${a}/schedules`, { name: 'Daily', identifier: 'DAILY', frequencyDetails: { modelType: 'DAILY', time: { hour: 2 } } });
  await check('listSchedules', 'GET', `${a}/schedules`);
  await check('getSchedule', 'GET', `${a}/schedules/${schedule.key}`);
  await check('updateSchedule', 'PUT', `${a}/schedules/${schedule.key}`, { key: schedule.key, name: 'Daily', objectVersion: schedule.objectVersion, description: 'new' });
  const ts = await check('createTaskSchedule', 'POST', `${a}/taskSchedules`, { name: 'TS', identifier: 'TS', scheduleRef: { key: schedule.key }, registryMetadata: { aggregatorKey: publishedKey }, numberOfRetries: 2, retryDelay: 5, retryDelayUnit: 'MINUTES' });
  await check('listTaskSchedules', 'GET', `${a}/taskSchedules`);
  await check('getTaskSchedule', 'GET', `${a}/taskSchedules/${ts.key}`);
  await check('updateTaskSchedule', 'PUT', `${a}/taskSchedules/${ts.key}`, { key: ts.key, name: 'TS', objectVersion: ts.objectVersion, isEnabled: false });

  const validated: Array<[string, unknown]> = [
    ['task', { key: task.key, modelType: task.modelType }],
    ['dataFlow', { key: flow.key, modelType: flow.modelType }],
    ['pipeline', { key: pipeline.key, modelType: pipeline.modelType }],
    ['connection', { dataAsset: { modelType: 'ORACLE_OBJECT_STORAGE_DATA_ASSET', name: 'os', identifier: 'OS' }, connection: { modelType: 'ORACLE_OBJECT_STORAGE_CONNECTION', name: 'c', identifier: 'C' } }],
  ];
  for (const [kind, body] of validated) {
    const K = kind[0].toUpperCase() + kind.slice(1);
    const v = await check(`create${K}Validation`, 'POST', `${b}/${kind}Validations`, body);
    await check(`list${K}Validations`, 'GET', `${b}/${kind}Validations`);
    await check(`get${K}Validation`, 'GET', `${b}/${kind}Validations/${v.key}`);
    await check(`delete${K}Validation`, 'DELETE', `${b}/${kind}Validations/${v.key}`);
  }

  await check('deleteTaskSchedule', 'DELETE', `${a}/taskSchedules/${ts.key}`);
  await check('deleteSchedule', 'DELETE', `${a}/schedules/${schedule.key}`);
  await check('deletePatch', 'DELETE', `${a}/patches/${patch.key}`);
  await check('deleteApplicationDetailedDescription', 'DELETE', `${a}/detailedDescription`);
  await check('deleteApplication', 'DELETE', `${a}`);
  await check('deleteConnection', 'DELETE', `${b}/connections/${second.key}`);
  await check('deleteDataAsset', 'DELETE', `${b}/dataAssets/${lastAsset.key}`);
  await check('deleteTask', 'DELETE', `${b}/tasks/${task.key}`);
  await check('deleteDataFlow', 'DELETE', `${b}/dataFlows/${flow.key}`);
  await check('deletePipeline', 'DELETE', `${b}/pipelines/${pipeline.key}`);
  await check('deleteFolder', 'DELETE', `${b}/folders/${folder.key}`);
  await check('deleteProject', 'DELETE', `${b}/projects/${project.key}`);
  await check('deleteWorkspace', 'DELETE', `/20200430/workspaces/${ws}`, undefined, 202);
}

t.test('the fixes, value by value', async (t) => {
  const d = await buildDisApp(t);
  const ws = await activeWorkspace(d);
  const b = `/20200430/workspaces/${ws}`;
  for (const [assetType, connType] of [['ORACLE_EBS_DATA_ASSET', 'ORACLE_EBS_CONNECTION'], ['ORACLE_PEOPLESOFT_DATA_ASSET', 'ORACLE_PEOPLESOFT_CONNECTION'], ['ORACLE_SIEBEL_DATA_ASSET', 'ORACLE_SIEBEL_CONNECTION']]) {
    const asset = (await d.call('POST', `${b}/dataAssets`, { name: assetType, identifier: assetType, modelType: assetType, host: 'h', port: '1', defaultConnection: { name: 'c', identifier: 'C', modelType: connType, username: 'u', password: 'the-secret' } })).json();
    t.equal(asset.defaultConnection.password, '********', `${connType}: the default connection answers a masked password`);
    t.equal(asset.defaultConnection.username, 'u');
    const conns = await d.call('GET', `${b}/connections?dataAssetKey=${asset.key}`);
    t.equal(conns.json().items[0].password, '********', `${connType}: so does its summary`);
    t.notMatch(conns.body + JSON.stringify(asset), /the-secret/, 'the secret is never sent back');
    const got = (await d.call('GET', `${b}/connections/${asset.defaultConnection.key}`)).json();
    t.equal(got.password, '********');
    t.notOk('registryMetadata' in got, 'Connection has no registryMetadata');
  }
  const project = (await d.call('POST', `${b}/projects`, { name: 'P', identifier: 'P' })).json().key;
  const folder = (await d.call('POST', `${b}/folders`, { name: 'F', identifier: 'F', registryMetadata: { aggregatorKey: project } })).json();
  t.notOk('registryMetadata' in folder, 'Folder has no registryMetadata');
  t.equal(folder.metadata.aggregatorKey, project, 'the parent is in metadata.aggregatorKey, as the SDK model has it');
  const task = (await d.call('POST', `${b}/tasks`, { modelType: 'INTEGRATION_TASK', name: 'T', identifier: 'T', registryMetadata: { aggregatorKey: project } })).json();
  const appKey = (await d.call('POST', `${b}/applications`, { name: 'A', identifier: 'A' })).json().key;
  const a = `${b}/applications/${appKey}`;
  await d.call('POST', `${a}/patches`, { name: 'p', identifier: 'P', patchType: 'PUBLISH', objectKeys: [task.key] });
  const schedule = (await d.call('POST', `${a}/schedules`, { name: 'S', identifier: 'S', frequencyDetails: { modelType: 'DAILY', time: { hour: 3 } } })).json();
  const ts = (await d.call('POST', `${a}/taskSchedules`, { name: 'TS', identifier: 'TS', scheduleRef: { key: schedule.key }, registryMetadata: { aggregatorKey: task.key }, numberOfRetries: 3 })).json();
  t.equal(ts.retryAttempts, 3, 'TaskSchedule answers the retry count as retryAttempts');
  for (const f of ['numberOfRetries', 'nextRunTimeMillis', 'registryMetadata']) t.notOk(f in ts, `TaskSchedule has no ${f}`);
  const summary = (await d.call('GET', `${a}/taskSchedules`)).json().items[0];
  t.equal(summary.numberOfRetries, 3, 'TaskScheduleSummary keeps numberOfRetries');
  t.equal(summary.nextRunTimeMillis, Date.parse('2026-01-06T03:00:00Z'), 'and nextRunTimeMillis');
  t.notOk('retryAttempts' in summary);
  const run = (await d.call('POST', `${a}/taskRuns`, { registryMetadata: { aggregatorKey: task.key } })).json();
  for (const f of ['inputs', 'refTaskRunId', 'reRunType', 'stepId']) t.notOk(f in run, `TaskRun has no ${f}`);
  const runSummary = (await d.call('GET', `${a}/taskRuns`)).json().items[0];
  t.equal(runSummary.key, run.key);
  t.ok('inputs' in runSummary || 'refTaskRunId' in runSummary || 'reRunType' in runSummary, 'the summary keeps the fields TaskRunSummary declares');
});
