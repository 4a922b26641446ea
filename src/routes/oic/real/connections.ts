/**
 * Connections the real way: POST /connections/{id} with
 * X-HTTP-Method-Override: PATCH, and the same under
 * /projects/{projectId}/connections/{id} (with its GET). The body is the
 * seed's PUT body or Oracle's, whose `connectionProperties` and
 * `securityProperties` are property descriptors
 * ({propertyName, propertyValue, ...}): those become the seed's
 * `connectionProperties` object (security ones under `security`). A GET body
 * may be sent back (read-only fields are dropped, masked secrets keep their
 * stored value). A multipart PUT on the project path (the fallback of
 * Oracle's scripts) takes the same update as a file: JSON, or a connection
 * descriptor with its values filled in. The answer is the connection in the
 * request's dialect (../dialects/{seed,oracle}/connections.ts).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { notFound } from '../../../core/errors';
import { op } from '../../../openapi/routes';
import { loadSpec } from '../../../openapi/spec';
import { withoutReadOnly } from '../../../oic/links';
import type { ConnectionRecord } from '../../../store/oic/connections';
import { CONNECTION_READ_ONLY } from '../connections';
import { fullView as connectionView } from '../dialects/seed/connections';
import { inDialect } from '../dialects';
import { ORACLE_CONNECTION_READ_ONLY, connectionExtrasOf, oracleConnectionView } from '../dialects/oracle/connections';
import { readAppInstance } from '../../../oic/archive/appinstance';
import { parseJsonEntry } from '../../../oic/archive/iar';
import { isPlainObject } from '../../../oic/merge';
import { badRequest } from '../../../core/errors';
import { readFileField, uploadOp } from '../upload';
import { requirePatchOverride } from './common';
import { oracleUpdateBody } from '../../../oic/real/connection-update';
import type { Req } from '../../../openapi/request-types';

interface Descriptor { propertyName: string; propertyValue?: string }

/** What an uploaded JSON update may hold (the writable fields of RealConnectionUpdate). */
const ALLOWED = new Set(['name', 'identifier', 'description', 'adapterType', 'version', 'projectId', 'connectionProperties', 'securityPolicy', 'agentGroupId', 'testConfiguration']);

const fromDescriptors = (list: Descriptor[]) => Object.fromEntries(list.map((d) => [d.propertyName, d.propertyValue ?? null]));

/** Oracle's descriptor form -> the seed's patch. */
export function seedConnectionPatch(body: Record<string, unknown>): Record<string, unknown> {
  const { securityProperties, ...rest } = oracleUpdateBody(body);
  const out: Record<string, unknown> = { ...rest };
  let props = Array.isArray(rest.connectionProperties) ? fromDescriptors(rest.connectionProperties as Descriptor[]) : (rest.connectionProperties as Record<string, unknown> | undefined);
  if (Array.isArray(securityProperties) && securityProperties.length) {
    props = { ...(props ?? {}), security: fromDescriptors(securityProperties as Descriptor[]) };
  }
  if (props !== undefined) out.connectionProperties = props;
  return out;
}

export default async function realConnectionRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('oic');
  // Oracle's own paths still answer in the request's dialect: a seed client that uses them reads the seed's connection.
  const view = (request: FastifyRequest, rec: ConnectionRecord) => {
    const usedBy = request.oic.integrations.usersOfConnection(rec.id);
    return inDialect(request, { seed: () => connectionView(rec, usedBy), oracle: () => oracleConnectionView(rec, usedBy, connectionExtrasOf(request.oic, rec.id)) });
  };

  /** The connection a request names (in its project, on the scoped paths). */
  const target = (request: FastifyRequest & { params: { projectId?: string; id: string } }): ConnectionRecord => {
    const { projectId, id } = request.params;
    const store = request.oic.connections;
    if (projectId === undefined) return store.require(id);
    request.oic.projects.require(projectId);
    const rec = store.require(id);
    if (rec.projectId !== projectId) {
      throw notFound(`Connection '${id}' is not in project '${projectId}' (${rec.projectId ? `it is in project '${rec.projectId}'` : 'it is in no project'})`);
    }
    return rec;
  };

  const readOnly = [...CONNECTION_READ_ONLY, ...ORACLE_CONNECTION_READ_ONLY];
  const update = async (request: Req<'oic', 'realUpdateConnection'> | Req<'oic', 'realUpdateProjectConnection'>) => {
    const rec = target(request);
    const patch = withoutReadOnly(seedConnectionPatch(request.body), readOnly, rec.id, 'connection');
    return view(request, request.oic.connections.update(rec.id, patch));
  };
  const preParsing = [requirePatchOverride('a connection (the body is as for PUT, or Oracle\'s property descriptors)')];

  op(app, spec, 'realUpdateConnection', update, { preParsing });
  op(app, spec, 'realUpdateProjectConnection', update, { preParsing });
  op(app, spec, 'realGetProjectConnection', async (request) => view(request, target(request)));

  // The multipart form: the file is the update body as JSON (either form), or
  // a connection descriptor (ApplicationInstance XML) with the values filled in.
  uploadOp(app, spec, 'realPutProjectConnection', async (request) => {
    const rec = target(request);
    const upload = await readFileField(request, 'connection (JSON body or ApplicationInstance XML)');
    const text = upload.data.toString('utf8').replace(/^\uFEFF/, '').trimStart();
    let patch: Record<string, unknown>;
    if (text.startsWith('<')) {
      const d = readAppInstance('file', new Uint8Array(upload.data), rec.id);
      patch = { connectionProperties: d.connectionProperties, ...(d.securityPolicy ? { securityPolicy: d.securityPolicy } : {}) };
    } else {
      const json = parseJsonEntry('file', new Uint8Array(upload.data));
      if (!isPlainObject(json)) throw badRequest("The uploaded connection must be a JSON object (the update body) or an ApplicationInstance descriptor");
      patch = seedConnectionPatch(json);
      const extra = Object.keys(patch).filter((k) => !ALLOWED.has(k) && !(readOnly as readonly string[]).includes(k));
      if (extra.length) throw badRequest(`file.${extra[0]} is not a connection field (${[...ALLOWED].join(', ')})`);
    }
    return view(request, request.oic.connections.update(rec.id, withoutReadOnly(patch, readOnly, rec.id, 'connection')));
  });
}
