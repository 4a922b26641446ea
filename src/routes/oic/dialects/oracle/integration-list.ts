/**
 * Oracle's integration lists (global and project-scoped): `q` in Oracle's
 * words (`status:'ACTIVATED'`; INPROGRESS and FAILEDACTIVATION are valid
 * words that no stored integration has, so they match nothing),
 * `orderBy=name|time`, and Oracle's envelope (items, totalResults,
 * hasMore, limit, offset, count, links).
 */
import { listPage, commonQFields } from '../../../../oic/listing';
import type { QFields } from '../../../../oic/q-filter';
import { seedIntegrationStatus } from '../../../../oic/real/status';
import type { IntegrationRow } from '../../../../store/oic/integrations';
import { oracleIntegrationSummary } from './integrations';

const NO_MATCH = '\u0000';
const base = commonQFields<IntegrationRow>();
export const ORACLE_INTEGRATION_Q: QFields<IntegrationRow> = {
  ...base,
  fields: {
    ...base.fields,
    status: { get: (r) => r.status, normalize: (v) => seedIntegrationStatus(v) ?? (v === 'ACTIVE' || v === 'CONFIGURED' ? v : NO_MATCH) },
    version: { get: (r) => r.version },
    pattern: { get: (r) => r.pattern },
    style: { get: (r) => r.style },
    projectCode: { get: (r) => r.projectId },
    type: { get: () => 'DEVELOPED', normalize: (v) => v.toUpperCase() },
  },
};

/** `orderBy=time` (Oracle's word) is the listing's modifiedTime. */
export const oracleOrder = (orderBy?: string) => (orderBy === 'time' ? 'modifiedTime' : orderBy);

export interface OracleListQuery { q?: string; orderBy?: string; limit?: number; offset?: number }

export function oracleIntegrationList(rows: IntegrationRow[], query: OracleListQuery, scoped: boolean, self: string) {
  const page = listPage(rows, { ...query, orderBy: oracleOrder(query.orderBy) }, ORACLE_INTEGRATION_Q, (row) => oracleIntegrationSummary(row, scoped));
  return { ...page, count: page.items.length, links: [{ rel: 'self', href: self }] };
}
