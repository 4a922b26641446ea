/**
 * `fields` on DIS lists and `expandReferences` on getTask, getDataFlow,
 * getPipeline and getPublishedObject: applied with values, checked, and the
 * answers still what the SDK models accept.
 */
import t from 'tap';
import { activeWorkspace, buildDisApp, expectOciError } from '../../../helpers/dis';
import { operationErrors } from '../sdk-model';

t.test('fields selects the fields of each listed item (repeated or comma-separated); unknown names are 400s', async (t) => {
  const d = await buildDisApp(t);
  const ws = await activeWorkspace(d);
  const b = `/20200430/workspaces/${ws}`;
  const project = (await d.call('POST', `${b}/projects`, { name: 'P', identifier: 'P', description: 'the project' })).json();
  await d.call('POST', `${b}/tasks`, { modelType: 'INTEGRATION_TASK', name: 'T1', identifier: 'T1', description: 'first', registryMetadata: { aggregatorKey: project.key } });
  await d.call('POST', `${b}/tasks`, { modelType: 'REST_TASK', name: 'T2', identifier: 'T2', registryMetadata: { aggregatorKey: project.key } });

  const repeated = await d.call('GET', `${b}/tasks?fields=name&fields=identifier&sortBy=DISPLAY_NAME&sortOrder=ASC`);
  t.equal(repeated.statusCode, 200, repeated.body);
  const items = repeated.json().items;
  t.same(items.map((i: object) => Object.keys(i).sort()), [['identifier', 'key', 'modelType', 'name'], ['identifier', 'key', 'modelType', 'name']], 'key and modelType are always kept');
  t.same(items.map((i: { name: string; modelType: string }) => [i.name, i.modelType]), [['T1', 'INTEGRATION_TASK'], ['T2', 'REST_TASK']]);
  t.same(operationErrors('listTasks', repeated.json()), [], 'a projected list is still a TaskSummaryCollection');
  t.equal(repeated.headers['opc-total-items'], '2', 'paging is unchanged');

  const comma = await d.call('GET', `${b}/projects?fields=name,description`);
  t.same(comma.json().items, [{ key: project.key, modelType: 'PROJECT', name: 'P', description: 'the project' }]);
  const all = await d.call('GET', `${b}/projects`);
  t.ok(Object.keys(all.json().items[0]).length > 4, 'without fields, items are whole summaries');

  expectOciError(t, await d.call('GET', `${b}/tasks?fields=name&fields=colour`), 400, 'InvalidParameter', /fields names a field the items of listTasks do not have: colour; available: .*identifier.*name/);
  expectOciError(t, await d.call('GET', `${b}/projects?fields=,`), 400, 'InvalidParameter', /fields must name at least one field/);
  const subtypeField = await d.call('GET', `${b}/tasks?fields=dataFlow`);
  t.equal(subtypeField.statusCode, 200, 'a field of one subtype (TaskSummaryFromIntegrationTask.dataFlow) may be asked for');
});

t.test('expandReferences=true replaces references with the objects; false keeps the shallow ones', async (t) => {
  const d = await buildDisApp(t);
  const ws = await activeWorkspace(d);
  const b = `/20200430/workspaces/${ws}`;
  const project = (await d.call('POST', `${b}/projects`, { name: 'P', identifier: 'P' })).json().key;
  const reg = { registryMetadata: { aggregatorKey: project } };
  const flow = (await d.call('POST', `${b}/dataFlows`, { name: 'Flow', identifier: 'FLOW', description: 'moves rows', ...reg })).json();
  const task = (await d.call('POST', `${b}/tasks`, { modelType: 'INTEGRATION_TASK', name: 'T', identifier: 'T', dataFlow: { key: flow.key, modelType: 'DATA_FLOW' }, ...reg })).json();
  const pipeline = (await d.call('POST', `${b}/pipelines`, {
    name: 'PL', identifier: 'PL', ...reg,
    nodes: [{ key: 'n1', modelType: 'FLOW_NODE', name: 'run T', operator: { modelType: 'TASK_OPERATOR', key: 'op1', name: 'run T', task: { key: task.key, modelType: 'INTEGRATION_TASK' } } }],
  })).json();

  const shallow = await d.call('GET', `${b}/tasks/${task.key}`);
  t.same(shallow.json().dataFlow, { key: flow.key, modelType: 'DATA_FLOW' }, 'by default the reference is what was stored');
  t.same((await d.call('GET', `${b}/tasks/${task.key}?expandReferences=false`)).json().dataFlow, { key: flow.key, modelType: 'DATA_FLOW' });
  const expanded = await d.call('GET', `${b}/tasks/${task.key}?expandReferences=true`);
  t.equal(expanded.statusCode, 200, expanded.body);
  t.match(expanded.json().dataFlow, { key: flow.key, name: 'Flow', identifier: 'FLOW', description: 'moves rows', objectVersion: 1, modelType: 'DATA_FLOW' });
  t.same(operationErrors('getTask', expanded.json()), [], 'and the expanded object follows the DataFlow model');
  t.equal(expanded.headers.etag, shallow.headers.etag, 'the etag is the object\'s, expanded or not');

  const pl = await d.call('GET', `${b}/pipelines/${pipeline.key}?expandReferences=TRUE`);
  const opTask = pl.json().nodes[0].operator.task;
  t.match(opTask, { key: task.key, name: 'T', identifier: 'T' }, 'the operator\'s task is expanded');
  t.match(opTask.dataFlow, { key: flow.key, name: 'Flow' }, 'and so is that task\'s data flow, recursively');
  t.same(operationErrors('getPipeline', pl.json()), []);
  t.same((await d.call('GET', `${b}/pipelines/${pipeline.key}`)).json().nodes[0].operator.task, { key: task.key, modelType: 'INTEGRATION_TASK' });

  const appKey = (await d.call('POST', `${b}/applications`, { name: 'A', identifier: 'A' })).json().key;
  await d.call('POST', `${b}/applications/${appKey}/patches`, { name: 'p', identifier: 'P', patchType: 'PUBLISH', objectKeys: [task.key] });
  const published = await d.call('GET', `${b}/applications/${appKey}/publishedObjects/${task.key}?expandReferences=true`);
  t.equal(published.statusCode, 200, published.body);
  t.match(published.json().dataFlow, { key: flow.key, name: 'Flow' }, 'published tasks expand their data flow');

  // A dangling reference stays as it is.
  const lonely = (await d.call('POST', `${b}/tasks`, { modelType: 'INTEGRATION_TASK', name: 'L', identifier: 'L', dataFlow: { key: 'gone' }, ...reg })).json();
  t.same((await d.call('GET', `${b}/tasks/${lonely.key}?expandReferences=true`)).json().dataFlow, { key: 'gone' });
  expectOciError(t, await d.call('GET', `${b}/tasks/${task.key}?expandReferences=maybe`), 400, 'InvalidParameter', /expandReferences must be true or false, got 'maybe'/);
  t.ok((await d.call('GET', `${b}/dataFlows/${flow.key}?expandReferences=true`)).statusCode === 200, 'getDataFlow accepts it too');
});
