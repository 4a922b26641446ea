/**
 * The resource stores of an app instance: state and rules, no HTTP, and the
 * only place that runs SQL. Each is built from the app context; routes and
 * the simulator both go through them. The simulator that moves them on the
 * clock is built beside them (src/instances/state.ts), never in here: the
 * store layer knows nothing above it.
 */
import type { AppContext } from '../core/context';
import { ProjectStore } from './oic/projects';
import { IntegrationStore } from './oic/integrations';
import { ConnectionStore } from './oic/connections';
import { LookupStore } from './oic/lookups';
import { ArchiveStore } from './oic/archives';
import { AbortStore } from './oic/aborts';
import { AuditStore } from './oic/audit';
import { LibraryStore } from './oic/libraries';
import { CertificateStore } from './oic/certificates';
import { FileServerStore } from './oic/file-server';
import { ConnectionAttachmentStore } from './oic/connection-attachments';
import { SiaJobStore } from './oic/sia-jobs';
import { createDisStores, type DisStores } from './dis';
import { InstanceFinder } from './runtime/instance-finder';
import { RealMarks } from './oic/real-marks';

export interface Stores {
  // oic design time
  projects: ProjectStore;
  integrations: IntegrationStore;
  connections: ConnectionStore;
  lookups: LookupStore;
  /** Kept archive entries of imported integrations, imported packages. */
  archives: ArchiveStore;
  /** Instances aborted through the real monitoring API (real status ABORTED). */
  aborts: AbortStore;
  /** Audit records of the real API's writes. */
  audit: AuditStore;
  /** Libraries, certificates and File Server entries of the real API. */
  libraries: LibraryStore;
  certificates: CertificateStore;
  fileServer: FileServerStore;
  /** Connection property attachments and metadata refreshes; service-instance archive jobs. */
  connectionAttachments: ConnectionAttachmentStore;
  siaJobs: SiaJobStore;
  /** The real monitoring API's queries across every integration's executions. */
  instanceFinder: InstanceFinder;
  /** Resubmission and schedule-pause marks of the real API. */
  realMarks: RealMarks;
  // dis
  dis: DisStores;
}

/**
 * `dis`: the DIS stores to share (further OIC service instances have OIC
 * state of their own and reach the app's one DIS state).
 */
export function createStores(ctx: AppContext, dis?: DisStores): Stores {
  // oic design time
  const projects = new ProjectStore(ctx);
  const integrations = new IntegrationStore(ctx, projects);
  const connections = new ConnectionStore(ctx, projects, integrations);
  const lookups = new LookupStore(ctx);
  return {
    projects,
    integrations,
    connections,
    lookups,
    archives: new ArchiveStore(ctx),
    aborts: new AbortStore(ctx),
    audit: new AuditStore(ctx),
    libraries: new LibraryStore(ctx),
    certificates: new CertificateStore(ctx),
    fileServer: new FileServerStore(ctx),
    connectionAttachments: new ConnectionAttachmentStore(ctx),
    siaJobs: new SiaJobStore(ctx),
    instanceFinder: new InstanceFinder(ctx),
    realMarks: new RealMarks(ctx),
    dis: dis ?? createDisStores(ctx),
  };
}
