/**
 * The two read options the SDK sends on DIS list and get operations:
 *
 *   fields=a&fields=b (or fields=a,b)  on lists: each item keeps only the
 *     named fields, plus `key` and `modelType` (the SDK picks the item's
 *     subtype by modelType). Names are checked against the item model of the
 *     SDK (its base and every subtype): an unknown name is a 400 that lists
 *     the known ones.
 *   expandReferences=true  on getTask, getDataFlow, getPipeline,
 *     getPublishedObject: a reference to another design object of the
 *     workspace (a task's dataFlow or pipeline, a pipeline operator's task, an
 *     operator's dataAsset or connection: an object whose `key` names one)
 *     is replaced by that object in full, recursively. Otherwise (false, the
 *     default) references stay the shallow objects that were stored.
 */
import { badRequest } from '../../../core/errors';
import { RULES } from '../../../store/dis/kinds';
import type { KindRules } from '../../../store/dis/design';
import type { Doc } from '../../../store/dis/objects';
import type { SdkShapes, TypeRef } from './sdk-models';

/** Kept in every projected item: identity and the subtype discriminator. */
const ALWAYS = ['key', 'modelType'];

/** `fields` as sent (repeated, comma-separated or both), or undefined when absent. */
export function parseFields(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  const names = (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(',')).map((s) => s.trim()).filter(Boolean);
  if (!names.length) throw badRequest('fields must name at least one field, e.g. fields=name&fields=identifier');
  return [...new Set(names)];
}

/** The item model of a list operation's SDK answer (a bare array or a collection's items), or null. */
export function listItemModel(shapes: SdkShapes, type: TypeRef | null | undefined): { name: string; inItems: boolean } | null {
  if (!type) return null;
  if (type.kind === 'array' && type.of.kind === 'model') return { name: type.of.name, inItems: false };
  if (type.kind === 'model') {
    const items = shapes.props(type.name).get('items')?.type;
    if (items?.kind === 'array' && items.of.kind === 'model') return { name: items.of.name, inItems: true };
  }
  return null;
}

/** Every field an item of `model` can have: its own, its bases' and its subtypes'. */
export function fieldsOf(shapes: SdkShapes, model: string): Set<string> {
  const names = new Set(shapes.props(model).keys());
  for (const sub of shapes.subtypesOf(model).values()) for (const k of shapes.props(sub).keys()) names.add(k);
  return names;
}

export function checkFields(fields: string[], available: Set<string>, operationId: string): void {
  const unknown = fields.filter((f) => !available.has(f));
  if (unknown.length) {
    throw badRequest(`fields names ${unknown.length === 1 ? 'a field' : 'fields'} the items of ${operationId} do not have: ${unknown.join(', ')}; available: ${[...available].sort().join(', ')}`);
  }
}

/** The page with each item reduced to `fields` (plus key and modelType). */
export function projectItems(payload: unknown, fields: string[], inItems: boolean): unknown {
  const keep = new Set([...fields, ...ALWAYS]);
  const pick = (item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item) ? Object.fromEntries(Object.entries(item as Doc).filter(([k]) => keep.has(k))) : item;
  if (!inItems) return Array.isArray(payload) ? payload.map(pick) : payload;
  if (payload && typeof payload === 'object' && Array.isArray((payload as Doc).items)) return { ...(payload as Doc), items: (payload as Doc).items.map(pick) };
  return payload;
}

/** expandReferences: "true" (any case) expands; absent or "false" does not; anything else is a 400. */
export function parseExpand(value: unknown): boolean {
  if (value === undefined) return false;
  const v = String(value).toLowerCase();
  if (v === 'true') return true;
  if (v === 'false' || v === '') return false;
  throw badRequest(`expandReferences must be true or false, got '${String(value)}'`);
}

const REFERENCES: Record<string, KindRules> = {
  dataFlow: RULES.dataFlow,
  pipeline: RULES.pipeline,
  task: RULES.task,
  dataAsset: RULES.dataAsset,
  connection: RULES.connection,
};
const MAX_DEPTH = 12;

/** `doc` with its references replaced by the objects they name (see the header); `lookup` finds one or null. */
export function expandReferences(doc: Doc, lookup: (rules: KindRules, key: string) => Doc | null): Doc {
  const walk = (value: unknown, depth: number, seen: Set<string>): unknown => {
    if (depth > MAX_DEPTH || !value || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map((v) => walk(v, depth + 1, seen));
    const out: Doc = {};
    for (const [k, v] of Object.entries(value as Doc)) {
      const rules = REFERENCES[k];
      const key = rules && v && typeof v === 'object' && typeof (v as Doc).key === 'string' ? ((v as Doc).key as string) : undefined;
      const target = key !== undefined && !seen.has(key) ? lookup(rules, key) : null;
      out[k] = target ? walk(target, depth + 1, new Set([...seen, key!])) : walk(v, depth + 1, seen);
    }
    return out;
  };
  return walk(doc, 0, new Set(typeof doc.key === 'string' ? [doc.key] : [])) as Doc;
}
