/**
 * Through the official SDK: an application's references (and
 * updateReference), dependent objects, runtime pipelines and operators as a
 * pipeline run moves on the clock, composite states and task run lineages.
 */
import t from 'tap';
import * as di from 'oci-dataintegration';
import { allPages, ociError, sdkEmulator, type SdkEmulator } from './sdk-client';
import { ETAG } from '../../helpers/oci-sdk';

const conn = (a: di.models.DataAsset) => (a as di.models.DataAssetFromAdwcDetails).defaultConnection!.key!;

/** Two ADW assets, an Object Storage one, a data flow reading ADW and writing a file, and three published tasks. */
async function world(e: SdkEmulator) {
  const dis = e.dis;
  const ws = await e.workspace();
  const project = (await dis.createProject({ workspaceId: ws, createProjectDetails: { name: 'Sales', identifier: 'SALES' } })).project.key!;
  /** Name, identifier and the project every object of this world belongs to. */
  const inProject = (name: string, identifier: string) => ({ name, identifier, registryMetadata: { aggregatorKey: project } });
  const adw = (await dis.createDataAsset({ workspaceId: ws, createDataAssetDetails: { modelType: 'ORACLE_ADWC_DATA_ASSET', name: 'Warehouse', identifier: 'WAREHOUSE' } as di.models.CreateDataAssetFromAdwc })).dataAsset;
  const adw2 = (await dis.createDataAsset({ workspaceId: ws, createDataAssetDetails: { modelType: 'ORACLE_ADWC_DATA_ASSET', name: 'Warehouse (prod)', identifier: 'WAREHOUSE_PROD' } as di.models.CreateDataAssetFromAdwc })).dataAsset;
  const os = (await dis.createDataAsset({ workspaceId: ws, createDataAssetDetails: { modelType: 'ORACLE_OBJECT_STORAGE_DATA_ASSET', name: 'Lake', identifier: 'LAKE' } as di.models.CreateDataAssetFromObjectStorage })).dataAsset;
  const schema = (await dis.listSchemas({ workspaceId: ws, connectionKey: conn(adw), schemaResourceName: 'x' })).schemaSummaryCollection.items[0].name!;
  const source = (await dis.listDataEntities({ workspaceId: ws, connectionKey: conn(adw), schemaResourceName: schema, type: 'TABLE' })).dataEntitySummaryCollection.items[0] as di.models.DataEntityFromTable;
  const bucket = (await dis.listSchemas({ workspaceId: ws, connectionKey: conn(os), schemaResourceName: 'x' })).schemaSummaryCollection.items[0].name!;
  const target = (await dis.listDataEntities({ workspaceId: ws, connectionKey: conn(os), schemaResourceName: bucket })).dataEntitySummaryCollection.items[0] as di.models.DataEntityFromFile;
  const flow = (await dis.createDataFlow({
    workspaceId: ws,
    createDataFlowDetails: {
      ...inProject('Copy customers', 'COPY_CUSTOMERS'),
      nodes: [
        { key: 'n-src', name: 'Source', operator: { modelType: 'SOURCE_OPERATOR', key: 'op-src', name: 'Source', identifier: 'SOURCE', entity: source } as di.models.Source },
        { key: 'n-tgt', name: 'Target', operator: { modelType: 'TARGET_OPERATOR', key: 'op-tgt', name: 'Target', identifier: 'TARGET', entity: target } as di.models.Target },
      ],
    },
  })).dataFlow;
  const load = (await dis.createTask({ workspaceId: ws, createTaskDetails: { modelType: 'INTEGRATION_TASK', ...inProject('Load', 'LOAD'), dataFlow: { key: flow.key } } as di.models.CreateTaskFromIntegrationTask })).task;
  const sql = (await dis.createTask({ workspaceId: ws, createTaskDetails: { modelType: 'SQL_TASK', ...inProject('Refresh', 'REFRESH') } as di.models.CreateTaskFromSQLTask })).task;
  const pipeline = (await dis.createPipeline({
    workspaceId: ws,
    createPipelineDetails: {
      ...inProject('Nightly', 'NIGHTLY'),
      nodes: [
        { key: 'n-start', name: 'START', operator: { modelType: 'START_OPERATOR', key: 'op-start', name: 'START', identifier: 'START' } as di.models.StartOperator },
        { key: 'n-refresh', name: 'Refresh step', operator: { modelType: 'TASK_OPERATOR', key: 'op-refresh', name: 'Refresh step', identifier: 'REFRESH_STEP', taskType: di.models.TaskOperator.TaskType.SqlTask, task: { key: sql.key, modelType: 'SQL_TASK' } } as di.models.TaskOperator },
        { key: 'n-expr', name: 'Compute', operator: { modelType: 'EXPRESSION_OPERATOR', key: 'op-expr', name: 'Compute', identifier: 'COMPUTE' } as di.models.ExpressionOperator },
        { key: 'n-end', name: 'END', operator: { modelType: 'END_OPERATOR', key: 'op-end', name: 'END', identifier: 'END' } as di.models.EndOperator },
      ],
    },
  })).pipeline;
  const nightly = (await dis.createTask({ workspaceId: ws, createTaskDetails: { modelType: 'PIPELINE_TASK', ...inProject('Nightly run', 'NIGHTLY_RUN'), pipeline: { key: pipeline.key } } as di.models.CreateTaskFromPipelineTask })).task;
  const app = (await dis.createApplication({ workspaceId: ws, createApplicationDetails: { name: 'App', identifier: 'APP', modelType: di.models.CreateApplicationDetails.ModelType.IntegrationApplication } })).application.key!;
  await dis.createPatch({ workspaceId: ws, applicationKey: app, createPatchDetails: { name: 'p1', identifier: 'P1', patchType: di.models.CreatePatchDetails.PatchType.Publish, objectKeys: [load.key!, sql.key!, nightly.key!] } });
  return { ws, app, adw, adw2, os, flow, pipeline, load: load.key!, sql: sql.key!, nightly: nightly.key! };
}

t.test('references and updateReference', async (t) => {
  const e = await sdkEmulator(t);
  const w = await world(e);
  const dis = e.dis;
  const refs = (await dis.listReferences({ workspaceId: w.ws, applicationKey: w.app, sortBy: di.requests.ListReferencesRequest.SortBy.DisplayName })).referenceSummaryCollection.items;
  t.same(refs.map((r) => [r.key, r.type]), [[w.os.key, 'ORACLE_OBJECT_STORAGE_DATA_ASSET'], [w.adw.key, 'ORACLE_ADWC_DATA_ASSET']], 'the data assets the data flow reads and writes, by name');
  const adwRef = refs[1];
  t.same(adwRef.childReferences!.map((c) => [c.key, c.type, c.aggregatorKey]), [[conn(w.adw), 'ORACLE_ADWC_CONNECTION', w.adw.key]], 'the connection as a child reference');
  t.same(adwRef.usedBy!.map((u) => u.key), [w.load], 'used by the integration task');
  t.equal(adwRef.targetObject, null);
  t.equal((await dis.listReferences({ workspaceId: w.ws, applicationKey: w.app, name: 'Lake' })).referenceSummaryCollection.items.length, 1, 'name filter');
  const paged = await allPages(async (page) => {
    const r = await dis.listReferences({ workspaceId: w.ws, applicationKey: w.app, limit: 1, page, sortBy: di.requests.ListReferencesRequest.SortBy.DisplayName });
    return { items: r.referenceSummaryCollection.items, next: r.opcNextPage };
  });
  t.same(paged.items.map((r) => r.key), refs.map((r) => r.key));
  t.equal(paged.pages, 2, 'one per page');

  const got = await dis.getReference({ workspaceId: w.ws, applicationKey: w.app, referenceKey: w.adw.key! });
  t.same(got.reference.childReferences, adwRef.childReferences);
  t.match(got.etag, ETAG);

  // Bad input changes nothing.
  const wrongType = await ociError(dis.updateReference({ workspaceId: w.ws, applicationKey: w.app, referenceKey: w.adw.key!, updateReferenceDetails: { targetObject: { key: w.os.key } } }));
  t.equal(wrongType.statusCode, 400);
  t.match(wrongType.message, /ORACLE_ADWC_DATA_ASSET/);
  const wrongChild = await ociError(dis.updateReference({ workspaceId: w.ws, applicationKey: w.app, referenceKey: w.adw.key!, updateReferenceDetails: { targetObject: { key: w.adw2.key }, childReferences: [{ key: 'nope', targetObject: { key: conn(w.adw2) } }] } }));
  t.equal(wrongChild.statusCode, 400);
  const stale = await ociError(dis.updateReference({ workspaceId: w.ws, applicationKey: w.app, referenceKey: w.adw.key!, ifMatch: 'stale', updateReferenceDetails: { targetObject: { key: w.adw2.key } } }));
  t.equal(stale.statusCode, 412);
  const unchanged = await dis.getReference({ workspaceId: w.ws, applicationKey: w.app, referenceKey: w.adw.key! });
  t.equal(unchanged.etag, got.etag, 'nothing written by the refused updates');
  t.equal(unchanged.reference.targetObject, null);

  const updated = await dis.updateReference({
    workspaceId: w.ws,
    applicationKey: w.app,
    referenceKey: w.adw.key!,
    ifMatch: got.etag,
    opcRetryToken: 'ref-1',
    updateReferenceDetails: { targetObject: { key: w.adw2.key }, childReferences: [{ key: conn(w.adw), targetObject: { key: conn(w.adw2) } }] },
  });
  t.equal(updated.reference.targetObject.key, w.adw2.key);
  t.equal(updated.reference.targetObject.modelType, 'ORACLE_ADWC_DATA_ASSET');
  t.equal(updated.reference.childReferences![0].targetObject.key, conn(w.adw2));
  t.not(updated.etag, got.etag, 'a new etag');
  t.same((await dis.getReference({ workspaceId: w.ws, applicationKey: w.app, referenceKey: w.adw.key! })).reference, updated.reference, 'kept');
  t.equal((await ociError(dis.getReference({ workspaceId: w.ws, applicationKey: w.app, referenceKey: 'nope' }))).statusCode, 404);
  t.equal((await ociError(dis.listReferences({ workspaceId: w.ws, applicationKey: 'nope' }))).statusCode, 404);
});

t.test('dependent objects', async (t) => {
  const e = await sdkEmulator(t);
  const w = await world(e);
  const dis = e.dis;
  // DependentObjectSummary declares ObjectMetadata's fields only: the object is named in infoFields.
  const deps = (await dis.listDependentObjects({ workspaceId: w.ws, applicationKey: w.app, sortBy: di.requests.ListDependentObjectsRequest.SortBy.DisplayName })).dependentObjectSummaryCollection.items.map((d) => d.infoFields!);
  const byType = (type: string) => deps.filter((d) => d.modelType === type).map((d) => d.key).sort();
  t.same(byType('DATA_FLOW'), [w.flow.key], 'the data flow of the integration task');
  t.same(byType('PIPELINE'), [w.pipeline.key], 'the pipeline of the pipeline task');
  t.same(byType('SQL_TASK'), [w.sql], 'the task the pipeline runs');
  t.same(byType('ORACLE_ADWC_DATA_ASSET'), [w.adw.key], 'the assets the flow reads and writes');
  t.same(byType('ORACLE_ADWC_CONNECTION'), [conn(w.adw)]);
  t.notOk(deps.some((d) => d.key === w.adw2.key), 'an unused asset is not a dependency');
  const flowSummary = (await dis.listDependentObjects({ workspaceId: w.ws, applicationKey: w.app, type: ['DATA_FLOW'] })).dependentObjectSummaryCollection.items;
  t.same(flowSummary.map((d) => d.infoFields!.key), [w.flow.key], 'type filter');
  t.equal(flowSummary[0].identifierPath, 'SALES/COPY_CUSTOMERS', 'its identifier path');
  t.equal(flowSummary[0].aggregatorKey, w.flow.parentRef!.parent, 'its parent (the project)');
  const paged = await allPages(async (page) => {
    const r = await dis.listDependentObjects({ workspaceId: w.ws, applicationKey: w.app, limit: 3, page, sortBy: di.requests.ListDependentObjectsRequest.SortBy.DisplayName });
    return { items: r.dependentObjectSummaryCollection.items.map((d) => d.infoFields!), next: r.opcNextPage };
  });
  t.same(paged.items.map((d) => d.key), deps.map((d) => d.key), 'pages add up');
  const flow = await dis.getDependentObject({ workspaceId: w.ws, applicationKey: w.app, dependentObjectKey: w.flow.key! });
  t.equal(flow.dependentObject.name, 'Copy customers');
  t.equal(flow.dependentObject.identifier, 'COPY_CUSTOMERS');
  t.equal(flow.dependentObject.modelType, 'DATA_FLOW');
  t.equal(flow.dependentObject.parentRef!.parent, w.app, 'in the application');
  t.equal(flow.dependentObject.applicationVersion, 1);
  t.equal(flow.dependentObject.lifecycleState, 'ACTIVE');
  t.match(flow.etag, ETAG);
  t.equal((await ociError(dis.getDependentObject({ workspaceId: w.ws, applicationKey: w.app, dependentObjectKey: w.adw2.key! }))).statusCode, 404);
});

t.test('runtime pipelines and operators follow the run; composite states; lineages', async (t) => {
  const e = await sdkEmulator(t);
  const w = await world(e);
  const dis = e.dis;
  const put = await fetch(`${e.url}/_emulator/dis/settings`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ taskRun: { runningMinMs: 8000, runningMaxMs: 8000 } }) });
  t.equal(put.status, 200);
  const run = (await dis.createTaskRun({ workspaceId: w.ws, applicationKey: w.app, createTaskRunDetails: { registryMetadata: { aggregatorKey: w.nightly } } })).taskRun;
  const ops = async () => (await dis.listRuntimeOperators({ workspaceId: w.ws, applicationKey: w.app, runtimePipelineKey: run.key! })).runtimeOperatorSummaryCollection.items;
  t.same((await ops()).map((o) => [o.name, o.status]), [['START', 'NOT_STARTED'], ['Refresh step', 'NOT_STARTED'], ['Compute', 'NOT_STARTED'], ['END', 'NOT_STARTED']], 'start first, end last, nothing started');
  e.clock.advance(3000); // NOT_STARTED 1 s + QUEUED 2 s: RUNNING now
  e.clock.advance(3000); // 3 s into 8 s, 2 s per operator
  const mid = await ops();
  t.same(mid.map((o) => o.status), ['SUCCESS', 'RUNNING', 'NOT_STARTED', 'NOT_STARTED'], 'operators finish one after another');
  t.equal(mid[1].operatorType, 'TASK_OPERATOR');
  t.equal(mid[1].taskType, 'SQL_TASK');
  t.equal(mid[0].endTimeInMillis! - mid[0].startTimeInMillis!, 2000);
  e.clock.advance(6000);
  const done = await ops();
  t.same(done.map((o) => o.status), ['SUCCESS', 'SUCCESS', 'SUCCESS', 'SUCCESS']);
  t.ok(done.every((o) => o.taskRunKey === run.key && o.executionState === 'SUCCESS'));

  const rp = await dis.getRuntimePipeline({ workspaceId: w.ws, applicationKey: w.app, runtimePipelineKey: run.key! });
  t.equal(rp.runtimePipeline.pipeline!.key, w.pipeline.key, 'the pipeline it ran');
  t.same(rp.runtimePipeline.runtimeOperators!.map((o) => o.key), done.map((o) => o.key));
  t.match(rp.etag, ETAG);
  const op = await dis.getRuntimeOperator({ workspaceId: w.ws, applicationKey: w.app, runtimePipelineKey: run.key!, runtimeOperatorKey: done[1].key! });
  t.same(op.runtimeOperator, done[1]);
  t.same((await dis.listRuntimeOperators({ workspaceId: w.ws, applicationKey: w.app, runtimePipelineKey: run.key!, aggregatorType: ['TASK_OPERATOR'] })).runtimeOperatorSummaryCollection.items.map((o) => o.name), ['Refresh step']);

  // A failing run: the last operator before END fails, END is skipped.
  await fetch(`${e.url}/_emulator/dis/task-run-outcomes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ outcomes: ['ERROR'] }) });
  const failed = (await dis.createTaskRun({ workspaceId: w.ws, applicationKey: w.app, createTaskRunDetails: { registryMetadata: { aggregatorKey: w.nightly } } })).taskRun;
  e.clock.advance(12_000);
  const bad = (await dis.listRuntimeOperators({ workspaceId: w.ws, applicationKey: w.app, runtimePipelineKey: failed.key! })).runtimeOperatorSummaryCollection.items;
  t.same(bad.map((o) => [o.status, o.executionState]), [['SUCCESS', 'SUCCESS'], ['SUCCESS', 'SUCCESS'], ['ERROR', 'ERROR'], ['NOT_STARTED', 'SKIPPED']]);

  // A cancelled run (3 s in, TERMINATING for 2 s): the operator it stops in is TERMINATED, the rest skipped.
  const cancelled = (await dis.createTaskRun({ workspaceId: w.ws, applicationKey: w.app, createTaskRunDetails: { registryMetadata: { aggregatorKey: w.nightly } } })).taskRun;
  e.clock.advance(3000 + 3000);
  await dis.updateTaskRun({ workspaceId: w.ws, applicationKey: w.app, taskRunKey: cancelled.key!, updateTaskRunDetails: { status: di.models.UpdateTaskRunDetails.Status.Terminating } });
  e.clock.advance(5000);
  const stopped = (await dis.listRuntimeOperators({ workspaceId: w.ws, applicationKey: w.app, runtimePipelineKey: cancelled.key! })).runtimeOperatorSummaryCollection.items;
  t.same(stopped.map((o) => [o.status, o.executionState]), [['SUCCESS', 'SUCCESS'], ['SUCCESS', 'SUCCESS'], ['TERMINATED', 'TERMINATED'], ['NOT_STARTED', 'SKIPPED']]);
  await dis.deleteTaskRun({ workspaceId: w.ws, applicationKey: w.app, taskRunKey: cancelled.key! });
  t.equal((await ociError(dis.getRuntimePipeline({ workspaceId: w.ws, applicationKey: w.app, runtimePipelineKey: cancelled.key! }))).statusCode, 404, 'gone with its run');

  const pipelines = await allPages(async (page) => {
    const r = await dis.listRuntimePipelines({ workspaceId: w.ws, applicationKey: w.app, limit: 1, page });
    return { items: r.runtimePipelineSummaryCollection.items, next: r.opcNextPage };
  });
  t.same(pipelines.items.map((p) => p.runtimeOperators![0].taskRunKey), [failed.key, run.key], 'one per pipeline run, newest first, one per page');
  t.same((await dis.listRuntimePipelines({ workspaceId: w.ws, applicationKey: w.app, filter: ['status eq ERROR'] })).runtimePipelineSummaryCollection.items.map((p) => p.runtimeOperators![0].taskRunKey), [failed.key]);

  const state = (await dis.getCompositeState({ workspaceId: w.ws, applicationKey: w.app, aggregatorKey: w.nightly })).compositeState;
  t.equal(state.compositeStateAggregator, 'TASK');
  t.equal(state.allStatesMap!.SUCCESS.parameterValue!.simpleValue, 1);
  t.equal(state.allStatesMap!.ERROR.parameterValue!.simpleValue, 1);
  const opState = (await dis.getCompositeState({ workspaceId: w.ws, applicationKey: w.app, aggregatorKey: 'op-expr' })).compositeState;
  t.equal(opState.compositeStateAggregator, 'TASK_OPERATOR');
  t.same(Object.keys(opState.allStatesMap!).sort(), ['ERROR', 'SUCCESS'], 'the operator succeeded once and failed once');

  // Lineages: finished runs only, the integration task's with its data flow.
  const loadRun = (await dis.createTaskRun({ workspaceId: w.ws, applicationKey: w.app, createTaskRunDetails: { registryMetadata: { aggregatorKey: w.load } } })).taskRun;
  const beforeLoad = e.clock.now();
  t.same((await dis.listTaskRunLineages({ workspaceId: w.ws, applicationKey: w.app })).taskRunLineageSummaryCollection.items.map((l) => l.key), [failed.key, run.key], 'a running task has no lineage yet');
  e.clock.advance(12_000);
  const lineages = (await dis.listTaskRunLineages({ workspaceId: w.ws, applicationKey: w.app, filter: ['taskType eq INTEGRATION_TASK'] })).taskRunLineageSummaryCollection.items;
  t.equal(lineages.length, 1);
  t.equal(lineages[0].key, loadRun.key);
  t.equal(lineages[0].taskExecutionStatus, 'SUCCESS');
  t.equal(lineages[0].taskName, 'Load');
  t.equal(lineages[0].flow!.key, w.flow.key, 'the data flow it ran');
  t.equal(lineages[0].isLineageGenCompleted, true);
  const recent = (await dis.listTaskRunLineages({ workspaceId: w.ws, applicationKey: w.app, timeUpdatedGreaterThan: new Date(beforeLoad) })).taskRunLineageSummaryCollection.items;
  t.same(recent.map((l) => l.key), [loadRun.key], 'timeUpdatedGreaterThan');
  const ocid = (await dis.getApplication({ workspaceId: w.ws, applicationKey: w.app })).application.id!;
  const viaDisApp = (await dis.listDisApplicationTaskRunLineages({ workspaceId: w.ws, disApplicationId: ocid, filter: ['taskType eq INTEGRATION_TASK'] })).taskRunLineageSummaryCollection.items;
  t.same(viaDisApp, lineages, 'the same lineages through /disApplications/{OCID}');
  t.equal((await ociError(dis.listDisApplicationTaskRunLineages({ workspaceId: w.ws, disApplicationId: 'ocid1.disapplication.oc1.iad.nope' }))).statusCode, 404);

  // Bad input and unknown keys.
  t.equal((await ociError(dis.getRuntimePipeline({ workspaceId: w.ws, applicationKey: w.app, runtimePipelineKey: loadRun.key! }))).statusCode, 404, 'an integration run has no runtime pipeline');
  t.equal((await ociError(dis.getRuntimeOperator({ workspaceId: w.ws, applicationKey: w.app, runtimePipelineKey: run.key!, runtimeOperatorKey: 'nope' }))).statusCode, 404);
  t.equal((await ociError(dis.getCompositeState({ workspaceId: w.ws, applicationKey: w.app, aggregatorKey: 'nope' }))).statusCode, 404);
  const badFilter = await ociError(dis.listTaskRunLineages({ workspaceId: w.ws, applicationKey: w.app, filter: ['colour eq red'] }));
  t.equal(badFilter.statusCode, 400);
  t.equal(badFilter.serviceCode, 'InvalidParameter');
});
