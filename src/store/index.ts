/**
 * The resource stores of an app instance: state and rules, no HTTP. Each is
 * built from the app context; routes and the simulator both go through them.
 */
import type { AppContext } from '../core/context';

// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface Stores {}

export function createStores(_ctx: AppContext): Stores {
  return {};
}
