/**
 * Lookups in the seed's dialect: the list item and the definition (columns
 * and a row count; the rows are paged at /{id}/data).
 */
import { auditStamps, rowHead, compact, lookupLinks } from '../../../../oic/links';
import type { LookupRecord, LookupRow } from '../../../../store/oic/lookups';

export function summaryView(row: LookupRow) {
  return compact({
    ...rowHead(row),
    ...auditStamps(row),
    links: lookupLinks(row.id),
  });
}

export function fullView(rec: LookupRecord) {
  const d = rec.definition;
  return compact({
    id: rec.id,
    name: d.name,
    identifier: d.identifier,
    description: d.description,
    status: rec.status,
    columns: d.columns,
    rowCount: d.data.length,
    ...auditStamps(rec),
    links: lookupLinks(rec.id),
  });
}
