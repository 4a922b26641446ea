/**
 * Moves the OCI Integration control plane's work requests on the clock:
 * ACCEPTED -> IN_PROGRESS -> SUCCEEDED, applying each finished request to its
 * integration instance (CREATING -> ACTIVE, UPDATING -> INACTIVE after a stop,
 * DELETING -> DELETED...). Each pass is one transaction (./due-ticker.ts).
 */
import type { Ticker } from '../core/clock';
import type { AppContext } from '../core/context';
import type { IntegrationStores } from '../store/oci-integration';
import { dueTicker } from './due-ticker';

export function integrationWorkRequestTicker(ctx: AppContext, stores: IntegrationStores): Ticker {
  const { workRequests, instances } = stores;
  return dueTicker(ctx, 'oci-integration-work-requests', workRequests, (row) => {
    const at = row.due_at!;
    if (row.status === 'ACCEPTED') workRequests.start(row, at);
    else instances.finishWorkRequest(row, at);
  });
}
