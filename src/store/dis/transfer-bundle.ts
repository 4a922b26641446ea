/**
 * What copy and export requests carry from a workspace: the named objects,
 * everything inside them, the containers above them (so the receiving
 * workspace can place them) and, optionally, the objects they reference
 * (a task's data flow or pipeline...). The bundle is also the content of an
 * exported file; its layout is the emulator's own (the real service writes a
 * zip whose layout is not documented).
 */
import { badRequest } from '../../core/errors';
import type { DisObject, DisObjects, Doc, ObjectKind } from './objects';

/** The design objects a transfer can be asked to move. */
export const TRANSFER_KINDS: ObjectKind[] = ['project', 'folder', 'task', 'dataFlow', 'pipeline', 'functionLibrary', 'userDefinedFunction'];
/** Data assets and their connections travel only as references of those (an import may exclude them). */
export const DATA_ASSET_KINDS: ObjectKind[] = ['dataAsset', 'connection'];
const BUNDLE_KINDS = [...TRANSFER_KINDS, ...DATA_ASSET_KINDS];
/** Kinds with no container. */
const TOP_KINDS: ObjectKind[] = ['project', 'dataAsset'];

/** objectType of the transfer summaries (GUESS: the SDK types it as a free string). */
export const OBJECT_TYPE: Partial<Record<ObjectKind, string>> = {
  project: 'PROJECT',
  folder: 'FOLDER',
  task: 'TASK',
  dataFlow: 'DATA_FLOW',
  pipeline: 'PIPELINE',
  functionLibrary: 'FUNCTION_LIBRARY',
  userDefinedFunction: 'USER_DEFINED_FUNCTION',
  dataAsset: 'DATA_ASSET',
  connection: 'CONNECTION',
};

/** Why an object is in the bundle: named, inside a named one, above one, or referenced by one. */
export type Role = 'selected' | 'contained' | 'ancestor' | 'reference';

/** A stored object's identity and document, with why it is in the bundle and where it sits. */
export interface BundleObject extends Pick<DisObject, 'kind' | 'key' | 'aggregatorKey' | 'name' | 'identifier' | 'modelType' | 'objectVersion' | 'timeUpdated' | 'doc'> {
  role: Role;
  namePath: string;
}

export interface Bundle {
  format: 'oracle-integration-emulator/dis-export';
  formatVersion: 1;
  sourceWorkspaceId: string;
  timeExported: string;
  objects: BundleObject[];
}

export const BUNDLE_FORMAT = 'oracle-integration-emulator/dis-export';

/** Every string in a document (where references to other objects' keys live). */
export function stringsIn(value: unknown, out: Set<string> = new Set(), depth = 0): Set<string> {
  if (depth > 64) return out;
  if (typeof value === 'string') out.add(value);
  else if (Array.isArray(value)) for (const v of value) stringsIn(v, out, depth + 1);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) stringsIn(v, out, depth + 1);
  return out;
}

export function namePathOf(objects: DisObjects, o: DisObject): string {
  const names = [o.name];
  let parentKey = o.aggregatorKey;
  for (let depth = 0; parentKey && depth < 50; depth++) {
    const parent = objects.byKey(o.workspaceId, parentKey);
    if (!parent) break;
    names.unshift(parent.name);
    parentKey = parent.aggregatorKey;
  }
  return names.join('/');
}

/**
 * Collect a bundle from `workspaceId`. objectKeys must name transferable
 * objects (400 otherwise); an empty list means every project of the workspace.
 */
export function collectBundle(objects: DisObjects, workspaceId: string, objectKeys: string[], opts: { references: boolean; at: string }): Bundle {
  const picked = new Map<string, { o: DisObject; role: Role }>();
  const add = (o: DisObject, role: Role) => {
    const had = picked.get(o.key);
    // A stronger reason wins: selected > contained > reference > ancestor.
    const rank: Record<Role, number> = { selected: 3, contained: 2, reference: 1, ancestor: 0 };
    if (!had || rank[role] > rank[had.role]) picked.set(o.key, { o, role });
  };
  const ancestors = (o: DisObject) => {
    let parentKey = o.aggregatorKey;
    for (let depth = 0; parentKey && depth < 50; depth++) {
      const parent = objects.byKey(workspaceId, parentKey);
      if (!parent) break;
      add(parent, 'ancestor');
      parentKey = parent.aggregatorKey;
    }
  };
  const subtree = (o: DisObject, depth = 0) => {
    if (depth > 50) return;
    for (const child of objects.children(workspaceId, o.key)) {
      if (!TRANSFER_KINDS.includes(child.kind)) continue;
      add(child, 'contained');
      subtree(child, depth + 1);
    }
  };
  const roots = objectKeys.length ? objectKeys : objects.list(workspaceId, 'project').map((p) => p.key);
  roots.forEach((key, i) => {
    const o = objects.byKey(workspaceId, key);
    if (!o || !TRANSFER_KINDS.includes(o.kind)) {
      throw badRequest(`objectKeys[${i}] '${key}' is not a project, folder, task, data flow, pipeline, function library or user defined function of workspace ${workspaceId}`, { code: 'RelatedResourceNotAuthorizedOrNotFound' });
    }
    add(o, 'selected');
    ancestors(o);
    subtree(o);
  });
  if (opts.references) {
    // References of references too (a task's data flow reads a data asset).
    const queue = [...picked.values()].map((p) => p.o);
    for (let i = 0; i < queue.length && i < 100_000; i++) {
      for (const s of stringsIn(queue[i].doc)) {
        if (picked.has(s)) continue;
        const ref = objects.byKey(workspaceId, s);
        if (!ref || !BUNDLE_KINDS.includes(ref.kind)) continue;
        add(ref, 'reference');
        ancestors(ref);
        queue.push(ref);
        // A data asset is of no use without its connections.
        if (ref.kind === 'dataAsset') {
          for (const c of objects.children(workspaceId, ref.key)) {
            if (c.kind !== 'connection' || picked.has(c.key)) continue;
            add(c, 'reference');
            queue.push(c);
          }
        }
      }
    }
  }
  const depthOf = (o: DisObject) => {
    let depth = 0;
    for (let k = o.aggregatorKey; k && depth < 50; k = objects.byKey(workspaceId, k)?.aggregatorKey ?? null) depth++;
    return depth;
  };
  const list = [...picked.values()].map(({ o, role }) => ({ o, role, depth: depthOf(o) }));
  // Parents before children; otherwise the order objects were created in.
  list.sort((a, b) => a.depth - b.depth || a.o.seq - b.o.seq);
  return {
    format: BUNDLE_FORMAT,
    formatVersion: 1,
    sourceWorkspaceId: workspaceId,
    timeExported: opts.at,
    objects: list.map(({ o, role }) => ({
      kind: o.kind,
      role,
      key: o.key,
      aggregatorKey: o.aggregatorKey,
      name: o.name,
      identifier: o.identifier,
      modelType: o.modelType,
      objectVersion: o.objectVersion,
      namePath: namePathOf(objects, o),
      timeUpdated: o.timeUpdated,
      doc: o.doc,
    })),
  };
}

const ROLES: Role[] = ['selected', 'contained', 'ancestor', 'reference'];
const MAX_BUNDLE_OBJECTS = 10_000;

/**
 * Check a bundle given by a client (an exported file uploaded through the
 * control API) before anything reads it: the emulator's format, transferable
 * kinds, string keys and names, DIS identifiers, containers that come before
 * what they contain.
 */
export function parseBundle(value: unknown, sourceWorkspaceId = 'uploaded'): Bundle {
  const b = value as Partial<Bundle> | null;
  if (!b || typeof b !== 'object' || b.format !== BUNDLE_FORMAT || b.formatVersion !== 1) {
    throw badRequest(`An export file must be {"format": "${BUNDLE_FORMAT}", "formatVersion": 1, "objects": [...]} as an export request writes it`);
  }
  if (!Array.isArray(b.objects) || b.objects.length > MAX_BUNDLE_OBJECTS) throw badRequest(`objects must be an array of at most ${MAX_BUNDLE_OBJECTS} objects`);
  const seen = new Set<string>();
  const objects = b.objects.map((o, i) => {
    const at = `objects[${i}]`;
    if (!o || typeof o !== 'object') throw badRequest(`${at} must be an object`);
    if (!BUNDLE_KINDS.includes(o.kind)) throw badRequest(`${at}.kind '${String(o.kind)}' is not one of ${BUNDLE_KINDS.join(', ')}`);
    if (!ROLES.includes(o.role)) throw badRequest(`${at}.role '${String(o.role)}' is not one of ${ROLES.join(', ')}`);
    for (const f of ['key', 'name', 'modelType'] as const) if (typeof o[f] !== 'string' || !o[f]) throw badRequest(`${at}.${f} must be a non-empty string`);
    if (typeof o.identifier !== 'string' || !/^[A-Z_][A-Z0-9_]*$/.test(o.identifier)) throw badRequest(`${at}.identifier '${String(o.identifier)}' is not a DIS identifier`);
    if (o.aggregatorKey !== null && typeof o.aggregatorKey !== 'string') throw badRequest(`${at}.aggregatorKey must be a string or null`);
    if (o.aggregatorKey !== null && TOP_KINDS.includes(o.kind)) throw badRequest(`${at}: a ${o.kind} has no container (aggregatorKey null)`);
    if (o.aggregatorKey === null && !TOP_KINDS.includes(o.kind)) throw badRequest(`${at}: a ${o.kind} needs its container (aggregatorKey)`);
    if (seen.has(o.key)) throw badRequest(`${at}.key '${o.key}' appears twice`);
    if (o.aggregatorKey !== null && !seen.has(o.aggregatorKey)) throw badRequest(`${at}.aggregatorKey '${o.aggregatorKey}' is not an object listed before it (containers come first)`);
    if (!o.doc || typeof o.doc !== 'object' || Array.isArray(o.doc)) throw badRequest(`${at}.doc must be the object's document`);
    seen.add(o.key);
    return {
      kind: o.kind,
      role: o.role,
      key: o.key,
      aggregatorKey: o.aggregatorKey,
      name: o.name,
      identifier: o.identifier,
      modelType: o.modelType,
      objectVersion: Number.isInteger(o.objectVersion) ? o.objectVersion : 1,
      namePath: typeof o.namePath === 'string' ? o.namePath : o.name,
      timeUpdated: typeof o.timeUpdated === 'string' ? o.timeUpdated : new Date(0).toISOString(),
      doc: o.doc,
    };
  });
  return {
    format: BUNDLE_FORMAT,
    formatVersion: 1,
    sourceWorkspaceId: typeof b.sourceWorkspaceId === 'string' ? b.sourceWorkspaceId : sourceWorkspaceId,
    timeExported: typeof b.timeExported === 'string' ? b.timeExported : new Date(0).toISOString(),
    objects,
  };
}
