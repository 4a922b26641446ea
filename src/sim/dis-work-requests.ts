/**
 * Moves DIS work requests on the clock: ACCEPTED -> IN_PROGRESS -> SUCCEEDED |
 * FAILED, and applies a finished request to its workspace (CREATING -> ACTIVE,
 * STOPPING -> STOPPED...). Each step is one transaction, at its due instant.
 */
import type { Ticker } from '../core/clock';
import type { AppContext } from '../core/context';
import type { DisStores } from '../store/dis';

export function workRequestTicker(ctx: AppContext, stores: DisStores): Ticker {
  const { workRequests, workspaces } = stores;
  return {
    name: 'dis-work-requests',
    nextDue: () => workRequests.nextDue(),
    runDue: (now) => {
      ctx.db.transaction(() => {
        for (const row of workRequests.dueRows(now)) {
          const at = row.due_at!;
          if (row.status === 'ACCEPTED') {
            workRequests.start(row, at);
            continue;
          }
          const succeeded = row.outcome === 'SUCCEEDED';
          const failureMessage = (JSON.parse(row.payload) as { failureMessage?: string | null }).failureMessage ?? undefined;
          workRequests.finish(row, at, succeeded, failureMessage);
          workspaces.applyWorkRequest(row, succeeded, at, failureMessage);
        }
      })();
    },
  };
}
