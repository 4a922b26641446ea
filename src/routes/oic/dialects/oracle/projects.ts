/**
 * Projects in Oracle's dialect (/ic/api/integration/v1/projects): `code`
 * for the identifier, `type`, `builtBy`, the asset counts and Oracle's
 * `state` object (status, created, updated, createdBy).
 */
import type { ProjectRecord, ProjectRow } from '../../../../store/oic/projects';
import { compact, ORACLE_PROJECTS } from '../../../../oic/links';

const enc = encodeURIComponent;

export function oracleProjectSummary(row: ProjectRow) {
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
      { rel: 'self', href: `${ORACLE_PROJECTS}/${enc(row.id)}` },
      { rel: 'integrations', href: `${ORACLE_PROJECTS}/${enc(row.id)}/integrations` },
    ],
  });
}

export function oracleProjectView(rec: ProjectRecord) {
  return compact({ ...oracleProjectSummary(rec), description: rec.definition.description });
}
