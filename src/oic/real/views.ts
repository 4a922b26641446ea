/**
 * Wire shapes of the real Oracle Integration 3 API for the paths only
 * Oracle's dialect has (projects, monitoring instances), built from the same
 * records the seed's routes show. Integrations in Oracle's shape:
 * src/routes/oic/dialects/oracle/integrations.ts.
 * Names follow Oracle's: `code` for the identifier, `created`/`lastUpdated`,
 * real status words (status.ts), camelCase list envelopes
 * (`items, totalResults, hasMore, limit, offset`) as observed in real
 * responses. Ids are `CODE|VERSION`, URL-encoded in links.
 */
import type { ProjectRecord, ProjectRow } from '../../store/oic/projects';
import type { ExecutionRecord } from '../../store/runtime/executions';
import { compact, OIC_BASE } from '../links';
import { realInstanceStatus } from './status';

export const BASE = OIC_BASE;
const REAL_PROJECTS = `${BASE}/projects`;
export const REAL_MONITORING = `${BASE}/monitoring`;
const enc = encodeURIComponent;

/** Where an integration lives on the real paths: global, or inside its project. */
export function integrationPath(id: string, projectId?: string | null): string {
  return projectId ? `${REAL_PROJECTS}/${enc(projectId)}/integrations/${enc(id)}` : `${BASE}/integrations/${enc(id)}`;
}

export function realProjectSummary(row: ProjectRow) {
  return compact({
    id: row.id,
    code: row.identifier,
    name: row.name,
    type: 'DEVELOPED',
    builtBy: row.createdBy,
    integrationCount: row.integrationCount,
    connectionCount: row.connectionCount,
    state: { status: row.status, created: row.createdTime, updated: row.modifiedTime, createdBy: row.createdBy },
    links: [
      { rel: 'self', href: `${REAL_PROJECTS}/${enc(row.id)}` },
      { rel: 'integrations', href: `${REAL_PROJECTS}/${enc(row.id)}/integrations` },
    ],
  });
}

export function realProjectView(rec: ProjectRecord) {
  return compact({ ...realProjectSummary(rec), description: rec.definition.description });
}

/** Minimal integration facts an instance view needs. */
export interface InstanceIntegration { identifier: string; version: string; name: string; projectId: string | null }

/** An execution as a real monitoring instance. */
export function realInstanceView(e: ExecutionRecord, integration: InstanceIntegration | undefined, extra: { resubmitted?: boolean; jobId?: string } = {}) {
  const self = `${REAL_MONITORING}/instances/${enc(e.id)}`;
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
      { rel: 'execution', href: `/ic/api/monitoring/v1/executions/${enc(e.id)}` },
    ],
  });
}
