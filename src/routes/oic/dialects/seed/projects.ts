/**
 * Projects in the seed's dialect (/ic/api/projects/v1/projects): the list
 * item and the whole project (its definition, asset counts and links).
 * Oracle's projects: ../oracle/projects.ts.
 */
import { auditStamps, rowHead, compact, projectLinks } from '../../../../oic/links';
import type { ProjectRecord, ProjectRow } from '../../../../store/oic/projects';

export function summaryView(row: ProjectRow) {
  return compact({
    ...rowHead(row),
    ...auditStamps(row),
    integrationCount: row.integrationCount,
    connectionCount: row.connectionCount,
    links: projectLinks(row.id),
  });
}

export function fullView(rec: ProjectRecord) {
  const d = rec.definition;
  return compact(Object.assign({ id: rec.id, name: d.name, identifier: d.identifier, description: d.description, status: rec.status, version: d.version }, d, {
    ...auditStamps(rec),
    integrationCount: rec.integrationCount,
    connectionCount: rec.connectionCount,
    links: projectLinks(rec.id),
  }));
}
