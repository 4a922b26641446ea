/**
 * The OCI Integration control plane's stores (HTTP-free): integration
 * instances, their work requests and opc-retry-tokens, in the main database.
 */
import type { AppContext, Db } from '../../core/context';
import { DisRetryTokens } from '../dis/retry-tokens';
import { IntegrationInstances } from './instances';
import { IntegrationWorkRequests } from './work-requests';
import type { ServiceInstanceLink } from './model';

export interface IntegrationStores {
  instances: IntegrationInstances;
  workRequests: IntegrationWorkRequests;
  retryTokens: DisRetryTokens;
}

export function createIntegrationStores(ctx: AppContext, link: ServiceInstanceLink): IntegrationStores {
  const workRequests = new IntegrationWorkRequests(ctx);
  return { instances: new IntegrationInstances(ctx, workRequests, link), workRequests, retryTokens: new DisRetryTokens(ctx, 'oci_int_retry_tokens') };
}

/** Empties the control plane's tables (a full reset: the instances themselves go, not just their contents). */
export function clearIntegrationTables(db: Db): void {
  for (const table of ['oci_int_work_request_entries', 'oci_int_work_requests', 'oci_int_instances', 'oci_int_retry_tokens']) db.prepare(`DELETE FROM ${table}`).run();
}
