/**
 * Field projections (`?fields=id,name,status`), the seed's "request only
 * needed fields": HTTP-free, applied to a response body after the handler
 * built it, so every OIC GET gets the same rules.
 *
 * - `fields` is a comma-separated list, or the key repeated
 *   (`fields=id&fields=name`, the form generated clients send); names are
 *   top-level fields, matched exactly.
 * - A list (an object with an `items` array and paging fields) keeps its
 *   envelope (items, totalResults, hasMore, limit, offset and anything else
 *   beside them) and each item is projected; any other body is projected
 *   itself.
 * - `links` is always kept, so a projected resource can still be followed.
 * - A name the resource does not have is a 400 naming it. "Has" means: a key
 *   of the unprojected body (of any item, for lists), a property the spec
 *   documents for it (so an optional field that happens to be absent is not an
 *   error), or a column of a lookup's data.
 */
import { badRequest } from '../core/errors';

/** Always returned, whatever `fields` says. */
const ALWAYS_KEPT = ['links'] as const;

/**
 * The requested names, or undefined when `fields` is absent. Accepts a string
 * or the array a repeated key (or the spec's coercion) produces.
 */
export function parseFields(raw: unknown): string[] | undefined {
  if (raw === undefined) return undefined;
  const parts = (Array.isArray(raw) ? raw : [raw]).flatMap((v) => String(v).split(','));
  const names = [...new Set(parts.map((p) => p.trim()).filter((p) => p !== ''))];
  if (!names.length) throw badRequest("Query parameter 'fields' must name at least one field, e.g. fields=id,name,status");
  return names;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A paged OIC list: `items` plus the paging fields. */
function isListBody(body: unknown): body is Json & { items: unknown[] } {
  return isObject(body) && Array.isArray(body.items) && 'totalResults' in body;
}

export interface DocumentedFields {
  /** Properties the spec documents for a single resource (GET /{id}). */
  object: ReadonlySet<string>;
  /** Properties the spec documents for the items of a list. */
  item: ReadonlySet<string>;
}

const NONE: DocumentedFields = { object: new Set(), item: new Set() };

/** Names a body (or its items) can be projected on. */
function availableFields(body: Json, documented: DocumentedFields = NONE): Set<string> {
  const out = new Set<string>();
  if (isListBody(body)) {
    for (const item of body.items) if (isObject(item)) for (const k of Object.keys(item)) out.add(k);
    for (const k of documented.item) out.add(k);
    // A lookup's data lists its columns: a column left empty in every row is still a field.
    if (Array.isArray(body.columns)) for (const c of body.columns) if (isObject(c) && typeof c.name === 'string') out.add(c.name);
  } else {
    for (const k of Object.keys(body)) out.add(k);
    for (const k of documented.object) out.add(k);
  }
  for (const k of ALWAYS_KEPT) out.delete(k);
  return out;
}

function pick(obj: Json, keep: ReadonlySet<string>): Json {
  const out: Json = {};
  // The body's own key order, so a projection reads like the full resource.
  for (const [k, v] of Object.entries(obj)) if (keep.has(k)) out[k] = v;
  return out;
}

/**
 * The body reduced to `fields` (plus links). Throws a 400 naming every
 * unknown field and listing the available ones. Non-object bodies are
 * returned unchanged.
 */
export function project(body: unknown, fields: string[], documented?: DocumentedFields): unknown {
  if (!isObject(body)) return body;
  const available = availableFields(body, documented);
  const unknown = fields.filter((f) => !available.has(f) && !(ALWAYS_KEPT as readonly string[]).includes(f));
  if (unknown.length) {
    const nested = unknown.some((f) => f.includes('.') || f.includes('/'));
    throw badRequest(
      `Query parameter 'fields' names ${unknown.length === 1 ? 'a field' : 'fields'} this resource does not have: ${unknown.join(', ')}` +
        `${nested ? ' (only top-level fields can be selected)' : ''}; available: ${[...available].sort().join(', ') || '(none)'}`,
    );
  }
  const keep = new Set<string>([...fields, ...ALWAYS_KEPT]);
  if (!isListBody(body)) return pick(body, keep);
  return { ...body, items: body.items.map((item) => (isObject(item) ? pick(item, keep) : item)) };
}
