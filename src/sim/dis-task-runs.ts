/**
 * Moves DIS task runs on the clock (NOT_STARTED -> QUEUED -> RUNNING ->
 * SUCCESS | ERROR, TERMINATING -> TERMINATED), one step per due instant.
 */
import type { Ticker } from '../core/clock';
import type { AppContext } from '../core/context';
import type { DisStores } from '../store/dis';

export function taskRunTicker(ctx: AppContext, stores: DisStores): Ticker {
  const { taskRuns } = stores;
  return {
    name: 'dis-task-runs',
    nextDue: () => taskRuns.nextDue(),
    runDue: (now) => {
      ctx.db.transaction(() => {
        for (const row of taskRuns.dueRows(now)) taskRuns.step(row);
      })();
    },
  };
}
