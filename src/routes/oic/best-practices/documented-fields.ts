/**
 * The fields openapi/oic.yaml documents for what a GET returns, so that a
 * projection on an optional field that a resource happens not to have (an
 * integration without a description) is not mistaken for a typo:
 *   single resource: the 200 schema's properties, plus the properties its
 *                    PUT (same path) accepts, since whatever a client may
 *                    write is a field of the resource;
 *   list:            the properties of the 200 schema's `items`.
 * Derived once per operation from the (read-only, process-wide) document.
 */
import type { OpenAPIV3 } from 'openapi-types';
import { deref, type LoadedSpec } from '../../../openapi/spec';
import type { DocumentedFields } from '../../../oic/projection';

type Doc = OpenAPIV3.Document;

const cache = new WeakMap<Doc, Map<string, DocumentedFields>>();

export function documentedFields(spec: LoadedSpec, operationId: string | undefined): DocumentedFields | undefined {
  if (!operationId) return undefined;
  let perDoc = cache.get(spec.document);
  if (!perDoc) cache.set(spec.document, (perDoc = new Map()));
  if (!perDoc.has(operationId)) perDoc.set(operationId, derive(spec, operationId));
  return perDoc.get(operationId);
}

function derive(spec: LoadedSpec, operationId: string): DocumentedFields {
  const doc = spec.document;
  const op = spec.operations.get(operationId);
  const item = op ? (doc.paths?.[op.path] as OpenAPIV3.PathItemObject | undefined) : undefined;
  const get = item?.get;
  const empty: DocumentedFields = { object: new Set(), item: new Set() };
  if (!get || get.operationId !== operationId) return empty;
  const ok = deref(doc, get.responses?.['200']) as OpenAPIV3.ResponseObject | undefined;
  const schema = deref(doc, ok?.content?.['application/json']?.schema);
  const object = properties(doc, schema);
  const put = deref(doc, item?.put?.requestBody) as OpenAPIV3.RequestBodyObject | undefined;
  for (const k of properties(doc, put?.content?.['application/json']?.schema)) object.add(k);
  const items = deref(doc, propertyOf(doc, schema, 'items')) as OpenAPIV3.ArraySchemaObject | undefined;
  return { object, item: items?.type === 'array' ? properties(doc, items.items) : new Set() };
}

/** Property names of a schema, through $ref and allOf/oneOf/anyOf. */
function properties(doc: Doc, node: unknown, depth = 0): Set<string> {
  const out = new Set<string>();
  const s = deref(doc, node) as OpenAPIV3.SchemaObject | undefined;
  if (!s || typeof s !== 'object' || depth > 10) return out;
  for (const k of Object.keys(s.properties ?? {})) out.add(k);
  for (const sub of [...(s.allOf ?? []), ...(s.oneOf ?? []), ...(s.anyOf ?? [])]) for (const k of properties(doc, sub, depth + 1)) out.add(k);
  return out;
}

function propertyOf(doc: Doc, node: unknown, name: string): unknown {
  const s = deref(doc, node) as OpenAPIV3.SchemaObject | undefined;
  if (!s || typeof s !== 'object') return undefined;
  if (s.properties?.[name]) return s.properties[name];
  for (const sub of s.allOf ?? []) {
    const hit = propertyOf(doc, sub, name);
    if (hit) return hit;
  }
  return undefined;
}
