/**
 * Wire shapes of the runtime's resources (schedules, executions), shared by
 * the routes and by GET integration (which embeds the schedule).
 */
import type { ScheduleRecord } from '../store/runtime/schedules';
import type { ExecutionRecord } from '../store/runtime/executions';

import { INTEGRATIONS } from '../oic/links';

export { INTEGRATIONS };
export const SCHEDULES = '/ic/api/integration/v1/schedules';
export const MONITORING = '/ic/api/monitoring/v1';

const enc = encodeURIComponent;
const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

/** Drop undefined values; nulls that mean something (nextRunTime, endTime) stay. */
function defined<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

export function scheduleView(rec: ScheduleRecord, integrationActive: boolean) {
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

export function executionView(e: ExecutionRecord, integration?: { name: string; version: string }) {
  const self = `${MONITORING}/executions/${enc(e.id)}`;
  return defined({
    id: e.id,
    integrationId: e.integrationId,
    integrationName: integration?.name,
    integrationVersion: integration?.version,
    status: e.status,
    source: e.source,
    startTime: iso(e.startTime),
    endTime: iso(e.endTime),
    duration: e.durationMs,
    attempts: e.attempts,
    retryCount: e.attempts - 1,
    nextRetryTime: e.phase === 'RETRY_WAIT' ? iso(e.nextEventAt) ?? undefined : undefined,
    scheduleId: e.scheduleId ?? undefined,
    requestedTime: e.requestedAt !== null ? iso(e.requestedAt) : undefined,
    trackingFields: e.tracking,
    primaryTrackingValue: e.tracking[0]?.value,
    links: [
      { rel: 'self', href: self },
      { rel: 'activities', href: `${self}/activities` },
      { rel: 'errors', href: `${self}/errors` },
      { rel: 'integration', href: `${INTEGRATIONS}/${enc(e.integrationId)}` },
    ],
  });
}
