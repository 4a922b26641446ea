/**
 * Integrations in the seed's dialect: the create/clone answer, the whole
 * integration (definition, state, the runtime's schedule, links) and the
 * list item, with the seed's field names and status words (ACTIVE).
 */
import type { InstanceState } from '../../../../sim/state';
import { optionalScheduleView } from './schedules';
import { auditStamps, compact, integrationLinks, link, INTEGRATIONS } from '../../../../oic/links';
import type { IntegrationRecord, IntegrationRow } from '../../../../store/oic/integrations';

/** The fields every seed integration answer starts with. */
export function integrationHead(r: Pick<IntegrationRow, 'id' | 'name' | 'identifier' | 'version' | 'status'>) {
  return { id: r.id, name: r.name, identifier: r.identifier, version: r.version, status: r.status };
}

/** The seed's create/clone response. */
export function createdView(rec: IntegrationRecord) {
  return compact({
    ...integrationHead(rec),
    pattern: rec.pattern,
    style: rec.style,
    ...auditStamps(rec),
    projectId: rec.projectId,
    links: integrationLinks(rec.id, rec.status),
  });
}

/** The whole integration: definition, state, schedule (when the runtime has one), links. */
export function fullView(stores: Pick<InstanceState, 'runtime'>, rec: IntegrationRecord) {
  const d = rec.definition;
  // Head fields first (key order of the seed), then the definition as stored.
  return compact(Object.assign({ id: rec.id, name: d.name, identifier: d.identifier, version: d.version, status: rec.status }, d, {
    ...auditStamps(rec),
    importedTime: rec.importedTime,
    importedBy: rec.importedBy,
    activatedTime: rec.activatedTime,
    activatedBy: rec.activatedBy,
    schedule: optionalScheduleView(stores.runtime.scheduleStateOf(rec.id)),
    links: [...integrationLinks(rec.id, rec.status), link('clone', `${INTEGRATIONS}/${encodeURIComponent(rec.id)}/clone`)],
    // Oracle keeps a scheduled integration's parameters in the integration; both dialects show them.
    scheduleParams: stores.runtime.schedules.ofIntegration(rec.id)?.doc.parameters.map((p) => ({ name: p.name, value: p.value })),
  }));
}

export function summaryView(row: IntegrationRow) {
  return compact({
    ...integrationHead(row),
    pattern: row.pattern,
    style: row.style,
    projectId: row.projectId,
    createdTime: row.createdTime,
    modifiedTime: row.modifiedTime,
    links: [link('self', `${INTEGRATIONS}/${encodeURIComponent(row.id)}`)],
  });
}

/** The seed's answer to an archive import: the integration's head, when and by whom it was imported, links. */
export function importedView(rec: IntegrationRecord) {
  return compact({
    ...integrationHead(rec),
    importedTime: rec.importedTime,
    importedBy: rec.importedBy,
    links: integrationLinks(rec.id, rec.status, false),
  });
}
