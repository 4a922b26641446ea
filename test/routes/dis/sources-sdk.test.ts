/**
 * Through the official SDK: simulated schemas and data entities of
 * connections (stable across calls and across emulators with the same seed,
 * realistic per source type), entity shapes of files and SQL queries,
 * templates and count statistics.
 */
import t from 'tap';
import * as di from 'oci-dataintegration';
import { allPages, ociError, sdkEmulator, type SdkEmulator } from './sdk-client';
import { SDK_REQUEST_ID } from '../../helpers/oci-sdk';

async function assets(e: SdkEmulator, ws: string) {
  const adw = (await e.dis.createDataAsset({ workspaceId: ws, createDataAssetDetails: { modelType: 'ORACLE_ADWC_DATA_ASSET', name: 'Warehouse', identifier: 'WAREHOUSE' } as di.models.CreateDataAssetFromAdwc })).dataAsset;
  const os = (await e.dis.createDataAsset({ workspaceId: ws, createDataAssetDetails: { modelType: 'ORACLE_OBJECT_STORAGE_DATA_ASSET', name: 'Lake', identifier: 'LAKE' } as di.models.CreateDataAssetFromObjectStorage })).dataAsset;
  const mysql = (await e.dis.createDataAsset({ workspaceId: ws, createDataAssetDetails: { modelType: 'MYSQL_DATA_ASSET', name: 'Shop DB', identifier: 'SHOP_DB' } as di.models.CreateDataAssetFromMySQL })).dataAsset;
  const conn = (a: di.models.DataAsset) => (a as di.models.DataAssetFromAdwcDetails).defaultConnection!.key!;
  return { adw: conn(adw), os: conn(os), mysql: conn(mysql) };
}

t.test('schemas and data entities: realistic per source type, paged, stable', async (t) => {
  const e = await sdkEmulator(t);
  const ws = await e.workspace();
  const conn = await assets(e, ws);
  const dis = e.dis;

  const adwSchemas = (await dis.listSchemas({ workspaceId: ws, connectionKey: conn.adw, schemaResourceName: 'ADMIN' })).schemaSummaryCollection.items;
  t.ok(adwSchemas.length >= 3 && adwSchemas.length <= 5, `3-5 schemas (${adwSchemas.length})`);
  t.ok(adwSchemas.every((s) => /^[A-Z_]+$/.test(s.name!) && s.modelType === 'SCHEMA' && s.defaultConnection === conn.adw), 'Oracle schema names, upper case, on this connection');
  t.same(adwSchemas.map((s) => s.name), [...adwSchemas.map((s) => s.name)].sort(), 'listed by name');
  const schema = adwSchemas[0].name!;
  const got = (await dis.getSchema({ workspaceId: ws, connectionKey: conn.adw, schemaResourceName: schema })).schema;
  t.same(got, adwSchemas[0], 'getSchema returns what the list showed');

  const entities = (await dis.listDataEntities({ workspaceId: ws, connectionKey: conn.adw, schemaResourceName: schema })).dataEntitySummaryCollection.items as di.models.DataEntitySummaryFromTable[];
  t.ok(entities.length >= 5, `tables and a view (${entities.length})`);
  t.ok(entities.some((x) => x.modelType === 'VIEW_ENTITY' && x.entityType === 'VIEW'), 'a view');
  const table = entities.find((x) => x.modelType === 'TABLE_ENTITY' && x.foreignKeys?.length) ?? entities.find((x) => x.modelType === 'TABLE_ENTITY')!;
  t.equal(table.entityType, 'TABLE');
  t.equal(table.resourceName, `${schema}.${table.name}`);
  const fields = (table.shape!.type as di.models.CompositeType).elements as di.models.ShapeField[];
  t.ok(fields.length >= 4, 'columns');
  t.ok(fields.every((f) => f.modelType === 'SHAPE_FIELD' && /^(NUMBER|VARCHAR2|DATE|TIMESTAMP|CLOB|CHAR)$/.test(f.type.name) && f.type.typeSystemName === 'ORACLE'), 'Oracle native types');
  t.equal(table.uniqueKeys![0].modelType, 'PRIMARY_KEY');
  t.ok(table.uniqueKeys![0].attributeRefs!.length >= 1);
  const varchar = fields.find((f) => f.type.name === 'VARCHAR2');
  if (varchar) t.ok(varchar.configValues?.configParamValues?.length?.intValue! > 0, 'VARCHAR2 has its length');

  const full = (await dis.getDataEntity({ workspaceId: ws, connectionKey: conn.adw, schemaResourceName: schema, dataEntityKey: table.key! })).dataEntity;
  t.same(full, table, 'getDataEntity by key');
  const byName = (await dis.getDataEntity({ workspaceId: ws, connectionKey: conn.adw, schemaResourceName: schema, dataEntityKey: table.name! })).dataEntity;
  t.equal((byName as di.models.DataEntityFromTable).key, table.key, 'and by name');

  // Paging: two per page across every page gives the same list.
  const paged = await allPages(async (page) => {
    const r = await dis.listDataEntities({ workspaceId: ws, connectionKey: conn.adw, schemaResourceName: schema, limit: 2, page });
    return { items: r.dataEntitySummaryCollection.items, next: r.opcNextPage };
  });
  t.equal(paged.pages, Math.ceil(entities.length / 2));
  t.same(paged.items.map((x) => (x as di.models.DataEntitySummaryFromTable).key), entities.map((x) => x.key), 'pages add up to the list');

  // Filters.
  const views = (await dis.listDataEntities({ workspaceId: ws, connectionKey: conn.adw, schemaResourceName: schema, type: 'VIEW' })).dataEntitySummaryCollection.items;
  t.ok(views.length === 1 && views[0].modelType === 'VIEW_ENTITY', 'type=VIEW');
  const pattern = (await dis.listDataEntities({ workspaceId: ws, connectionKey: conn.adw, schemaResourceName: schema, name: `${table.name!.slice(0, 3).toLowerCase()}%`, isPattern: true })).dataEntitySummaryCollection.items;
  t.ok(pattern.some((x) => (x as di.models.DataEntitySummaryFromTable).key === table.key), 'isPattern with %');

  // Object Storage: buckets and files with formats.
  const buckets = (await dis.listSchemas({ workspaceId: ws, connectionKey: conn.os, schemaResourceName: 'ocid1.compartment.oc1..x' })).schemaSummaryCollection.items;
  t.ok(buckets.every((b) => /^[a-z-]+$/.test(b.name!) && b.isHasContainers === true), 'bucket names');
  const files = (await dis.listDataEntities({ workspaceId: ws, connectionKey: conn.os, schemaResourceName: buckets[0].name! })).dataEntitySummaryCollection.items as di.models.DataEntitySummaryFromFile[];
  t.ok(files.length >= 4 && files.every((f) => f.modelType === 'FILE_ENTITY' && f.entityType === 'FILE' && /\.(csv|json|parquet)$/.test(f.name!)), 'files');
  t.ok(files.every((f) => f.dataFormat?.type === f.name!.split('.').pop()!.toUpperCase()), 'dataFormat matches the extension');

  // MySQL: lower-case databases and tables, MySQL types.
  const dbs = (await dis.listSchemas({ workspaceId: ws, connectionKey: conn.mysql, schemaResourceName: 'x' })).schemaSummaryCollection.items;
  const mysqlTables = (await dis.listDataEntities({ workspaceId: ws, connectionKey: conn.mysql, schemaResourceName: dbs[0].name! })).dataEntitySummaryCollection.items as di.models.DataEntitySummaryFromTable[];
  t.ok(mysqlTables.every((x) => x.name === x.name!.toLowerCase()), 'lower-case names');
  const types = mysqlTables.flatMap((x) => ((x.shape!.type as di.models.CompositeType).elements as di.models.ShapeField[]).map((f) => f.type.name));
  t.ok(types.every((ty: string) => ['BIGINT', 'INT', 'VARCHAR', 'DECIMAL', 'DATE', 'DATETIME', 'TEXT', 'TINYINT'].includes(ty)), 'MySQL types');

  // Stable across calls.
  const again = (await dis.listDataEntities({ workspaceId: ws, connectionKey: conn.adw, schemaResourceName: schema })).dataEntitySummaryCollection.items;
  t.same(again, entities, 'same entities on a second call');

  // 404s.
  t.equal((await ociError(dis.listSchemas({ workspaceId: ws, connectionKey: 'no-such-connection', schemaResourceName: 'x' }))).statusCode, 404);
  const noSchema = await ociError(dis.getSchema({ workspaceId: ws, connectionKey: conn.adw, schemaResourceName: 'NOPE' }));
  t.equal(noSchema.statusCode, 404);
  t.equal(noSchema.serviceCode, 'NotAuthorizedOrNotFound');
  t.match(noSchema.message, new RegExp(schema));
  t.equal((await ociError(dis.getDataEntity({ workspaceId: ws, connectionKey: conn.adw, schemaResourceName: schema, dataEntityKey: 'NOPE' }))).statusCode, 404);
  t.equal((await ociError(dis.listDataEntities({ workspaceId: ws, connectionKey: conn.adw, schemaResourceName: 'NOPE' }))).statusCode, 404);
});

t.test('the same seed gives the same catalog in two emulators', async (t) => {
  const snapshot = async () => {
    const e = await sdkEmulator(t, { seed: 7 });
    const ws = await e.workspace();
    const conn = await assets(e, ws);
    const schemas = (await e.dis.listSchemas({ workspaceId: ws, connectionKey: conn.adw, schemaResourceName: 'ADMIN' })).schemaSummaryCollection.items;
    const entities = (await e.dis.listDataEntities({ workspaceId: ws, connectionKey: conn.adw, schemaResourceName: schemas[1].name! })).dataEntitySummaryCollection.items;
    return { conn, schemas, entities };
  };
  const a = await snapshot();
  const b = await snapshot();
  t.same(a.conn, b.conn, 'same connection keys');
  t.same(b.schemas, a.schemas, 'same schemas');
  t.same(b.entities, a.entities, 'same entities, fields and keys');
  const other = await sdkEmulator(t, { seed: 8 });
  const ws = await other.workspace();
  const conn = await assets(other, ws);
  t.not(conn.adw, a.conn.adw, 'another seed, another connection key');
});

t.test('createEntityShape: files, SQL queries, bad input', async (t) => {
  const e = await sdkEmulator(t);
  const ws = await e.workspace();
  const conn = await assets(e, ws);
  const dis = e.dis;
  const bucket = (await dis.listSchemas({ workspaceId: ws, connectionKey: conn.os, schemaResourceName: 'x' })).schemaSummaryCollection.items[0].name!;
  const files = (await dis.listDataEntities({ workspaceId: ws, connectionKey: conn.os, schemaResourceName: bucket })).dataEntitySummaryCollection.items as di.models.DataEntitySummaryFromFile[];
  const file = files[0];
  const csv: di.models.CreateEntityShapeFromFile = {
    modelType: 'FILE_ENTITY',
    name: file.name,
    resourceName: file.name,
    dataFormat: { type: di.models.DataFormat.Type.Csv, formatAttribute: { modelType: 'CSV_FORMAT', hasHeader: false, delimiter: ';' } as di.models.CsvFormatAttribute },
  };
  const shape = (await dis.createEntityShape({ workspaceId: ws, connectionKey: conn.os, schemaResourceName: bucket, createEntityShapeDetails: csv, opcRetryToken: 'shape-1' })).entityShape as di.models.EntityShapeFromFile;
  t.equal(shape.modelType, 'FILE_ENTITY');
  t.equal(shape.dataFormat?.type, 'CSV');
  const names = ((shape.shape!.type as di.models.CompositeType).elements ?? []).map((f) => f.name);
  t.same(names, names.map((_n, i) => `COLUMN${i + 1}`), 'no header row: columns are numbered');

  const adwSchema = (await dis.listSchemas({ workspaceId: ws, connectionKey: conn.adw, schemaResourceName: 'x' })).schemaSummaryCollection.items[0].name!;
  const table = ((await dis.listDataEntities({ workspaceId: ws, connectionKey: conn.adw, schemaResourceName: adwSchema, type: 'TABLE' })).dataEntitySummaryCollection.items[0]) as di.models.DataEntitySummaryFromTable;
  const cols = ((table.shape!.type as di.models.CompositeType).elements ?? []).map((f) => f.name!);
  const sql = (await dis.createEntityShape({ workspaceId: ws, connectionKey: conn.adw, schemaResourceName: adwSchema, createEntityShapeDetails: { modelType: 'SQL_ENTITY', name: 'Q', sqlQuery: `select ${cols[1]}, ${cols[0]} as ID from ${adwSchema}.${table.name}` } as di.models.CreateEntityShapeFromSQL })).entityShape as di.models.EntityShapeFromSQL;
  t.equal(sql.modelType, 'SQL_ENTITY');
  t.same(((sql.shape!.type as di.models.CompositeType).elements ?? []).map((f) => f.name), [cols[1], 'ID'], 'the query\'s columns, aliased');

  const badCol = await ociError(dis.createEntityShape({ workspaceId: ws, connectionKey: conn.adw, schemaResourceName: adwSchema, createEntityShapeDetails: { modelType: 'SQL_ENTITY', sqlQuery: `select NOPE from ${table.name}` } as di.models.CreateEntityShapeFromSQL }));
  t.equal(badCol.statusCode, 400);
  t.match(badCol.message, /NOPE/);
  const noFile = await ociError(dis.createEntityShape({ workspaceId: ws, connectionKey: conn.os, schemaResourceName: bucket, createEntityShapeDetails: { ...csv, name: 'missing.csv', resourceName: 'missing.csv' } }));
  t.equal(noFile.statusCode, 404);
  const badType = await ociError(dis.createEntityShape({ workspaceId: ws, connectionKey: conn.os, schemaResourceName: bucket, createEntityShapeDetails: { modelType: 'TABLE_ENTITY' } as unknown as di.models.CreateEntityShapeFromFile }));
  t.equal(badType.statusCode, 400);
});

t.test('templates and count statistics', async (t) => {
  const e = await sdkEmulator(t);
  const ws = await e.workspace();
  const dis = e.dis;
  const all = (await dis.listTemplates({ workspaceId: ws })).templateSummaryCollection.items;
  t.ok(all.length >= 4, 'a catalog of templates');
  t.ok(all.every((x) => /^ocid1\.disapplication\.oc1\./.test(x.id!) && x.lifecycleState === 'ACTIVE' && Object.keys(x.publishedObjectMetadata ?? {}).length > 0), 'OCIDs, ACTIVE, with published tasks');
  const first = all[0];
  const got = await dis.getTemplate({ workspaceId: ws, templateId: first.id! });
  t.same(got.template, first, 'getTemplate by OCID');
  t.match(got.opcRequestId, SDK_REQUEST_ID);
  const paged = await allPages(async (page) => {
    const r = await dis.listTemplates({ workspaceId: ws, limit: 2, page, sortBy: di.requests.ListTemplatesRequest.SortBy.DisplayName });
    return { items: r.templateSummaryCollection.items, next: r.opcNextPage };
  });
  t.same(paged.items.map((x) => x.name), all.map((x) => x.name).sort((a, b) => a!.localeCompare(b!, 'en')), 'paged by name');
  t.same((await dis.listTemplates({ workspaceId: ws, identifier: [first.identifier!] })).templateSummaryCollection.items.map((x) => x.key), [first.key]);
  t.equal((await ociError(dis.getTemplate({ workspaceId: ws, templateId: 'ocid1.disapplication.oc1.iad.nope' }))).statusCode, 404);
  const ws2 = await e.workspace('other');
  const other = (await dis.listTemplates({ workspaceId: ws2 })).templateSummaryCollection.items;
  t.not(other[0].id, first.id, 'each workspace has its own template OCIDs');

  const project = (await dis.createProject({ workspaceId: ws, createProjectDetails: { name: 'P', identifier: 'P' } })).project;
  const folder = (await dis.createFolder({ workspaceId: ws, createFolderDetails: { name: 'F', identifier: 'F', registryMetadata: { aggregatorKey: project.key } } })).folder;
  await dis.createTask({ workspaceId: ws, createTaskDetails: { modelType: 'INTEGRATION_TASK', name: 'T1', identifier: 'T1', registryMetadata: { aggregatorKey: folder.key } } as di.models.CreateTaskFromIntegrationTask });
  await dis.createTask({ workspaceId: ws, createTaskDetails: { modelType: 'SQL_TASK', name: 'T2', identifier: 'T2', registryMetadata: { aggregatorKey: project.key } } as di.models.CreateTaskFromSQLTask });
  await assets(e, ws);
  const count = (m: di.models.CountStatistic, type: string) => m.objectTypeCountList.find((c) => c.objectType === type)?.objectCount;
  const wsStats = (await dis.getCountStatistic({ workspaceId: ws, countStatisticKey: ws })).countStatistic;
  t.equal(count(wsStats, 'PROJECT'), 1);
  t.equal(count(wsStats, 'FOLDER'), 1);
  t.equal(count(wsStats, 'TASK'), 2);
  t.equal(count(wsStats, 'DATA_ASSET'), 3);
  t.equal(count(wsStats, 'CONNECTION'), 3, 'each asset has its default connection');
  const projectStats = (await dis.getCountStatistic({ workspaceId: ws, countStatisticKey: project.key! })).countStatistic;
  t.equal(count(projectStats, 'TASK'), 2, 'all levels down');
  t.equal(count(projectStats, 'FOLDER'), 1);
  t.equal(count((await dis.getCountStatistic({ workspaceId: ws, countStatisticKey: folder.key! })).countStatistic, 'TASK'), 1);
  const lib = (await dis.createFunctionLibrary({ workspaceId: ws, createFunctionLibraryDetails: { name: 'Text', identifier: 'TEXT', registryMetadata: { aggregatorKey: folder.key } } })).functionLibrary;
  await dis.createUserDefinedFunction({ workspaceId: ws, createUserDefinedFunctionDetails: { name: 'Shout', identifier: 'SHOUT', expr: { exprString: 'UPPER(%1)' }, registryMetadata: { aggregatorKey: lib.key } } });
  t.equal(count((await dis.getCountStatistic({ workspaceId: ws, countStatisticKey: lib.key! })).countStatistic, 'USER_DEFINED_FUNCTION'), 1, 'a function library counts its functions');
  const deep = (await dis.getCountStatistic({ workspaceId: ws, countStatisticKey: project.key! })).countStatistic;
  t.same([count(deep, 'FUNCTION_LIBRARY'), count(deep, 'USER_DEFINED_FUNCTION')], [1, 1], 'two levels down from the project');
  t.equal(count((await dis.getCountStatistic({ workspaceId: ws, countStatisticKey: ws })).countStatistic, 'FUNCTION_LIBRARY'), 1);
  t.equal((await ociError(dis.getCountStatistic({ workspaceId: ws, countStatisticKey: 'nope' }))).statusCode, 404);
});
