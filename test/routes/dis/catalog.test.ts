/**
 * Projects, folders, tasks, data flows and pipelines: shapes, parents,
 * identifiers, optimistic locking, cascades, filters and the seed's singular
 * /workspace/{id}/projects alias.
 */
import t from 'tap';
import { ETAG, activeWorkspace, buildDisApp, expectOciError, type DisTestApp } from '../../helpers/dis';

async function setup(t: Parameters<typeof buildDisApp>[0]): Promise<{ d: DisTestApp; base: string; ws: string }> {
  const d = await buildDisApp(t);
  const ws = await activeWorkspace(d);
  return { d, ws, base: `/20200430/workspaces/${ws}` };
}

t.test('the seed: oci raw-request POST /20200430/workspace/{id}/projects (singular) creates a project', async (t) => {
  const { d, ws, base } = await setup(t);
  const res = await d.call('POST', `/20200430/workspace/${ws}/projects`, { name: 'MyProject', identifier: 'MY_PROJECT' });
  t.equal(res.statusCode, 200, res.body);
  const p = res.json();
  t.match(p, {
    key: /^[0-9a-f-]{36}$/,
    modelType: 'PROJECT',
    name: 'MyProject',
    identifier: 'MY_PROJECT',
    objectVersion: 1,
    objectStatus: 8,
    parentRef: { parent: null },
    metadata: { createdBy: 'ocid1.user.oc1..aaaaaaaatestuser', timeCreated: '2026-01-05T09:01:00.000Z', aggregatorKey: null, identifierPath: 'MY_PROJECT' },
  });
  t.match(res.headers.etag, ETAG);
  const listed = await d.call('GET', `${base}/projects`);
  t.same(listed.json().items.map((x: { key: string }) => x.key), [p.key], '{"items": [...]} collection');
  t.equal(listed.headers['opc-total-items'], '1');
  t.same((await d.call('GET', `/20200430/workspace/${ws}/projects`)).json(), listed.json(), 'GET alias too');
});

t.test('bad project bodies: 400 with the field named, nothing written', async (t) => {
  const { d, base } = await setup(t);
  expectOciError(t, await d.call('POST', `${base}/projects`, { name: 'x' }), 400, 'MissingParameter', /body\.identifier is required/);
  expectOciError(t, await d.call('POST', `${base}/projects`, { name: 'x', identifier: 'lower_case' }), 400, 'InvalidParameter', /identifier 'lower_case' is invalid: it can only contain upper case letters, underscores and numbers/);
  expectOciError(t, await d.call('POST', `${base}/projects`, { name: 'x', identifier: '9START' }), 400, 'InvalidParameter', /must begin with an upper case letter or underscore/);
  expectOciError(t, await d.call('POST', `${base}/projects`, { name: 'x'.repeat(1001), identifier: 'X' }), 400, 'InvalidParameter', /name must NOT have more than 1000 characters/);
  expectOciError(t, await d.call('POST', `${base}/projects`, { name: 'x', identifier: 'X', owner: 'me' }), 400, 'InvalidParameter', /body\.owner is not an allowed property/);
  expectOciError(t, await d.call('POST', `${base}/projects`, { name: 7, identifier: 'X' }), 400, 'InvalidParameter', /body\.name must be string/);
  const res = await d.call('POST', `${base}/projects`, 'name=x', { headers: { 'content-type': 'text/plain' } });
  t.equal(res.statusCode, 401, 'a non-JSON body cannot be hash-checked');
  t.same((await d.call('GET', `${base}/projects`)).json().items, []);
  await d.call('POST', `${base}/projects`, { name: 'one', identifier: 'ONE' });
  expectOciError(t, await d.call('POST', `${base}/projects`, { name: 'two', identifier: 'ONE' }), 409, 'Conflict', /A project with identifier ONE already exists in workspace/);
  expectOciError(t, await d.call('GET', `${base}/projects/nope`), 404, 'NotAuthorizedOrNotFound', /Project nope not found/);
  expectOciError(t, await d.call('GET', '/20200430/workspaces/ocid1.disworkspace.oc1.iad.none/projects'), 404, 'NotAuthorizedOrNotFound', /Workspace .* not found/);
});

t.test('folders and tasks hang off projects and folders; update needs the current objectVersion and etag', async (t) => {
  const { d, base } = await setup(t);
  const project = (await d.call('POST', `${base}/projects`, { name: 'Proj', identifier: 'PROJ' })).json();
  expectOciError(t, await d.call('POST', `${base}/folders`, { name: 'f', identifier: 'F' }), 400, 'MissingParameter', /registryMetadata is required/);
  expectOciError(t, await d.call('POST', `${base}/folders`, { name: 'f', identifier: 'F', registryMetadata: {} }), 400, 'MissingParameter', /registryMetadata\.aggregatorKey is required/);
  expectOciError(t, await d.call('POST', `${base}/folders`, { name: 'f', identifier: 'F', registryMetadata: { aggregatorKey: 'nope' } }), 400, 'RelatedResourceNotAuthorizedOrNotFound', /aggregatorKey 'nope' is not a project or folder/);
  const folder = (await d.call('POST', `${base}/folders`, { name: 'Staging', identifier: 'STAGING', registryMetadata: { aggregatorKey: project.key } })).json();
  t.match(folder, { modelType: 'FOLDER', parentRef: { parent: project.key }, metadata: { aggregatorKey: project.key, aggregator: { type: 'PROJECT', key: project.key, name: 'Proj' }, identifierPath: 'PROJ/STAGING' } });
  const sub = (await d.call('POST', `${base}/folders`, { name: 'Sub', identifier: 'SUB', registryMetadata: { aggregatorKey: folder.key } })).json();
  t.equal(sub.metadata.identifierPath, 'PROJ/STAGING/SUB');

  const types = ['INTEGRATION_TASK', 'DATA_LOADER_TASK', 'PIPELINE_TASK', 'SQL_TASK', 'OCI_DATAFLOW_TASK', 'REST_TASK'];
  for (const [i, modelType] of types.entries()) {
    const res = await d.call('POST', `${base}/tasks`, { modelType, name: `Task ${i}`, identifier: `T${i}`, registryMetadata: { aggregatorKey: i % 2 ? folder.key : project.key }, ...(modelType === 'REST_TASK' ? { methodType: 'POST', apiCallMode: 'SYNCHRONOUS' } : {}) });
    t.equal(res.statusCode, 200, `${modelType} created`);
    t.equal(res.json().modelType, modelType);
  }
  expectOciError(t, await d.call('POST', `${base}/tasks`, { modelType: 'MAGIC_TASK', name: 'm', identifier: 'M', registryMetadata: { aggregatorKey: project.key } }), 400, 'InvalidParameter', /modelType must be one of INTEGRATION_TASK/);
  const restTask = (await d.call('GET', `${base}/tasks?type=REST_TASK`)).json().items[0];
  t.match(restTask, { modelType: 'REST_TASK', methodType: 'POST', apiCallMode: 'SYNCHRONOUS' }, 'subtype fields kept');
  t.equal((await d.call('GET', `${base}/tasks?folderId=${folder.key}`)).json().items.length, 3, 'folderId filter');
  t.equal((await d.call('GET', `${base}/tasks?type=SQL_TASK&type=REST_TASK`)).json().items.length, 2, 'repeated type filter');
  t.equal((await d.call('GET', `${base}/tasks?identifier=T0&identifier=T1`)).json().items.length, 2, 'identifier filter');
  t.equal((await d.call('GET', `${base}/folders?aggregatorKey=${folder.key}`)).json().items.length, 1, 'aggregatorKey filter');

  const task = (await d.call('GET', `${base}/tasks?identifier=T0`)).json().items[0];
  const got = await d.call('GET', `${base}/tasks/${task.key}?expandReferences=true`);
  const etag = got.headers.etag as string;
  expectOciError(t, await d.call('PUT', `${base}/tasks/${task.key}`, { key: task.key, modelType: 'INTEGRATION_TASK' }), 400, 'MissingParameter', /objectVersion is required/);
  expectOciError(t, await d.call('PUT', `${base}/tasks/${task.key}`, { key: 'other', modelType: 'INTEGRATION_TASK', objectVersion: 1 }), 400, 'InvalidParameter', /body\.key 'other' does not match/);
  expectOciError(t, await d.call('PUT', `${base}/tasks/${task.key}`, { key: task.key, modelType: 'SQL_TASK', objectVersion: 1 }), 400, 'InvalidParameter', /cannot be changed/);
  expectOciError(t, await d.call('PUT', `${base}/tasks/${task.key}`, { key: task.key, modelType: 'INTEGRATION_TASK', objectVersion: 7 }), 409, 'Conflict', /objectVersion 7 is not the current version \(1\)/);
  const upd = await d.call('PUT', `${base}/tasks/${task.key}`, { key: task.key, modelType: 'INTEGRATION_TASK', objectVersion: 1, name: 'Renamed', description: 'now described' }, { headers: { 'if-match': etag } });
  t.equal(upd.statusCode, 200, upd.body);
  t.match(upd.json(), { name: 'Renamed', description: 'now described', objectVersion: 2, identifier: 'T0' });
  t.equal(upd.json().metadata.timeCreated, task.metadata.timeCreated, 'timeCreated kept');
  expectOciError(t, await d.call('PUT', `${base}/tasks/${task.key}`, { key: task.key, modelType: 'INTEGRATION_TASK', objectVersion: 2, name: 'x' }, { headers: { 'if-match': etag } }), 412, 'NoEtagMatch');
  expectOciError(t, await d.call('DELETE', `${base}/tasks/${task.key}`, undefined, { headers: { 'if-match': etag } }), 412, 'NoEtagMatch');
  t.equal((await d.call('GET', `${base}/tasks/${task.key}`)).json().name, 'Renamed', 'the stale delete deleted nothing');

  // Move a task to another folder by changing its aggregator.
  const moved = await d.call('PUT', `${base}/tasks/${task.key}`, { key: task.key, modelType: 'INTEGRATION_TASK', objectVersion: 2, registryMetadata: { aggregatorKey: sub.key } });
  t.equal(moved.json().parentRef.parent, sub.key);

  const counted = (await d.call('GET', `${base}/projects/${project.key}?projection=CHILD_COUNT_STATISTICS`)).json();
  t.same(counted.metadata.countStatistics.objectTypeCountList.sort((a: any, b: any) => a.objectType.localeCompare(b.objectType)), [{ objectType: 'FOLDER', objectCount: 1 }, { objectType: 'TASK', objectCount: 2 }], 'direct children (T0 moved to the sub-folder)');

  // Deleting the project deletes what it holds.
  const del = await d.call('DELETE', `${base}/projects/${project.key}`);
  t.equal(del.statusCode, 204);
  t.same((await d.call('GET', `${base}/folders`)).json().items, []);
  t.same((await d.call('GET', `${base}/tasks`)).json().items, []);
});

t.test('data flows and pipelines', async (t) => {
  const { d, base } = await setup(t);
  const project = (await d.call('POST', `${base}/projects`, { name: 'Proj', identifier: 'PROJ' })).json();
  const flow = await d.call('POST', `${base}/dataFlows`, { name: 'Flow', identifier: 'FLOW', registryMetadata: { aggregatorKey: project.key }, nodes: [{ modelType: 'SOURCE_OPERATOR', name: 'src' }] });
  t.equal(flow.statusCode, 200);
  t.match(flow.json(), { modelType: 'DATA_FLOW', nodes: [{ modelType: 'SOURCE_OPERATOR' }] });
  const pipe = await d.call('POST', `${base}/pipelines`, { name: 'Pipe', identifier: 'PIPE', registryMetadata: { aggregatorKey: project.key }, variables: [] });
  t.equal(pipe.json().modelType, 'PIPELINE');
  t.equal((await d.call('GET', `${base}/dataFlows?folderId=${project.key}`)).json().items.length, 1);
  t.equal((await d.call('GET', `${base}/pipelines?aggregatorKey=${project.key}`)).json().items.length, 1);
  const upd = await d.call('PUT', `${base}/pipelines/${pipe.json().key}`, { key: pipe.json().key, modelType: 'PIPELINE', objectVersion: 1, description: 'nightly' });
  t.equal(upd.json().description, 'nightly');
  t.equal((await d.call('DELETE', `${base}/dataFlows/${flow.json().key}`)).statusCode, 204);
  expectOciError(t, await d.call('GET', `${base}/dataFlows/${flow.json().key}`), 404, 'NotAuthorizedOrNotFound');
});

t.test('lists: filters, sorting, paging with prev/next/total', async (t) => {
  const { d, base } = await setup(t);
  for (const [name, id] of [['Beta', 'B'], ['alpha', 'A'], ['Gamma ray', 'G']]) {
    await d.call('POST', `${base}/projects`, { name, identifier: id });
    d.advance(1000);
  }
  const names = async (q: string) => (await d.call('GET', `${base}/projects${q}`)).json().items.map((p: { name: string }) => p.name);
  t.same(await names(''), ['Gamma ray', 'alpha', 'Beta'], 'newest first');
  t.same(await names('?sortBy=TIME_CREATED&sortOrder=ASC'), ['Beta', 'alpha', 'Gamma ray']);
  t.same(await names('?sortBy=DISPLAY_NAME'), ['alpha', 'Beta', 'Gamma ray']);
  t.same(await names('?nameContains=RAY'), ['Gamma ray'], 'nameContains is case-insensitive');
  t.same(await names('?name=Beta'), ['Beta']);
  const p1 = await d.call('GET', `${base}/projects?limit=2&sortBy=DISPLAY_NAME`);
  t.equal(p1.headers['opc-total-items'], '3');
  const p2 = await d.call('GET', `${base}/projects?limit=2&sortBy=DISPLAY_NAME&page=${p1.headers['opc-next-page']}`);
  t.same(p2.json().items.map((p: { name: string }) => p.name), ['Gamma ray']);
  const back = await d.call('GET', `${base}/projects?limit=2&sortBy=DISPLAY_NAME&page=${p2.headers['opc-prev-page']}`);
  t.same(back.json(), p1.json(), 'opc-prev-page goes back');
});
