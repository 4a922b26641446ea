/**
 * The real Oracle Integration 3 paths, one route module per resource
 * group, on the same state as the seed's API: the design-time stores, the
 * runtime (schedules, executions) and two small tables of their own
 * (src/store/oic/real-marks.ts), all of the request's service instance
 * (request.oic). Registered after the seed's route groups; where a real
 * path and verb is also a seed operation the seed's route serves it and
 * answers in the request's dialect (../dialects/).
 *
 * LIMITATIONS: activations complete at once (ACTIVATION_INPROGRESS is only
 * the answer of the request; FAILEDACTIVATION is never reported: an
 * activation that cannot succeed is a 412); project copy is not served.
 * Audit records, logs, replay/abort, libraries, certificates and the File
 * Server: docs/oic-oracle-extras.md; archives: docs/archives.md.
 */
import type { FastifyInstance } from 'fastify';
import { ownScope, registerAll } from '../../register-all';
import realIntegrationRoutes from './integrations';
import realProjectRoutes from './projects';
import realScheduleRoutes from './schedules';
import realConnectionRoutes from './connections';
import realLookupRoutes from './lookups';
import realPackageRoutes from './packages';
import realArchiveRoutes from './archives';
import realMonitoringRoutes from './monitoring';
import realMonitoringMoreRoutes from './monitoring-more';
import realLibraryRoutes from './libraries';
import realCertificateRoutes from './certificates';
import fileServerRoutes from './file-server';
import connectionExtraRoutes from './connection-extras';
import instanceArchiveRoutes from './instance-archives';


export default async function realOicRoutes(app: FastifyInstance): Promise<void> {
  await registerAll(app, [
    realIntegrationRoutes,
    realProjectRoutes,
    realScheduleRoutes,
    realConnectionRoutes,
    realLookupRoutes,
    realPackageRoutes,
    realArchiveRoutes,
    realMonitoringRoutes,
    realMonitoringMoreRoutes,
    realLibraryRoutes,
    realCertificateRoutes,
    // Its octet-stream body parser is for its upload routes only.
    ownScope(fileServerRoutes),
    connectionExtraRoutes,
    instanceArchiveRoutes,
  ]);
}
