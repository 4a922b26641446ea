/**
 * The rest of Oracle's connection surface: validate, testWithAttachments,
 * metadata refresh (POST .../metadata) and property attachments
 * (.../attachments/{connPropName}: upload, download, delete).
 *
 * validate and testWithAttachments take multipart/form-data as Oracle's
 * pages say: an optional part `connection` holding the update (JSON, the
 * same body as POST .../connections/{id}) and one file per attachment,
 * named by its connection property. Both run in one transaction: a
 * connection that is not configured (a required property without a value)
 * is a 409 and nothing is written. validate writes nothing in any case.
 *
 * Each answers in the request's dialect: the seed's connection with the
 * outcome beside it (validationStatus, testResult, attachment), or Oracle's
 * connection (../dialects/oracle/connections.ts), whose own fields carry the
 * outcome: status and percentageComplete (validate), testStatus and
 * lastTestMessage (testWithAttachments), metadataDownloadState and
 * lastRefreshedDate (refresh), attachments (upload).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, badRequest, conflict, notFound } from '../../../core/errors';
import { op } from '../../../openapi/routes';
import { loadSpec } from '../../../openapi/spec';
import { connectionStatusOf, missingProperties, whatIsMissing } from '../../../oic/connection-config';
import { withoutReadOnly } from '../../../oic/links';
import { deepMerge, isPlainObject } from '../../../oic/merge';
import { restoreMasked } from '../../../oic/secrets';
import type { Stores } from '../../../store';
import type { ConnectionDefinition, ConnectionRecord } from '../../../store/oic/connections';
import { CONNECTION_READ_ONLY } from '../connections';
import { fullView } from '../dialects/seed/connections';
import { inDialect } from '../dialects';
import { connectionExtrasOf, oracleConnectionView, type ConnectionExtras } from '../dialects/oracle/connections';
import { seedConnectionPatch } from './connections';
import { requirePatchOverride } from './common';
import { readFileField, uploadOp } from '../upload';
import type { Req } from '../../../openapi/request-types';

const PASS_THROUGH = new Set(['FST_REQ_FILE_TOO_LARGE', 'FST_FILES_LIMIT', 'FST_PARTS_LIMIT', 'FST_FIELDS_LIMIT', 'FST_PROTO_VIOLATION']);
const PROP_NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,127}$/;

interface ConnectionForm { update?: Record<string, unknown>; files: Array<{ propName: string; data: Buffer; fileName?: string }> }

/** The attachments as a form would leave them: its files replace all (full update) or those of the same property. */
function attachmentsAfter(stored: ConnectionExtras['attachments'], files: ConnectionForm['files'], replaceAll: boolean, now: string): ConnectionExtras['attachments'] {
  const sent = files.map((f) => ({ propName: f.propName, fileName: f.fileName ?? null, serviceWsdl: null, size: f.data.length, uploadedTime: now }));
  const kept = replaceAll ? [] : stored.filter((a) => !files.some((f) => f.propName === a.propName));
  return [...kept, ...sent].sort((a, b) => (a.propName < b.propName ? -1 : 1));
}

/** The stores a request works on (its OIC state). */
const storesOf = (request: FastifyRequest): Stores => request.oic;

/** The connection a request names (in its project, on the project-scoped paths). */
function target(request: FastifyRequest & { params: { projectId?: string; id: string } }): ConnectionRecord {
  const s = storesOf(request);
  const { projectId, id } = request.params;
  if (projectId !== undefined) s.projects.require(projectId);
  const rec = s.connections.require(id);
  if (projectId !== undefined && rec.projectId !== projectId) {
    throw notFound(`Connection '${id}' is not in project '${projectId}' (${rec.projectId ? `it is in project '${rec.projectId}'` : 'it is in no project'})`);
  }
  return rec;
}

/** The stores, connection id and property name an attachment request addresses, once its connection is found where the path says. */
function attachmentTarget(request: FastifyRequest & { params: { projectId?: string; id: string; connPropName: string } }) {
  target(request);
  return { s: storesOf(request), id: request.params.id, connPropName: request.params.connPropName };
}

export function checkPropName(name: string): string {
  if (!PROP_NAME.test(name)) throw badRequest(`'${name}' is not a connection property name (a letter, then letters, digits, '_', '.', '-'; at most 128)`);
  return name;
}

async function readConnectionForm(request: FastifyRequest): Promise<ConnectionForm> {
  const form: ConnectionForm = { files: [] };
  if (!request.isMultipart()) return form;
  const json = (text: string) => {
    let v: unknown;
    try { v = JSON.parse(text); } catch (e) { throw badRequest(`The part 'connection' is not JSON: ${(e as Error).message}`); }
    if (!isPlainObject(v)) throw badRequest("The part 'connection' must be a JSON object (the connection update)");
    return v;
  };
  try {
    for await (const part of request.parts()) {
      if (part.fieldname === 'connection') {
        if (form.update) throw badRequest("The part 'connection' is given twice");
        form.update = json(part.type === 'file' ? (await part.toBuffer()).toString('utf8') : String(part.value));
        continue;
      }
      if (part.type !== 'file') throw badRequest(`Form field '${part.fieldname}' is not expected: send the update in 'connection' and each attachment as a file named by its property`);
      const data = await part.toBuffer();
      if (form.files.some((f) => f.propName === part.fieldname)) throw badRequest(`Two attachments for property '${part.fieldname}'`);
      if (data.length === 0) throw badRequest(`The attachment for property '${part.fieldname}' is empty`);
      form.files.push({ propName: checkPropName(part.fieldname), data, fileName: part.filename || undefined });
    }
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (e instanceof ApiError || (code && PASS_THROUGH.has(code))) throw e;
    throw badRequest(`Malformed multipart/form-data body: ${(e as Error).message}`);
  }
  return form;
}

export default async function connectionExtraRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('oic');
  const view = (s: Stores, rec: ConnectionRecord) => fullView(rec, s.integrations.usersOfConnection(rec.id));
  const oracleView = (s: Stores, rec: ConnectionRecord) => oracleConnectionView(rec, s.integrations.usersOfConnection(rec.id), connectionExtrasOf(s, rec.id));
  const patchOf = (rec: ConnectionRecord, body: Record<string, unknown>) =>
    withoutReadOnly(seedConnectionPatch(body), CONNECTION_READ_ONLY, rec.id, 'connection') as Partial<ConnectionDefinition>;
  const requireConfigured = (id: string, props: unknown) => {
    if (missingProperties(props).length) throw conflict(`Connection '${id}' is not configured: ${whatIsMissing(props)}`);
  };
  const preParsing = [requirePatchOverride('a connection (validate/test with its attachments)')];

  uploadOp(app, spec, 'realValidateConnection', async (request) => {
    const s = storesOf(request);
    const rec = target(request);
    const { patchAttachments } = request.query;
    const form = await readConnectionForm(request);
    // Validation looks at the connection as the update would leave it, and writes nothing.
    const patch = form.update ? patchOf(rec, form.update) : {};
    const merged = deepMerge(rec.definition, restoreMasked(patch, rec.definition)) as ConnectionDefinition;
    const missing = missingProperties(merged.connectionProperties);
    return inDialect(request, {
      seed: () => ({
        ...view(s, rec),
        validationStatus: missing.length ? 'FAILED' : 'SUCCESS',
        ...(missing.length ? { validationMessage: `Connection '${rec.id}' is not configured: ${whatIsMissing(merged.connectionProperties)}` } : {}),
        validatedAttachments: form.files.map((f) => ({ propertyName: f.propName, fileName: f.fileName ?? null, size: f.data.length })),
      }),
      oracle: () => {
        const extras = connectionExtrasOf(s, rec.id);
        const would: ConnectionRecord = { ...rec, name: merged.name ?? rec.name, definition: merged, status: connectionStatusOf(merged.connectionProperties) };
        const attachments = attachmentsAfter(extras.attachments, form.files, patchAttachments === false, request.oic.ctx.clock.nowIso());
        return oracleConnectionView(would, s.integrations.usersOfConnection(rec.id), { ...extras, attachments });
      },
    });
  }, { preParsing });

  uploadOp(app, spec, 'realTestConnectionWithAttachments', async (request) => {
    const s = storesOf(request);
    const { id } = request.params;
    const { action, patchAttachments } = request.query;
    s.connections.require(id);
    const form = await readConnectionForm(request);
    return request.oic.ctx.db.transaction(() => {
      const rec = s.connections.require(id);
      const updated = form.update ? s.connections.update(id, patchOf(rec, form.update)) : rec;
      if (patchAttachments === false) s.connectionAttachments.replaceAll(id, form.files);
      else for (const f of form.files) s.connectionAttachments.put(id, f.propName, f.data, f.fileName);
      requireConfigured(id, updated.definition.connectionProperties);
      // action=validate: the full validation only (Oracle's WSDL processing); no test is run.
      if (action === 'validate') return inDialect(request, { seed: () => ({ ...view(s, updated), validationStatus: 'SUCCESS' }), oracle: () => oracleView(s, updated) });
      const result = s.connections.test(id);
      const tested = s.connections.require(id);
      return inDialect(request, { seed: () => ({ ...view(s, tested), testResult: result }), oracle: () => oracleView(s, tested) });
    })();
  }, { preParsing });

  op(app, spec, 'realRefreshConnectionMetadata', async (request) => {
    const s = storesOf(request);
    const { id } = request.params;
    s.connections.require(id);
    const lastRefreshedDate = s.connectionAttachments.markRefreshed(id);
    return inDialect(request, {
      seed: () => ({ id, metadataDownloadState: 'COMPLETE', lastRefreshedDate, metadata: s.connections.metadata(id) }),
      oracle: () => oracleView(s, s.connections.require(id)),
    });
  });

  const uploadAttachment = async (request: Req<'oic', 'realUploadConnectionAttachment'> | Req<'oic', 'realUploadProjectConnectionAttachment'>) => {
    const { serviceWSDL } = request.query;
    const { s, id, connPropName } = attachmentTarget(request);
    checkPropName(connPropName);
    const upload = await readFileField(request, `attachment of '${connPropName}'`);
    if (serviceWSDL !== undefined && !/\.zip$/i.test(upload.fileName ?? '') && upload.data.subarray(0, 2).toString('latin1') !== 'PK') {
      throw badRequest(`serviceWSDL names a WSDL inside a zip, but the uploaded file is not a zip`);
    }
    const row = s.connectionAttachments.put(id, connPropName, upload.data, upload.fileName, serviceWSDL);
    const rec = s.connections.require(id);
    return inDialect(request, {
      seed: () => ({ ...view(s, rec), attachment: { propertyName: row.propName, fileName: row.fileName, serviceWSDL: row.serviceWsdl, size: row.size, uploaded: row.uploadedTime } }),
      oracle: () => oracleView(s, rec),
    });
  };
  uploadOp(app, spec, 'realUploadConnectionAttachment', uploadAttachment);
  uploadOp(app, spec, 'realUploadProjectConnectionAttachment', uploadAttachment);

  const download = async (request: Req<'oic', 'realGetConnectionAttachment'> | Req<'oic', 'realGetProjectConnectionAttachment'>, reply: FastifyReply) => {
    const { s, id, connPropName } = attachmentTarget(request);
    const a = s.connectionAttachments.require(id, connPropName);
    const name = (a.fileName ?? connPropName).replace(/[^A-Za-z0-9._-]/g, '_');
    return reply.code(200).header('content-type', 'application/octet-stream').header('content-disposition', `attachment; filename="${name}"`).send(a.data);
  };
  op(app, spec, 'realGetConnectionAttachment', download);
  op(app, spec, 'realGetProjectConnectionAttachment', download);

  const remove = async (request: Req<'oic', 'realDeleteConnectionAttachment'> | Req<'oic', 'realDeleteProjectConnectionAttachment'>, reply: FastifyReply) => {
    const { s, id, connPropName } = attachmentTarget(request);
    s.connectionAttachments.delete(id, connPropName);
    return reply.code(204).send();
  };
  op(app, spec, 'realDeleteConnectionAttachment', remove);
  op(app, spec, 'realDeleteProjectConnectionAttachment', remove);
}
