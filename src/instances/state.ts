/**
 * The state of one OIC service instance: its stores (HTTP-free, the only
 * SQL) and, built beside them, what moves them on the clock: the OIC
 * runtime (schedules, executions; its scheduler is a clock ticker) and the
 * service-instance archive jobs' ticker. Tickers are registered in this
 * order (runtime first), so a tick runs what is due in the same order for
 * every instance.
 */
import type { AppContext } from '../core/context';
import { createStores } from '../store';
import type { DisStores } from '../store/dis';
import { Runtime } from '../sim/runtime';
import type { InstanceState } from '../sim/state';
import { siaTicker } from '../oic/sia/ticker';

export type { InstanceState };

/** `dis`: the DIS stores to share (further OIC service instances reach the app's one DIS state). */
export function createInstanceState(ctx: AppContext, dis?: DisStores): InstanceState {
  const stores = createStores(ctx, dis);
  const runtime = new Runtime(ctx, stores.integrations);
  ctx.clock.addTicker(siaTicker(ctx, stores));
  return { ...stores, runtime };
}
