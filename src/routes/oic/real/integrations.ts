/**
 * Integrations the real way: activate/deactivate with POST +
 * X-HTTP-Method-Override: PATCH, activationStatus, and the project-scoped
 * variants (/projects/{projectId}/integrations[/{id}]). Thin handlers over
 * the design-time IntegrationStore; the views are ../dialects/oracle/.
 */
import type { FastifyInstance } from 'fastify';
import { op } from '../../../openapi/routes';
import { loadSpec } from '../../../openapi/spec';
import { callerName } from '../../../oic/links';
import { realIntegrationStatus } from '../../../oic/real/status';
import { oracleIntegrationView } from '../dialects/oracle/integrations';
import { oracleIntegrationList } from '../dialects/oracle/integration-list';
import { integrationFacts } from '../dialects/oracle/facts';
import { preconditionFailed } from '../../../core/errors';
import type { IntegrationRecord } from '../../../store/oic/integrations';
import { asReal, requireInProject, requirePatchOverride } from './common';
import type { Req } from '../../../openapi/request-types';

interface PatchOptions { enableAsyncActivationMode?: boolean; deleteEventSubscriptionFlag?: boolean; stopScheduleForDeactivation?: boolean }
type PatchRequest = Req<'oic', 'realUpdateIntegration'> | Req<'oic', 'realUpdateProjectIntegration'>;

/** Oracle's clients send the options in the query or in the body; the query wins when both say. */
function optionOf(request: PatchRequest, name: keyof PatchOptions): boolean | undefined {
  return request.query[name] ?? request.body[name];
}

export default async function realIntegrationRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('oic');


  /** Activation or deactivation from Oracle's PATCH body; the answer carries the status of the request. */
  function patch(request: PatchRequest, rec: IntegrationRecord, scoped: boolean) {
    const body = request.body;
    const async = optionOf(request, 'enableAsyncActivationMode') !== false;
    // deleteEventSubscriptionFlag is accepted and ignored: the emulator has no event subscriptions.
    const stopSchedule = optionOf(request, 'stopScheduleForDeactivation') === true;
    let status: string;
    const updated = asReal(() => {
      if (body.status === 'ACTIVATED') {
        if (rec.status === 'ACTIVE') throw preconditionFailed(`Integration '${rec.id}' is already ACTIVATED; deactivate it first ({"status": "CONFIGURED"})`);
        status = async ? 'ACTIVATION_INPROGRESS' : 'ACTIVATED';
        return request.oic.integrations.activate(rec.id, { enablePayloadTracing: body.payloadTracingEnabled ?? false, payloadTracingLevel: 'PRODUCTION' }, callerName(request));
      }
      if (rec.status !== 'ACTIVE') throw preconditionFailed(`Integration '${rec.id}' is already CONFIGURED (not activated); there is nothing to deactivate`);
      status = async ? 'DEACTIVATION_INPROGRESS' : 'CONFIGURED';
      return request.oic.ctx.db.transaction(() => {
        const schedule = request.oic.runtime.schedules.ofIntegration(rec.id);
        if (stopSchedule && schedule?.status === 'ACTIVE') request.oic.runtime.setScheduleStatus(rec.id, 'STOPPED');
        return request.oic.integrations.deactivate(rec.id);
      })();
    });
    return oracleIntegrationView(updated, { ...integrationFacts(request.oic, request, updated, scoped), status: status! });
  }

  const preParsing = [requirePatchOverride('an integration (activate: {"status": "ACTIVATED"}, deactivate: {"status": "CONFIGURED"})')];

  op(app, spec, 'realUpdateIntegration', async (request) => patch(request, request.oic.integrations.require(request.params.id), false), { preParsing });

  op(app, spec, 'realGetActivationStatus', async (request) => ({ activationStatus: realIntegrationStatus(request.oic.integrations.require(request.params.id).status) }));

  op(app, spec, 'realListProjectIntegrations', async (request) => {
    const { projectId } = request.params;
    request.oic.projects.require(projectId);
    const query = request.query;
    return oracleIntegrationList(request.oic.integrations.rows(projectId), query, true, request.url.split('?')[0]);
  });

  op(app, spec, 'realGetProjectIntegration', async (request) => {
    const { projectId, id } = request.params;
    const rec = requireInProject(request.oic, projectId, id);
    return oracleIntegrationView(rec, integrationFacts(request.oic, request, rec, true));
  });

  op(app, spec, 'realUpdateProjectIntegration', async (request) => {
    const { projectId, id } = request.params;
    return patch(request, requireInProject(request.oic, projectId, id), true);
  }, { preParsing });

  op(app, spec, 'realGetProjectActivationStatus', async (request) => {
    const { projectId, id } = request.params;
    return { activationStatus: realIntegrationStatus(requireInProject(request.oic, projectId, id).status) };
  });
}
