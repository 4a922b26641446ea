/**
 * Simulated schemas and data entities of a connection, as the SDK's Schema
 * and DataEntity models (TABLE_ENTITY, VIEW_ENTITY, FILE_ENTITY,
 * DATA_STORE_ENTITY) with shapes, native types, primary and foreign keys.
 * Pure functions of the data asset type and the connection key: the same
 * connection always shows the same catalog.
 */
import { MODEL_VERSION } from '../common';
import { familyOf, hashInt, nativeType, SCHEMA_NAMES, stablePick, TYPE_SYSTEM, type Family } from './sources';
import { TABLE_BY_NAME, TABLES, type Column, type Table } from './tables';

type Doc = Record<string, any>;

/** objectStatus of objects read from a source (not stored in the workspace). */
const SOURCE_OBJECT_STATUS = 1;

export interface SourceConnection {
  key: string;
  dataAssetType: string;
  timeCreated: string;
  createdBy: string;
}

export interface SimSchema {
  name: string;
  doc: Doc;
}

export interface SimEntity {
  name: string;
  entityType: string;
  modelType: string;
  doc: Doc;
}

const identifierOf = (name: string) => name.toUpperCase().replace(/[^A-Z0-9_]/g, '_').replace(/^([0-9])/, '_$1');

function metadata(conn: SourceConnection, aggregatorKey: string, identifierPath: string): Doc {
  return {
    createdBy: conn.createdBy,
    createdByName: conn.createdBy,
    timeCreated: conn.timeCreated,
    timeUpdated: conn.timeCreated,
    aggregatorKey,
    identifierPath,
    infoFields: {},
    registryVersion: 0,
    labels: [],
    isFavorite: false,
  };
}

export function schemaKey(conn: SourceConnection, schema: string): string {
  return `dataref:${conn.key}/${schema}`;
}

/** The schemas (databases, buckets, offerings) a connection shows: 3 to 5 of its family's names. */
export function schemasOf(conn: SourceConnection): SimSchema[] {
  const family = familyOf(conn.dataAssetType);
  const names = stablePick(SCHEMA_NAMES[family], 3 + (hashInt(conn.key, 'schemas') % 3), conn.key).sort();
  return names.map((name) => ({
    name,
    doc: {
      key: schemaKey(conn, name),
      modelType: 'SCHEMA',
      modelVersion: MODEL_VERSION,
      parentRef: { parent: conn.key, rootDocId: null },
      name,
      resourceName: name,
      description: family === 'files' ? `Bucket ${name}` : family === 'bicc' ? `BICC offering ${name}` : `Schema ${name}`,
      objectVersion: 1,
      externalKey: `${conn.key}/${name}`,
      isHasContainers: family === 'files',
      defaultConnection: conn.key,
      objectStatus: SOURCE_OBJECT_STATUS,
      identifier: identifierOf(name),
      metadata: metadata(conn, conn.key, identifierOf(name)),
    },
  }));
}

/** The tables behind a schema: 4 to 8, stable for the connection and schema. */
function tablesOf(conn: SourceConnection, schema: string): Table[] {
  const picked = stablePick(TABLES, 4 + (hashInt(conn.key, schema, 'tables') % 5), `${conn.key}/${schema}`, (t) => t.name);
  return TABLES.filter((t) => picked.includes(t));
}

const FILE_FORMATS = ['CSV', 'JSON', 'PARQUET'] as const;

function dataFormat(type: (typeof FILE_FORMATS)[number]): Doc {
  if (type === 'CSV') return { type, formatAttribute: { modelType: 'CSV_FORMAT', encoding: 'UTF-8', escapeCharacter: '\\', delimiter: ',', quoteCharacter: '"', hasHeader: true, timestampFormat: 'yyyy-MM-dd HH:mm:ss' } };
  if (type === 'JSON') return { type, formatAttribute: { modelType: 'JSON_FORMAT', encoding: 'UTF-8' } };
  return { type, formatAttribute: { modelType: 'PARQUET_FORMAT', compression: 'snappy' } };
}

/** Every entity of a schema, sorted by name. */
export function entitiesOf(conn: SourceConnection, schema: string): SimEntity[] {
  const family = familyOf(conn.dataAssetType);
  const tables = tablesOf(conn, schema);
  const present = new Set(tables.map((t) => t.name));
  const out: SimEntity[] = [];
  for (const table of tables) {
    if (family === 'files') {
      const format = FILE_FORMATS[hashInt(conn.key, schema, table.name, 'format') % FILE_FORMATS.length];
      const base = table.name.toLowerCase();
      const name = `${base}/${base}_2026_01.${format.toLowerCase()}`;
      const columns = table.columns.map((col) => ({ ...col, name: col.name.toLowerCase(), references: undefined }));
      out.push(entity(conn, family, schema, { ...table, name, columns, primaryKey: [] }, 'FILE_ENTITY', 'FILE', present, { dataFormat: dataFormat(format) }));
    } else if (family === 'bicc') {
      const name = `${schema}.${pascal(table.name)}ExtractPVO`;
      out.push(entity(conn, family, schema, { ...table, name }, 'DATA_STORE_ENTITY', 'OTHER', present, { otherTypeLabel: 'BICC_VIEW_OBJECT' }));
    } else if (family === 'rest') {
      const name = table.name.toLowerCase().replace(/_/g, '-');
      out.push(entity(conn, family, schema, { ...table, name }, 'DATA_STORE_ENTITY', 'OTHER', present, { otherTypeLabel: 'REST_RESOURCE' }));
    } else {
      const name = family === 'mysql' ? table.name.toLowerCase() : table.name;
      const columns = family === 'mysql' ? table.columns.map((col) => ({ ...col, name: col.name.toLowerCase(), references: col.references?.toLowerCase() })) : table.columns;
      out.push(entity(conn, family, schema, { ...table, name, columns, primaryKey: family === 'mysql' ? table.primaryKey.map((k) => k.toLowerCase()) : table.primaryKey }, 'TABLE_ENTITY', 'TABLE', family === 'mysql' ? new Set([...present].map((p) => p.toLowerCase())) : present));
    }
  }
  if (family === 'oracle' || family === 'mysql' || family === 'jdbc') {
    // One reporting view per schema, over its first table: real schemas mix tables and views.
    const first = tables[0];
    const name = `${first.name}_V`;
    const columns = first.columns.slice(0, 4).map((col) => ({ ...col, references: undefined }));
    const view = { name: family === 'mysql' ? name.toLowerCase() : name, description: `Reporting view over ${first.name}`, primaryKey: [], columns: family === 'mysql' ? columns.map((col) => ({ ...col, name: col.name.toLowerCase() })) : columns };
    out.push(entity(conn, family, schema, view, 'VIEW_ENTITY', 'VIEW', new Set()));
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function pascal(name: string): string {
  return name.toLowerCase().replace(/(^|_)([a-z])/g, (_m, _s, ch: string) => ch.toUpperCase());
}

export function entityKey(conn: SourceConnection, schema: string, modelType: string, name: string): string {
  return `dataref:${conn.key}/${schema}/${modelType}:${name}`;
}

function entity(conn: SourceConnection, family: Family, schema: string, table: Table, modelType: string, entityType: string, present: Set<string>, extra: Doc = {}): SimEntity {
  const key = entityKey(conn, schema, modelType, table.name);
  const shapeKey = `${key}/shape`;
  const fields = table.columns.map((col, i) => shapeField(family, key, shapeKey, col, i));
  const byName = new Map(fields.map((f) => [f.name as string, f]));
  const uniqueKeys = table.primaryKey.length
    ? [{ modelType: 'PRIMARY_KEY', key: `${key}/pk`, modelVersion: MODEL_VERSION, parentRef: { parent: key, rootDocId: null }, name: `PK_${table.name}`.toUpperCase(), objectStatus: SOURCE_OBJECT_STATUS, attributeRefs: table.primaryKey.map((n, i) => ({ position: i + 1, attribute: byName.get(n) })) }]
    : [];
  const foreignKeys = table.columns
    .filter((col) => col.references && present.has(col.references) && TABLE_BY_NAME.has(col.references.toUpperCase()))
    .map((col) => {
      const ref = col.references!;
      return {
        modelType: 'FOREIGN_KEY',
        key: `${key}/fk/${col.name}`,
        modelVersion: MODEL_VERSION,
        parentRef: { parent: key, rootDocId: null },
        name: `FK_${table.name}_${ref}`.toUpperCase(),
        objectStatus: SOURCE_OBJECT_STATUS,
        attributeRefs: [{ position: 1, attribute: byName.get(col.name) }],
        updateRule: 0,
        deleteRule: 0,
        referenceUniqueKey: { modelType: 'PRIMARY_KEY', key: `${entityKey(conn, schema, 'TABLE_ENTITY', ref)}/pk`, name: `PK_${ref}`.toUpperCase() },
      };
    });
  const resourceName = family === 'files' ? table.name : `${schema}.${table.name}`;
  const doc: Doc = {
    modelType,
    key,
    modelVersion: MODEL_VERSION,
    parentRef: { parent: schemaKey(conn, schema), rootDocId: null },
    name: table.name,
    description: table.description,
    objectVersion: 1,
    externalKey: `${conn.key}/${schema}/${table.name}`,
    shape: {
      modelType: 'SHAPE',
      key: shapeKey,
      modelVersion: MODEL_VERSION,
      parentRef: { parent: key, rootDocId: null },
      name: table.name,
      objectStatus: SOURCE_OBJECT_STATUS,
      type: { modelType: 'COMPOSITE_TYPE', key: `${shapeKey}/type`, name: table.name, parentRef: { parent: shapeKey, rootDocId: null }, elements: fields },
    },
    shapeId: shapeKey,
    entityType,
    uniqueKeys,
    foreignKeys,
    resourceName,
    objectStatus: SOURCE_OBJECT_STATUS,
    identifier: identifierOf(table.name.split('/').pop()!),
    metadata: metadata(conn, schemaKey(conn, schema), `${identifierOf(schema)}/${identifierOf(table.name)}`),
    ...extra,
  };
  return { name: table.name, entityType, modelType, doc };
}

function shapeField(family: Family, entity: string, shapeKey: string, col: Column, i: number): Doc {
  const native = nativeType(family, col);
  const system = TYPE_SYSTEM[family];
  const params: Doc = {};
  if (native.length !== undefined) params.length = { intValue: native.length };
  if (native.precision !== undefined) params.precision = { intValue: native.precision };
  if (native.scale !== undefined) params.scale = { intValue: native.scale };
  return {
    modelType: 'SHAPE_FIELD',
    key: `${entity}/field/${col.name}`,
    modelVersion: MODEL_VERSION,
    parentRef: { parent: shapeKey, rootDocId: null },
    name: col.name,
    objectStatus: SOURCE_OBJECT_STATUS,
    type: { modelType: 'DATA_TYPE', key: `dtv1:${system}:${native.name}`, name: native.name, dtType: 'PRIMITIVE', typeSystemName: system },
    configValues: { configParamValues: params },
    labels: [],
    nativeShapeField: { name: col.name, type: native.text, position: i + 1, isMandatory: col.nullable === false },
  };
}
