/**
 * Lookups as the real API moves them: a CSV file (export
 * `GET /lookups/{name}/archive`, import `POST|PUT /lookups/archive`) and the
 * `columns` + `rows[].rowData` JSON form (`PUT /lookups/{name}`).
 *
 * CSV layout (the one Oracle Integration exports; the first line is optional
 * on import, the lookup is then named after the file):
 *
 *   DVM,<lookup name>[,<description>]
 *   <column 1>,<column 2>,...
 *   <value>,<value>,...          one line per row
 *
 * Parsing and writing are csv-parse / csv-stringify (RFC 4180 quoting).
 * Every problem is a 400 that names the line. Values are text in the real
 * API; when a CSV replaces a lookup whose columns are typed (the seed's
 * NUMBER, BOOLEAN, DATE), cells are converted to the column's type and a
 * cell that does not fit is a 400 naming row and column.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { badRequest } from '../../core/errors';
import type { LookupColumn, LookupDefinition } from '../../store/oic/lookups';

const LOOKUP_NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,127}$/;
const MAX_COLUMNS = 100;
const MAX_ROWS = 100_000;

/** A lookup in the real API's terms: column names and rows of text, in column order. */
export interface RealLookupTable {
  name: string;
  description?: string;
  columns: string[];
  rows: string[][];
}

/** A table read from a CSV file: also the file line of each row (for messages). */
export interface CsvLookupTable extends RealLookupTable { rowLines: number[] }

function checkLookupName(name: string, where: string): void {
  if (!LOOKUP_NAME.test(name)) {
    throw badRequest(`${where}: lookup name '${name.slice(0, 200)}' is not valid: use letters, digits, '_', '-' or '.', starting with a letter (at most 128 characters)`);
  }
}

function checkColumns(columns: string[], where: string): void {
  if (columns.length === 0) throw badRequest(`${where}: a lookup needs at least one column`);
  if (columns.length > MAX_COLUMNS) throw badRequest(`${where}: a lookup has at most ${MAX_COLUMNS} columns, got ${columns.length}`);
  const seen = new Set<string>();
  columns.forEach((c, i) => {
    if (c.trim() === '') throw badRequest(`${where}: column ${i + 1} has no name`);
    if (seen.has(c)) throw badRequest(`${where}: the column name '${c}' is used twice`);
    seen.add(c);
  });
}

/** Cell text of a stored value (null/missing is an empty cell). */
function cell(v: unknown): string {
  return v === null || v === undefined ? '' : String(v);
}

/** The seed's stored lookup as columns + rows of text, in column order. */
export function tableOf(def: LookupDefinition, name = def.identifier): RealLookupTable {
  const columns = def.columns.map((c) => c.name);
  return { name, description: def.description, columns, rows: def.data.map((row) => columns.map((c) => cell(row[c]))) };
}

export function encodeLookupCsv(table: RealLookupTable): string {
  const first = table.description ? ['DVM', table.name, table.description] : ['DVM', table.name];
  return stringify([first, table.columns, ...table.rows]);
}

/**
 * The text of an uploaded CSV file: UTF-8 without control characters other
 * than tab and line breaks. A zip, an image or any binary file is a 400 here
 * (decoded leniently, its bytes became a lookup with a one-column header).
 */
export function csvText(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw badRequest('The uploaded lookup is not a text CSV file: it is not UTF-8 (a binary file?)');
  }
  // eslint-disable-next-line no-control-regex
  const control = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.exec(text);
  if (control) throw badRequest(`The uploaded lookup is not a text CSV file: it contains the control character U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} (a binary file?)`);
  return text;
}

/**
 * Read an uploaded CSV. `fileName` names the lookup when the file has no
 * `DVM,<name>` first line.
 */
export function decodeLookupCsv(text: string, fileName?: string): CsvLookupTable {
  let parsed: Array<{ record: string[]; info: { lines: number } }>;
  try {
    parsed = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: false }) as unknown as typeof parsed;
  } catch (e) {
    throw badRequest(`The uploaded lookup is not a readable CSV file: ${(e as Error).message}`);
  }
  const records = parsed.filter((r) => !(r.record.length === 1 && r.record[0].trim() === ''));
  if (records.length === 0) throw badRequest('The uploaded lookup CSV is empty: expected DVM,<name> then a line of column names');
  let name: string;
  let description: string | undefined;
  const first = records[0].record;
  if (first[0]?.trim().toUpperCase() === 'DVM') {
    name = (first[1] ?? '').trim();
    if (!name) throw badRequest(`Line ${records[0].info.lines} of the lookup CSV must name the lookup: DVM,<name>[,<description>]`);
    description = first[2]?.trim() || undefined;
    records.shift();
  } else {
    const base = (fileName ?? '').replace(/^.*[\\/]/, '').replace(/\.csv$/i, '');
    if (!base) throw badRequest('The lookup CSV does not name its lookup: start it with a line DVM,<name> (or name the file <name>.csv)');
    name = base;
  }
  checkLookupName(name, 'lookup CSV');
  if (records.length === 0) throw badRequest('The lookup CSV has no line of column names (after DVM,<name>)');
  const header = records.shift()!;
  const columns = header.record.map((c) => c.trim());
  checkColumns(columns, `lookup CSV line ${header.info.lines}`);
  if (records.length > MAX_ROWS) throw badRequest(`The lookup CSV has ${records.length} rows; at most ${MAX_ROWS} are allowed`);
  for (const r of records) {
    if (r.record.length !== columns.length) {
      throw badRequest(`Line ${r.info.lines} of the lookup CSV has ${r.record.length} value(s) but the lookup has ${columns.length} column(s) (${columns.join(', ')})`);
    }
  }
  return { name, description, columns, rows: records.map((r) => r.record), rowLines: records.map((r) => r.info.lines) };
}

/**
 * The real JSON form (`{name, columns: [...], rows: [{rowData: [...]}]}`)
 * as a table; `where` prefixes messages (e.g. "body").
 */
export function tableFromRealJson(body: { name?: unknown; columns?: unknown; rows?: unknown }, where: string): Omit<RealLookupTable, 'name'> {
  if (!Array.isArray(body.columns) || !body.columns.every((c) => typeof c === 'string')) {
    throw badRequest(`${where}.columns must be an array of column names`);
  }
  const columns = body.columns as string[];
  checkColumns(columns, `${where}.columns`);
  const rawRows = body.rows ?? [];
  if (!Array.isArray(rawRows)) throw badRequest(`${where}.rows must be an array of {"rowData": [...]}`);
  if (rawRows.length > MAX_ROWS) throw badRequest(`${where}.rows has ${rawRows.length} rows; at most ${MAX_ROWS} are allowed`);
  const rows = rawRows.map((r, i) => {
    const data = (r as { rowData?: unknown })?.rowData;
    if (!Array.isArray(data)) throw badRequest(`${where}.rows[${i}].rowData must be an array of values`);
    if (data.length !== columns.length) {
      throw badRequest(`${where}.rows[${i}].rowData has ${data.length} value(s) but there are ${columns.length} column(s) (${columns.join(', ')})`);
    }
    return data.map((v, j) => {
      if (v !== null && typeof v === 'object') throw badRequest(`${where}.rows[${i}].rowData[${j}] must be a value, not an object or array`);
      return cell(v);
    });
  });
  return { columns, rows };
}

function typed(type: LookupColumn['type'], text: string, where: () => string): unknown {
  if (text === '') return null;
  switch (type) {
    case 'NUMBER': {
      if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text.trim())) throw badRequest(`${where()} must be a NUMBER, got '${text}'`);
      return Number(text);
    }
    case 'BOOLEAN': {
      const t = text.trim().toLowerCase();
      if (t !== 'true' && t !== 'false') throw badRequest(`${where()} must be a BOOLEAN (true or false), got '${text}'`);
      return t === 'true';
    }
    default:
      return text;
  }
}

/**
 * Columns and `data` objects for the seed's store. Columns keep the type
 * they have in `existing` (a lookup being replaced) and are STRING otherwise;
 * empty cells are left out (an empty cell, as the seed defines it).
 */
export function seedTable(table: Omit<RealLookupTable, 'name'>, existing: LookupColumn[] = [], rowLabel = (i: number) => `row ${i + 1}`): { columns: LookupColumn[]; data: Array<Record<string, unknown>> } {
  const types = new Map(existing.map((c) => [c.name, c]));
  const columns: LookupColumn[] = table.columns.map((name) => {
    const old = types.get(name);
    return old ? { ...old } : { name, type: 'STRING' };
  });
  const data = table.rows.map((r, i) => {
    const row: Record<string, unknown> = {};
    columns.forEach((c, j) => {
      const v = typed(c.type, r[j], () => `${rowLabel(i)}, column '${c.name}'`);
      if (v !== null) row[c.name] = v;
    });
    return row;
  });
  return { columns, data };
}
