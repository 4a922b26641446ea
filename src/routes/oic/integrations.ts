/**
 * Integrations (/ic/api/integration/v1/integrations): thin handlers over
 * IntegrationStore; archive export/import live in archive.ts. The list and
 * the read answer in the request's dialect (dialects/); the seed's other
 * operations are the seed's alone.
 */
import type { FastifyInstance } from 'fastify';
import { inDialect } from './dialects';
import { createdView, fullView, summaryView } from './dialects/seed/integrations';
import { oracleIntegrationView } from './dialects/oracle/integrations';
import { oracleIntegrationList, oracleOrder } from './dialects/oracle/integration-list';
import { integrationFacts } from './dialects/oracle/facts';
import { badRequest } from '../../core/errors';
import { op } from '../../openapi/routes';
import { loadSpec } from '../../openapi/spec';
import { listPage, commonQFields } from '../../oic/listing';
import { callerName, INTEGRATIONS, withoutReadOnly } from '../../oic/links';
import type { QFields } from '../../oic/q-filter';
import { sendView } from './best-practices';
import { tracingOf, type IntegrationRow } from '../../store/oic/integrations';

/** Oracle's `status` words in q: ACTIVATED means ACTIVE here. */
export const normalizeIntegrationStatus = (v: string) => {
  const s = v.toUpperCase();
  return s === 'ACTIVATED' ? 'ACTIVE' : s;
};

const base = commonQFields<IntegrationRow>();
const Q_FIELDS: QFields<IntegrationRow> = {
  ...base,
  fields: {
    ...base.fields,
    status: { get: (r) => r.status, normalize: normalizeIntegrationStatus },
    version: { get: (r) => r.version },
    pattern: { get: (r) => r.pattern },
    style: { get: (r) => r.style },
    projectId: { get: (r) => r.projectId },
  },
  aliases: { ...base.aliases, projectCode: 'projectId' },
};

const READ_ONLY = ['id', 'status', 'createdTime', 'createdBy', 'modifiedTime', 'importedTime', 'importedBy', 'activatedTime', 'activatedBy', 'tracing', 'schedule', 'links', 'archive'] as const;


export default async function integrationRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('oic');

  op(app, spec, 'listIntegrations', async (request) => {
    const query = request.query;
    return inDialect(request, {
      seed: () => listPage(request.oic.integrations.rows(query.projectId), { ...query, orderBy: oracleOrder(query.orderBy) }, Q_FIELDS, summaryView),
      oracle: () => oracleIntegrationList(request.oic.integrations.rows(query.projectId), query, false, INTEGRATIONS),
    });
  });

  op(app, spec, 'createIntegration', async (request, reply) => {
    const rec = request.oic.integrations.create(request.body, callerName(request));
    return reply.code(201).send(createdView(rec));
  });

  op(app, spec, 'getIntegration', async (request, reply) => {
    const { id } = request.params;
    return inDialect(request, {
      seed: () => sendView(request, reply, request.oic.views.get(`integration:${id}`, () => fullView(request.oic, request.oic.integrations.require(id)))),
      oracle: () => { const rec = request.oic.integrations.require(id); return oracleIntegrationView(rec, integrationFacts(request.oic, request, rec, false)); },
    });
  });

  op(app, spec, 'updateIntegration', async (request) => {
    const { id } = request.params;
    const body = request.body;
    const current = request.oic.integrations.require(id);
    if (body.status !== undefined && body.status !== current.status) {
      throw badRequest(`status cannot be changed with PUT (it is ${current.status}); use POST ${INTEGRATIONS}/${encodeURIComponent(id)}/${current.status === 'ACTIVE' ? 'deactivate' : 'activate'}`);
    }
    const patch = withoutReadOnly(body, READ_ONLY, id, 'integration');
    return fullView(request.oic, request.oic.integrations.update(id, patch));
  });

  op(app, spec, 'deleteIntegration', async (request, reply) => {
    request.oic.integrations.delete(request.params.id);
    return reply.code(200).send();
  });

  op(app, spec, 'cloneIntegration', async (request, reply) => {
    const body = request.body;
    if (body.identifier && body.code && body.identifier !== body.code) {
      throw badRequest(`body.identifier ('${body.identifier}') and body.code ('${body.code}') disagree; send one of them`);
    }
    const identifier = body.identifier ?? body.code;
    if (!identifier) throw badRequest('body.identifier is required (the new integration\'s identifier; Oracle\'s "code" is accepted too)');
    const rec = request.oic.integrations.clone(request.params.id, { ...body, identifier }, callerName(request));
    return reply.code(201).send(createdView(rec));
  });

  op(app, spec, 'activateIntegration', async (request) => {
    const tracing = tracingOf(request.body ?? {});
    return fullView(request.oic, request.oic.integrations.activate(request.params.id, tracing, callerName(request)));
  });

  op(app, spec, 'deactivateIntegration', async (request) => fullView(request.oic, request.oic.integrations.deactivate(request.params.id)));
}
