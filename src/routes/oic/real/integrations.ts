/**
 * Integrations the real way: activate/deactivate with POST +
 * X-HTTP-Method-Override: PATCH, activationStatus, and the project-scoped
 * variants (/projects/{projectId}/integrations[/{id}]). Thin handlers over
 * the design-time IntegrationStore; the views are src/oic/real/views.ts.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { op } from '../../../openapi/routes';
import { loadSpec } from '../../../openapi/spec';
import { listPage, commonQFields } from '../../../oic/listing';
import { callerName } from '../../../oic/links';
import type { QFields } from '../../../oic/q-filter';
import { realIntegrationStatus, seedIntegrationStatus } from '../../../oic/real/status';
import { realIntegrationSummary, realIntegrationView, type ScheduleFacts } from '../../../oic/real/views';
import { preconditionFailed } from '../../../core/errors';
import type { IntegrationRecord, IntegrationRow } from '../../../store/oic/integrations';
import { asReal, requireInProject, requirePatchOverride, scheduleStatusOf } from './common';
import type { OicInstance } from '../../../instances/oic-instance';

interface IdParams { id: string }
interface ProjectParams { projectId: string }
interface PatchQuery { enableAsyncActivationMode?: boolean }
interface PatchBody { status: 'ACTIVATED' | 'CONFIGURED'; payloadTracingEnabled?: boolean }

/** A real status word matches the stored one it stands for; words no stored integration has match nothing. */
const NO_MATCH = '\u0000';
const base = commonQFields<IntegrationRow>();
const REAL_INTEGRATION_Q: QFields<IntegrationRow> = {
  ...base,
  fields: {
    ...base.fields,
    status: { get: (r) => r.status, normalize: (v) => seedIntegrationStatus(v) ?? (v === 'ACTIVE' || v === 'CONFIGURED' ? v : NO_MATCH) },
    version: { get: (r) => r.version },
    pattern: { get: (r) => r.pattern },
    style: { get: (r) => r.style },
    type: { get: () => 'DEVELOPED', normalize: (v) => v.toUpperCase() },
  },
};

/** `orderBy=time` (Oracle's word) is the listing's modifiedTime. */
export const realOrder = (orderBy?: string) => (orderBy === 'time' ? 'modifiedTime' : orderBy);

export default async function realIntegrationRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('oic');

  function scheduleFacts(oic: OicInstance, rec: IntegrationRecord): ScheduleFacts {
    oic.runtime.scheduler.syncActivations();
    const s = oic.runtime.schedules.ofIntegration(rec.id);
    return { defined: s !== undefined, status: scheduleStatusOf(oic.real, rec.id, s) };
  }

  /** Activation or deactivation from Oracle's PATCH body; the answer carries the status of the request. */
  function patch(request: FastifyRequest, rec: IntegrationRecord, scoped: boolean) {
    const body = request.body as PatchBody;
    const async = (request.query as PatchQuery).enableAsyncActivationMode !== false;
    let status: string;
    const updated = asReal(() => {
      if (body.status === 'ACTIVATED') {
        if (rec.status === 'ACTIVE') throw preconditionFailed(`Integration '${rec.id}' is already ACTIVATED; deactivate it first ({"status": "CONFIGURED"})`);
        status = async ? 'ACTIVATION_INPROGRESS' : 'ACTIVATED';
        return request.oic.integrations.activate(rec.id, { enablePayloadTracing: body.payloadTracingEnabled ?? false, payloadTracingLevel: 'PRODUCTION' }, callerName(request));
      }
      if (rec.status !== 'ACTIVE') throw preconditionFailed(`Integration '${rec.id}' is already CONFIGURED (not activated); there is nothing to deactivate`);
      status = async ? 'DEACTIVATION_INPROGRESS' : 'CONFIGURED';
      return request.oic.integrations.deactivate(rec.id);
    });
    return realIntegrationView(updated, scoped, scheduleFacts(request.oic, updated), status!);
  }

  const preParsing = [requirePatchOverride('an integration (activate: {"status": "ACTIVATED"}, deactivate: {"status": "CONFIGURED"})')];

  op(app, spec, 'realUpdateIntegration', async (request) => patch(request, request.oic.integrations.require((request.params as IdParams).id), false), { preParsing });

  op(app, spec, 'realGetActivationStatus', async (request) => ({ activationStatus: realIntegrationStatus(request.oic.integrations.require((request.params as IdParams).id).status) }));

  op(app, spec, 'realListProjectIntegrations', async (request) => {
    const { projectId } = request.params as ProjectParams;
    request.oic.projects.require(projectId);
    const query = request.query as { q?: string; orderBy?: string; limit?: number; offset?: number };
    return listPage(request.oic.integrations.rows(projectId), { ...query, orderBy: realOrder(query.orderBy) }, REAL_INTEGRATION_Q, (row) => realIntegrationSummary(row, true));
  });

  op(app, spec, 'realGetProjectIntegration', async (request) => {
    const { projectId, id } = request.params as ProjectParams & IdParams;
    const rec = requireInProject(request.oic, projectId, id);
    return realIntegrationView(rec, true, scheduleFacts(request.oic, rec));
  });

  op(app, spec, 'realUpdateProjectIntegration', async (request) => {
    const { projectId, id } = request.params as ProjectParams & IdParams;
    return patch(request, requireInProject(request.oic, projectId, id), true);
  }, { preParsing });

  op(app, spec, 'realGetProjectActivationStatus', async (request) => {
    const { projectId, id } = request.params as ProjectParams & IdParams;
    return { activationStatus: realIntegrationStatus(requireInProject(request.oic, projectId, id).status) };
  });
}
