/**
 * Connections the real way: POST /connections/{id} with
 * X-HTTP-Method-Override: PATCH. Same rules and body as the seed's PUT (a
 * GET body may be sent back: read-only fields are dropped, masked secrets
 * keep their stored value) and the same answer as the seed's GET.
 */
import type { FastifyInstance } from 'fastify';
import { op } from '../../../openapi/routes';
import { loadSpec } from '../../../openapi/spec';
import { compact, connectionLinks, withoutReadOnly } from '../../../oic/links';
import { maskSecrets } from '../../../oic/secrets';
import type { ConnectionDefinition, ConnectionRecord } from '../../../store/oic/connections';
import { requirePatchOverride } from './common';

const READ_ONLY = ['id', 'status', 'testStatus', 'lastTestTime', 'lastTestMessage', 'createdTime', 'createdBy', 'modifiedTime', 'usedBy', 'links'] as const;

/** The seed's GET /connections/{id} body. */
function connectionView(rec: ConnectionRecord, usedBy: string[]) {
  const d = rec.definition;
  return compact(Object.assign({ id: rec.id, name: d.name, identifier: d.identifier, description: d.description, status: rec.status }, d, {
    connectionProperties: maskSecrets(d.connectionProperties),
    createdTime: rec.createdTime,
    createdBy: rec.createdBy,
    modifiedTime: rec.modifiedTime,
    testStatus: rec.testStatus,
    lastTestTime: rec.lastTestTime,
    lastTestMessage: rec.lastTestMessage,
    usedBy,
    links: connectionLinks(rec.id),
  }));
}

export default async function realConnectionRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('oic');
  const store = app.stores.connections;

  op(app, spec, 'realUpdateConnection', async (request) => {
    const { id } = request.params as { id: string };
    const patch = withoutReadOnly(request.body as Record<string, unknown>, READ_ONLY, id, 'connection') as Partial<ConnectionDefinition>;
    return connectionView(store.update(id, patch), app.stores.integrations.usersOfConnection(id));
  }, { preParsing: [requirePatchOverride('a connection (the body is as for PUT)')] });
}
