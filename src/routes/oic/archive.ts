/**
 * Integration archives: export (GET .../{id}/archive) and import
 * (POST/PUT .../archive, multipart field `file`). The zip layout and the
 * safety checks are in src/oic/iar.ts; the archived definition is validated
 * against the same schema as a create request, so an import can never store
 * what a create would refuse.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { ApiError, badRequest, describeValidation } from '../../core/errors';
import { op } from '../../openapi/routes';
import { loadSpec, toJsonSchema } from '../../openapi/spec';
import { buildIar, iarFileName, projectDir, readIar } from '../../oic/iar';
import { callerName, compact, integrationLinks } from '../../oic/links';
import { stripSecrets } from '../../oic/secrets';
import { readFileField } from './upload';
import type { IntegrationDefinition, IntegrationRecord } from '../../store/oic/integrations';

/** Compiled from the (read-only) spec on the first import, not at start-up. */
function definitionValidator(): ValidateFunction {
  const spec = loadSpec('oic');
  const ajv = new Ajv({ strict: false, allErrors: false });
  addFormats(ajv);
  return ajv.compile(toJsonSchema(spec.document, { $ref: '#/components/schemas/IntegrationCreate' }));
}

function importedView(rec: IntegrationRecord) {
  return compact({
    id: rec.id,
    name: rec.name,
    identifier: rec.identifier,
    version: rec.version,
    status: rec.status,
    importedTime: rec.importedTime,
    importedBy: rec.importedBy,
    links: integrationLinks(rec.id, rec.status, false),
  });
}

export default async function archiveRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('oic');
  let validator: ValidateFunction | undefined;
  const validate = (def: unknown) => (validator ??= definitionValidator())(def);

  op(app, spec, 'exportIntegration', async (request, reply) => {
    const rec = request.oic.integrations.require((request.params as { id: string }).id);
    const definition = request.oic.integrations.design(rec);
    const connections = [...new Set((definition.connections ?? []).map((c) => c.connectionId))]
      .map((cid) => request.oic.connections.get(cid))
      .filter((c) => c !== undefined)
      .map((c) => compact({ ...c.definition, connectionProperties: stripSecrets(c.definition.connectionProperties) }));
    const zip = buildIar({ definition, connections }, { exportedTime: app.ctx.clock.nowIso(), exportedBy: callerName(request) }, app.ctx.clock.nowDate());
    return reply
      .header('content-type', 'application/octet-stream')
      .header('content-disposition', `attachment; filename="${iarFileName(rec.identifier, rec.version)}"`)
      .send(Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength));
  });

  const importHandler = (mode: 'add' | 'replace') => async (request: FastifyRequest, reply: import('fastify').FastifyReply) => {
    const content = readIar((await readFileField(request, '.iar')).data);
    if (!validate(content.definition)) {
      const dir = projectDir(String(content.definition.identifier), String(content.definition.version));
      throw badRequest(`The archive's integration definition (${dir}/PROJECT-INF/project.json) is invalid: ${describeValidation(validator!.errors ?? [], 'definition')}`);
    }
    const { record, created } = request.oic.integrations.importDefinition(content.definition as unknown as IntegrationDefinition, callerName(request), mode);
    return reply.code(created ? 201 : 200).send(importedView(record));
  };

  op(app, spec, 'importIntegration', importHandler('add'));
  op(app, spec, 'replaceIntegration', importHandler('replace'));
}
