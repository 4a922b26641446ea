/**
 * Places a bundle's objects into a workspace, as copy and import requests do.
 * Keys are kept when they are free, so a second import of the same file finds
 * its objects again. An object that meets one already there (the same key,
 * or the same identifier under the same parent) is resolved as asked:
 * RETAIN keeps the existing one, REPLACE overwrites it, DUPLICATE adds a
 * renamed copy with a new key. Containers above the named objects are reused
 * when present and created when not. Keys that changed are rewritten in every
 * placed document, so a task still points at its (copied) data flow.
 * Runs inside the caller's transaction; any error leaves nothing written.
 */
import type { AppContext } from '../../core/context';
import { badRequest } from '../../core/errors';
import { checkIdentifier } from './common';
import type { Actor, DesignObjects } from './design';
import type { DisObject, Doc } from './objects';
import { DATA_ASSET_KINDS, namePathOf, OBJECT_TYPE, type Bundle, type BundleObject } from './transfer-bundle';

export type Resolution = 'RETAIN' | 'REPLACE' | 'DUPLICATE';
export type ResolutionAction = 'CREATED' | 'RETAINED' | 'DUPLICATED' | 'REPLACED' | 'EXCLUDED';

export interface PlacedSummary {
  oldKey: string;
  newKey: string;
  name: string;
  identifier: string;
  objectType: string;
  objectVersion: string;
  aggregatorKey: string | null;
  namePath: string;
  timeUpdatedInMillis: number;
  resolutionAction: ResolutionAction;
}

export interface ApplyResult {
  placed: PlacedSummary[];
  referenced: PlacedSummary[];
}

/** Rewrite every string equal to a changed key (keys are UUIDs, so nothing else matches). */
function rewrite(value: unknown, map: Map<string, string>, depth = 0): unknown {
  if (depth > 64) return value;
  if (typeof value === 'string') return map.get(value) ?? value;
  if (Array.isArray(value)) return value.map((v) => rewrite(v, map, depth + 1));
  if (value && typeof value === 'object') {
    const out: Doc = {};
    for (const [k, v] of Object.entries(value)) out[k] = rewrite(v, map, depth + 1);
    return out;
  }
  return value;
}

/** prefix + identifier + suffix in identifier form, made unique among its siblings. */
function duplicateIdentifier(base: string, prefix: string, suffix: string, taken: (id: string) => boolean): string {
  const clean = (s: string) => s.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
  let candidate = clean(`${prefix}${base}${suffix}`);
  if (/^[0-9]/.test(candidate)) candidate = `_${candidate}`;
  const stem = candidate;
  for (let n = 1; taken(candidate) && n < 10_000; n++) candidate = `${stem}_${n}`;
  return checkIdentifier(candidate, 'the duplicate identifier');
}

export function applyBundle(
  ctx: AppContext,
  design: DesignObjects,
  workspaceId: string,
  bundle: Bundle,
  resolution: { type: Resolution; prefix?: string; suffix?: string },
  actor: Actor,
  opts: { dataAssets: boolean } = { dataAssets: true },
): ApplyResult {
  const objects = design.objects;
  const keyMap = new Map<string, string>();
  const written: DisObject[] = [];
  const result: ApplyResult = { placed: [], referenced: [] };
  const now = ctx.clock.nowIso();

  const summary = (o: DisObject, from: BundleObject, action: ResolutionAction): PlacedSummary => ({
    oldKey: from.key,
    newKey: o.key,
    name: o.name,
    identifier: o.identifier,
    objectType: OBJECT_TYPE[o.kind] ?? o.modelType,
    objectVersion: String(o.objectVersion),
    aggregatorKey: o.aggregatorKey,
    namePath: namePathOf(objects, o),
    timeUpdatedInMillis: Date.parse(o.timeUpdated),
    resolutionAction: action,
  });

  const place = (from: BundleObject, key: string, parent: DisObject | null, name: string, identifier: string, existing: DisObject | null): DisObject => {
    const doc: Doc = {
      ...from.doc,
      key,
      name,
      identifier,
      objectVersion: existing ? existing.objectVersion + 1 : 1,
      parentRef: { parent: parent?.key ?? null, rootDocId: null },
      metadata: design.metadata(actor, existing ? { at: existing.timeCreated, by: existing.doc.metadata?.createdBy ?? actor.id } : { at: now, by: actor.id }, now, parent, identifier, from.doc.metadata),
    };
    const row = {
      workspaceId,
      kind: from.kind,
      scopeKey: '',
      key,
      aggregatorKey: parent?.key ?? null,
      name,
      identifier,
      modelType: from.modelType,
      objectVersion: doc.objectVersion as number,
      timeCreated: existing?.timeCreated ?? now,
      timeUpdated: now,
      doc,
    };
    const o = existing ? objects.update(row) : objects.insert(row);
    written.push(o);
    return o;
  };

  for (const from of bundle.objects) {
    if (!opts.dataAssets && DATA_ASSET_KINDS.includes(from.kind)) {
      // Left out on request: what referenced it keeps the key, as a dangling reference.
      result.referenced.push({
        oldKey: from.key, newKey: from.key, name: from.name, identifier: from.identifier, objectType: OBJECT_TYPE[from.kind] ?? from.modelType,
        objectVersion: String(from.objectVersion), aggregatorKey: from.aggregatorKey, namePath: from.namePath, timeUpdatedInMillis: Date.parse(from.timeUpdated), resolutionAction: 'EXCLUDED',
      });
      continue;
    }
    const parentKey = from.aggregatorKey ? (keyMap.get(from.aggregatorKey) ?? from.aggregatorKey) : null;
    const parent = parentKey ? objects.byKey(workspaceId, parentKey) : null;
    if (parentKey && !parent) throw badRequest(`${from.namePath}: its container ${from.aggregatorKey} is neither in the transfer nor in workspace ${workspaceId}`);
    const sameKey = objects.byKey(workspaceId, from.key);
    const clashKey = objects.identifierTaken({ workspaceId, kind: from.kind, scopeKey: '', aggregatorKey: parent?.key ?? null, identifier: from.identifier, key: '' });
    const existing = sameKey && sameKey.kind === from.kind ? sameKey : clashKey ? objects.byKey(workspaceId, clashKey) : null;
    const keyFree = !sameKey && !objects.keyTaken(workspaceId, from.key);

    if (from.role === 'ancestor') {
      // A container above the named objects: reuse it, or create it when missing.
      if (existing) keyMap.set(from.key, existing.key);
      else {
        const o = place(from, keyFree ? from.key : ctx.ids.uuid(), parent, from.name, from.identifier, null);
        keyMap.set(from.key, o.key);
        result.placed.push(summary(o, from, 'CREATED'));
      }
      continue;
    }
    const out = from.role === 'reference' ? result.referenced : result.placed;
    if (!existing) {
      const o = place(from, keyFree ? from.key : ctx.ids.uuid(), parent, from.name, from.identifier, null);
      keyMap.set(from.key, o.key);
      out.push(summary(o, from, 'CREATED'));
    } else if (resolution.type === 'RETAIN') {
      keyMap.set(from.key, existing.key);
      out.push(summary(existing, from, 'RETAINED'));
    } else if (resolution.type === 'REPLACE') {
      const o = place(from, existing.key, parent, from.name, from.identifier, existing);
      keyMap.set(from.key, o.key);
      out.push(summary(o, from, 'REPLACED'));
    } else {
      const prefix = resolution.prefix ?? '';
      const suffix = resolution.suffix ?? (resolution.prefix ? '' : '_COPY');
      const identifier = duplicateIdentifier(from.identifier, prefix, suffix, (id) =>
        objects.identifierTaken({ workspaceId, kind: from.kind, scopeKey: '', aggregatorKey: parent?.key ?? null, identifier: id, key: '' }) !== null);
      const o = place(from, ctx.ids.uuid(), parent, `${prefix}${from.name}${suffix}`, identifier, null);
      keyMap.set(from.key, o.key);
      out.push(summary(o, from, 'DUPLICATED'));
    }
  }

  // Second pass: point moved references at the new keys.
  const changed = new Map([...keyMap].filter(([a, b]) => a !== b));
  if (changed.size) {
    for (const o of written) {
      const doc = rewrite(o.doc, changed) as Doc;
      if (JSON.stringify(doc) !== JSON.stringify(o.doc)) objects.update({ ...o, doc });
    }
  }
  return result;
}
