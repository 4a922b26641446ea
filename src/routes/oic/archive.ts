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
import type { IntegrationDefinition, IntegrationRecord } from '../../store/oic/integrations';

/** Compiled from the (read-only) spec on the first import, not at start-up. */
function definitionValidator(): ValidateFunction {
  const spec = loadSpec('oic');
  const ajv = new Ajv({ strict: false, allErrors: false });
  addFormats(ajv);
  return ajv.compile(toJsonSchema(spec.document, { $ref: '#/components/schemas/IntegrationCreate' }));
}

const PASS_THROUGH = new Set(['FST_REQ_FILE_TOO_LARGE', 'FST_FILES_LIMIT', 'FST_PARTS_LIMIT', 'FST_FIELDS_LIMIT']);

/** The one uploaded file of a multipart request (field `file`). */
async function readUpload(request: FastifyRequest): Promise<Buffer> {
  let file: Buffer | undefined;
  const fileFields: string[] = [];
  try {
    for await (const part of request.parts()) {
      if (part.type !== 'file') continue;
      fileFields.push(part.fieldname);
      if (part.fieldname === 'file' && file === undefined) file = await part.toBuffer();
      else for await (const _chunk of part.file) { /* drain: only the first `file` is read */ }
    }
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (e instanceof ApiError || (code && PASS_THROUGH.has(code))) throw e;
    throw badRequest(`Malformed multipart/form-data body: ${(e as Error).message}`);
  }
  if (fileFields.length > 1) {
    throw badRequest(`Expected exactly one file (in the multipart field 'file'), got ${fileFields.length} (fields: ${fileFields.join(', ')})`);
  }
  if (!file) {
    throw badRequest(fileFields.length
      ? `The file must be sent in the multipart field 'file', not '${fileFields[0]}'`
      : "No file uploaded: send the .iar as multipart/form-data in the field 'file'");
  }
  if (file.length === 0) throw badRequest('The uploaded file is empty');
  return file;
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
  const store = app.stores.integrations;
  let validator: ValidateFunction | undefined;
  const validate = (def: unknown) => (validator ??= definitionValidator())(def);

  op(app, spec, 'exportIntegration', async (request, reply) => {
    const rec = store.require((request.params as { id: string }).id);
    const definition = store.design(rec);
    const connections = [...new Set((definition.connections ?? []).map((c) => c.connectionId))]
      .map((cid) => app.stores.connections.get(cid))
      .filter((c) => c !== undefined)
      .map((c) => compact({ ...c.definition, connectionProperties: stripSecrets(c.definition.connectionProperties) }));
    const zip = buildIar({ definition, connections }, { exportedTime: app.ctx.clock.nowIso(), exportedBy: callerName(request) }, app.ctx.clock.nowDate());
    return reply
      .header('content-type', 'application/octet-stream')
      .header('content-disposition', `attachment; filename="${iarFileName(rec.identifier, rec.version)}"`)
      .send(Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength));
  });

  const importHandler = (mode: 'add' | 'replace') => async (request: FastifyRequest, reply: import('fastify').FastifyReply) => {
    const content = readIar(await readUpload(request));
    if (!validate(content.definition)) {
      const dir = projectDir(String(content.definition.identifier), String(content.definition.version));
      throw badRequest(`The archive's integration definition (${dir}/PROJECT-INF/project.json) is invalid: ${describeValidation(validator!.errors ?? [], 'definition')}`);
    }
    const { record, created } = store.importDefinition(content.definition as unknown as IntegrationDefinition, callerName(request), mode);
    return reply.code(created ? 201 : 200).send(importedView(record));
  };

  op(app, spec, 'importIntegration', importHandler('add'));
  op(app, spec, 'replaceIntegration', importHandler('replace'));
}
