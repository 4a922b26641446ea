/**
 * DIS control routes (code-first, documented in openapi/emulator.yaml):
 *   /_emulator/dis/api-keys               register, list, remove the public keys clients sign with
 *   /_emulator/dis/resource-principal-tokens  issue a resource-principal session token (RPST)
 *   /_emulator/dis/settings               lifecycle durations and the task-run failure rate
 *   /_emulator/dis/task-run-outcomes      script how the next task runs end
 *   /_emulator/dis/work-request-outcomes  script how the next work requests end
 * All of it lives in dis_ tables, so /_emulator/reset and snapshots cover it.
 */
import type { FastifyInstance } from 'fastify';
import { notFound } from '../../core/errors';
import { controlRoute } from './control-route';
import { SessionTokens } from '../../auth/session-tokens';

/** The region the emulator claims to be (its DIS OCIDs carry iad). */
const RP_REGION = 'us-ashburn-1';
const DEFAULT_RP_TENANCY = 'ocid1.tenancy.oc1..aaaaaaaaemulatortenancy';


export default async function disControlRoutes(app: FastifyInstance): Promise<void> {
  const { keys, settings } = app.stores.dis;

  controlRoute(app, 'POST', '/_emulator/dis/api-keys', 'registerDisApiKey', async (request, reply) => {
    const b = request.body;
    const rec = keys.register({ publicKey: b.publicKey, tenancyId: b.tenancyId, userId: b.userId, label: b.label });
    request.log.info({ fingerprint: rec.fingerprint }, 'DIS API key registered');
    return reply.code(201).send({ ...rec, keyId: rec.tenancyId && rec.userId ? `${rec.tenancyId}/${rec.userId}/${rec.fingerprint}` : null });
  });

  controlRoute(app, 'GET', '/_emulator/dis/api-keys', 'listDisApiKeys', async () => ({ items: keys.list() }));

  controlRoute(app, 'DELETE', '/_emulator/dis/api-keys/:fingerprint', 'deleteDisApiKey', async (request, reply) => {
    if (!keys.remove(request.params.fingerprint.toLowerCase())) throw notFound(`No DIS API key with fingerprint ${request.params.fingerprint} is registered`);
    return reply.code(204).send();
  });

  const sessions = new SessionTokens(app.ctx.clock);
  controlRoute(app, 'POST', '/_emulator/dis/resource-principal-tokens', 'issueDisResourcePrincipalToken', async (request, reply) => {
    const b = request.body;
    const issued = await sessions.issue({ ...b, tenancyId: b.tenancyId ?? DEFAULT_RP_TENANCY });
    request.log.info({ resourceId: b.resourceId, expiresAt: issued.expiresAt }, 'DIS resource-principal session token issued');
    // The variables the SDK's resource-principal provider (version 2.2) reads, ready to set in the function's environment.
    const env: Record<string, string> = { OCI_RESOURCE_PRINCIPAL_VERSION: '2.2', OCI_RESOURCE_PRINCIPAL_RPST: issued.token, OCI_RESOURCE_PRINCIPAL_REGION: RP_REGION };
    if (issued.privateKey) env.OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM = issued.privateKey;
    return reply.code(201).send({ ...issued, keyId: `ST$${issued.token}`, env });
  });

  controlRoute(app, 'GET', '/_emulator/dis/settings', 'getDisSettings', async () => settings.lifecycle());

  controlRoute(app, 'PUT', '/_emulator/dis/settings', 'updateDisSettings', async (request) => settings.update(request.body));

  type OutcomeIds = ['scriptDisTaskRunOutcomes', 'listDisTaskRunOutcomes', 'clearDisTaskRunOutcomes'] | ['scriptDisWorkRequestOutcomes', 'listDisWorkRequestOutcomes', 'clearDisWorkRequestOutcomes'];
  const outcomeRoutes = (path: string, target: 'taskRun' | 'workRequest', ids: OutcomeIds) => {
    controlRoute(app, 'POST', path, ids[0], async (request, reply) => {
      const b = request.body;
      const items = settings.scriptOutcomes(target, b.outcomes, target === 'taskRun' && 'taskKey' in b ? (b.taskKey ?? null) : null, b.errorMessage ?? null);
      return reply.code(201).send({ items: items.filter((o) => o.target === target) });
    });
    controlRoute(app, 'GET', path, ids[1], async () => ({ items: settings.outcomes().filter((o) => o.target === target) }));
    controlRoute(app, 'DELETE', path, ids[2], async (_request, reply) => {
      settings.clearOutcomes(target);
      return reply.code(204).send();
    });
  };
  outcomeRoutes('/_emulator/dis/task-run-outcomes', 'taskRun', ['scriptDisTaskRunOutcomes', 'listDisTaskRunOutcomes', 'clearDisTaskRunOutcomes']);
  outcomeRoutes('/_emulator/dis/work-request-outcomes', 'workRequest', ['scriptDisWorkRequestOutcomes', 'listDisWorkRequestOutcomes', 'clearDisWorkRequestOutcomes']);
}
