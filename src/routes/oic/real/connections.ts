/**
 * Connections the real way: POST /connections/{id} with
 * X-HTTP-Method-Override: PATCH, and the same under
 * /projects/{projectId}/connections/{id} (with its GET). The body is the
 * seed's PUT body or Oracle's, whose `connectionProperties` and
 * `securityProperties` are property descriptors
 * ({propertyName, propertyValue, ...}): those become the seed's
 * `connectionProperties` object (security ones under `security`). A GET body
 * may be sent back (read-only fields are dropped, masked secrets keep their
 * stored value). These paths are Oracle's only: the answer is Oracle's
 * connection (../dialects/oracle/connections.ts).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { notFound } from '../../../core/errors';
import { op } from '../../../openapi/routes';
import { loadSpec } from '../../../openapi/spec';
import { withoutReadOnly } from '../../../oic/links';
import type { ConnectionDefinition, ConnectionRecord } from '../../../store/oic/connections';
import { CONNECTION_READ_ONLY } from '../connections';
import { ORACLE_CONNECTION_READ_ONLY, oracleConnectionView } from '../dialects/oracle/connections';
import { isPlainObject } from '../../../oic/merge';
import { requirePatchOverride } from './common';

interface Descriptor { propertyName: string; propertyValue?: string }

const fromDescriptors = (list: Descriptor[]) => Object.fromEntries(list.map((d) => [d.propertyName, d.propertyValue ?? null]));

/** Oracle's descriptor form -> the seed's patch. */
export function seedConnectionPatch(body: Record<string, unknown>): Record<string, unknown> {
  const { securityProperties, ...rest } = body;
  const out: Record<string, unknown> = { ...rest };
  // Oracle's GET shows the adapter as an object; sent back, its name is the adapter type.
  if (isPlainObject(rest.adapterType) && typeof rest.adapterType.name === 'string') out.adapterType = rest.adapterType.name;
  let props = Array.isArray(rest.connectionProperties) ? fromDescriptors(rest.connectionProperties as Descriptor[]) : (rest.connectionProperties as Record<string, unknown> | undefined);
  if (Array.isArray(securityProperties) && securityProperties.length) {
    props = { ...(props ?? {}), security: fromDescriptors(securityProperties as Descriptor[]) };
  }
  if (props !== undefined) out.connectionProperties = props;
  return out;
}

export default async function realConnectionRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('oic');
  const store = app.stores.connections;
  const view = (rec: ConnectionRecord) => oracleConnectionView(rec, app.stores.integrations.usersOfConnection(rec.id));

  /** The connection a request names (in its project, on the scoped paths). */
  const target = (request: FastifyRequest): ConnectionRecord => {
    const { projectId, id } = request.params as { projectId?: string; id: string };
    if (projectId === undefined) return store.require(id);
    app.stores.projects.require(projectId);
    const rec = store.require(id);
    if (rec.projectId !== projectId) {
      throw notFound(`Connection '${id}' is not in project '${projectId}' (${rec.projectId ? `it is in project '${rec.projectId}'` : 'it is in no project'})`);
    }
    return rec;
  };

  const update = async (request: FastifyRequest) => {
    const rec = target(request);
    const patch = withoutReadOnly(seedConnectionPatch(request.body as Record<string, unknown>), [...CONNECTION_READ_ONLY, ...ORACLE_CONNECTION_READ_ONLY], rec.id, 'connection') as Partial<ConnectionDefinition>;
    return view(store.update(rec.id, patch));
  };
  const preParsing = [requirePatchOverride('a connection (the body is as for PUT, or Oracle\'s property descriptors)')];

  op(app, spec, 'realUpdateConnection', update, { preParsing });
  op(app, spec, 'realUpdateProjectConnection', update, { preParsing });
  op(app, spec, 'realGetProjectConnection', async (request) => view(target(request)));
}
