/**
 * A task's external publications (PUBLISHING -> SUCCESSFUL on the clock)
 * and their validations through the official SDK: values, paging,
 * republish on update, etag/if-match, retry tokens, 404s, bad input.
 */
import t from 'tap';
import { COMPARTMENT, di, ociError, sdkHarness } from './sdk-harness';
import { ETAG } from '../../helpers/oci-sdk';

/** A workspace holding a project P with a data flow FLOW, and a maker of tasks in that project. */
async function projectWithFlow(t: Parameters<typeof sdkHarness>[0]) {
  const { dis, workspace, clock } = await sdkHarness(t);
  const ws = await workspace();
  const project = (await dis.createProject({ workspaceId: ws, createProjectDetails: { name: 'P', identifier: 'P' } })).project;
  const flow = (await dis.createDataFlow({ workspaceId: ws, createDataFlowDetails: { name: 'Flow', identifier: 'FLOW', registryMetadata: { aggregatorKey: project.key } } })).dataFlow;
  const createTask = async (details: Omit<di.models.CreateTaskFromIntegrationTask, 'registryMetadata'> | Omit<di.models.CreateTaskFromSQLTask, 'registryMetadata'>) =>
    (await dis.createTask({ workspaceId: ws, createTaskDetails: { ...details, registryMetadata: { aggregatorKey: project.key } } })).task;
  return { dis, clock, ws, flow, createTask };
}

t.test('external publications of a task', async (t) => {
  const { dis, clock, ws, flow, createTask } = await projectWithFlow(t);
  const task = await createTask({ modelType: 'INTEGRATION_TASK', name: 'Load', identifier: 'LOAD', dataFlow: { key: flow.key } });
  const sqlTask = await createTask({ modelType: 'SQL_TASK', name: 'Sql', identifier: 'SQL' });

  const details = { applicationCompartmentId: COMPARTMENT, displayName: 'Load on Data Flow', description: 'nightly', resourceConfiguration: { sparkVersion: '3.2.1', driverShape: 'VM.Standard2.1', executorShape: 'VM.Standard2.1', totalExecutors: 2 } };
  const res = await dis.createExternalPublication({ workspaceId: ws, taskKey: task.key!, createExternalPublicationDetails: details, opcRetryToken: 'pub-1' });
  const pub = res.externalPublication;
  t.equal(pub.status, di.models.ExternalPublication.Status.Publishing, 'PUBLISHING at first');
  t.match(pub.applicationId, /^ocid1\.dataflowapplication\.oc1\./, 'a Data Flow application is made up');
  t.same([pub.displayName, pub.name, pub.description, pub.applicationCompartmentId, pub.resourceConfiguration?.totalExecutors, pub.parentRef?.parent], ['Load on Data Flow', 'Load on Data Flow', 'nightly', COMPARTMENT, 2, task.key]);
  t.match(res.etag, ETAG);
  t.equal((await dis.createExternalPublication({ workspaceId: ws, taskKey: task.key!, createExternalPublicationDetails: details, opcRetryToken: 'pub-1' })).externalPublication.key, pub.key, 'retry token replay');
  clock.advance(3000);
  const done = await dis.getExternalPublication({ workspaceId: ws, taskKey: task.key!, externalPublicationsKey: pub.key! });
  t.equal(done.externalPublication.status, 'SUCCESSFUL', 'SUCCESSFUL on the clock');

  const second = (await dis.createExternalPublication({ workspaceId: ws, taskKey: task.key!, createExternalPublicationDetails: { applicationCompartmentId: COMPARTMENT, displayName: 'Another', applicationId: 'ocid1.dataflowapplication.oc1.iad.given' } })).externalPublication;
  t.equal(second.applicationId, 'ocid1.dataflowapplication.oc1.iad.given', 'a given application is kept');
  const p1 = await dis.listExternalPublications({ workspaceId: ws, taskKey: task.key!, limit: 1, sortBy: di.requests.ListExternalPublicationsRequest.SortBy.DisplayName });
  t.same(p1.externalPublicationSummaryCollection.items.map((p) => p.displayName), ['Another']);
  const p2 = await dis.listExternalPublications({ workspaceId: ws, taskKey: task.key!, limit: 1, page: p1.opcNextPage, sortBy: di.requests.ListExternalPublicationsRequest.SortBy.DisplayName });
  t.same(p2.externalPublicationSummaryCollection.items.map((p) => p.displayName), ['Load on Data Flow']);
  t.notOk(p2.opcNextPage);
  t.same((await dis.listExternalPublications({ workspaceId: ws, taskKey: task.key!, name: 'Another' })).externalPublicationSummaryCollection.items.map((p) => p.key), [second.key]);

  // Update republishes.
  const stale = await ociError(dis.updateExternalPublication({ workspaceId: ws, taskKey: task.key!, externalPublicationsKey: pub.key!, updateExternalPublicationDetails: { ...details, description: 'x' }, ifMatch: res.etag }));
  t.equal(stale.statusCode, 412, 'the etag changed when it finished publishing');
  const upd = await dis.updateExternalPublication({ workspaceId: ws, taskKey: task.key!, externalPublicationsKey: pub.key!, updateExternalPublicationDetails: { ...details, description: 'hourly' }, ifMatch: done.etag });
  t.same([upd.externalPublication.description, upd.externalPublication.status, upd.externalPublication.objectVersion, upd.externalPublication.applicationId], ['hourly', 'PUBLISHING', 2, pub.applicationId]);
  clock.advance(3000);
  t.equal((await dis.getExternalPublication({ workspaceId: ws, taskKey: task.key!, externalPublicationsKey: pub.key! })).externalPublication.status, 'SUCCESSFUL');

  // Bad input and wrong tasks: 400/404/409, nothing written.
  const count = async () => (await dis.listExternalPublications({ workspaceId: ws, taskKey: task.key! })).externalPublicationSummaryCollection.items.length;
  const noName = await ociError(dis.createExternalPublication({ workspaceId: ws, taskKey: task.key!, createExternalPublicationDetails: { applicationCompartmentId: COMPARTMENT } as any }));
  t.equal(noName.statusCode, 400);
  t.equal(noName.serviceCode, 'MissingParameter');
  const badConfig = await ociError(dis.createExternalPublication({ workspaceId: ws, taskKey: task.key!, createExternalPublicationDetails: { ...details, displayName: 'X', resourceConfiguration: { sparkVersion: '3' } as any } }));
  t.equal(badConfig.statusCode, 400);
  const sameName = await ociError(dis.createExternalPublication({ workspaceId: ws, taskKey: task.key!, createExternalPublicationDetails: details }));
  t.equal(sameName.statusCode, 409);
  const sql = await ociError(dis.createExternalPublication({ workspaceId: ws, taskKey: sqlTask.key!, createExternalPublicationDetails: details }));
  t.equal(sql.statusCode, 400);
  t.match(sql.message, /only INTEGRATION_TASK/);
  t.equal(await count(), 2, 'nothing written');
  t.equal((await ociError(dis.listExternalPublications({ workspaceId: ws, taskKey: 'nope' }))).statusCode, 404, 'unknown task');
  t.equal((await ociError(dis.getExternalPublication({ workspaceId: ws, taskKey: task.key!, externalPublicationsKey: 'nope' }))).statusCode, 404);

  await dis.deleteExternalPublication({ workspaceId: ws, taskKey: task.key!, externalPublicationsKey: second.key! });
  t.equal((await ociError(dis.getExternalPublication({ workspaceId: ws, taskKey: task.key!, externalPublicationsKey: second.key! }))).statusCode, 404);
  t.equal((await ociError(dis.deleteExternalPublication({ workspaceId: ws, taskKey: task.key!, externalPublicationsKey: pub.key!, ifMatch: 'stale' }))).statusCode, 412);
  t.equal(await count(), 1);
});

t.test('external publication validations', async (t) => {
  const { dis, ws, flow, createTask } = await projectWithFlow(t);
  const readyTask = await createTask({ modelType: 'INTEGRATION_TASK', name: 'Ready', identifier: 'READY', dataFlow: { key: flow.key } });
  const emptyTask = await createTask({ modelType: 'INTEGRATION_TASK', name: 'Empty', identifier: 'EMPTY' });

  const ok = await dis.createExternalPublicationValidation({ workspaceId: ws, taskKey: readyTask.key!, createExternalPublicationValidationDetails: {}, opcRetryToken: 'epv-1' });
  t.same([ok.externalPublicationValidation.totalMessageCount, ok.externalPublicationValidation.errorMessageCount], [0, 0], 'a task with a data flow can be published');
  t.same(ok.externalPublicationValidation.validationMessages, {});
  t.equal((await dis.createExternalPublicationValidation({ workspaceId: ws, taskKey: readyTask.key!, createExternalPublicationValidationDetails: {}, opcRetryToken: 'epv-1' })).externalPublicationValidation.key, ok.externalPublicationValidation.key, 'retry token replay');
  const bad = (await dis.createExternalPublicationValidation({ workspaceId: ws, taskKey: emptyTask.key!, createExternalPublicationValidationDetails: {} })).externalPublicationValidation;
  t.equal(bad.errorMessageCount, 1);
  t.same(bad.validationMessages![emptyTask.key!].map((m) => m.messageKey), ['TASK_INCOMPLETE']);

  for (let i = 0; i < 2; i++) await dis.createExternalPublicationValidation({ workspaceId: ws, taskKey: readyTask.key!, createExternalPublicationValidationDetails: {} });
  const keys: string[] = [];
  let page: string | undefined;
  let pages = 0;
  do {
    const r = await dis.listExternalPublicationValidations({ workspaceId: ws, taskKey: readyTask.key!, limit: 2, page });
    keys.push(...r.externalPublicationValidationSummaryCollection.items.map((x) => x.key!));
    page = r.opcNextPage;
    pages++;
  } while (page);
  t.equal(pages, 2, 'three validations, two per page');
  t.equal(new Set(keys).size, 3);
  t.notOk(keys.includes(bad.key!), 'validations belong to their task');

  const got = await dis.getExternalPublicationValidation({ workspaceId: ws, taskKey: emptyTask.key!, externalPublicationValidationKey: bad.key! });
  t.equal(got.externalPublicationValidation.errorMessageCount, 1);
  t.equal((await ociError(dis.getExternalPublicationValidation({ workspaceId: ws, taskKey: readyTask.key!, externalPublicationValidationKey: bad.key! }))).statusCode, 404, 'not under another task');
  const extra = await ociError(dis.createExternalPublicationValidation({ workspaceId: ws, taskKey: readyTask.key!, createExternalPublicationValidationDetails: { key: 'k', other: 1 } as any }));
  t.equal(extra.statusCode, 400, 'unknown fields are refused');
  t.equal((await ociError(dis.createExternalPublicationValidation({ workspaceId: ws, taskKey: 'nope', createExternalPublicationValidationDetails: {} }))).statusCode, 404);
  t.equal((await ociError(dis.deleteExternalPublicationValidation({ workspaceId: ws, taskKey: emptyTask.key!, externalPublicationValidationKey: bad.key!, ifMatch: 'stale' }))).statusCode, 412);
  await dis.deleteExternalPublicationValidation({ workspaceId: ws, taskKey: emptyTask.key!, externalPublicationValidationKey: bad.key!, ifMatch: got.etag });
  t.equal((await ociError(dis.getExternalPublicationValidation({ workspaceId: ws, taskKey: emptyTask.key!, externalPublicationValidationKey: bad.key! }))).statusCode, 404);
});
