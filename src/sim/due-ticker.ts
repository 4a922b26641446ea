/**
 * The shape of every lifecycle the simulator moves on the clock: a store
 * says when its next step is due and which rows are due by now, and the
 * ticker steps each due row, all of one pass in one transaction (a step
 * that throws leaves the pass unwritten, and the clock tries again).
 */
import type { Ticker } from '../core/clock';
import type { AppContext } from '../core/context';

/** What a store offers a ticker: its next due instant and the rows due by `now`, in order. */
export interface DueSource<R> {
  nextDue(): number | null;
  dueRows(now: number): R[];
}

export function dueTicker<R>(ctx: AppContext, name: string, source: DueSource<R>, step: (row: R) => void): Ticker {
  return {
    name,
    nextDue: () => source.nextDue(),
    runDue: (now) => {
      ctx.db.transaction(() => {
        for (const row of source.dueRows(now)) step(row);
      })();
    },
  };
}
