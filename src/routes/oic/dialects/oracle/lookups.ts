/**
 * Lookups in Oracle's dialect: Oracle's body for PUT /lookups/{name}
 * (`{name, columns: ["a", "b"], rows: [{rowData: [...]}]}`, columns as
 * plain names, which the seed's schema never accepts) is translated to the
 * seed's `{columns, data}` before validation. Oracle's lookup view: plain
 * column names and `rows[].rowData` (values in column order). The seed's
 * GET shows `rows` too: a field the seed's clients ignore.
 */
import type { FastifyRequest } from 'fastify';
import { badRequest } from '../../../../core/errors';
import { isPlainObject } from '../../../../oic/merge';
import { seedTable, tableFromRealJson, tableOf } from '../../../../oic/real/lookup-csv';
import type { LookupRecord, LookupRow, LookupStore } from '../../../../store/oic/lookups';
import { compact, lookupLinks } from '../../../../oic/links';
import type { Req } from '../../../../openapi/request-types';

/** Oracle's lookup body: `columns` as plain names. Anything else is the seed's. */
function isOracleLookupBody(body: unknown): body is { name?: unknown; columns?: unknown; rows?: unknown } {
  return isPlainObject(body) && Array.isArray(body.columns) && body.columns.length > 0 && body.columns.every((c) => typeof c === 'string');
}

/** The route-level preValidation of PUT /lookups/{name}, and whether a request's body was Oracle's. */
export function lookupBodyDialect(store: (request: FastifyRequest) => LookupStore) {
  const oracleBodies = new WeakSet<FastifyRequest>();
  return {
    preValidation: async (request: Req<'oic', 'updateLookup'>) => {
      const body = request.body;
      if (!isOracleLookupBody(body)) return;
      const { id } = request.params;
      const existing = store(request).require(id);
      if (body.name !== undefined && body.name !== id) {
        throw badRequest(`body.name ('${String(body.name)}') must be this lookup's name '${id}'; a lookup cannot be renamed`);
      }
      const extra = Object.keys(body).filter((k) => !['name', 'columns', 'rows'].includes(k));
      if (extra.length) throw badRequest(`body.${extra[0]} is not an allowed property of Oracle's lookup body (name, columns, rows)`);
      const table = tableFromRealJson(body, 'body');
      request.body = seedTable(table, existing.definition.columns, (i) => `body.rows[${i}].rowData`);
      oracleBodies.add(request);
    },
    sentOracleBody: (request: FastifyRequest) => oracleBodies.has(request),
  };
}

/** Oracle's rows of a lookup. */
export function oracleRows(rec: LookupRecord) {
  return tableOf(rec.definition).rows.map((rowData) => ({ rowData }));
}

/**
 * A lookup in Oracle's list: `name` is the key its paths use (the seed's
 * id), `status` CONFIGURED, `lockedFlag`, `created`/`lastUpdated`.
 */
export function oracleLookupSummary(row: LookupRow) {
  return compact({
    name: row.id,
    displayName: row.name !== row.id ? row.name : undefined,
    status: row.status,
    lockedFlag: false,
    created: row.createdTime,
    createdBy: row.createdBy,
    lastUpdated: row.modifiedTime,
    links: lookupLinks(row.id).slice(0, 1),
  });
}

/** One lookup: Oracle's columns (plain names), rows (`rowData` in column order) and row count. */
export function oracleLookupView(rec: LookupRecord) {
  const table = tableOf(rec.definition);
  return compact({
    ...oracleLookupSummary(rec),
    description: rec.definition.description,
    columns: table.columns,
    rowCount: table.rows.length,
    rows: table.rows.map((rowData) => ({ rowData })),
  });
}
