/**
 * Validations of tasks, data flows, pipelines and connections, and an
 * application's detailed description.
 */
import t from 'tap';
import { activeWorkspace, buildDisApp, expectOciError } from '../../helpers/dis';

t.test('validations report structural problems and are kept', async (t) => {
  const d = await buildDisApp(t);
  const ws = await activeWorkspace(d);
  const base = `/20200430/workspaces/${ws}`;

  const bare = await d.call('POST', `${base}/taskValidations`, { modelType: 'PIPELINE_TASK', name: 'p', identifier: 'P' });
  t.equal(bare.statusCode, 200, bare.body);
  t.match(bare.json(), { modelType: 'TASK_VALIDATION', totalMessageCount: 1, errorMessageCount: 1, validationMessages: { P: [{ level: 'ERROR', messageKey: 'TASK_INCOMPLETE', validationMessage: 'A PIPELINE_TASK needs a pipeline (pipeline)' }] } });
  const ok = await d.call('POST', `${base}/taskValidations`, { modelType: 'SQL_TASK', name: 's', identifier: 'S', script: { key: 'k' } });
  t.match(ok.json(), { totalMessageCount: 0, errorMessageCount: 0, validationMessages: {} });
  const badId = await d.call('POST', `${base}/taskValidations`, { modelType: 'SQL_TASK', name: 's', identifier: 'lower', script: {}, registryMetadata: { aggregatorKey: 'nope' } });
  t.equal(badId.json().errorMessageCount, 2, 'identifier and aggregator');
  expectOciError(t, await d.call('POST', `${base}/taskValidations`, { name: 'x' }), 400, 'MissingParameter', /modelType is required/);

  const flow = await d.call('POST', `${base}/dataFlowValidations`, { name: 'f', identifier: 'F', nodes: [{ modelType: 'FLOW_NODE', operator: { modelType: 'SOURCE_OPERATOR' } }] });
  t.match(flow.json(), { modelType: 'DATA_FLOW_VALIDATION', errorMessageCount: 1, validationMessages: { F: [{ messageKey: 'MISSING_TARGET_OPERATOR' }] } });
  const pipe = await d.call('POST', `${base}/pipelineValidations`, { name: 'p', identifier: 'P', nodes: [{ operator: { modelType: 'START_OPERATOR' } }, { operator: { modelType: 'END_OPERATOR' } }] });
  t.equal(pipe.json().errorMessageCount, 0);

  const conn = await d.call('POST', `${base}/connectionValidations`, {
    dataAsset: { modelType: 'ORACLE_OBJECT_STORAGE_DATA_ASSET', name: 'os', identifier: 'OS' },
    connection: { modelType: 'ORACLE_OBJECT_STORAGE_CONNECTION', name: 'c', identifier: 'C' },
  });
  t.match(conn.json(), { modelType: 'CONNECTION_VALIDATION', validationMessage: { type: 'INFO', code: 'Success' } });
  const wrong = await d.call('POST', `${base}/connectionValidations`, { dataAsset: { modelType: 'ORACLE_ADWC_DATA_ASSET' }, connection: { modelType: 'MYSQL_CONNECTION' } });
  t.match(wrong.json().validationMessage, { type: 'ERROR', message: /does not fit a ORACLE_ADWC_DATA_ASSET/ });
  expectOciError(t, await d.call('POST', `${base}/connectionValidations`, { dataAsset: {}, connection: {}, extra: 1 }), 400, 'InvalidParameter', /extra is not an allowed property/);

  const listed = await d.call('GET', `${base}/taskValidations`);
  t.equal(listed.json().items.length, 3);
  t.equal((await d.call('GET', `${base}/taskValidations?identifier=S`)).json().items.length, 1);
  const key = bare.json().key;
  t.same((await d.call('GET', `${base}/taskValidations/${key}`)).json(), bare.json());
  expectOciError(t, await d.call('DELETE', `${base}/taskValidations/${key}`, undefined, { headers: { 'if-match': 'stale' } }), 412, 'NoEtagMatch');
  t.equal((await d.call('DELETE', `${base}/taskValidations/${key}`)).statusCode, 204);
  expectOciError(t, await d.call('GET', `${base}/taskValidations/${key}`), 404, 'NotAuthorizedOrNotFound', /Task validation .* not found/);
  expectOciError(t, await d.call('GET', `${base}/pipelineValidations/${key}`), 404, 'NotAuthorizedOrNotFound');
});

t.test("an application's detailed description: create once, update, delete", async (t) => {
  const d = await buildDisApp(t);
  const ws = await activeWorkspace(d);
  const appKey = (await d.call('POST', `/20200430/workspaces/${ws}/applications`, { name: 'App', identifier: 'APP' })).json().key;
  const url = `/20200430/workspaces/${ws}/applications/${appKey}/detailedDescription`;
  expectOciError(t, await d.call('GET', url), 404, 'NotAuthorizedOrNotFound', /has no detailed description/);
  expectOciError(t, await d.call('PUT', url, { detailedDescription: 'x' }), 404, 'NotAuthorizedOrNotFound', /create it with POST/);
  const created = await d.call('POST', url, { detailedDescription: '# Sales app', logo: 'iVBORw0KGgo=' });
  t.equal(created.statusCode, 200, created.body);
  t.match(created.json(), { modelType: 'DETAILED_DESCRIPTION', key: appKey, name: 'App', detailedDescription: '# Sales app', logo: 'iVBORw0KGgo=', objectVersion: 1 });
  expectOciError(t, await d.call('POST', url, { detailedDescription: 'again' }), 409, 'Conflict', /already has a detailed description/);
  expectOciError(t, await d.call('PUT', url, { detailedDescription: 'x' }, { headers: { 'if-match': 'stale' } }), 412, 'NoEtagMatch');
  const upd = await d.call('PUT', url, { detailedDescription: '# Sales app v2' }, { headers: { 'if-match': created.headers.etag as string } });
  t.match(upd.json(), { detailedDescription: '# Sales app v2', logo: 'iVBORw0KGgo=', objectVersion: 2 });
  t.same((await d.call('GET', url)).json(), upd.json());
  expectOciError(t, await d.call('POST', url, { colour: 'red' }), 400, 'InvalidParameter');
  t.equal((await d.call('DELETE', url)).statusCode, 204);
  expectOciError(t, await d.call('DELETE', url), 404, 'NotAuthorizedOrNotFound');
  expectOciError(t, await d.call('GET', `/20200430/workspaces/${ws}/applications/nope/detailedDescription`), 404, 'NotAuthorizedOrNotFound', /Application nope not found/);
});

t.test('data flow, pipeline and connection validations: bad bodies and queries are 400s, unknown keys 404s; nothing kept', async (t) => {
  const d = await buildDisApp(t);
  const ws = await activeWorkspace(d);
  const base = `/20200430/workspaces/${ws}`;
  const count = async (kind: string) => {
    const res = await d.call('GET', `${base}/${kind}`);
    t.equal(res.statusCode, 200, res.body);
    return res.json().items.length;
  };
  const kept = (await d.call('POST', `${base}/pipelineValidations`, { name: 'p', identifier: 'P', nodes: [] })).json().key;
  t.ok(kept, 'one pipeline validation kept');
  const before = { dataFlowValidations: await count('dataFlowValidations'), pipelineValidations: await count('pipelineValidations'), connectionValidations: await count('connectionValidations') };
  t.same(before, { dataFlowValidations: 0, pipelineValidations: 1, connectionValidations: 0 });

  for (const kind of ['dataFlowValidations', 'pipelineValidations'] as const) {
    const url = `${base}/${kind}`;
    expectOciError(t, await d.call('POST', url, { name: 'n', identifier: 'N', nodes: 'not a list' }), 400, 'InvalidParameter', /^body\.nodes must be array$/);
    expectOciError(t, await d.call('POST', url, { name: 'x'.repeat(1001), identifier: 'N' }), 400, 'InvalidParameter', /^body\.name must NOT have more than 1000 characters$/);
    expectOciError(t, await d.call('POST', url, { name: 'n', identifier: 5 }), 400, 'InvalidParameter', /^body\.identifier must be string$/);
    expectOciError(t, await d.call('POST', url, [{ name: 'n' }]), 400, 'InvalidParameter', /^body must be object$/);
    expectOciError(t, await d.call('POST', url, '{"name": '), 400, 'CannotParseRequest', /Malformed JSON body/);

    expectOciError(t, await d.call('GET', `${url}?limit=0`), 400, 'InvalidParameter', /querystring\.limit must be >= 1/);
    expectOciError(t, await d.call('GET', `${url}?sortBy=KEY`), 400, 'InvalidParameter', /querystring\.sortBy must be one of TIME_CREATED, DISPLAY_NAME, TIME_UPDATED/);
  }
  expectOciError(t, await d.call('POST', `${base}/connectionValidations`, { dataAsset: 'x', connection: {} }), 400, 'InvalidParameter', /body\.dataAsset must be object/);
  expectOciError(t, await d.call('GET', `${base}/connectionValidations?limit=1001`), 400, 'InvalidParameter', /querystring\.limit must be <= 1000/);
  expectOciError(t, await d.call('GET', `${base}/connectionValidations?sortOrder=UP`), 400, 'InvalidParameter', /querystring\.sortOrder must be one of ASC, DESC/);

  // Unknown keys (and the key of another family).
  expectOciError(t, await d.call('GET', `${base}/dataFlowValidations/nope`), 404, 'NotAuthorizedOrNotFound', /^Data flow validation nope not found in workspace /);
  expectOciError(t, await d.call('DELETE', `${base}/dataFlowValidations/nope`), 404, 'NotAuthorizedOrNotFound', /^Data flow validation nope not found/);
  expectOciError(t, await d.call('GET', `${base}/connectionValidations/nope`), 404, 'NotAuthorizedOrNotFound', /^Connection validation nope not found/);
  expectOciError(t, await d.call('DELETE', `${base}/connectionValidations/${kept}`), 404, 'NotAuthorizedOrNotFound', /^Connection validation .* not found/);
  expectOciError(t, await d.call('DELETE', `${base}/pipelineValidations/nope`), 404, 'NotAuthorizedOrNotFound', /^Pipeline validation nope not found/);

  t.same({ dataFlowValidations: await count('dataFlowValidations'), pipelineValidations: await count('pipelineValidations'), connectionValidations: await count('connectionValidations') }, before, 'no rejected create kept anything, no rejected delete removed anything');
  t.equal((await d.call('GET', `${base}/pipelineValidations/${kept}`)).statusCode, 200, 'the kept pipeline validation is still there');
});

t.test("updateApplicationDetailedDescription: a bad body is a 400 and changes nothing", async (t) => {
  const d = await buildDisApp(t);
  const ws = await activeWorkspace(d);
  const appKey = (await d.call('POST', `/20200430/workspaces/${ws}/applications`, { name: 'App', identifier: 'APP' })).json().key;
  const url = `/20200430/workspaces/${ws}/applications/${appKey}/detailedDescription`;
  const created = await d.call('POST', url, { detailedDescription: '# Sales app', logo: 'iVBORw0KGgo=' });
  t.equal(created.statusCode, 200, created.body);
  expectOciError(t, await d.call('PUT', url, { detailedDescription: 'x', colour: 'red' }), 400, 'InvalidParameter', /^body\.colour is not an allowed property$/);
  expectOciError(t, await d.call('PUT', url, { detailedDescription: 5 }), 400, 'InvalidParameter', /^body\.detailedDescription must be string$/);
  expectOciError(t, await d.call('PUT', url, { logo: ['x'] }), 400, 'InvalidParameter', /^body\.logo must be string$/);
  expectOciError(t, await d.call('PUT', url), 400, 'InvalidParameter', /Request body is required/);
  expectOciError(t, await d.call('PUT', url, 'not json'), 400, 'CannotParseRequest', /Malformed JSON body/);
  const after = await d.call('GET', url);
  t.same(after.json(), created.json(), 'the description is unchanged');
  t.equal(after.headers.etag, created.headers.etag, 'same etag');
});
