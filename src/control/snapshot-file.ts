/**
 * Snapshots as files, to share a prepared state between CI jobs: a snapshot
 * written out as one JSON document, and such a document checked strictly
 * before it becomes a snapshot (nothing is written unless all of it is
 * right). Format (version 1):
 *
 *   { "format": "oracle-integration-emulator/snapshot", "version": 1,
 *     "meta": { name, createdAt, clockTime, clockMode, tables, rows },
 *     "randomState": n, "idsState": n, "clockAt": epoch ms,
 *     "sequences": [{ "name": table, "seq": "n" }],
 *     "tables": [{ "name": "oic_...", "columns": [...], "rows": [[...], ...] }] }
 *
 * Cell values are JSON null, numbers and strings; binary cells are written
 * as {"base64": "..."}, integers beyond 2^53 as {"int": "digits"}. Secrets
 * inside JSON cells are written as "***" (see redact). A table must be one of this emulator's state tables
 * with the same columns: a file from a version with another schema is
 * refused with the differences named.
 */
import type { StateTable } from '../store/state-tables';
import { maskValue } from './mask';
import { SnapshotError, type SnapshotData, type SnapshotMeta, type SnapshotStore } from '../store/snapshots';

export const SNAPSHOT_FORMAT = 'oracle-integration-emulator/snapshot';
export const SNAPSHOT_FILE_VERSION = 1;
/** Largest snapshot file accepted (the upload route and --snapshot). */
export const MAX_SNAPSHOT_FILE_BYTES = 256 * 1024 * 1024;

export interface SnapshotFile {
  format: string;
  version: number;
  meta: SnapshotMeta;
  randomState: number;
  idsState: number;
  clockAt: number;
  sequences: { name: string; seq: string }[];
  tables: { name: string; columns: string[]; rows: unknown[][] }[];
}

/**
 * Secrets stay in the emulator: a JSON document in a cell (a connection's
 * definition, a data asset) has every credential-like value replaced by
 * "***", as the request journal does. Importing such a file gives connections
 * without their passwords; a test that needs them sets them again.
 */
function redact(text: string): string {
  const c = text.charCodeAt(0);
  if (c !== 123 && c !== 91) return text; // { or [
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return text;
  }
  const masked = JSON.stringify(maskValue(parsed));
  return masked === JSON.stringify(parsed) ? text : masked;
}

function encodeCell(v: unknown): unknown {
  if (Buffer.isBuffer(v)) return { base64: v.toString('base64') };
  if (typeof v === 'string') return redact(v);
  if (typeof v === 'bigint') return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : { int: String(v) };
  return v;
}

export function snapshotToFile(store: SnapshotStore, snap: SnapshotData): SnapshotFile {
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_FILE_VERSION,
    meta: { ...snap.meta },
    randomState: snap.randomState,
    idsState: snap.idsState,
    clockAt: snap.clockAt,
    sequences: snap.sequences.map((q) => ({ name: q.name, seq: String(q.seq) })),
    tables: snap.tables.map((t) => ({ name: t.name, columns: t.columns, rows: store.rowsOf(snap, t).map((r) => r.map(encodeCell)) })),
  };
}

const bad = (msg: string) => new SnapshotError(`snapshot file: ${msg}; nothing was imported`, 'invalid');
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v);

function decodeCell(v: unknown, where: string): unknown {
  if (v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) return v;
  if (isObj(v) && typeof v.base64 === 'string' && Object.keys(v).length === 1 && /^[A-Za-z0-9+/]*={0,2}$/.test(v.base64)) return Buffer.from(v.base64, 'base64');
  if (isObj(v) && typeof v.int === 'string' && Object.keys(v).length === 1 && /^-?\d{1,19}$/.test(v.int)) return BigInt(v.int);
  throw bad(`${where} is not a cell value (null, a number, a string, {"base64": "..."} or {"int": "digits"})`);
}

/**
 * Check a parsed snapshot file against this emulator's state tables and turn
 * it into snapshot data and rows. `name` overrides the file's own name.
 */
export function snapshotFromFile(doc: unknown, current: StateTable[], name?: string): { data: Omit<SnapshotData, 'id'>; rows: Map<string, unknown[][]> } {
  if (!isObj(doc)) throw bad('not a JSON object');
  if (doc.format !== SNAPSHOT_FORMAT) throw bad(`format must be "${SNAPSHOT_FORMAT}" (got ${JSON.stringify(doc.format ?? null)}): export one with GET /_emulator/snapshots/{name}/file`);
  if (doc.version !== SNAPSHOT_FILE_VERSION) throw bad(`version ${JSON.stringify(doc.version ?? null)} is not supported: this emulator reads version ${SNAPSHOT_FILE_VERSION}`);
  const meta = doc.meta;
  if (!isObj(meta)) throw bad('meta must be an object');
  if (meta.clockMode !== 'real' && meta.clockMode !== 'manual') throw bad('meta.clockMode must be real or manual');
  for (const k of ['createdAt', 'clockTime'] as const) {
    if (typeof meta[k] !== 'string' || Number.isNaN(Date.parse(meta[k] as string))) throw bad(`meta.${k} must be a date-time`);
  }
  const finalName = name ?? meta.name;
  if (typeof finalName !== 'string') throw bad('meta.name must be a string (or give ?name=)');
  for (const k of ['randomState', 'idsState', 'clockAt'] as const) if (!isInt(doc[k])) throw bad(`${k} must be an integer`);
  if (!Array.isArray(doc.tables)) throw bad('tables must be a list');
  if (!Array.isArray(doc.sequences)) throw bad('sequences must be a list');

  const byName = new Map(current.map((t) => [t.name, t]));
  const rows = new Map<string, unknown[][]>();
  const tables: StateTable[] = [];
  let total = 0;
  doc.tables.forEach((t, i) => {
    const where = `tables[${i}]`;
    if (!isObj(t) || typeof t.name !== 'string' || !Array.isArray(t.columns) || !Array.isArray(t.rows)) throw bad(`${where} must be {name, columns, rows}`);
    const here = byName.get(t.name);
    if (!here) throw bad(`${where}: '${t.name}' is not a state table of this emulator`);
    if (rows.has(t.name)) throw bad(`${where}: '${t.name}' appears twice`);
    const cols = t.columns as unknown[];
    const missing = here.columns.filter((c) => !cols.includes(c));
    const extra = cols.filter((c) => typeof c !== 'string' || !here.columns.includes(c));
    if (missing.length || extra.length || cols.length !== here.columns.length) {
      throw bad(`${where}: the columns of '${t.name}' differ from this emulator's (missing: ${missing.join(', ') || 'none'}; unknown: ${extra.map(String).join(', ') || 'none'}); the file comes from another version`);
    }
    const list = (t.rows as unknown[]).map((r, j) => {
      if (!Array.isArray(r) || r.length !== cols.length) throw bad(`${where}.rows[${j}] must be a list of ${cols.length} values`);
      return r.map((v, k) => decodeCell(v, `${where}.rows[${j}][${k}]`));
    });
    total += list.length;
    rows.set(t.name, list);
    tables.push({ name: t.name, columns: cols as string[], parents: here.parents });
  });
  const sequences = doc.sequences.map((q, i) => {
    if (!isObj(q) || typeof q.name !== 'string' || !rows.has(q.name) || (typeof q.seq !== 'string' && !isInt(q.seq)) || !/^\d+$/.test(String(q.seq))) {
      throw bad(`sequences[${i}] must be {name: a table of the file, seq: a whole number}`);
    }
    return { name: q.name, seq: BigInt(String(q.seq)) as unknown };
  });
  const m: SnapshotMeta = { name: finalName, createdAt: meta.createdAt as string, clockTime: meta.clockTime as string, clockMode: meta.clockMode, tables: tables.length, rows: total };
  return { data: { meta: m, tables, sequences, randomState: doc.randomState as number, idsState: doc.idsState as number, clockAt: doc.clockAt as number }, rows };
}
