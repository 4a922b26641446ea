/**
 * Lookups: a small typed table (columns with types, rows keyed by column
 * name), the seed's "CountryCodeMapping". Every row is checked against the
 * columns on create and update: unknown keys and wrongly typed values are a
 * 400 that names the row and the column. A missing or null value is an empty
 * cell.
 */
import type { AppContext } from '../../core/context';
import { badRequest, conflict } from '../../core/errors';
import { isPlainObject } from '../../oic/merge';
import { oneRow, prepareAll } from '../statements';
import { designRow, found, type DesignDbRow, type DesignRow } from './design-rows';

export type ColumnType = 'STRING' | 'NUMBER' | 'BOOLEAN' | 'DATE';

export interface LookupColumn {
  name: string;
  type: ColumnType;
  [k: string]: unknown;
}

export interface LookupDefinition {
  name: string;
  identifier: string;
  description?: string;
  columns: LookupColumn[];
  data: Array<Record<string, unknown>>;
}

/** What creates a lookup: a definition whose rows may be left out (an empty table). */
export type LookupInput = Omit<LookupDefinition, 'data'> & { data?: LookupDefinition['data'] };

export type LookupRow = DesignRow;

export interface LookupRecord extends LookupRow {
  definition: LookupDefinition;
}

interface DbRow extends DesignDbRow {
  doc?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

function typeOk(type: ColumnType, v: unknown): boolean {
  switch (type) {
    case 'STRING': return typeof v === 'string';
    case 'NUMBER': return typeof v === 'number' && Number.isFinite(v);
    case 'BOOLEAN': return typeof v === 'boolean';
    case 'DATE': return typeof v === 'string' && DATE.test(v) && !Number.isNaN(Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v));
  }
}

/** Check columns (unique names) and every row against them; 400 naming the first problem (rows called `where[i]`). */
export function checkTable(columns: LookupColumn[], data: unknown[], where = 'data'): void {
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c.name)) throw badRequest(`columns: the column name '${c.name}' is used twice`);
    seen.add(c.name);
  }
  const byName = new Map(columns.map((c) => [c.name, c]));
  data.forEach((row, i) => {
    if (!isPlainObject(row)) throw badRequest(`${where}[${i}] must be an object of column values`);
    for (const [key, value] of Object.entries(row)) {
      const col = byName.get(key);
      if (!col) throw badRequest(`${where}[${i}].${key} is not a column of this lookup; columns: ${columns.map((c) => c.name).join(', ')}`);
      if (value !== null && !typeOk(col.type, value)) {
        throw badRequest(`${where}[${i}].${key} must be a ${col.type}${col.type === 'DATE' ? ' (YYYY-MM-DD or an ISO 8601 date-time)' : ''}, got ${JSON.stringify(value)}`);
      }
    }
  });
}

/** Every statement of the store, by name. */
const SQL = {
  get: 'SELECT * FROM oic_lookups WHERE id = ?',
  rows: 'SELECT id, name, status, created_time, created_by, modified_time FROM oic_lookups',
  insert: 'INSERT INTO oic_lookups (id, name, status, created_time, created_by, modified_time, doc) VALUES (?, ?, ?, ?, ?, ?, ?)',
  update: 'UPDATE oic_lookups SET name = ?, modified_time = ?, doc = ? WHERE id = ?',
  delete: 'DELETE FROM oic_lookups WHERE id = ?',
} as const;

export class LookupStore {
  private readonly q;

  constructor(private readonly ctx: AppContext) {
    this.q = prepareAll(ctx.db, SQL);
  }

  get(id: string): LookupRecord | undefined {
    return oneRow(this.q.get, (r: DbRow) => ({ ...designRow(r), definition: JSON.parse(r.doc!) as LookupDefinition }), id);
  }

  require(id: string): LookupRecord {
    return found(this.get(id), 'Lookup', id);
  }

  rows(): LookupRow[] {
    return (this.q.rows.all() as DbRow[]).map(designRow);
  }

  create(def: LookupInput, caller: string): LookupRecord {
    return this.ctx.db.transaction(() => {
      if (this.get(def.identifier)) throw conflict(`Lookup with ID '${def.identifier}' already exists`);
      const definition: LookupDefinition = { ...def, data: def.data ?? [] };
      checkTable(definition.columns, definition.data);
      const now = this.ctx.clock.nowIso();
      this.q.insert.run(def.identifier, def.name, 'CONFIGURED', now, caller, now, JSON.stringify(definition));
      return this.get(def.identifier)!;
    })();
  }

  /** name/description merge; columns and data, when given, replace the stored ones (rows are re-checked). */
  update(id: string, patch: Partial<LookupDefinition>): LookupRecord {
    return this.ctx.db.transaction(() => {
      const rec = this.require(id);
      if (patch.identifier !== undefined && patch.identifier !== id) throw badRequest(`identifier of lookup '${id}' cannot be changed`);
      const definition: LookupDefinition = { ...rec.definition };
      for (const k of ['name', 'description', 'columns', 'data'] as const) if (patch[k] !== undefined) (definition as any)[k] = patch[k];
      checkTable(definition.columns, definition.data);
      this.q.update.run(definition.name, this.ctx.clock.nowIso(), JSON.stringify(definition), id);
      return this.get(id)!;
    })();
  }

  delete(id: string): void {
    this.ctx.db.transaction(() => {
      this.require(id);
      this.q.delete.run(id);
    })();
  }
}
