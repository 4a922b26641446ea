/**
 * Lookups (/ic/api/integration/v1/lookups): thin handlers over LookupStore.
 * The definition (GET /{id}) shows columns and a row count; the rows are
 * paged at /{id}/data.
 */
import type { FastifyInstance } from 'fastify';
import { parsePage, pageOfList } from '../../core/pagination';
import { op } from '../../openapi/routes';
import { loadSpec } from '../../openapi/spec';
import { commonQFields, listPage } from '../../oic/listing';
import { callerName, withoutReadOnly } from '../../oic/links';
import type { LookupRow } from '../../store/oic/lookups';
import { fullView, summaryView } from './dialects/seed/lookups';
import { inDialect, isOracle } from './dialects';
import { lookupBodyDialect, oracleLookupSummary, oracleLookupView, oracleRows } from './dialects/oracle/lookups';

const Q_FIELDS = commonQFields<LookupRow>();
const READ_ONLY = ['id', 'status', 'rowCount', 'createdTime', 'createdBy', 'modifiedTime', 'links'] as const;


export default async function lookupRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('oic');

  op(app, spec, 'listLookups', async (request) => inDialect(request, {
    seed: () => listPage(request.oic.lookups.rows(), request.query, Q_FIELDS, summaryView),
    oracle: () => listPage(request.oic.lookups.rows(), request.query, Q_FIELDS, oracleLookupSummary),
  }));

  op(app, spec, 'createLookup', async (request, reply) => {
    return reply.code(201).send(fullView(request.oic.lookups.create(request.body, callerName(request))));
  });

  op(app, spec, 'getLookup', async (request) => {
    const rec = request.oic.lookups.require(request.params.id);
    return inDialect(request, { seed: () => ({ ...fullView(rec), rows: oracleRows(rec) }), oracle: () => oracleLookupView(rec) });
  });

  op(app, spec, 'getLookupData', async (request) => {
    const { id } = request.params;
    const rec = request.oic.lookups.require(id);
    const page = parsePage(request.query);
    const rows = rec.definition.data;
    return { id, columns: rec.definition.columns, ...pageOfList(rows, page) };
  });

  const oracleBody = lookupBodyDialect((request) => request.oic.lookups);
  op(app, spec, 'updateLookup', async (request) => {
    const { id } = request.params;
    const patch = withoutReadOnly(request.body, READ_ONLY, id, 'lookup');
    const rec = request.oic.lookups.update(id, patch);
    if (isOracle(request)) return oracleLookupView(rec);
    return oracleBody.sentOracleBody(request) ? { ...fullView(rec), rows: oracleRows(rec) } : fullView(rec);
  }, { preValidation: oracleBody.preValidation });

  op(app, spec, 'deleteLookup', async (request, reply) => {
    request.oic.lookups.delete(request.params.id);
    return reply.code(200).send();
  });
}
