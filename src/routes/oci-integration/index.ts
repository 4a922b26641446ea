/**
 * The OCI Integration control plane (/20190131/...): its route groups; its
 * work requests move on the clock (src/sim/oci-integration.ts). The same
 * pipeline as DIS (src/pipeline.ts): OCI request signatures
 * (src/auth/dis-auth.ts, keys registered with /_emulator/dis/api-keys),
 * opc-request-id on every response, OCI error bodies.
 *
 * LIMITATIONS: work requests always succeed (no scripted failures, never
 * FAILED or CANCELED); network, private-endpoint, log-group, custom-endpoint,
 * disaster-recovery and Process Automation settings are recorded and shown,
 * with no effect on the /ic/api side.
 */
import { registerAll } from '../register-all';
import type { FastifyInstance } from 'fastify';
import { integrationWorkRequestTicker } from '../../sim/oci-integration';
import instanceRoutes from './instances';
import workRequestRoutes from './work-requests';

export default async function integrationApi(app: FastifyInstance): Promise<void> {
  app.ctx.clock.addTicker(integrationWorkRequestTicker(app.ctx, app.integration));
  await registerAll(app, [instanceRoutes, workRequestRoutes]);
}
