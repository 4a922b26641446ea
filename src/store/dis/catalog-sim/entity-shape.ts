/**
 * createEntityShape: the shape of a file, an object or a SQL query, worked
 * out from the simulated source. A file or object must exist in the schema;
 * a query is read as SELECT <columns|*> FROM [schema.]<entity>, and its
 * columns must exist (what a real source would reject, this rejects too).
 */
import { badRequest, notFound } from '../../../core/errors';
import type { SimEntity, SourceConnection } from './entities';

type Doc = Record<string, any>;

const SHAPE_TYPES = ['FILE_ENTITY', 'OBJECT_ENTITY', 'SQL_ENTITY'];

export function shapeFromRequest(conn: SourceConnection, schema: string, entities: SimEntity[], body: Doc): Doc {
  const modelType = body.modelType;
  if (!SHAPE_TYPES.includes(modelType)) throw badRequest(`modelType '${String(modelType)}' is not an entity shape request; use one of ${SHAPE_TYPES.join(', ')}`);
  if (modelType === 'SQL_ENTITY') return fromSql(schema, entities, body);
  const wanted = body.resourceName ?? body.name;
  if (typeof wanted !== 'string' || !wanted) throw badRequest(`${modelType === 'FILE_ENTITY' ? 'resourceName (the object name in the bucket)' : 'name'} is required`, { code: 'MissingParameter' });
  const found = entities.find((e) => e.name === wanted || e.doc.resourceName === wanted);
  if (!found) throw notFound(`'${wanted}' not found in ${schema} of connection ${conn.key}; it has ${entities.map((e) => e.name).join(', ')}`);
  const doc: Doc = { ...found.doc, modelType, name: body.name ?? found.doc.name, identifier: body.identifier ?? found.doc.identifier };
  if (modelType === 'FILE_ENTITY') {
    const format = body.dataFormat ?? found.doc.dataFormat;
    doc.dataFormat = format;
    doc.entityType = 'FILE';
    // A CSV read without a header row has no column names: the service numbers them.
    if (format?.type === 'CSV' && format.formatAttribute?.hasHeader === false) doc.shape = renameFields(doc.shape, (_n, i) => `COLUMN${i + 1}`);
  }
  return doc;
}

function renameFields(shape: Doc, name: (old: string, i: number) => string): Doc {
  const elements = (shape.type.elements as Doc[]).map((f, i) => ({ ...f, name: name(f.name, i), nativeShapeField: { ...f.nativeShapeField, name: name(f.name, i) } }));
  return { ...shape, type: { ...shape.type, elements } };
}

function fromSql(schema: string, entities: SimEntity[], body: Doc): Doc {
  const sql = body.sqlQuery;
  if (typeof sql !== 'string' || !sql.trim()) throw badRequest('sqlQuery is required for a SQL_ENTITY shape', { code: 'MissingParameter' });
  const m = /^\s*select\s+(.+?)\s+from\s+([\w$#."-]+)/is.exec(sql);
  if (!m) throw badRequest(`sqlQuery '${sql.slice(0, 200)}' is not understood: write SELECT <columns|*> FROM [schema.]<table>`);
  const tableName = m[2].replace(/"/g, '').split('.').pop()!;
  const table = entities.find((e) => e.name.toLowerCase() === tableName.toLowerCase());
  if (!table) throw badRequest(`sqlQuery: table or view '${tableName}' does not exist in schema ${schema}`);
  const fields = table.doc.shape.type.elements as Doc[];
  let chosen: Doc[];
  if (m[1].trim() === '*') chosen = fields;
  else {
    chosen = m[1].split(',').map((part) => {
      const [, column, alias] = /^\s*"?([\w$#]+)"?(?:\s+(?:as\s+)?"?([\w$#]+)"?)?\s*$/i.exec(part) ?? [];
      const field = column && fields.find((f) => f.name.toLowerCase() === column.toLowerCase());
      if (!field) throw badRequest(`sqlQuery: column '${part.trim()}' is not a column of ${table.name} (it has ${fields.map((f) => f.name).join(', ')})`);
      return alias ? { ...field, name: alias, nativeShapeField: { ...field.nativeShapeField, name: alias } } : field;
    });
  }
  const name = body.name ?? `${table.name}_QUERY`;
  const key = `${table.doc.key}/sql`;
  return {
    ...table.doc,
    modelType: 'SQL_ENTITY',
    key,
    name,
    identifier: body.identifier ?? String(name).toUpperCase().replace(/[^A-Z0-9_]/g, '_'),
    entityType: 'SQL',
    sqlQuery: sql,
    uniqueKeys: [],
    foreignKeys: [],
    shape: { ...table.doc.shape, type: { ...table.doc.shape.type, elements: chosen.map((f, i) => ({ ...f, nativeShapeField: { ...f.nativeShapeField, position: i + 1 } })) } },
  };
}
