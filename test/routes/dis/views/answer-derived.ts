/**
 * The third part of the every-operation check (answer.test.ts): what the
 * emulator derives from data assets and published tasks: schemas, data
 * entities, entity shapes, references, dependent objects, runtime pipelines
 * and operators, composite states, task run lineages, templates and count
 * statistics, each operation called once over HTTP.
 */
import type { DisTestApp } from '../../../helpers/dis';
import type { Check } from './answer-scenario';

export async function runDerived(d: DisTestApp, check: Check, ws: string): Promise<void> {
  const b = `/20200430/workspaces/${ws}`;
  const project = (await d.call('POST', `${b}/projects`, { name: 'Derived', identifier: 'DERIVED' })).json().key;
  const reg = { registryMetadata: { aggregatorKey: project } };
  const adw = (await d.call('POST', `${b}/dataAssets`, { modelType: 'ORACLE_ADWC_DATA_ASSET', name: 'Warehouse', identifier: 'WAREHOUSE' })).json();
  const adw2 = (await d.call('POST', `${b}/dataAssets`, { modelType: 'ORACLE_ADWC_DATA_ASSET', name: 'Warehouse 2', identifier: 'WAREHOUSE_2' })).json();
  const conn = adw.defaultConnection.key;
  const c = `${b}/connections/${conn}`;

  const schemas = await check('listSchemas', 'GET', `${c}/schemas?schemaResourceName=x`);
  const schema = schemas.items[0].name;
  await check('getSchema', 'GET', `${c}/schemas/${encodeURIComponent(schema)}`);
  const entities = await check('listDataEntities', 'GET', `${c}/schemas/${encodeURIComponent(schema)}/dataEntities?type=TABLE`);
  const entity = entities.items[0];
  await check('getDataEntity', 'GET', `${c}/schemas/${encodeURIComponent(schema)}/dataEntities/${encodeURIComponent(entity.key)}`);
  await check('createEntityShape', 'POST', `${c}/schemas/${encodeURIComponent(schema)}/entityShapes`, { modelType: 'SQL_ENTITY', sqlQuery: `select * from ${entity.name}` });

  const flow = (await d.call('POST', `${b}/dataFlows`, {
    name: 'Copy', identifier: 'COPY', ...reg,
    nodes: [{ key: 'n-src', name: 'Source', operator: { modelType: 'SOURCE_OPERATOR', key: 'op-src', name: 'Source', identifier: 'SOURCE', entity } }],
  })).json();
  const load = (await d.call('POST', `${b}/tasks`, { modelType: 'INTEGRATION_TASK', name: 'Load', identifier: 'LOAD', dataFlow: { key: flow.key }, ...reg })).json().key;
  const sql = (await d.call('POST', `${b}/tasks`, { modelType: 'SQL_TASK', name: 'Refresh', identifier: 'REFRESH', ...reg })).json().key;
  const pipeline = (await d.call('POST', `${b}/pipelines`, {
    name: 'Nightly', identifier: 'NIGHTLY', ...reg,
    nodes: [
      { key: 'n-start', name: 'START', operator: { modelType: 'START_OPERATOR', key: 'op-start', name: 'START', identifier: 'START' } },
      { key: 'n-sql', name: 'Refresh step', operator: { modelType: 'TASK_OPERATOR', key: 'op-sql', name: 'Refresh step', identifier: 'REFRESH_STEP', taskType: 'SQL_TASK', task: { key: sql, modelType: 'SQL_TASK' } } },
      { key: 'n-end', name: 'END', operator: { modelType: 'END_OPERATOR', key: 'op-end', name: 'END', identifier: 'END' } },
    ],
  })).json();
  const nightly = (await d.call('POST', `${b}/tasks`, { modelType: 'PIPELINE_TASK', name: 'Nightly run', identifier: 'NIGHTLY_RUN', pipeline: { key: pipeline.key }, ...reg })).json().key;
  const app = (await d.call('POST', `${b}/applications`, { name: 'Derived app', identifier: 'DERIVED_APP' })).json();
  const a = `${b}/applications/${app.key}`;
  await d.call('POST', `${a}/patches`, { name: 'p', identifier: 'P', patchType: 'PUBLISH', objectKeys: [load, sql, nightly] });
  d.advance(10_000);

  await check('listReferences', 'GET', `${a}/references`);
  await check('getReference', 'GET', `${a}/references/${adw.key}`);
  await check('updateReference', 'PUT', `${a}/references/${adw.key}`, { targetObject: { key: adw2.key }, childReferences: [{ key: conn, targetObject: { key: adw2.defaultConnection.key } }] });
  await check('listDependentObjects', 'GET', `${a}/dependentObjects`);
  await check('getDependentObject', 'GET', `${a}/dependentObjects/${flow.key}`);

  const run = (await d.call('POST', `${a}/taskRuns`, { registryMetadata: { aggregatorKey: nightly } })).json();
  const loadRun = (await d.call('POST', `${a}/taskRuns`, { registryMetadata: { aggregatorKey: load } })).json();
  d.advance(4_000);
  await check('listRuntimePipelines', 'GET', `${a}/runtimePipelines`);
  await check('getRuntimePipeline', 'GET', `${a}/runtimePipelines/${run.key}`);
  const ops = await check('listRuntimeOperators', 'GET', `${a}/runtimePipelines/${run.key}/runtimeOperators`);
  await check('getRuntimeOperator', 'GET', `${a}/runtimePipelines/${run.key}/runtimeOperators/${ops.items[0].key}`);
  await check('getCompositeState', 'GET', `${a}/compositeState?aggregatorKey=${nightly}`);
  d.advance(120_000);
  const lineages = await check('listTaskRunLineages', 'GET', `${a}/taskRunLineages`);
  if (!lineages.items.some((l: { key: string }) => l.key === loadRun.key)) throw new Error('the finished integration run has a lineage');
  await check('listDisApplicationTaskRunLineages', 'GET', `${b}/disApplications/${app.id}/taskRunLineages`);

  const templates = await check('listTemplates', 'GET', `${b}/templates`);
  await check('getTemplate', 'GET', `${b}/templates/${templates.items[0].id}`);
  await check('getCountStatistic', 'GET', `${b}/countStatistics/${project}`);
}
