/**
 * The real Oracle Integration 3 paths (issue 9), one plugin per resource
 * group, on the same state as the seed's API: the design-time stores, the
 * runtime (schedules, executions) and two small tables of their own
 * (src/oic/real/marks.ts), all of the request's service instance (request.oic). Registered after the seed's route groups; where a
 * real path and verb is also a seed operation the seed's serves it
 * (compat.ts adds what the real API has on top).
 *
 * LIMITATIONS: activations complete at once (ACTIVATION_INPROGRESS is only
 * the answer of the request; FAILEDACTIVATION is never reported: an
 * activation that cannot succeed is a 412); nothing is ever ABORTED;
 * project archives (.car), project copy, replay/abort of instances, audit
 * records and `groupBy` are not served.
 */
import type { FastifyInstance } from 'fastify';
import realIntegrationRoutes from './integrations';
import realProjectRoutes from './projects';
import realScheduleRoutes from './schedules';
import realConnectionRoutes from './connections';
import realLookupRoutes from './lookups';
import realPackageRoutes from './packages';
import realMonitoringRoutes from './monitoring';

export { installRealCompat } from './compat';
export { integrationInstanceError } from './instance-param';

export default async function realOicRoutes(app: FastifyInstance): Promise<void> {
  await app.register(realIntegrationRoutes);
  await app.register(realProjectRoutes);
  await app.register(realScheduleRoutes);
  await app.register(realConnectionRoutes);
  await app.register(realLookupRoutes);
  await app.register(realPackageRoutes);
  await app.register(realMonitoringRoutes);
}
