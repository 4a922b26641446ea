/**
 * Wire shapes of the real Oracle Integration 3 API, built from the same
 * records the seed's routes show (design-time stores, runtime executions).
 * Names follow Oracle's: `code` for the identifier, `created`/`lastUpdated`,
 * real status words (status.ts), camelCase list envelopes
 * (`items, totalResults, hasMore, limit, offset`) as observed in real
 * responses. Ids are `CODE|VERSION`, URL-encoded in links.
 */
import type { IntegrationRecord, IntegrationRow } from '../../store/oic/integrations';
import type { ProjectRecord, ProjectRow } from '../../store/oic/projects';
import type { ExecutionRecord } from '../../store/runtime/executions';
import { compact, type Link } from '../links';
import { realInstanceStatus, realIntegrationStatus } from './status';

export const BASE = '/ic/api/integration/v1';
const REAL_PROJECTS = `${BASE}/projects`;
export const REAL_MONITORING = `${BASE}/monitoring`;
const enc = encodeURIComponent;

/** Where an integration lives on the real paths: global, or inside its project. */
export function integrationPath(id: string, projectId?: string | null): string {
  return projectId ? `${REAL_PROJECTS}/${enc(projectId)}/integrations/${enc(id)}` : `${BASE}/integrations/${enc(id)}`;
}

function integrationLinks(id: string, projectId?: string | null): Link[] {
  const self = integrationPath(id, projectId);
  return [
    { rel: 'self', href: self },
    { rel: 'activationStatus', href: `${self}/activationStatus` },
    { rel: 'archive', href: `${BASE}/integrations/${enc(id)}/archive` },
    { rel: 'schedule', href: `${self}/schedule` },
  ];
}

export interface ScheduleFacts { defined: boolean; status?: string }

/** An integration in a real list (summary columns only). */
export function realIntegrationSummary(row: IntegrationRow, scoped: boolean) {
  return compact({
    id: row.id,
    code: row.identifier,
    version: row.version,
    name: row.name,
    status: realIntegrationStatus(row.status),
    pattern: row.pattern,
    style: row.style,
    projectCode: row.projectId,
    created: row.createdTime,
    lastUpdated: row.modifiedTime,
    scheduleApplicable: row.style === 'SCHEDULED',
    links: integrationLinks(row.id, scoped ? row.projectId : undefined),
  });
}

/** One integration: the summary plus what the definition and state add. */
/** `status` defaults to the stored one; an activation request answers with *_INPROGRESS. */
export function realIntegrationView(rec: IntegrationRecord, scoped: boolean, schedule?: ScheduleFacts, status: string = realIntegrationStatus(rec.status)) {
  const d = rec.definition;
  return compact({
    ...realIntegrationSummary(rec, scoped),
    status,
    description: d.description,
    packageName: typeof d.packageName === 'string' ? d.packageName : undefined,
    createdBy: rec.createdBy,
    activated: rec.activatedTime,
    activatedBy: rec.activatedBy,
    lockedFlag: false,
    payloadTracingEnabledFlag: d.tracing ? d.tracing.enablePayloadTracing : undefined,
    scheduleDefined: schedule?.defined,
    scheduleStatus: schedule?.status,
  });
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
