/**
 * What Oracle's clients send to update a connection, made into the body the
 * update path already understands: the read-only fields of Oracle's GET
 * body a client echoes back are dropped (never written: the store keeps its
 * own timestamps, roles and locks), the adapter object becomes its name,
 * and a single property descriptor sent as an object becomes a list of one.
 */
import { isPlainObject } from '../merge';

export const ORACLE_READ_ONLY = ['adminEmail', 'role', 'created', 'createdBy', 'lastUpdated', 'lastUpdatedBy', 'lockedBy', 'lockedDate', 'lockedFlag', 'lastRefreshedDate', 'metadataDownloadState', 'metadataDownloadSupportedFlag', 'percentageComplete', 'usage', 'usageActive', 'agentRequired', 'agentSupported', 'keywords', 'privateEndpoint', 'isCloneAllowed', 'isTestAllowed', 'testStatus', 'lastTestTime', 'projectCode', 'attachments'] as const;

const isDescriptor = (v: unknown) => isPlainObject(v) && typeof v.propertyName === 'string';

export function oracleUpdateBody(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) {
    if ((ORACLE_READ_ONLY as readonly string[]).includes(k)) continue;
    if (k === 'adapterType' && isPlainObject(v)) {
      // Oracle's GET shows the adapter as an object; sent back, its name is the adapter type.
      if (typeof v.name === 'string') out.adapterType = v.name;
      continue;
    }
    out[k] = (k === 'connectionProperties' || k === 'securityProperties') && isDescriptor(v) ? [v] : v;
  }
  return out;
}
