/**
 * Connections in Oracle's dialect: Oracle's names (`created`,
 * `lastUpdated`, `projectCode`), the adapter as an object
 * (`{name, displayName, type}`), `lockedFlag`, `usage` (how many
 * integrations use it), and the fields of Oracle's connection schema that
 * the emulator can state: `percentageComplete`, the metadata refresh
 * (`metadataDownloadState`, `lastRefreshedDate`) and the property
 * attachments. `connectionProperties` keep the seed's object form (secrets
 * masked), which Oracle's PATCH accepts back as well as its property
 * descriptors (../../real/connections.ts). Every answer of Oracle's
 * connection paths (GET, PATCH, validate, testWithAttachments, metadata
 * refresh, attachment upload) is this view.
 */
import type { Stores } from '../../../../store';
import type { AttachmentRow } from '../../../../store/oic/connection-attachments';
import type { ConnectionRecord, ConnectionRow } from '../../../../store/oic/connections';
import { missingProperties } from '../../../../oic/connection-config';
import { compact, connectionLinks } from '../../../../oic/links';
import { isPlainObject } from '../../../../oic/merge';
import { maskSecrets } from '../../../../oic/secrets';

/** Fields of Oracle's connection a client may send back in a PATCH; they are dropped. */
export const ORACLE_CONNECTION_READ_ONLY = ['created', 'createdBy', 'lastUpdated', 'lockedFlag', 'usage', 'projectCode', 'testStatus', 'lastTestTime'] as const;

/** What Oracle's connection shows besides the record: its last metadata refresh and its attachments. */
export interface ConnectionExtras {
  lastRefreshedDate: string | null;
  attachments: Array<Pick<AttachmentRow, 'propName' | 'fileName' | 'serviceWsdl' | 'size' | 'uploadedTime'>>;
}

export const connectionExtrasOf = (stores: Pick<Stores, 'connectionAttachments'>, id: string): ConnectionExtras => ({
  lastRefreshedDate: stores.connectionAttachments.refreshed(id),
  attachments: stores.connectionAttachments.list(id),
});

const adapterOf = (type: string) => ({ name: type, displayName: type, type: 'PREBUILT' });

/** The share of connection properties that have a value (100 for a connection without properties). */
export function percentageComplete(props: unknown): number {
  const total = isPlainObject(props) ? Object.keys(props).length : 0;
  return total === 0 ? 100 : Math.floor((100 * (total - missingProperties(props).length)) / total);
}

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

export function oracleConnectionView(rec: ConnectionRecord, usedBy: string[], extras?: ConnectionExtras) {
  const d = rec.definition;
  return compact({
    ...oracleConnectionSummary(rec, usedBy.length),
    description: d.description,
    securityPolicy: d.securityPolicy,
    agentGroupId: d.agentGroupId,
    connectionProperties: maskSecrets(d.connectionProperties),
    percentageComplete: percentageComplete(d.connectionProperties),
    lastTestMessage: rec.lastTestMessage,
    usedBy,
    metadataDownloadSupportedFlag: true,
    metadataDownloadState: extras?.lastRefreshedDate ? 'COMPLETE' : 'NOT_STARTED',
    lastRefreshedDate: extras?.lastRefreshedDate,
    attachments: extras?.attachments.length
      ? extras.attachments.map((a) => compact({ propertyName: a.propName, fileName: a.fileName, serviceWSDL: a.serviceWsdl, size: a.size, uploaded: a.uploadedTime }))
      : undefined,
  });
}
