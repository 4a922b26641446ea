/**
 * The OIC API (/ic/api/...): its route groups (register-all.ts). The hooks
 * every OIC request passes (service instance, authentication, rate limit,
 * projection and ETag, audit, runtime) and its error format are installed
 * around them by src/pipeline.ts; the upload routes are collected here
 * (uploadOp) and registered there, in the one scope that parses multipart.
 */
import type { FastifyInstance } from 'fastify';
import { registerAll } from '../register-all';
import integrationRoutes from './integrations';
import archiveRoutes from './archive';
import connectionRoutes from './connections';
import projectRoutes from './projects';
import lookupRoutes from './lookups';
import scheduleRoutes from './schedules';
import monitoringRoutes from './monitoring';
import flowRoutes from './flows';
import bulkRoutes from './bulk';
import realOicRoutes from './real';

export { NO_RUNTIME_EFFECT } from './runtime-hook';

export default async function oicApi(app: FastifyInstance): Promise<void> {
  await registerAll(app, [
    // Design time.
    integrationRoutes,
    archiveRoutes,
    connectionRoutes,
    projectRoutes,
    lookupRoutes,
    // Runtime: schedules, REST triggers, monitoring.
    scheduleRoutes,
    flowRoutes,
    monitoringRoutes,
    // Bulk operations.
    bulkRoutes,
    // Real Oracle Integration 3 paths and verbs, on the same state;
    // where path and verb are the same, the seed's route above answers in the request's dialect.
    realOicRoutes,
  ]);
}
