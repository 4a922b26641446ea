/**
 * Where a real Oracle Integration 3 call uses the same path and verb as a
 * seed operation, the seed's operation serves it (the seed wins). These
 * hooks only add what the real API has and the seed's answer leaves room
 * for, without changing anything a seed client sends or reads:
 *
 *   POST/PUT .../integrations/archive   a Location header naming the imported integration
 *   GET .../integrations?orderBy=time   Oracle's word for modifiedTime (the seed's answer to it was a 400)
 *   PUT .../lookups/{name}              Oracle's body {name, columns: [...], rows: [{rowData: [...]}]}
 *                                       is translated to the seed's {columns, data} (it was a 400 before)
 *   GET .../lookups/{name}              also `rows: [{rowData: [...]}]`, the values in column order
 *
 * Installed on the OIC plugin before the seed's route groups (child plugins
 * inherit the hooks present when they load).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { badRequest } from '../../../core/errors';
import { INTEGRATIONS } from '../../../oic/links';
import { isPlainObject } from '../../../oic/merge';
import { seedTable, tableFromRealJson, tableOf } from '../../../oic/real/lookup-csv';
import { realOrder } from './integrations';
import { installRunNowCompat } from './run-now-compat';
import { installScheduleParamsCompat } from './schedule-params';

const operationOf = (request: FastifyRequest) => (request.routeOptions.config as { operationId?: string } | undefined)?.operationId;

/**
 * Oracle's lookup body: `columns` as plain names (the seed's are objects, so
 * such a body was always a 400 for the seed). Anything else is the seed's.
 */
function isRealLookupBody(body: unknown): body is { name?: unknown; columns?: unknown; rows?: unknown } {
  return isPlainObject(body) && Array.isArray(body.columns) && body.columns.length > 0 && body.columns.every((c) => typeof c === 'string');
}

export function installRealCompat(app: FastifyInstance): void {
  // Oracle's run-now bodies and answers, async start/stop, scheduleParams in the integration.
  installRunNowCompat(app);
  installScheduleParamsCompat(app);
  // Requests whose lookup body came in Oracle's form: they also get `rows` back.
  const realLookupPuts = new WeakSet<FastifyRequest>();

  // On the two operations it concerns only (added to their routes as they are
  // registered): a scope-wide hook would cost every other call a promise.
  const translate = async (request: FastifyRequest) => {
    const operation = operationOf(request);
    if (operation === 'listIntegrations') {
      const query = request.query as { orderBy?: string };
      const orderBy = realOrder(query.orderBy);
      // Only written when it changes: an absent orderBy stays absent.
      if (orderBy !== query.orderBy) query.orderBy = orderBy;
      return;
    }
    if (operation !== 'updateLookup' || !isRealLookupBody(request.body)) return;
    const { id } = request.params as { id: string };
    const existing = request.oic.lookups.require(id);
    const body = request.body;
    if (body.name !== undefined && body.name !== id) {
      throw badRequest(`body.name ('${String(body.name)}') must be this lookup's name '${id}'; a lookup cannot be renamed`);
    }
    const extra = Object.keys(body).filter((k) => !['name', 'columns', 'rows'].includes(k));
    if (extra.length) throw badRequest(`body.${extra[0]} is not an allowed property of Oracle's lookup body (name, columns, rows)`);
    const table = tableFromRealJson(body, 'body');
    request.body = seedTable(table, existing.definition.columns, (i) => `body.rows[${i}].rowData`);
    realLookupPuts.add(request);
  };
  app.addHook('onRoute', (route) => {
    const operation = (route.config as { operationId?: string } | undefined)?.operationId;
    if (operation === 'listIntegrations' || operation === 'updateLookup') route.preValidation = [translate, ...([] as unknown[]).concat(route.preValidation ?? [])] as typeof route.preValidation;
  });

  app.addHook('preSerialization', (request, reply, payload, done) => {
    done(null, addRealFields(request, reply, payload));
  });
  const addRealFields = (request: FastifyRequest, reply: FastifyReply, payload: unknown): unknown => {
    const operation = operationOf(request);
    if (reply.statusCode >= 300 || !isPlainObject(payload)) return payload;
    if ((operation === 'importIntegration' || operation === 'replaceIntegration') && typeof payload.id === 'string') {
      reply.header('location', `${INTEGRATIONS}/${encodeURIComponent(payload.id)}`);
      return payload;
    }
    if (operation === 'getLookup' || (operation === 'updateLookup' && realLookupPuts.has(request))) {
      const rec = typeof payload.id === 'string' ? request.oic.lookups.get(payload.id) : undefined;
      if (!rec) return payload;
      return { ...payload, rows: tableOf(rec.definition).rows.map((rowData) => ({ rowData })) };
    }
    return payload;
  };
}
