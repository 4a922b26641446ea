/**
 * A run in Oracle's dialect: a monitoring instance
 * (/ic/api/integration/v1/monitoring/instances), built from the same
 * execution record the seed shows at /ic/api/monitoring/v1/executions.
 * Oracle's names (`creationDate`, `lastTrackedTime`, `invokedBy`,
 * `primaryValue`...), its status words (src/oic/real/status.ts) and
 * `trackings` with the primary one first.
 */
import type { ExecutionRecord } from '../../../../store/runtime/executions';
import { compact, ORACLE_MONITORING, SEED_MONITORING } from '../../../../oic/links';
import { realInstanceStatus } from '../../../../oic/real/status';

const enc = encodeURIComponent;

/** Minimal integration facts an instance view needs. */
export interface InstanceIntegration { identifier: string; version: string; name: string; projectId: string | null }

export function oracleInstanceView(e: ExecutionRecord, integration: InstanceIntegration | undefined, extra: { resubmitted?: boolean; jobId?: string } = {}) {
  const self = `${ORACLE_MONITORING}/instances/${enc(e.id)}`;
  const iso = (t: number | null) => (t === null ? undefined : new Date(t).toISOString());
  const trackings = e.tracking.map((t, i) => ({ name: t.name, value: t.value, primary: i === 0 }));
  return compact({
    id: e.id,
    instanceId: e.id,
    integrationId: integration?.identifier,
    integrationName: integration?.name,
    integrationVersion: integration?.version,
    projectCode: integration?.projectId,
    status: realInstanceStatus(e.status),
    creationDate: iso(e.startTime),
    lastTrackedTime: iso(e.endTime ?? e.startTime),
    processingEndDate: iso(e.endTime),
    duration: e.durationMs,
    runId: e.source === 'SCHEDULE' || e.source === 'RUN_NOW' ? e.id : undefined,
    invokedBy: e.source,
    retryCount: e.attempts - 1,
    primaryValue: e.tracking[0]?.value,
    secondaryValue: e.tracking[1]?.value,
    tertiaryValue: e.tracking[2]?.value,
    trackings,
    recoverable: e.status === 'FAILED' ? !extra.resubmitted : undefined,
    resubmitted: extra.resubmitted || undefined,
    recoveryJobId: extra.jobId,
    links: [
      { rel: 'self', href: self },
      { rel: 'activityStreamDetails', href: `${self}/activityStreamDetails` },
      { rel: 'execution', href: `${SEED_MONITORING}/executions/${enc(e.id)}` },
    ],
  });
}
