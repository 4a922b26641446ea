/**
 * The OCI Integration control plane (/20190131/...), an encapsulated plugin
 * with the same pipeline as DIS: OCI request signatures (src/auth/dis-auth.ts,
 * keys registered with /_emulator/dis/api-keys), opc-request-id on every
 * response, OCI error bodies. Its work requests move on the clock
 * (src/sim/oci-integration.ts).
 *
 * LIMITATIONS: work requests always succeed (no scripted failures, never
 * FAILED or CANCELED); network, private-endpoint, log-group, custom-endpoint,
 * disaster-recovery and Process Automation settings are recorded and shown,
 * with no effect on the /ic/api side.
 */
import type { FastifyInstance } from 'fastify';
import { registerDisAuth } from '../../auth/dis-auth';
import { integrationWorkRequestTicker } from '../../sim/oci-integration';
import { registerOciReplies } from '../dis/oci-error';
import instanceRoutes from './instances';
import workRequestRoutes from './work-requests';

export default async function integrationApi(app: FastifyInstance): Promise<void> {
  registerOciReplies(app);
  registerDisAuth(app);
  app.ctx.clock.addTicker(integrationWorkRequestTicker(app.ctx, app.integration));
  await app.register(instanceRoutes);
  await app.register(workRequestRoutes);
}
