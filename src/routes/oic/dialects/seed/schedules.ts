/**
 * A schedule in the seed's dialect (GET/PUT .../schedule, /schedules/{id},
 * and embedded in the seed's integration): the stored document, its state,
 * the next run (only when one will happen) and the seed's links.
 */
import type { ScheduleState } from '../../../../sim/runtime';
import { INTEGRATIONS, SCHEDULES } from '../../../../oic/links';

const enc = encodeURIComponent;
const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

/** Drop undefined values; nulls that mean something (nextRunTime, endTime) stay. */
export function defined<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

export function scheduleView({ schedule: rec, integrationActive }: ScheduleState) {
  const self = `${INTEGRATIONS}/${enc(rec.integrationId)}/schedule`;
  const d = rec.doc;
  return defined({
    id: rec.id,
    integrationId: rec.integrationId,
    name: d.name,
    description: d.description,
    frequency: d.frequency ?? undefined,
    interval: d.frequency ? d.interval : undefined,
    icalExpression: d.icalExpression ?? undefined,
    startTime: d.startTime,
    endTime: d.endTime,
    timeZone: d.timeZone,
    isActive: rec.status === 'ACTIVE',
    runConcurrently: d.runConcurrently,
    parameters: d.parameters,
    status: rec.status,
    // Only a run that will happen: a started schedule of an ACTIVE integration.
    nextRunTime: rec.status === 'ACTIVE' && integrationActive ? iso(rec.nextRunAt) : null,
    lastRunTime: d.lastRunTime,
    skippedRuns: d.skippedRuns,
    createdTime: d.createdTime,
    modifiedTime: d.modifiedTime,
    links: [
      { rel: 'self', href: self },
      { rel: 'start', href: `${self}/start` },
      { rel: 'stop', href: `${self}/stop` },
      { rel: 'jobs', href: `${self}/jobs` },
      { rel: 'edit', href: `${SCHEDULES}/${enc(rec.id)}` },
    ],
  });
}

/** The schedule GET integration embeds: none when the integration has no schedule. */
export function optionalScheduleView(state: ScheduleState | undefined) {
  return state && scheduleView(state);
}
