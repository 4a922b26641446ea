/**
 * Connections in Oracle's dialect: Oracle's names (`created`,
 * `lastUpdated`, `projectCode`), the adapter as an object
 * (`{name, displayName, type}`), `lockedFlag`, and `usage` (how many
 * integrations use it). `connectionProperties` keep the seed's object form
 * (secrets masked), which Oracle's PATCH accepts back as well as its
 * property descriptors (../../real/connections.ts).
 */
import type { ConnectionRecord, ConnectionRow } from '../../../../store/oic/connections';
import { compact, connectionLinks } from '../../../../oic/links';
import { maskSecrets } from '../../../../oic/secrets';

/** Fields of Oracle's connection a client may send back in a PATCH; they are dropped. */
export const ORACLE_CONNECTION_READ_ONLY = ['created', 'createdBy', 'lastUpdated', 'lockedFlag', 'usage', 'projectCode', 'testStatus', 'lastTestTime'] as const;

const adapterOf = (type: string) => ({ name: type, displayName: type, type: 'PREBUILT' });

export function oracleConnectionSummary(row: ConnectionRow, usage?: number) {
  return compact({
    id: row.id,
    name: row.name,
    status: row.status,
    adapterType: adapterOf(row.adapterType),
    lockedFlag: false,
    usage,
    projectCode: row.projectId,
    created: row.createdTime,
    createdBy: row.createdBy,
    lastUpdated: row.modifiedTime,
    testStatus: row.testStatus,
    lastTestTime: row.lastTestTime,
    links: connectionLinks(row.id),
  });
}

export function oracleConnectionView(rec: ConnectionRecord, usedBy: string[]) {
  const d = rec.definition;
  return compact({
    ...oracleConnectionSummary(rec, usedBy.length),
    description: d.description,
    securityPolicy: d.securityPolicy,
    agentGroupId: d.agentGroupId,
    connectionProperties: maskSecrets(d.connectionProperties),
    lastTestMessage: rec.lastTestMessage,
    usedBy,
  });
}
