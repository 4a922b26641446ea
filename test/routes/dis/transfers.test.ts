/**
 * Export, import and copy-object requests through the official SDK: the
 * lifecycle on the clock, the export -> import round trip into a second
 * workspace (same keys, names and contents), the three conflict
 * resolutions, copies with their containers and references, termination,
 * paging and filters, etag/if-match, retry tokens and bad input.
 */
import t from 'tap';
import { di, ociError, sdkHarness, type SdkHarness } from './sdk-harness';
import { ETAG } from '../../helpers/oci-sdk';

const R = di.models;

/** A project with a folder, a data flow, a pipeline, a task using the data flow, and a function library with a function. */
async function seed(dis: SdkHarness['dis'], ws: string) {
  const project = (await dis.createProject({ workspaceId: ws, createProjectDetails: { name: 'Sales', identifier: 'SALES', description: 'the sales project' } })).project;
  const folder = (await dis.createFolder({ workspaceId: ws, createFolderDetails: { name: 'Staging', identifier: 'STAGING', registryMetadata: { aggregatorKey: project.key } } })).folder;
  const dataFlow = (await dis.createDataFlow({ workspaceId: ws, createDataFlowDetails: { name: 'Customers flow', identifier: 'CUSTOMERS_FLOW', description: 'reads customers', registryMetadata: { aggregatorKey: folder.key } } })).dataFlow;
  const pipeline = (await dis.createPipeline({ workspaceId: ws, createPipelineDetails: { name: 'Nightly', identifier: 'NIGHTLY', description: 'every night', registryMetadata: { aggregatorKey: project.key } } })).pipeline;
  const taskDetails: di.models.CreateTaskFromIntegrationTask = { modelType: 'INTEGRATION_TASK', name: 'Load customers', identifier: 'LOAD_CUSTOMERS', dataFlow: { key: dataFlow.key, name: dataFlow.name, identifier: dataFlow.identifier }, registryMetadata: { aggregatorKey: folder.key } };
  const task = (await dis.createTask({ workspaceId: ws, createTaskDetails: taskDetails })).task;
  const library = (await dis.createFunctionLibrary({ workspaceId: ws, createFunctionLibraryDetails: { name: 'Helpers', identifier: 'HELPERS', registryMetadata: { aggregatorKey: project.key } } })).functionLibrary;
  const fn = (await dis.createUserDefinedFunction({ workspaceId: ws, createUserDefinedFunctionDetails: { name: 'Shout', identifier: 'SHOUT', expr: { exprString: 'UPPER(%1)' }, registryMetadata: { aggregatorKey: library.key } } })).userDefinedFunction;
  return { project, folder, dataFlow, pipeline, task, library, fn };
}

/** A seeded 'source' workspace and an empty 'target' one to move its objects into. */
async function sourceAndTarget(t: Parameters<typeof sdkHarness>[0]) {
  const h = await sdkHarness(t);
  const src = await h.workspace('source');
  const dst = await h.workspace('target');
  return { h, dis: h.dis, src, dst, s: await seed(h.dis, src) };
}

/** Advance the clock past a transfer and read it again. */
async function finish<T>(h: SdkHarness, read: () => Promise<T>): Promise<T> {
  h.clock.advance(6000);
  return read();
}

t.test('export -> import round trip into another workspace, then RETAIN, DUPLICATE and REPLACE', async (t) => {
  const { h, dis, src, dst, s } = await sourceAndTarget(t);

  const created = await dis.createExportRequest({ workspaceId: src, createExportRequestDetails: { bucketName: 'exports', fileName: 'sales.zip', objectKeys: [s.project.key!] }, opcRetryToken: 'export-1' });
  const exp = created.exportRequest;
  t.equal(exp.status, R.ExportRequest.Status.InProgress, 'accepted IN_PROGRESS');
  t.equal(exp.bucketName, 'exports');
  t.equal(exp.fileName, 'sales.zip');
  t.equal(exp.timeStartedInMillis, h.clock.now(), 'started now (epoch ms)');
  t.match(created.etag, ETAG);
  const replay = await dis.createExportRequest({ workspaceId: src, createExportRequestDetails: { bucketName: 'exports', fileName: 'sales.zip', objectKeys: [s.project.key!] }, opcRetryToken: 'export-1' });
  t.equal(replay.exportRequest.key, exp.key, 'retry token: the same request');
  t.equal((await dis.listExportRequests({ workspaceId: src })).exportRequestSummaryCollection.items.length, 1, 'and only one');

  const importTooEarly = await ociError(dis.createImportRequest({ workspaceId: dst, createImportRequestDetails: { bucketName: 'exports', fileName: 'sales.zip' } }));
  t.equal(importTooEarly.statusCode, 400, 'the file does not exist before the export finishes');

  const done = await finish(h, () => dis.getExportRequest({ workspaceId: src, exportRequestKey: exp.key! }));
  t.equal(done.exportRequest.status, 'SUCCESSFUL');
  t.equal(done.exportRequest.timeEndedInMillis, exp.timeStartedInMillis! + 5000);
  t.equal(done.exportRequest.totalExportedObjectCount, 7);
  t.same(done.exportRequest.exportedItems!.map((i) => i.namePath).sort(), ['Sales', 'Sales/Helpers', 'Sales/Helpers/Shout', 'Sales/Nightly', 'Sales/Staging', 'Sales/Staging/Customers flow', 'Sales/Staging/Load customers']);
  t.same(done.exportRequest.exportedItems!.find((i) => i.key === s.task.key), { key: s.task.key, name: 'Load customers', identifier: 'LOAD_CUSTOMERS', objectType: 'TASK', objectVersion: '1', aggregatorKey: s.folder.key, namePath: 'Sales/Staging/Load customers', timeUpdatedInMillis: Date.parse(s.task.metadata!.timeUpdated as unknown as string) });

  // Import into the second workspace: the same objects, under the same keys.
  const imp = (await dis.createImportRequest({ workspaceId: dst, createImportRequestDetails: { bucketName: 'exports', fileName: 'sales.zip', importConflictResolution: { importConflictResolutionType: R.ImportConflictResolution.ImportConflictResolutionType.Retain } } })).importRequest;
  t.equal(imp.status, 'IN_PROGRESS');
  t.equal((await dis.listProjects({ workspaceId: dst })).projectSummaryCollection.items.length, 0, 'nothing imported before the step is due');
  const imported = await finish(h, () => dis.getImportRequest({ workspaceId: dst, importRequestKey: imp.key! }));
  t.equal(imported.importRequest.status, 'SUCCESSFUL');
  t.equal(imported.importRequest.totalImportedObjectCount, 7);
  t.ok(imported.importRequest.importedObjects!.every((o) => o.resolutionAction === 'CREATED' && o.oldKey === o.newKey), 'all created under their own keys');

  const project = (await dis.getProject({ workspaceId: dst, projectKey: s.project.key! })).project;
  t.same([project.name, project.identifier, project.description], ['Sales', 'SALES', 'the sales project']);
  const folder = (await dis.getFolder({ workspaceId: dst, folderKey: s.folder.key! })).folder;
  t.equal(folder.parentRef?.parent, s.project.key, 'the folder is in the project');
  t.equal(folder.metadata?.identifierPath, 'SALES/STAGING');
  const task = (await dis.getTask({ workspaceId: dst, taskKey: s.task.key! })).task as di.models.TaskFromIntegrationTaskDetails;
  t.same([task.name, task.identifier, task.modelType, task.dataFlow?.key], ['Load customers', 'LOAD_CUSTOMERS', 'INTEGRATION_TASK', s.dataFlow.key], 'the task and its data flow reference');
  const flow = (await dis.getDataFlow({ workspaceId: dst, dataFlowKey: s.dataFlow.key! })).dataFlow;
  t.same([flow.name, flow.description, flow.parentRef?.parent], ['Customers flow', 'reads customers', s.folder.key]);
  t.equal((await dis.getPipeline({ workspaceId: dst, pipelineKey: s.pipeline.key! })).pipeline.description, 'every night');
  t.equal((await dis.getUserDefinedFunction({ workspaceId: dst, userDefinedFunctionKey: s.fn.key! })).userDefinedFunction.expr?.exprString, 'UPPER(%1)');
  t.same((await dis.listFunctionLibraries({ workspaceId: dst, aggregatorKey: s.project.key })).functionLibrarySummaryCollection.items.map((l) => l.key), [s.library.key]);

  // RETAIN again: nothing changes.
  const retain = (await dis.createImportRequest({ workspaceId: dst, createImportRequestDetails: { bucketName: 'exports', fileName: 'sales.zip' } })).importRequest;
  const retained = await finish(h, () => dis.getImportRequest({ workspaceId: dst, importRequestKey: retain.key! }));
  t.ok(retained.importRequest.importedObjects!.every((o) => o.resolutionAction === 'RETAINED'), 'RETAIN keeps what is there');
  t.equal((await dis.listTasks({ workspaceId: dst })).taskSummaryCollection.items.length, 1);

  // REPLACE after a local change: the file's version comes back.
  const local = await dis.getProject({ workspaceId: dst, projectKey: s.project.key! });
  await dis.updateProject({ workspaceId: dst, projectKey: s.project.key!, updateProjectDetails: { key: s.project.key!, modelType: 'PROJECT', objectVersion: local.project.objectVersion!, description: 'changed here' } });
  const replace = (await dis.createImportRequest({ workspaceId: dst, createImportRequestDetails: { bucketName: 'exports', fileName: 'sales.zip', importConflictResolution: { importConflictResolutionType: R.ImportConflictResolution.ImportConflictResolutionType.Replace } } })).importRequest;
  const replaced = await finish(h, () => dis.getImportRequest({ workspaceId: dst, importRequestKey: replace.key! }));
  t.ok(replaced.importRequest.importedObjects!.every((o) => o.resolutionAction === 'REPLACED'));
  const back = (await dis.getProject({ workspaceId: dst, projectKey: s.project.key! })).project;
  t.equal(back.description, 'the sales project', 'REPLACE restores the exported content');
  t.equal(back.objectVersion, 3, 'as a new version');

  // DUPLICATE: renamed copies with new keys; the copied task uses the copied data flow.
  const dup = (await dis.createImportRequest({ workspaceId: dst, createImportRequestDetails: { bucketName: 'exports', fileName: 'sales.zip', importConflictResolution: { importConflictResolutionType: R.ImportConflictResolution.ImportConflictResolutionType.Duplicate, duplicatePrefix: 'Copy of ' } } })).importRequest;
  const duplicated = await finish(h, () => dis.getImportRequest({ workspaceId: dst, importRequestKey: dup.key! }));
  t.equal(duplicated.importRequest.status, 'SUCCESSFUL');
  const items = duplicated.importRequest.importedObjects!;
  t.ok(items.every((o) => o.resolutionAction === 'DUPLICATED' && o.newKey !== o.oldKey), 'new keys');
  const dupProject = items.find((o) => o.oldKey === s.project.key)!;
  t.same([dupProject.name, dupProject.identifier], ['Copy of Sales', 'COPY_OF_SALES']);
  const dupTask = (await dis.getTask({ workspaceId: dst, taskKey: items.find((o) => o.oldKey === s.task.key)!.newKey! })).task as di.models.TaskFromIntegrationTaskDetails;
  t.equal(dupTask.dataFlow?.key, items.find((o) => o.oldKey === s.dataFlow.key)!.newKey, 'the copy points at the copied data flow');
  t.equal((await dis.listProjects({ workspaceId: dst })).projectSummaryCollection.items.length, 2);
  t.equal((await dis.listTasks({ workspaceId: dst })).taskSummaryCollection.items.length, 2);

  // The source is untouched.
  t.equal((await dis.listProjects({ workspaceId: src })).projectSummaryCollection.items.length, 1);

  // objectKeyForImport: a folder's export imported into another project.
  const other = (await dis.createProject({ workspaceId: dst, createProjectDetails: { name: 'Other', identifier: 'OTHER' } })).project;
  const folderExport = (await dis.createExportRequest({ workspaceId: src, createExportRequestDetails: { bucketName: 'exports', fileName: 'staging.zip', objectKeys: [s.folder.key!] } })).exportRequest;
  await finish(h, () => dis.getExportRequest({ workspaceId: src, exportRequestKey: folderExport.key! }));
  const into = (await dis.createImportRequest({ workspaceId: dst, createImportRequestDetails: { bucketName: 'exports', fileName: 'staging.zip', objectKeyForImport: other.key, importConflictResolution: { importConflictResolutionType: R.ImportConflictResolution.ImportConflictResolutionType.Duplicate } } })).importRequest;
  const intoDone = await finish(h, () => dis.getImportRequest({ workspaceId: dst, importRequestKey: into.key! }));
  t.equal(intoDone.importRequest.status, 'SUCCESSFUL');
  const placedFolder = intoDone.importRequest.importedObjects!.find((o) => o.oldKey === s.folder.key)!;
  t.equal(placedFolder.aggregatorKey, other.key, 'the folder lands in the named project');
  // Five import requests, paged two at a time, oldest first.
  const seen: string[] = [];
  let page: string | undefined;
  let pages = 0;
  do {
    const r = await dis.listImportRequests({ workspaceId: dst, limit: 2, page, sortOrder: di.requests.ListImportRequestsRequest.SortOrder.Asc });
    seen.push(...r.importRequestSummaryCollection.items.map((i) => i.key!));
    page = r.opcNextPage;
    pages++;
  } while (page);
  t.equal(pages, 3);
  t.same(seen, [imp.key, retain.key, replace.key, dup.key, into.key], 'every import once, in order');
  t.equal((await dis.listImportRequests({ workspaceId: dst, importStatus: di.requests.ListImportRequestsRequest.ImportStatus.Successful, projection: di.requests.ListImportRequestsRequest.Projection.Details, limit: 1 })).importRequestSummaryCollection.items[0].importedObjects!.length, 3, 'DETAILS: the newest (the folder import: folder, data flow, task) with its items');
  t.same([placedFolder.namePath, placedFolder.identifier, placedFolder.resolutionAction], ['Other/Staging_COPY', 'STAGING_COPY', 'DUPLICATED'], 'its key is taken here, so a copy (default suffix _COPY)');
});

t.test('copy object requests: objects with their containers and references, between workspaces', async (t) => {
  const { h, dis, src, dst, s } = await sourceAndTarget(t);

  const res = await dis.createCopyObjectRequest({ workspaceId: dst, createCopyObjectRequestDetails: { sourceWorkspaceId: src, objectKeys: [s.task.key!], copyConflictResolution: { requestType: R.CopyConflictResolution.RequestType.Retain } }, opcRetryToken: 'copy-1' });
  const copy = res.copyObjectRequest;
  t.equal(copy.copyMetadataObjectRequestStatus, 'IN_PROGRESS');
  t.equal(copy.sourceWorkspaceId, src);
  t.same(copy.objectKeys, [s.task.key]);
  t.equal(copy.totalSourceObjectCount, 1);
  const again = await dis.createCopyObjectRequest({ workspaceId: dst, createCopyObjectRequestDetails: { sourceWorkspaceId: src, objectKeys: [s.task.key!], copyConflictResolution: { requestType: R.CopyConflictResolution.RequestType.Retain } }, opcRetryToken: 'copy-1' });
  t.equal(again.copyObjectRequest.key, copy.key, 'retry token replay');

  const done = await finish(h, () => dis.getCopyObjectRequest({ workspaceId: dst, copyObjectRequestKey: copy.key! }));
  t.equal(done.copyObjectRequest.copyMetadataObjectRequestStatus, 'SUCCESSFUL');
  t.same(done.copyObjectRequest.copiedItems!.map((i) => [i.namePath, i.resolutionAction]), [['Sales', 'CREATED'], ['Sales/Staging', 'CREATED'], ['Sales/Staging/Load customers', 'CREATED']], 'the task with the containers it needs');
  t.same(done.copyObjectRequest.referencedItems!.map((i) => [i.namePath, i.objectType]), [['Sales/Staging/Customers flow', 'DATA_FLOW']], 'and the data flow it uses');
  t.equal(done.copyObjectRequest.totalObjectsCopiedIntoTarget, 4);
  const task = (await dis.getTask({ workspaceId: dst, taskKey: s.task.key! })).task as di.models.TaskFromIntegrationTaskDetails;
  t.equal(task.dataFlow?.key, s.dataFlow.key);
  t.equal((await dis.getDataFlow({ workspaceId: dst, dataFlowKey: s.dataFlow.key! })).dataFlow.description, 'reads customers');
  t.equal((await dis.listPipelines({ workspaceId: dst })).pipelineSummaryCollection.items.length, 0, 'only what was named or needed');

  // Within one workspace, DUPLICATE makes a sibling copy.
  const same = (await dis.createCopyObjectRequest({ workspaceId: src, createCopyObjectRequestDetails: { sourceWorkspaceId: src, objectKeys: [s.pipeline.key!], copyConflictResolution: { requestType: R.CopyConflictResolution.RequestType.Duplicate, duplicateSuffix: ' v2' } } })).copyObjectRequest;
  const sameDone = await finish(h, () => dis.getCopyObjectRequest({ workspaceId: src, copyObjectRequestKey: same.key! }));
  const copied = sameDone.copyObjectRequest.copiedItems!;
  t.same(copied.map((i) => [i.name, i.identifier, i.resolutionAction]), [['Nightly v2', 'NIGHTLY_V2', 'DUPLICATED']]);
  t.same((await dis.listPipelines({ workspaceId: src, aggregatorKey: s.project.key })).pipelineSummaryCollection.items.map((p) => p.name).sort(), ['Nightly', 'Nightly v2']);

  // Lists: status filter, projection, paging.
  const all = await dis.listCopyObjectRequests({ workspaceId: dst, copyStatus: di.requests.ListCopyObjectRequestsRequest.CopyStatus.All });
  t.equal(all.copyObjectRequestSummaryCollection.items.length, 1);
  t.notOk('copiedItems' in all.copyObjectRequestSummaryCollection.items[0] && all.copyObjectRequestSummaryCollection.items[0].copiedItems, 'SUMMARY leaves the item lists out');
  const details = await dis.listCopyObjectRequests({ workspaceId: dst, projection: di.requests.ListCopyObjectRequestsRequest.Projection.Details });
  t.equal(details.copyObjectRequestSummaryCollection.items[0].copiedItems!.length, 3, 'DETAILS includes them');
  t.equal((await dis.listCopyObjectRequests({ workspaceId: dst, copyStatus: di.requests.ListCopyObjectRequestsRequest.CopyStatus.Failed })).copyObjectRequestSummaryCollection.items.length, 0);

  // Bad input: 400 and nothing written.
  const before = (await dis.listCopyObjectRequests({ workspaceId: dst })).copyObjectRequestSummaryCollection.items.length;
  const unknownKey = await ociError(dis.createCopyObjectRequest({ workspaceId: dst, createCopyObjectRequestDetails: { sourceWorkspaceId: src, objectKeys: ['nope'], copyConflictResolution: { requestType: R.CopyConflictResolution.RequestType.Retain } } }));
  t.equal(unknownKey.statusCode, 400);
  t.equal(unknownKey.serviceCode, 'RelatedResourceNotAuthorizedOrNotFound');
  const badType = await ociError(dis.createCopyObjectRequest({ workspaceId: dst, createCopyObjectRequestDetails: { sourceWorkspaceId: src, objectKeys: [s.task.key!], copyConflictResolution: { requestType: 'MERGE' as any } } }));
  t.equal(badType.statusCode, 400);
  const noKeys = await ociError(dis.createCopyObjectRequest({ workspaceId: dst, createCopyObjectRequestDetails: { sourceWorkspaceId: src, objectKeys: [], copyConflictResolution: { requestType: R.CopyConflictResolution.RequestType.Retain } } }));
  t.equal(noKeys.statusCode, 400);
  const noSource = await ociError(dis.createCopyObjectRequest({ workspaceId: dst, createCopyObjectRequestDetails: { sourceWorkspaceId: 'ocid1.disworkspace.oc1.iad.nope', objectKeys: [s.task.key!], copyConflictResolution: { requestType: R.CopyConflictResolution.RequestType.Retain } } }));
  t.equal(noSource.statusCode, 404);
  t.equal((await dis.listCopyObjectRequests({ workspaceId: dst })).copyObjectRequestSummaryCollection.items.length, before, 'nothing written');

  // Finished requests cannot be terminated; etag checks; delete.
  const finished = await dis.getCopyObjectRequest({ workspaceId: dst, copyObjectRequestKey: copy.key! });
  const late = await ociError(dis.updateCopyObjectRequest({ workspaceId: dst, copyObjectRequestKey: copy.key!, updateCopyObjectRequestDetails: { status: R.UpdateCopyObjectRequestDetails.Status.Terminating } }));
  t.equal(late.statusCode, 409);
  t.equal(late.serviceCode, 'IncorrectState');
  t.equal((await ociError(dis.deleteCopyObjectRequest({ workspaceId: dst, copyObjectRequestKey: copy.key!, ifMatch: 'stale' }))).statusCode, 412);
  await dis.deleteCopyObjectRequest({ workspaceId: dst, copyObjectRequestKey: copy.key!, ifMatch: finished.etag });
  t.equal((await ociError(dis.getCopyObjectRequest({ workspaceId: dst, copyObjectRequestKey: copy.key! }))).statusCode, 404);
  t.ok((await dis.getTask({ workspaceId: dst, taskKey: s.task.key! })).task, 'deleting the request keeps what it copied');
});

t.test('export and import requests: termination, overwrite, failures, paging, filters, bad input', async (t) => {
  const h = await sdkHarness(t);
  const { dis } = h;
  const ws = await h.workspace('ws');
  const s = await seed(dis, ws);

  // Terminate a running export: TERMINATING, then TERMINATED, and no file.
  const running = await dis.createExportRequest({ workspaceId: ws, createExportRequestDetails: { bucketName: 'b', fileName: 'stopped.zip' } });
  t.equal((await ociError(dis.updateExportRequest({ workspaceId: ws, exportRequestKey: running.exportRequest.key!, updateExportRequestDetails: { status: R.UpdateExportRequestDetails.Status.Terminating }, ifMatch: 'stale' }))).statusCode, 412);
  const stopping = await dis.updateExportRequest({ workspaceId: ws, exportRequestKey: running.exportRequest.key!, updateExportRequestDetails: { status: R.UpdateExportRequestDetails.Status.Terminating }, ifMatch: running.etag });
  t.equal(stopping.exportRequest.status, 'TERMINATING');
  h.clock.advance(1000);
  const stopped = await dis.getExportRequest({ workspaceId: ws, exportRequestKey: running.exportRequest.key! });
  t.equal(stopped.exportRequest.status, 'TERMINATED');
  t.ok(stopped.exportRequest.timeEndedInMillis! > stopped.exportRequest.timeStartedInMillis! && stopped.exportRequest.timeEndedInMillis! <= h.clock.now(), 'timeEndedInMillis: when it stopped');
  t.equal((await ociError(dis.createImportRequest({ workspaceId: ws, createImportRequestDetails: { bucketName: 'b', fileName: 'stopped.zip' } }))).statusCode, 400, 'a terminated export writes no file');

  // Default file name, then overwrite rules.
  const whole = (await dis.createExportRequest({ workspaceId: ws, createExportRequestDetails: { bucketName: 'b' } })).exportRequest;
  t.equal(whole.fileName, `${whole.key}.zip`, 'file name defaults to the key');
  await finish(h, () => dis.getExportRequest({ workspaceId: ws, exportRequestKey: whole.key! }));
  const exists = await ociError(dis.createExportRequest({ workspaceId: ws, createExportRequestDetails: { bucketName: 'b', fileName: whole.fileName } }));
  t.equal(exists.statusCode, 400);
  t.match(exists.message, /isObjectOverwriteEnabled/);
  const overwrite = (await dis.createExportRequest({ workspaceId: ws, createExportRequestDetails: { bucketName: 'b', fileName: whole.fileName, objectKeys: [s.pipeline.key!], isObjectOverwriteEnabled: true, areReferencesIncluded: false } })).exportRequest;
  const ow = await finish(h, () => dis.getExportRequest({ workspaceId: ws, exportRequestKey: overwrite.key! }));
  t.equal(ow.exportRequest.status, 'SUCCESSFUL');
  t.same(ow.exportRequest.exportedItems!.map((i) => i.namePath), ['Sales', 'Sales/Nightly'], 'the pipeline and the project it needs');

  // An export whose object is deleted before it runs fails, with a message.
  const doomed = (await dis.createExportRequest({ workspaceId: ws, createExportRequestDetails: { bucketName: 'b', fileName: 'doomed.zip', objectKeys: [s.fn.key!] } })).exportRequest;
  await dis.deleteUserDefinedFunction({ workspaceId: ws, userDefinedFunctionKey: s.fn.key! });
  const failed = await finish(h, () => dis.getExportRequest({ workspaceId: ws, exportRequestKey: doomed.key! }));
  t.equal(failed.exportRequest.status, 'FAILED');
  t.match(Object.values(failed.exportRequest.errorMessages!)[0], /not a project, folder/);

  // Paging across pages, status filter, name filter.
  const page1 = await dis.listExportRequests({ workspaceId: ws, limit: 2, sortBy: di.requests.ListExportRequestsRequest.SortBy.TimeCreated, sortOrder: di.requests.ListExportRequestsRequest.SortOrder.Asc });
  t.same(page1.exportRequestSummaryCollection.items.map((e) => e.fileName), ['stopped.zip', `${whole.key}.zip`]);
  const page2 = await dis.listExportRequests({ workspaceId: ws, limit: 2, page: page1.opcNextPage, sortBy: di.requests.ListExportRequestsRequest.SortBy.TimeCreated, sortOrder: di.requests.ListExportRequestsRequest.SortOrder.Asc });
  t.same(page2.exportRequestSummaryCollection.items.map((e) => e.key), [overwrite.key, doomed.key]);
  t.notOk(page2.opcNextPage);
  t.same((await dis.listExportRequests({ workspaceId: ws, exportStatus: di.requests.ListExportRequestsRequest.ExportStatus.Failed })).exportRequestSummaryCollection.items.map((e) => e.key), [doomed.key]);
  t.same((await dis.listExportRequests({ workspaceId: ws, name: 'stopped.zip' })).exportRequestSummaryCollection.items.map((e) => e.status), ['TERMINATED']);
  t.equal((await dis.listExportRequests({ workspaceId: ws, timeStartedInMillis: Date.parse('2030-01-01T00:00:00Z') })).exportRequestSummaryCollection.items.length, 0);

  // Import: terminate, list, delete, bad input.
  const imp = await dis.createImportRequest({ workspaceId: ws, createImportRequestDetails: { bucketName: 'b', fileName: whole.fileName! }, opcRetryToken: 'imp' });
  t.equal((await dis.createImportRequest({ workspaceId: ws, createImportRequestDetails: { bucketName: 'b', fileName: whole.fileName! }, opcRetryToken: 'imp' })).importRequest.key, imp.importRequest.key, 'retry token replay');
  const stop = await dis.updateImportRequest({ workspaceId: ws, importRequestKey: imp.importRequest.key!, updateImportRequestDetails: { status: R.UpdateImportRequestDetails.Status.Terminating }, ifMatch: imp.etag });
  t.equal(stop.importRequest.status, 'TERMINATING');
  h.clock.advance(10_000);
  t.equal((await dis.getImportRequest({ workspaceId: ws, importRequestKey: imp.importRequest.key! })).importRequest.status, 'TERMINATED');
  const badResolution = await ociError(dis.createImportRequest({ workspaceId: ws, createImportRequestDetails: { bucketName: 'b', fileName: whole.fileName!, importConflictResolution: { importConflictResolutionType: 'MERGE' as any } } }));
  t.equal(badResolution.statusCode, 400);
  const noFile = await ociError(dis.createImportRequest({ workspaceId: ws, createImportRequestDetails: { bucketName: 'b' } as any }));
  t.equal(noFile.statusCode, 400);
  t.equal(noFile.serviceCode, 'MissingParameter');
  const badContainer = await ociError(dis.createImportRequest({ workspaceId: ws, createImportRequestDetails: { bucketName: 'b', fileName: whole.fileName!, objectKeyForImport: s.task.key } }));
  t.equal(badContainer.statusCode, 400, 'objectKeyForImport must be a project or folder');
  const noBucket = await ociError(dis.createExportRequest({ workspaceId: ws, createExportRequestDetails: {} as any }));
  t.equal(noBucket.statusCode, 400);
  const unknownKey = await ociError(dis.createExportRequest({ workspaceId: ws, createExportRequestDetails: { bucketName: 'b', objectKeys: ['nope'] } }));
  t.equal(unknownKey.statusCode, 400);
  t.equal((await dis.listImportRequests({ workspaceId: ws })).importRequestSummaryCollection.items.length, 1, 'nothing written by the bad imports');
  t.equal((await dis.listExportRequests({ workspaceId: ws })).exportRequestSummaryCollection.items.length, 4, 'nor by the bad exports');
  const cur = await dis.getImportRequest({ workspaceId: ws, importRequestKey: imp.importRequest.key! });
  await dis.deleteImportRequest({ workspaceId: ws, importRequestKey: imp.importRequest.key!, ifMatch: cur.etag });
  t.equal((await ociError(dis.getImportRequest({ workspaceId: ws, importRequestKey: imp.importRequest.key! }))).statusCode, 404);
  await dis.deleteExportRequest({ workspaceId: ws, exportRequestKey: doomed.key! });
  t.equal((await ociError(dis.deleteExportRequest({ workspaceId: ws, exportRequestKey: doomed.key! }))).statusCode, 404);
});

t.test('data assets travel as references; an import includes them only when asked', async (t) => {
  const h = await sdkHarness(t);
  const { dis } = h;
  const src = await h.workspace('source');
  const without = await h.workspace('without-assets');
  const withAssets = await h.workspace('with-assets');
  const assetDetails: di.models.CreateDataAssetFromAdwc = {
    modelType: 'ORACLE_ADWC_DATA_ASSET',
    name: 'Warehouse',
    identifier: 'WAREHOUSE',
    serviceName: 'adw_low',
    defaultConnection: { modelType: 'ORACLE_ADWC_CONNECTION', name: 'Default', identifier: 'DEFAULT', username: 'loader' } as di.models.CreateConnectionFromAdwc,
  };
  const asset = (await dis.createDataAsset({ workspaceId: src, createDataAssetDetails: assetDetails })).dataAsset;
  const project = (await dis.createProject({ workspaceId: src, createProjectDetails: { name: 'P', identifier: 'P' } })).project;
  const taskDetails: di.models.CreateTaskFromSQLTask = {
    modelType: 'SQL_TASK',
    name: 'Refresh',
    identifier: 'REFRESH',
    registryMetadata: { aggregatorKey: project.key },
    configProviderDelegate: { bindings: { TARGET: { rootObjectValue: { key: asset.key, modelType: 'ORACLE_ADWC_DATA_ASSET' } } } },
  };
  const task = (await dis.createTask({ workspaceId: src, createTaskDetails: taskDetails })).task;

  const exp = (await dis.createExportRequest({ workspaceId: src, createExportRequestDetails: { bucketName: 'b', fileName: 'p.zip', objectKeys: [project.key!] } })).exportRequest;
  const exported = await finish(h, () => dis.getExportRequest({ workspaceId: src, exportRequestKey: exp.key! }));
  t.same(exported.exportRequest.exportedItems!.map((i) => i.objectType), ['PROJECT', 'TASK'], 'the project and its task are exported');
  const refs = JSON.parse(exported.exportRequest.referencedItems!) as Array<{ objectType: string; key: string; namePath: string }>;
  t.same(refs.map((r) => [r.objectType, r.namePath]), [['DATA_ASSET', 'Warehouse'], ['CONNECTION', 'Warehouse/Default']], 'the data asset the task uses, and its connection, as references');
  t.equal(refs[0].key, asset.key);

  const a = (await dis.createImportRequest({ workspaceId: without, createImportRequestDetails: { bucketName: 'b', fileName: 'p.zip' } })).importRequest;
  const aDone = await finish(h, () => dis.getImportRequest({ workspaceId: without, importRequestKey: a.key! }));
  t.same(aDone.importRequest.importedObjects!.map((o) => `${o.objectType} ${o.resolutionAction}`).sort(), ['CONNECTION EXCLUDED', 'DATA_ASSET EXCLUDED', 'PROJECT CREATED', 'TASK CREATED'], 'data assets EXCLUDED by default');
  t.equal((await ociError(dis.getDataAsset({ workspaceId: without, dataAssetKey: asset.key! }))).statusCode, 404, 'not imported');
  t.ok((await dis.getTask({ workspaceId: without, taskKey: task.key! })).task, 'the task is');

  const b = (await dis.createImportRequest({ workspaceId: withAssets, createImportRequestDetails: { bucketName: 'b', fileName: 'p.zip', areDataAssetReferencesIncluded: true } })).importRequest;
  const bDone = await finish(h, () => dis.getImportRequest({ workspaceId: withAssets, importRequestKey: b.key! }));
  t.ok(bDone.importRequest.importedObjects!.every((o) => o.resolutionAction === 'CREATED'), 'all created');
  const copied = (await dis.getDataAsset({ workspaceId: withAssets, dataAssetKey: asset.key! })).dataAsset as di.models.DataAssetFromAdwcDetails;
  t.same([copied.name, copied.identifier, copied.modelType, copied.serviceName], ['Warehouse', 'WAREHOUSE', 'ORACLE_ADWC_DATA_ASSET', 'adw_low']);
  t.equal((await dis.listConnections({ workspaceId: withAssets, dataAssetKey: asset.key! })).connectionSummaryCollection.items.length, 1, 'with its connection');
});
