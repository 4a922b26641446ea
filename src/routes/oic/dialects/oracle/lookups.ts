/**
 * Lookups in Oracle's dialect: Oracle's body for PUT /lookups/{name}
 * (`{name, columns: ["a", "b"], rows: [{rowData: [...]}]}`, columns as
 * plain names, which the seed's schema never accepts) is translated to the
 * seed's `{columns, data}` before validation, and the answer carries
 * Oracle's `rows[].rowData` (values in column order). GET shows `rows` in
 * both dialects: a field the seed's clients ignore.
 */
import type { FastifyRequest } from 'fastify';
import { badRequest } from '../../../../core/errors';
import { isPlainObject } from '../../../../oic/merge';
import { seedTable, tableFromRealJson, tableOf } from '../../../../oic/real/lookup-csv';
import type { LookupRecord, LookupStore } from '../../../../store/oic/lookups';

/** Oracle's lookup body: `columns` as plain names. Anything else is the seed's. */
function isOracleLookupBody(body: unknown): body is { name?: unknown; columns?: unknown; rows?: unknown } {
  return isPlainObject(body) && Array.isArray(body.columns) && body.columns.length > 0 && body.columns.every((c) => typeof c === 'string');
}

/** The route-level preValidation of PUT /lookups/{name}, and whether a request's body was Oracle's. */
export function lookupBodyDialect(store: (request: FastifyRequest) => LookupStore) {
  const oracleBodies = new WeakSet<FastifyRequest>();
  return {
    preValidation: async (request: FastifyRequest) => {
      const body = request.body;
      if (!isOracleLookupBody(body)) return;
      const { id } = request.params as { id: string };
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
