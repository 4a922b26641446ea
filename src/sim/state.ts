/**
 * What the routes and the OIC archive and fixture code work on for one OIC
 * service instance: its stores and the OIC runtime built beside them
 * (src/instances/state.ts builds both). The type lives in the simulator
 * layer because it names the runtime; the store layer's `Stores` does not.
 */
import type { Stores } from '../store';
import type { Runtime } from './runtime';

export interface InstanceState extends Stores {
  /** oic runtime: schedules, executions, outcomes, metrics. */
  runtime: Runtime;
}
