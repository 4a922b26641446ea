/**
 * Fires DIS task schedules on the clock: each due firing starts a task run of
 * the scheduled published task and plans the next firing.
 */
import type { Ticker } from '../core/clock';
import type { AppContext } from '../core/context';
import type { DisStores } from '../store/dis';

export function taskScheduleTicker(ctx: AppContext, stores: DisStores): Ticker {
  const { schedules } = stores;
  return {
    name: 'dis-task-schedules',
    nextDue: () => schedules.nextDue(),
    runDue: (now) => {
      ctx.db.transaction(() => {
        for (const state of schedules.dueRows(now)) schedules.fire(state);
      })();
    },
    skipTo: (at) => {
      ctx.db.transaction(() => schedules.skipTo(at))();
    },
  };
}

