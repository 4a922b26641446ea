/**
 * Moves DIS objects whose status changes on the clock: copy, export and
 * import requests (IN_PROGRESS -> SUCCESSFUL | FAILED, TERMINATING ->
 * TERMINATED) and external publications (PUBLISHING -> SUCCESSFUL).
 */
import type { Ticker } from '../core/clock';
import type { AppContext } from '../core/context';
import type { DisStores } from '../store/dis';

export function transferTicker(ctx: AppContext, stores: DisStores): Ticker {
  const { due, transfers, externalPublications } = stores.apps;
  return {
    name: 'dis-transfers',
    nextDue: () => due.nextDue(),
    runDue: (now) => {
      ctx.db.transaction(() => {
        for (const row of due.dueRows(now)) {
          if (row.kind === 'externalPublication') externalPublications.step(row);
          else transfers.step(row);
        }
      })();
    },
  };
}
