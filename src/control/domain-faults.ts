/**
 * Domain fault rules, connected to the points where the stores decide an
 * outcome. Each store asks (or is asked through) one function; the rule
 * registry answers, counting hits and honouring count and probability like
 * for HTTP rules.
 *
 *   connectionTest      ConnectionStore.testFault (a pull-style hook the store offers)
 *   integrationFailure  the runtime's scripted-outcome queue (OutcomeStore.shift): a
 *                       matching rule is taken before the queue, as a FAILED outcome
 *   taskRunError        DisSettings.takeTaskRunOutcome: a matching rule is taken
 *                       before the scripted DIS outcomes, as an ERROR outcome
 *
 * The last two stores offer no hook, so their decision method is wrapped on
 * this app's instances (never on the class): the wrapper asks the registry
 * and otherwise calls the original, so the stores behave as before when no
 * rule matches.
 */
import type { Stores } from '../store';
import type { FaultRegistry } from './faults';

/** What the runtime's outcome queue hands the executor (src/store/runtime/outcomes.ts). */
interface ScriptedExecutionOutcome {
  status: 'SUCCESS' | 'FAILED';
  activity?: string;
  errorCode?: string;
  errorMessage?: string;
  errorDetails?: string;
}

interface OutcomeQueue {
  shift(integrationId: string): ScriptedExecutionOutcome | undefined;
}

export const DEFAULT_ACTIVITY = 'InvokeTarget';

export function wireDomainFaults(stores: Stores, faults: FaultRegistry, runtimeOutcomes?: OutcomeQueue | null): void {
  wireOicDomainFaults(stores, faults, runtimeOutcomes);

  // DIS task runs (started by the API or by task schedules).
  const settings = stores.dis.settings;
  const takeTaskRunOutcome = settings.takeTaskRunOutcome.bind(settings);
  settings.takeTaskRunOutcome = (taskKey: string) => {
    const rule = faults.takeDomain('taskRunError', { taskKey });
    if (!rule) return takeTaskRunOutcome(taskKey);
    return { seq: 0, target: 'taskRun', taskKey, outcome: 'ERROR', message: rule.message ?? `Task run failed (emulator fault ${rule.id})` };
  };
}

/** The OIC part, for every service instance: connection tests and execution outcomes. */
export function wireOicDomainFaults(stores: Pick<Stores, 'connections'>, faults: FaultRegistry, runtimeOutcomes?: OutcomeQueue | null): void {
  // OIC connection tests: the store's own hook.
  stores.connections.testFault = (connectionId) => {
    const rule = faults.takeDomain('connectionTest', { connectionId });
    return rule ? { reason: rule.message ?? `Simulated failure (emulator fault ${rule.id})`, errorCode: rule.errorCode } : null;
  };

  // OIC executions (started by schedules, by the API or by the generator).
  if (runtimeOutcomes) {
    const shift = runtimeOutcomes.shift.bind(runtimeOutcomes);
    runtimeOutcomes.shift = (integrationId: string) => {
      const rule = faults.takeDomain('integrationFailure', { integrationId });
      if (!rule) return shift(integrationId);
      return {
        status: 'FAILED',
        activity: rule.activity ?? DEFAULT_ACTIVITY,
        errorCode: rule.errorCode ?? 'HTTP-500',
        errorMessage: rule.message ?? 'Internal Server Error',
        errorDetails: `Failure injected by emulator fault ${rule.id}`,
      };
    };
  }}
