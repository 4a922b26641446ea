/**
 * Integration archives: export (GET .../{id}/archive) and import
 * (POST/PUT .../archive, multipart field `file`) in Oracle's .iar layout
 * (src/oic/archive/). An imported integration exports its own entries byte
 * for byte; one made through the JSON API exports a generated project.xml
 * with its JSON definition riding along, which is validated against the
 * same schema as a create request on the way back in.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { op } from '../../openapi/routes';
import { loadSpec } from '../../openapi/spec';
import { iarFileName, readIar } from '../../oic/archive/iar';
import { createConnections, importIntegration } from '../../oic/archive/importer';
import { exportIntegrationArchive } from '../../oic/archive/exporter';
import { callerName, INTEGRATIONS } from '../../oic/links';
import { isOracle } from './dialects';
import { importedView } from './dialects/seed/integrations';
import { readFileField, uploadOp } from './upload';
import { validateDefinition } from '../../oic/archive/definition-check';

export function sendArchive(reply: FastifyReply, fileName: string, zip: Uint8Array): FastifyReply {
  return reply
    .header('content-type', 'application/octet-stream')
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .send(Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength));
}

export default async function archiveRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('oic');

  op(app, spec, 'exportIntegration', async (request, reply) => {
    const rec = request.oic.integrations.require(request.params.id);
    return sendArchive(reply, iarFileName(rec.identifier, rec.version), exportIntegrationArchive(request.oic, rec, app.ctx.clock.nowDate()));
  });

  const importHandler = (mode: 'add' | 'replace') => async (request: FastifyRequest, reply: FastifyReply) => {
    const content = readIar((await readFileField(request, '.iar')).data);
    const caller = callerName(request);
    const { record, created } = request.oic.ctx.db.transaction(() => {
      // The integration first: an id in use is a 409 before anything else is looked at.
      const result = importIntegration(request.oic, content.integration, { mode, caller, validate: validateDefinition });
      createConnections(request.oic, content.connections, caller);
      return result;
    })();
    // Oracle documents 204 + Location for an import; the seed answers the imported integration.
    reply.header('location', `${INTEGRATIONS}/${encodeURIComponent(record.id)}`);
    if (isOracle(request)) return reply.code(204).send();
    return reply.code(created ? 201 : 200).send(importedView(record));
  };

  uploadOp(app, spec, 'importIntegration', importHandler('add'));
  uploadOp(app, spec, 'replaceIntegration', importHandler('replace'));
}
