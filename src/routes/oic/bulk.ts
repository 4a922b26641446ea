/**
 * Bulk operations (the seed's "Batch Operations", at most 100 items per
 * request; one HTTP request, so one request against the rate limit):
 *
 *   POST /ic/api/integration/v1/integrations/bulk
 *     {"action": "ACTIVATE"|"DEACTIVATE"|"DELETE", "ids": [...]}
 *     Each id goes through the same store method as its single-item route,
 *     in its own transaction, so one bad id neither hides nor undoes the
 *     others: 200 with a result per id (HTTP status, and the problem JSON the
 *     single call would have returned) and succeeded/failed counts.
 *   POST /ic/api/integration/v1/lookups/{id}/data/bulk
 *     {"mode": "APPEND"|"REPLACE"|"MERGE", "key"?: column, "rows": [...]}
 *     All or nothing: every row is checked against the lookup's typed
 *     columns, then written with the same store update as PUT.
 *
 * No integration id can be the word `bulk` (ids are IDENTIFIER|VERSION), so
 * the static path never hides one; GET/PUT/DELETE .../integrations/bulk still
 * reach the single-item routes.
 */
import type { FastifyInstance } from 'fastify';
import { badRequest, toApiError } from '../../core/errors';
import { op } from '../../openapi/routes';
import { loadSpec } from '../../openapi/spec';
import { applyRows, checkBatchSize, checkUnique } from '../../oic/bulk';
import { callerName, INTEGRATIONS, lookupLinks } from '../../oic/links';
import { checkTable } from '../../store/oic/lookups';
import { tracingOf } from '../../store/oic/integrations';
import { problemOf, type Problem } from './problem';

type BulkAction = 'ACTIVATE' | 'DEACTIVATE' | 'DELETE';

interface BulkItemResult {
  id: string;
  /** The HTTP status the single-item call would have answered. */
  status: number;
  /** The integration's status afterwards (ACTIVATE/DEACTIVATE). */
  integrationStatus?: string;
  error?: Problem;
}

const enc = encodeURIComponent;

/** Where the single-item call lives: the `instance` of an item's problem. */
function itemPath(action: BulkAction, id: string): string {
  const self = `${INTEGRATIONS}/${enc(id)}`;
  return action === 'DELETE' ? self : `${self}/${action.toLowerCase()}`;
}

export default async function bulkRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('oic');

  op(app, spec, 'bulkIntegrations', async (request) => {
    const body = request.body;
    checkBatchSize('ids', body.ids.length);
    checkUnique('ids', body.ids);
    if (body.action !== 'ACTIVATE' && (body.enablePayloadTracing !== undefined || body.payloadTracingLevel !== undefined)) {
      throw badRequest(`body.enablePayloadTracing and body.payloadTracingLevel only apply to action ACTIVATE (action is ${body.action})`);
    }
    const tracing = tracingOf(body);
    const caller = callerName(request);
    const run: Record<BulkAction, (id: string) => string | undefined> = {
      ACTIVATE: (id) => request.oic.integrations.activate(id, tracing, caller).status,
      DEACTIVATE: (id) => request.oic.integrations.deactivate(id).status,
      DELETE: (id) => void request.oic.integrations.delete(id),
    };
    const items = body.ids.map((id): BulkItemResult => {
      try {
        const integrationStatus = run[body.action](id);
        return integrationStatus === undefined ? { id, status: 200 } : { id, status: 200, integrationStatus };
      } catch (e) {
        const err = toApiError(e);
        if (err.status >= 500) request.log.error({ err: e, id, action: body.action }, 'bulk item failed');
        return { id, status: err.status, error: problemOf(err, itemPath(body.action, id), app.ctx.clock.nowIso()) };
      }
    });
    const succeeded = items.filter((i) => i.status < 400).length;
    return { action: body.action, total: items.length, succeeded, failed: items.length - succeeded, items };
  });

  op(app, spec, 'bulkLookupData', async (request) => {
    const { id } = request.params;
    const body = request.body;
    checkBatchSize('rows', body.rows.length);
    if (body.mode === 'MERGE' && body.key === undefined) throw badRequest('body.key is required with mode MERGE: the column whose value identifies a row');
    if (body.mode !== 'MERGE' && body.key !== undefined) throw badRequest(`body.key only applies to mode MERGE (mode is ${body.mode})`);
    // One transaction around read, check and write: all or nothing.
    const { record, added, replaced, removed } = request.oic.ctx.db.transaction(() => {
      const rec = request.oic.lookups.require(id);
      const columns = rec.definition.columns;
      if (body.key !== undefined && !columns.some((c) => c.name === body.key)) {
        throw badRequest(`body.key '${body.key}' is not a column of lookup '${id}'; columns: ${columns.map((c) => c.name).join(', ')}`);
      }
      checkTable(columns, body.rows, 'body.rows');
      const batch = applyRows(rec.definition.data, body.rows, body.mode, body.key);
      return { record: request.oic.lookups.update(id, { data: batch.data }), added: batch.added, replaced: batch.replaced, removed: batch.removed };
    })();
    return {
      id,
      mode: body.mode,
      received: body.rows.length,
      added,
      replaced,
      removed,
      rowCount: record.definition.data.length,
      modifiedTime: record.modifiedTime,
      links: lookupLinks(id),
    };
  });
}
