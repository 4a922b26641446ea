/**
 * A schedule and its parameters in Oracle's shape (the project-scoped and
 * global schedule paths): Oracle's schedule fields, its status word (PAUSED
 * included) and links to the actions, and the parameters every run receives.
 */
import { compact, integrationPath } from '../../../../oic/links';
import { realScheduleFields } from '../../../../oic/real/schedule';
import type { IntegrationRecord } from '../../../../store/oic/integrations';
import type { ScheduleParameter, ScheduleRecord } from '../../../../store/runtime/schedules';

/**
 * `status` is Oracle's word for the schedule (the caller knows whether it is
 * paused); the next run is shown only when it will happen. The integration
 * record is current: no schedule call changes an integration's status.
 */
export function oracleScheduleView(integration: IntegrationRecord, rec: ScheduleRecord, status: string, projectId?: string | null) {
  const self = `${integrationPath(integration.id, projectId)}/schedule`;
  const active = integration.status === 'ACTIVE';
  return compact({
    id: rec.id,
    integrationId: rec.integrationId,
    ...realScheduleFields(rec),
    status,
    nextRunDate: rec.status === 'ACTIVE' && active && rec.nextRunAt !== null ? new Date(rec.nextRunAt).toISOString() : undefined,
    links: [{ rel: 'self', href: self }, ...['start', 'stop', 'pause', 'jobs'].map((rel) => ({ rel, href: `${self}/${rel}` }))],
  });
}

export function parametersView(integrationId: string, parameters: ScheduleParameter[], projectId?: string | null) {
  return {
    integrationId,
    parameters: parameters.map((p) => ({ name: p.name, value: p.value })),
    links: [{ rel: 'self', href: `${integrationPath(integrationId, projectId)}/schedule/parameters` }],
  };
}
