/**
 * Registers every DIS lifecycle with the app's clock (once per app): work
 * requests, task runs, task schedules, transfers and external publications. Their state lives in SQLite, so
 * reset and snapshots move them too; the tickers only ask what is due.
 */
import type { AppContext } from '../core/context';
import type { DisStores } from '../store/dis';
import { workRequestTicker } from './dis-work-requests';
import { taskRunTicker } from './dis-task-runs';
import { taskScheduleTicker } from './dis-task-schedules';
import { transferTicker } from './dis-transfers';

export function startDisSimulation(ctx: AppContext, stores: DisStores): void {
  ctx.clock.addTicker(workRequestTicker(ctx, stores));
  ctx.clock.addTicker(taskRunTicker(ctx, stores));
  ctx.clock.addTicker(taskScheduleTicker(ctx, stores));
  ctx.clock.addTicker(transferTicker(ctx, stores));
}
