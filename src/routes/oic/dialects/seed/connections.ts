/**
 * Connections in the seed's dialect: the list item, the create answer and
 * the whole connection (secrets masked), with the seed's field names.
 */
import { auditStamps, rowHead, compact, connectionLinks } from '../../../../oic/links';
import { maskSecrets } from '../../../../oic/secrets';
import type { ConnectionRecord, ConnectionRow } from '../../../../store/oic/connections';

export function summaryView(row: ConnectionRow) {
  return compact({
    ...rowHead(row),
    adapterType: row.adapterType,
    ...auditStamps(row),
    projectId: row.projectId,
    testStatus: row.testStatus,
    lastTestTime: row.lastTestTime,
    links: connectionLinks(row.id),
  });
}

/** The seed's create response. */
export function createdView(rec: ConnectionRecord) {
  return compact({ ...summaryView(rec), version: rec.definition.version });
}

/** The seed's GET /connections/{id} body (secrets masked). */
export function fullView(rec: ConnectionRecord, usedBy: string[]) {
  const d = rec.definition;
  return compact(Object.assign({ id: rec.id, name: d.name, identifier: d.identifier, description: d.description, status: rec.status }, d, {
    connectionProperties: maskSecrets(d.connectionProperties),
    ...auditStamps(rec),
    testStatus: rec.testStatus,
    lastTestTime: rec.lastTestTime,
    lastTestMessage: rec.lastTestMessage,
    usedBy,
    links: connectionLinks(rec.id),
  }));
}
