/**
 * An execution in the seed's dialect (/ic/api/monitoring/v1/executions):
 * the run's state, times, attempts and tracking fields, with the seed's
 * links. Oracle's view of the same run: ../oracle/instances.ts.
 */
import type { ExecutionRecord } from '../../../../store/runtime/executions';
import type { Run } from '../../../../sim/runtime';
import { INTEGRATIONS, SEED_MONITORING } from '../../../../oic/links';
import { defined } from './schedules';

const enc = encodeURIComponent;
const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

export function executionView(e: ExecutionRecord, integration?: { name: string; version: string }) {
  const self = `${SEED_MONITORING}/executions/${enc(e.id)}`;
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

/** A run as the seed shows it (the runtime answers runs with their integration). */
export function runView(run: Run) {
  return executionView(run.execution, run.integration);
}

/** One execution (GET .../executions/{id}): the run, with how many activities and errors its timeline has. */
export function executionDetailView(run: Run & { activityCount: number; errorCount: number }) {
  return { ...runView(run), activityCount: run.activityCount, errorCount: run.errorCount };
}
