/**
 * How an integration record is laid out in oic_integrations: the columns in
 * the order the write statements bind them, and the mapping between a row
 * and a record (./integration-model.ts). Kept apart from the store so its
 * queries and rules read without the column bookkeeping.
 */
import type { IntegrationDefinition, IntegrationRecord, IntegrationRow } from './integration-model';


/** The table's columns in the order the write statements bind them (by position). */
export const COLUMNS = ['id', 'identifier', 'version', 'name', 'status', 'pattern', 'style', 'project_id', 'created_time', 'created_by',
  'modified_time', 'imported_time', 'imported_by', 'activated_time', 'activated_by', 'doc'] as const;

/** The columns that may be NULL. */
type NullableColumn = 'project_id' | 'imported_time' | 'imported_by' | 'activated_time' | 'activated_by';

/** A row as SQLite returns it: every column of COLUMNS, text or NULL. */
export type DbRow = { [K in (typeof COLUMNS)[number]]: K extends NullableColumn ? string | null : string };

/** A row of the summary queries (rows, rowsInProject), in their column order. */
export type SummaryColumns = [string, string, string, string, string, string, string, string | null, string, string];

/** What an update rewrites (id, identifier, version and creation stay). */
export const UPDATED = ['name', 'status', 'pattern', 'style', 'project_id', 'modified_time', 'imported_time', 'imported_by', 'activated_time', 'activated_by', 'doc'] as const;

export function toRecord(r: DbRow): IntegrationRecord {
  // Properties added to the row object rather than `{ ...toRow(r), ... }`:
  // on Node 20 every property after a spread costs ~1 µs (V8's slow define
  // path), which would make this the costliest step of GET integration.
  const rec = toRow(r) as IntegrationRecord;
  rec.createdBy = r.created_by;
  rec.importedTime = r.imported_time;
  rec.importedBy = r.imported_by;
  rec.activatedTime = r.activated_time;
  rec.activatedBy = r.activated_by;
  rec.definition = JSON.parse(r.doc) as IntegrationDefinition;
  return rec;
}

function toRow(r: Omit<DbRow, 'doc' | 'created_by' | 'imported_time' | 'imported_by' | 'activated_time' | 'activated_by'>): IntegrationRow {
  return {
    id: r.id,
    identifier: r.identifier,
    version: r.version,
    name: r.name,
    status: r.status,
    pattern: r.pattern,
    style: r.style,
    projectId: r.project_id,
    createdTime: r.created_time,
    modifiedTime: r.modified_time,
  };
}

/** A summary row from a raw (array) query. */
export function summaryOf(r: SummaryColumns): IntegrationRow {
  return {
    id: r[0],
    identifier: r[1],
    version: r[2],
    name: r[3],
    status: r[4],
    pattern: r[5],
    style: r[6],
    projectId: r[7],
    createdTime: r[8],
    modifiedTime: r[9],
  };
}

/** What a record is written as (identifier, version and the summary columns come from its definition). */
export type WritableRecord = Omit<IntegrationRecord, 'identifier' | 'version' | 'name' | 'pattern' | 'style' | 'projectId'>;

export function dbRowOf(rec: WritableRecord): DbRow {
  const d = rec.definition;
  return {
    id: rec.id,
    identifier: d.identifier,
    version: d.version,
    name: d.name,
    status: rec.status,
    pattern: d.pattern,
    style: d.style,
    project_id: d.projectId ?? null,
    created_time: rec.createdTime,
    created_by: rec.createdBy,
    modified_time: rec.modifiedTime,
    imported_time: rec.importedTime,
    imported_by: rec.importedBy,
    activated_time: rec.activatedTime,
    activated_by: rec.activatedBy,
    doc: JSON.stringify(d),
  };
}
