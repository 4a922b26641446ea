/**
 * Schedule parameters the real way: Oracle keeps them with the scheduled
 * integration and shows them in the integration itself (`scheduleParams`,
 * "to retrieve the schedule parameter values, use Retrieve an
 * Integration"); the emulator keeps them on the runtime's schedule, whose
 * runs receive them. This module merges a PATCH body into them (their view:
 * dialects/oracle/schedules.ts); both dialects' integration views show them as
 * `scheduleParams`.
 */
import { badRequest } from '../../../core/errors';
import { isPlainObject } from '../../../oic/merge';
import type { ScheduleParameter } from '../../../store/runtime/schedules';

export const MAX_SCHEDULE_PARAMETERS = 50;

/**
 * The parameters after a PATCH body `{"parameters": [{name, value}, ...]}`:
 * a given name takes the new value, a new name is added at the end.
 */
export function mergeParameters(existing: ScheduleParameter[], body: unknown): ScheduleParameter[] {
  const given = isPlainObject(body) ? body.parameters : undefined;
  if (!Array.isArray(given) || given.length === 0) throw badRequest('body.parameters must list at least one {"name": ..., "value": ...}');
  const seen = new Set<string>();
  const merged = new Map(existing.map((p) => [p.name, p.value]));
  given.forEach((p: { name: string; value: string }, i) => {
    if (seen.has(p.name)) throw badRequest(`body.parameters[${i}].name '${p.name}' is given twice`);
    seen.add(p.name);
    merged.set(p.name, p.value);
  });
  if (merged.size > MAX_SCHEDULE_PARAMETERS) throw badRequest(`A schedule has at most ${MAX_SCHEDULE_PARAMETERS} parameters; this update would make ${merged.size}`);
  return [...merged].map(([name, value]) => ({ name, value }));
}
