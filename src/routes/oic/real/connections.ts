/**
 * Connections the real way: POST /connections/{id} with
 * X-HTTP-Method-Override: PATCH. Same rules and body as the seed's PUT (a
 * GET body may be sent back: read-only fields are dropped, masked secrets
 * keep their stored value) and the same answer as the seed's GET.
 */
import type { FastifyInstance } from 'fastify';
import { op } from '../../../openapi/routes';
import { loadSpec } from '../../../openapi/spec';
import { withoutReadOnly } from '../../../oic/links';
import type { ConnectionDefinition } from '../../../store/oic/connections';
import { CONNECTION_READ_ONLY, fullView as connectionView } from '../connections';
import { requirePatchOverride } from './common';

export default async function realConnectionRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('oic');

  op(app, spec, 'realUpdateConnection', async (request) => {
    const { id } = request.params as { id: string };
    const patch = withoutReadOnly(request.body as Record<string, unknown>, CONNECTION_READ_ONLY, id, 'connection') as Partial<ConnectionDefinition>;
    return connectionView(request.oic.connections.update(id, patch), request.oic.integrations.usersOfConnection(id));
  }, { preParsing: [requirePatchOverride('a connection (the body is as for PUT)')] });
}
