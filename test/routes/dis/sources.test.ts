/**
 * The new DIS operations over HTTP as a signed client sends them: required
 * query parameters, body validation, date bounds, and unknown containers,
 * each with an OCI error body and nothing written.
 */
import t from 'tap';
import { activeWorkspace, buildDisApp, expectOciError, pageAt, publishedTask } from '../../helpers/dis';

t.test('bad input to schemas, entity shapes, references, composite states and lineages', async (t) => {
  const d = await buildDisApp(t);
  const ws = await activeWorkspace(d);
  const base = `/20200430/workspaces/${ws}`;
  const asset = (await d.call('POST', `${base}/dataAssets`, { modelType: 'ORACLE_ATP_DATA_ASSET', name: 'ATP', identifier: 'ATP' })).json();
  const conn = asset.defaultConnection.key;

  expectOciError(t, await d.call('GET', `${base}/connections/${conn}/schemas`), 400, 'MissingParameter', /schemaResourceName/);
  const schemas = await d.call('GET', `${base}/connections/${conn}/schemas?schemaResourceName=ADMIN&limit=2`);
  t.equal(schemas.statusCode, 200);
  t.equal(schemas.json().items.length, 2);
  t.equal(schemas.headers['opc-next-page'], pageAt(2), 'more than one page');
  t.equal(Number(schemas.headers['opc-total-items']) >= 3, true);
  expectOciError(t, await d.call('GET', `${base}/connections/${conn}/schemas?schemaResourceName=ADMIN&page=garbage`), 400, 'InvalidParameter', /page token/);
  const schema = schemas.json().items[0].name;
  expectOciError(t, await d.call('GET', `${base}/connections/${conn}/schemas/${schema}/dataEntities?isPattern=maybe`), 400, 'InvalidParameter');
  expectOciError(t, await d.call('POST', `${base}/connections/${conn}/schemas/${schema}/entityShapes`, {}), 400, 'MissingParameter', /modelType/);
  expectOciError(t, await d.call('POST', `${base}/connections/${conn}/schemas/${schema}/entityShapes`, { modelType: 'SQL_ENTITY' }), 400, 'MissingParameter', /sqlQuery/);
  expectOciError(t, await d.call('POST', `${base}/connections/${conn}/schemas/${schema}/entityShapes`, { modelType: 'SQL_ENTITY', sqlQuery: 'delete from x' }), 400, 'InvalidParameter', /SELECT/);
  // A refused request records nothing, not even its retry token; a replay gets the first answer.
  const token = { headers: { 'opc-retry-token': 'shape-token' } };
  expectOciError(t, await d.call('POST', `${base}/connections/${conn}/schemas/${schema}/entityShapes`, { modelType: 'SQL_ENTITY', sqlQuery: 'select NOPE from NOWHERE' }, token), 400, 'InvalidParameter', /NOWHERE/);
  const tables = (await d.call('GET', `${base}/connections/${conn}/schemas/${schema}/dataEntities?type=TABLE`)).json().items;
  const good = { modelType: 'SQL_ENTITY', sqlQuery: `select * from ${tables[0].name}` };
  const first = await d.call('POST', `${base}/connections/${conn}/schemas/${schema}/entityShapes`, good, token);
  t.equal(first.statusCode, 200, 'the token was not taken by the refused request');
  t.equal(first.json().shape.type.elements.length, tables[0].shape.type.elements.length, 'select * has every column');
  t.same((await d.call('POST', `${base}/connections/${conn}/schemas/${schema}/entityShapes`, good, token)).json(), first.json(), 'replayed');
  expectOciError(t, await d.call('POST', `${base}/connections/${conn}/schemas/${schema}/entityShapes`, { ...good, name: 'other' }, token), 409, 'Conflict');

  // Keys of entities carry slashes: the SDK encodes them, the route decodes them.
  const entity = (await d.call('GET', `${base}/connections/${conn}/schemas/${schema}/dataEntities?limit=1`)).json().items[0];
  const got = await d.call('GET', `${base}/connections/${conn}/schemas/${schema}/dataEntities/${encodeURIComponent(entity.key)}`);
  t.equal(got.statusCode, 200);
  t.equal(got.json().key, entity.key);

  const { app, task } = await publishedTask(d, ws);
  const appBase = `${base}/applications/${app}`;

  // A task schedule's composite state: the runs it started, by status.
  const sKey = (await d.call('POST', `${appBase}/schedules`, { name: 'Hourly', identifier: 'HOURLY', frequencyDetails: { modelType: 'HOURLY', interval: 1, time: { minute: 30 } } })).json().key;
  const tsKey = (await d.call('POST', `${appBase}/taskSchedules`, { name: 'Load hourly', identifier: 'LOAD_HOURLY', scheduleRef: { key: sKey }, registryMetadata: { aggregatorKey: task }, isConcurrentAllowed: true })).json().key;
  d.advance(2 * 3600_000);
  const scheduled = await d.call('GET', `${appBase}/compositeState?aggregatorKey=${tsKey}`);
  t.equal(scheduled.statusCode, 200);
  t.equal(scheduled.json().compositeStateAggregator, 'TASK_SCHEDULE');
  t.equal(scheduled.json().name, 'Load hourly');
  const runs = (await d.call('GET', `${appBase}/taskRuns`)).json().items;
  t.ok(runs.length >= 1, 'the schedule fired');
  const counted = Object.values(scheduled.json().allStatesMap as Record<string, { parameterValue: { simpleValue: number } }>).reduce((n, s) => n + s.parameterValue.simpleValue, 0);
  t.equal(counted, runs.length, 'every run it started is counted');
  const taskState = (await d.call('GET', `${appBase}/compositeState?aggregatorKey=${task}`)).json();
  t.equal(taskState.compositeStateAggregator, 'TASK');
  expectOciError(t, await d.call('GET', `${appBase}/compositeState`), 400, 'MissingParameter', /aggregatorKey/);
  expectOciError(t, await d.call('GET', `${appBase}/taskRunLineages?timeUpdatedGreaterThan=yesterday`), 400, 'InvalidParameter', /timeUpdatedGreaterThan/);
  t.equal((await d.call('GET', `${appBase}/taskRunLineages?timeUpdatedGreaterThan=2026-01-05T09:00:00.000Z`)).statusCode, 200, 'ISO 8601 is read too');
  expectOciError(t, await d.call('PUT', `${appBase}/references/${asset.key}`, { colour: 'red' }), 400, 'InvalidParameter');
  expectOciError(t, await d.call('PUT', `${appBase}/references/${asset.key}`, {}), 404, 'NotAuthorizedOrNotFound', /data assets its published tasks use/);
  expectOciError(t, await d.call('GET', `${base}/countStatistics/nope`), 404, 'NotAuthorizedOrNotFound');
  t.same((await d.call('GET', `${appBase}/references`)).json().items, [], 'a task that names no data asset: no references');
  t.same((await d.call('GET', `${appBase}/runtimePipelines`)).json().items, [], 'no pipeline runs');
});
