/**
 * The columns the seed's design-time tables (projects, connections, lookups)
 * start with: id, name, status, who created it and when, when it last
 * changed. One mapping from those columns to the store's row fields, and the
 * one 404 for a missing id, so the stores agree on both.
 */
import { notFound } from '../../core/errors';

/** What a project's or a connection's definition starts with; the rest of the caller's document is kept as sent. */
export interface DesignDefinition {
  name: string;
  identifier: string;
  description?: string;
  version?: string;
  [k: string]: unknown;
}

/** The shared columns, as SQLite returns them. */
export interface DesignDbRow {
  id: string;
  name: string;
  status: string;
  created_time: string;
  created_by: string;
  modified_time: string;
}

/** The shared row fields (the identifier is the id). */
export interface DesignRow {
  id: string;
  identifier: string;
  name: string;
  status: string;
  createdTime: string;
  createdBy: string;
  modifiedTime: string;
}

export function designRow(r: DesignDbRow): DesignRow {
  return { id: r.id, identifier: r.id, name: r.name, status: r.status, createdTime: r.created_time, createdBy: r.created_by, modifiedTime: r.modified_time };
}

/** `rec`, or the 404 "<kind> with ID '<id>' was not found". */
export function found<T>(rec: T | undefined, kind: string, id: string): T {
  if (!rec) throw notFound(`${kind} with ID '${id}' was not found`);
  return rec;
}
