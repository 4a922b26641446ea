/**
 * The resource stores of an app instance: state and rules, no HTTP. Each is
 * built from the app context; routes and the simulator both go through them.
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
import { siaTicker } from '../oic/sia/ticker';
import { createDisStores, type DisStores } from './dis';
import { Runtime } from '../sim/runtime';

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
  /** Connection property attachments and metadata refreshes; service-instance archive jobs (their clock ticker is registered here). */
  connectionAttachments: ConnectionAttachmentStore;
  siaJobs: SiaJobStore;
  /** Provided by the runtime: an integration's schedule, shown by GET integration. */
  schedules?: { forIntegration(integrationId: string): object | undefined };
  /** oic runtime: schedules, executions, outcomes, metrics; registers its clock ticker. */
  runtime: Runtime;
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
  // oic runtime
  const runtime = new Runtime(ctx, integrations);
  const stores: Stores = {
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
    schedules: runtime.schedules,
    runtime,
    dis: dis ?? createDisStores(ctx),
  };
  ctx.clock.addTicker(siaTicker(ctx, stores));
  return stores;
}
