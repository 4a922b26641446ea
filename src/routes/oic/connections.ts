/**
 * Connections (/ic/api/integration/v1/connections): thin handlers over
 * ConnectionStore. Every response masks secrets (src/oic/secrets.ts).
 */
import type { FastifyInstance } from 'fastify';
import { op } from '../../openapi/routes';
import { loadSpec } from '../../openapi/spec';
import { normalizeAdapterType } from '../../oic/adapters';
import { commonQFields, listPage } from '../../oic/listing';
import { callerName, withoutReadOnly } from '../../oic/links';
import type { QFields } from '../../oic/q-filter';
import { sendView } from './best-practices';
import { inDialect } from './dialects';
import { oracleConnectionSummary, oracleConnectionView } from './dialects/oracle/connections';
import type { ConnectionDefinition, ConnectionRow } from '../../store/oic/connections';
import { createdView, fullView, summaryView } from './dialects/seed/connections';

const base = commonQFields<ConnectionRow>();
const Q_FIELDS: QFields<ConnectionRow> = {
  ...base,
  fields: {
    ...base.fields,
    testStatus: { get: (r) => r.testStatus, normalize: (v) => v.toUpperCase() },
    adapterType: { get: (r) => r.adapterType, normalize: normalizeAdapterType },
    projectId: { get: (r) => r.projectId },
  },
};

/** Fields a client may send back from a GET but cannot change (shared with the real PATCH path). */
export const CONNECTION_READ_ONLY = ['id', 'status', 'testStatus', 'lastTestTime', 'lastTestMessage', 'createdTime', 'createdBy', 'modifiedTime', 'usedBy', 'links'] as const;

interface IdParams { id: string }

export default async function connectionRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('oic');
  const store = app.stores.connections;
  const usedBy = (id: string) => app.stores.integrations.usersOfConnection(id);

  op(app, spec, 'listConnections', async (request) => {
    const query = request.query as { projectId?: string; adapterType?: string; q?: string; orderBy?: string; limit?: number; offset?: number };
    let rows = store.rows(query.projectId);
    if (query.adapterType !== undefined && query.adapterType !== '') {
      const want = normalizeAdapterType(query.adapterType);
      rows = rows.filter((r) => normalizeAdapterType(r.adapterType) === want);
    }
    return inDialect(request, {
      seed: () => listPage(rows, query, Q_FIELDS, summaryView),
      oracle: () => listPage(rows, query, Q_FIELDS, (row) => oracleConnectionSummary(row)),
    });
  });

  op(app, spec, 'createConnection', async (request, reply) => {
    const rec = store.create(request.body as ConnectionDefinition, callerName(request));
    return reply.code(201).send(createdView(rec));
  });

  op(app, spec, 'getConnection', async (request, reply) => {
    const { id } = request.params as IdParams;
    return inDialect(request, {
      seed: () => sendView(request, reply, app.views.get(`connection:${id}`, () => fullView(store.require(id), usedBy(id)))),
      oracle: () => oracleConnectionView(store.require(id), usedBy(id)),
    });
  });

  op(app, spec, 'updateConnection', async (request) => {
    const { id } = request.params as IdParams;
    const patch = withoutReadOnly(request.body as Record<string, unknown>, CONNECTION_READ_ONLY, id, 'connection') as Partial<ConnectionDefinition>;
    return fullView(store.update(id, patch), usedBy(id));
  });

  op(app, spec, 'deleteConnection', async (request, reply) => {
    store.delete((request.params as IdParams).id);
    return reply.code(200).send();
  });

  op(app, spec, 'testConnection', async (request) => {
    const r = store.test((request.params as IdParams).id);
    return { status: r.status, message: r.message, responseTime: r.responseTime, timestamp: r.timestamp, details: r.details };
  });

  op(app, spec, 'getConnectionMetadata', async (request) => store.metadata((request.params as IdParams).id));
}
