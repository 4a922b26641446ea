/**
 * Registers every DIS lifecycle with the app's clock (once per app). Their
 * state lives in SQLite, so reset and snapshots move them too; the tickers
 * only ask what is due (./due-ticker.ts) and step it:
 *
 * - work requests: ACCEPTED -> IN_PROGRESS -> SUCCEEDED | FAILED, a finished
 *   one applied to its workspace (CREATING -> ACTIVE, STOPPING -> STOPPED...);
 * - task runs: NOT_STARTED -> QUEUED -> RUNNING -> SUCCESS | ERROR,
 *   TERMINATING -> TERMINATED;
 * - task schedules: each due firing starts a run of the scheduled published
 *   task and plans the next firing (a jump without catch-up skips firings);
 * - transfers: copy, export and import requests (IN_PROGRESS -> SUCCESSFUL |
 *   FAILED, TERMINATING -> TERMINATED) and external publications
 *   (PUBLISHING -> SUCCESSFUL).
 */
import type { AppContext } from '../core/context';
import type { DisStores } from '../store/dis';
import { dueTicker } from './due-ticker';

export function startDisSimulation(ctx: AppContext, stores: DisStores): void {
  const { workRequests, workspaces, taskRuns, schedules } = stores;
  ctx.clock.addTicker(dueTicker(ctx, 'dis-work-requests', workRequests, (row) => {
    const at = row.due_at!;
    if (row.status === 'ACCEPTED') return workRequests.start(row, at);
    const succeeded = row.outcome === 'SUCCEEDED';
    const failureMessage = (JSON.parse(row.payload) as { failureMessage?: string | null }).failureMessage ?? undefined;
    workRequests.finish(row, at, succeeded, failureMessage);
    workspaces.applyWorkRequest(row, succeeded, at, failureMessage);
  }));
  ctx.clock.addTicker(dueTicker(ctx, 'dis-task-runs', taskRuns, (row) => taskRuns.step(row)));
  ctx.clock.addTicker({
    ...dueTicker(ctx, 'dis-task-schedules', schedules, (state) => schedules.fire(state)),
    skipTo: (at) => ctx.db.transaction(() => schedules.skipTo(at))(),
  });
  const { due, transfers, externalPublications } = stores.apps;
  ctx.clock.addTicker(dueTicker(ctx, 'dis-transfers', due, (row) => (row.kind === 'externalPublication' ? externalPublications.step(row) : transfers.step(row))));
}
