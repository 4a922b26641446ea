/**
 * The OCI Integration control plane's stores (HTTP-free): integration
 * instances, their work requests and opc-retry-tokens, in the main database.
 */
import type { AppContext } from '../../core/context';
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
