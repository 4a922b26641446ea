/**
 * Integration instances (/20190131/integrationInstances): list (bare array),
 * get (with etag); create, update, delete and every action answer 202 with
 * opc-work-request-id and no body, honour if-match (where the SDK sends it)
 * and opc-retry-token (where the SDK sends it).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { op } from '../../openapi/routes';
import { loadSpec } from '../../openapi/spec';
import { idempotent, ifMatch, sendDoc } from '../dis/http';
import { pageOf, sendPage } from './list';
import type { InstanceAction } from '../../store/oci-integration/actions';


/** operationId -> the store's action, for the POST .../actions/* operations. */
const ACTION_OPERATIONS = [
  ['startIntegrationInstance', 'start'],
  ['stopIntegrationInstance', 'stop'],
  ['changeIntegrationInstanceCompartment', 'changeCompartment'],
  ['changeIntegrationInstanceNetworkEndpoint', 'changeNetworkEndpoint'],
  ['changePrivateEndpointOutboundConnection', 'changePrivateEndpointOutboundConnection'],
  ['enableProcessAutomation', 'enableProcessAutomation'],
  ['disableProcessAutomation', 'disableProcessAutomation'],
  ['convertInstance', 'convertInstance'],
  ['extendDataRetention', 'extendDataRetention'],
  ['disasterRecoveryFailover', 'failover'],
  ['addOracleManagedCustomEndpoint', 'addOracleManagedCustomEndpoint'],
  ['removeOracleManagedCustomEndpoint', 'removeOracleManagedCustomEndpoint'],
  ['addLogAnalyticsLogGroup', 'addLogAnalyticsLogGroup'],
  ['removeLogAnalyticsLogGroup', 'removeLogAnalyticsLogGroup'],
] as const satisfies ReadonlyArray<readonly [string, Exclude<InstanceAction, 'create' | 'update' | 'delete'>]>;

/** Where this emulator is, as the caller reached it: instanceUrl and instanceDesignTimeUrl point here. */
function baseUrl(request: FastifyRequest): string {
  const { host, port } = request.server.ctx.config;
  return `${request.protocol}://${request.headers.host ?? `${host}:${port}`}`;
}

const accepted = (workRequestId: string) => ({ status: 202, headers: { 'opc-work-request-id': workRequestId }, body: undefined });

export default async function instanceRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('integration');
  const { instances, retryTokens } = app.integration;
  const poke = () => app.ctx.clock.poke();

  op(app, spec, 'listIntegrationInstances', async (request, reply) => {
    const query = request.query;
    const q = pageOf(query);
    const result = instances.list(String(query.compartmentId), query, q);
    return sendPage(reply, result, q);
  });

  op(app, spec, 'createIntegrationInstance', async (request, reply) =>
    idempotent(retryTokens, request, reply, () => {
      const wr = instances.create(request.body, baseUrl(request));
      poke();
      return accepted(wr.id);
    }));

  op(app, spec, 'getIntegrationInstance', async (request, reply) => {
    const rec = instances.require(request.params.integrationInstanceId);
    return sendDoc(reply, rec.instance, rec.etag);
  });

  // The SDK sends no opc-retry-token on update and delete: they are not idempotent-by-token.
  op(app, spec, 'updateIntegrationInstance', async (request, reply) => {
    const wr = instances.act(request.params.integrationInstanceId, 'update', request.body, ifMatch(request));
    poke();
    return reply.code(202).header('opc-work-request-id', wr.id).send();
  });

  op(app, spec, 'deleteIntegrationInstance', async (request, reply) => {
    const wr = instances.act(request.params.integrationInstanceId, 'delete', {}, ifMatch(request));
    poke();
    return reply.code(202).header('opc-work-request-id', wr.id).send();
  });

  for (const [operationId, action] of ACTION_OPERATIONS) {
    op(app, spec, operationId, async (request, reply) =>
      idempotent(retryTokens, request, reply, () => {
        const wr = instances.act(request.params.integrationInstanceId, action, request.body ?? {}, ifMatch(request));
        poke();
        return accepted(wr.id);
      }));
  }
}
