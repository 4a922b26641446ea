/**
 * Connections (/ic/api/integration/v1/connections): thin handlers over
 * ConnectionStore. Every response masks secrets (src/oic/secrets.ts).
 */
import type { FastifyInstance } from 'fastify';
import type { OicInstance } from '../../instances/oic-instance';
import { op } from '../../openapi/routes';
import { loadSpec } from '../../openapi/spec';
import { normalizeAdapterType } from '../../oic/adapters';
import { commonQFields, listPage } from '../../oic/listing';
import { callerName, withoutReadOnly } from '../../oic/links';
import type { QFields } from '../../oic/q-filter';
import { sendView } from './best-practices';
import { inDialect } from './dialects';
import { connectionExtrasOf, oracleConnectionSummary, oracleConnectionView } from './dialects/oracle/connections';
import type { ConnectionRow } from '../../store/oic/connections';
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


export default async function connectionRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('oic');
  const usedBy = (oic: OicInstance, id: string) => oic.integrations.usersOfConnection(id);

  op(app, spec, 'listConnections', async (request) => {
    const query = request.query;
    let rows = request.oic.connections.rows(query.projectId);
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
    const rec = request.oic.connections.create(request.body, callerName(request));
    return reply.code(201).send(createdView(rec));
  });

  op(app, spec, 'getConnection', async (request, reply) => {
    const { id } = request.params;
    return inDialect(request, {
      seed: () => sendView(request, reply, request.oic.views.get(`connection:${id}`, () => fullView(request.oic.connections.require(id), usedBy(request.oic, id)))),
      oracle: () => oracleConnectionView(request.oic.connections.require(id), usedBy(request.oic, id), connectionExtrasOf(request.oic, id)),
    });
  });

  op(app, spec, 'updateConnection', async (request) => {
    const { id } = request.params;
    const patch = withoutReadOnly(request.body, CONNECTION_READ_ONLY, id, 'connection');
    return fullView(request.oic.connections.update(id, patch), usedBy(request.oic, id));
  });

  op(app, spec, 'deleteConnection', async (request, reply) => {
    request.oic.connections.delete(request.params.id);
    return reply.code(200).send();
  });

  op(app, spec, 'testConnection', async (request) => {
    const r = request.oic.connections.test(request.params.id);
    return { status: r.status, message: r.message, responseTime: r.responseTime, timestamp: r.timestamp, details: r.details };
  });

  op(app, spec, 'getConnectionMetadata', async (request) => request.oic.connections.metadata(request.params.id));
}
