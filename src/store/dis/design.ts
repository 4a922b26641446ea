/**
 * The rules every DIS design-time object follows, whatever its kind:
 * server-generated keys (UUIDs), identifiers in DIS's format and unique among
 * siblings, a parent named by registryMetadata.aggregatorKey, objectVersion
 * for optimistic locking, etags for if-match, and the ObjectMetadata block.
 * Kind-specific stores (data assets, applications, patches...) build on it.
 */
import type { AppContext } from '../../core/context';
import { badRequest, conflict, notFound } from '../../core/errors';
import { checkIdentifier, MODEL_VERSION, OBJECT_STATUS, sortAndPage, type ListQuery, type ListResult } from './common';
import type { DisObjects, DisObject, Doc, NewObject, ObjectKind } from './objects';
import { checkEtag } from './workspaces';

export interface KindRules {
  kind: ObjectKind;
  /** For messages: "Project", "Task"... */
  label: string;
  /** A fixed modelType, or the values the client may choose from (polymorphic kinds). */
  modelType: string | readonly string[];
  /** Where registryMetadata.aggregatorKey must point. */
  parent?: { kinds: ObjectKind[]; required: boolean; what: string };
  /** Whether a client-supplied `key` is used on create (some models document it as "not used"). */
  clientKey: boolean;
  /** Application-scoped kinds live under an application key. */
  applicationScoped?: boolean;
}

/** Fields only the service sets: dropped from client bodies. */
const SERVER_FIELDS = ['key', 'modelType', 'objectVersion', 'metadata', 'parentRef', 'keyMap', 'timeCreated', 'timeUpdated'];
/** Secrets are accepted but never stored or echoed back. */
const SECRET_FIELDS = ['password', 'passPhrase'];
const SENSITIVE_ATTRIBUTES = ['passwordSecret', 'walletSecret', 'walletPasswordSecret'];

/** What the request acts as (the key owner), for createdBy/updatedBy. */
export interface Actor {
  id: string;
}

export interface ListFilter {
  aggregatorKey?: string;
  name?: string;
  nameContains?: string;
  nameStartsWith?: string;
  identifiers?: string[];
  keys?: string[];
  modelTypes?: string[];
}

export function stripClientBody(body: Doc, extraServerFields: string[] = []): Doc {
  const out: Doc = {};
  for (const [k, v] of Object.entries(body)) {
    if (SERVER_FIELDS.includes(k) || extraServerFields.includes(k) || SECRET_FIELDS.includes(k)) continue;
    if (SENSITIVE_ATTRIBUTES.includes(k) && v && typeof v === 'object') {
      const { value: _secret, ...rest } = v as Doc;
      out[k] = rest;
      continue;
    }
    out[k] = v;
  }
  return out;
}

export class DesignObjects {
  constructor(private readonly ctx: AppContext, readonly objects: DisObjects) {}

  get(rules: KindRules, workspaceId: string, key: string, scopeKey = ''): DisObject | null {
    return this.objects.get(workspaceId, rules.kind, scopeKey, key);
  }

  require(rules: KindRules, workspaceId: string, key: string, scopeKey = ''): DisObject {
    const o = this.get(rules, workspaceId, key, scopeKey);
    if (!o) throw notFound(`${rules.label} ${key} not found in ${scopeKey ? `application ${scopeKey} of ` : ''}workspace ${workspaceId}`);
    return o;
  }

  /** Resolve registryMetadata.aggregatorKey to its parent object (400 RelatedResourceNotAuthorizedOrNotFound when missing). */
  resolveParent(rules: KindRules, workspaceId: string, body: Doc, current?: DisObject): DisObject | null {
    if (!rules.parent) return null;
    const given = body.registryMetadata?.aggregatorKey;
    if (given === undefined || given === null || given === '') {
      if (current) return current.aggregatorKey ? this.objects.byKey(workspaceId, current.aggregatorKey) : null;
      if (rules.parent.required) throw badRequest(`registryMetadata.aggregatorKey is required: the key of the ${rules.parent.what} that holds the ${rules.label.toLowerCase()}`, { code: 'MissingParameter' });
      return null;
    }
    if (typeof given !== 'string') throw badRequest('registryMetadata.aggregatorKey must be a string');
    const parent = this.objects.byKey(workspaceId, given);
    if (!parent || !rules.parent.kinds.includes(parent.kind)) {
      throw badRequest(`registryMetadata.aggregatorKey '${given}' is not a ${rules.parent.what} in workspace ${workspaceId}`, { code: 'RelatedResourceNotAuthorizedOrNotFound', status: 400 });
    }
    return parent;
  }

  modelTypeFor(rules: KindRules, body: Doc, current?: DisObject): string {
    if (typeof rules.modelType === 'string') return rules.modelType;
    const given = body.modelType;
    if (current) {
      if (given !== current.modelType) throw badRequest(`modelType '${given}' does not match the ${rules.label.toLowerCase()}'s modelType '${current.modelType}'; it cannot be changed`);
      return current.modelType;
    }
    if (!rules.modelType.includes(given)) throw badRequest(`modelType '${given}' is not a ${rules.label.toLowerCase()} type; use one of ${rules.modelType.join(', ')}`);
    return given;
  }

  metadata(actor: Actor, created: { at: string; by: string }, updatedAt: string, parent: DisObject | null, identifier: string, registry?: Doc): Doc {
    return {
      createdBy: created.by,
      createdByName: created.by,
      updatedBy: actor.id,
      updatedByName: actor.id,
      timeCreated: created.at,
      timeUpdated: updatedAt,
      aggregatorKey: parent?.key ?? null,
      aggregator: parent
        ? { type: parent.doc.modelType ?? parent.kind.toUpperCase(), key: parent.key, name: parent.name, identifier: parent.identifier, description: parent.doc.description ?? null }
        : null,
      identifierPath: parent ? `${parent.doc.metadata?.identifierPath ?? parent.identifier}/${identifier}` : identifier,
      infoFields: {},
      registryVersion: 0,
      labels: registry?.labels ?? [],
      isFavorite: registry?.isFavorite ?? false,
    };
  }

  /** Create an object (inside the caller's transaction when it has one). */
  create(rules: KindRules, workspaceId: string, body: Doc, actor: Actor, opts: { scopeKey?: string; extra?: Doc; parent?: DisObject | null } = {}): DisObject {
    const scopeKey = opts.scopeKey ?? '';
    const identifier = checkIdentifier(body.identifier);
    const modelType = this.modelTypeFor(rules, body);
    const parent = opts.parent !== undefined ? opts.parent : this.resolveParent(rules, workspaceId, body);
    let key: string;
    if (rules.clientKey && typeof body.key === 'string' && body.key) {
      key = body.key;
      if (this.objects.keyTaken(workspaceId, key)) throw conflict(`The key '${key}' is already used by another object in workspace ${workspaceId}`);
    } else {
      key = this.ctx.ids.uuid();
    }
    const aggregatorKey = parent?.key ?? null;
    this.assertUniqueIdentifier(rules, workspaceId, scopeKey, aggregatorKey, identifier, key);
    const now = this.ctx.clock.nowIso();
    const doc: Doc = {
      ...stripClientBody(body),
      ...opts.extra,
      key,
      modelType,
      modelVersion: body.modelVersion ?? MODEL_VERSION,
      parentRef: { parent: aggregatorKey ?? (scopeKey || null), rootDocId: null },
      name: body.name,
      identifier,
      objectVersion: 1,
      objectStatus: body.objectStatus ?? OBJECT_STATUS,
      metadata: this.metadata(actor, { at: now, by: actor.id }, now, parent, identifier, body.registryMetadata),
      keyMap: {},
    };
    const row: NewObject = {
      workspaceId,
      kind: rules.kind,
      scopeKey,
      key,
      aggregatorKey,
      name: String(body.name),
      identifier,
      modelType,
      objectVersion: 1,
      timeCreated: now,
      timeUpdated: now,
      doc,
    };
    return this.objects.insert(row);
  }

  /**
   * Update from an Update*Details body: key must match the path, objectVersion
   * must be the current one (optimistic locking), if-match the current etag.
   */
  update(rules: KindRules, workspaceId: string, key: string, body: Doc, actor: Actor, opts: { scopeKey?: string; ifMatch?: string; extra?: Doc; checkVersion?: boolean } = {}): DisObject {
    const scopeKey = opts.scopeKey ?? '';
    const current = this.require(rules, workspaceId, key, scopeKey);
    checkEtag(current, opts.ifMatch, `${rules.label.toLowerCase()} ${key}`);
    if (body.key !== undefined && body.key !== key) throw badRequest(`body.key '${body.key}' does not match the ${rules.label.toLowerCase()} key '${key}' in the path`);
    if (opts.checkVersion !== false && body.objectVersion !== undefined && body.objectVersion !== current.objectVersion) {
      throw conflict(`objectVersion ${body.objectVersion} is not the current version (${current.objectVersion}) of ${rules.label.toLowerCase()} ${key}: someone changed it since you read it; GET it again and retry`);
    }
    const modelType = this.modelTypeFor(rules, body, typeof rules.modelType === 'string' ? undefined : current);
    const parent = this.resolveParent(rules, workspaceId, body, current);
    const identifier = body.identifier !== undefined ? checkIdentifier(body.identifier) : current.identifier;
    const aggregatorKey = parent?.key ?? current.aggregatorKey;
    if (identifier !== current.identifier || aggregatorKey !== current.aggregatorKey) {
      this.assertUniqueIdentifier(rules, workspaceId, scopeKey, aggregatorKey, identifier, key);
    }
    const now = this.ctx.clock.nowIso();
    const objectVersion = current.objectVersion + 1;
    const name = body.name !== undefined ? String(body.name) : current.name;
    const doc: Doc = {
      ...current.doc,
      ...stripClientBody(body),
      ...opts.extra,
      key,
      modelType,
      parentRef: { parent: aggregatorKey ?? (scopeKey || null), rootDocId: null },
      name,
      identifier,
      objectVersion,
      metadata: this.metadata(actor, { at: current.timeCreated, by: current.doc.metadata?.createdBy ?? actor.id }, now, parent, identifier, body.registryMetadata ?? current.doc.registryMetadata),
    };
    return this.objects.update({ ...current, aggregatorKey, name, identifier, modelType, objectVersion, timeUpdated: now, doc });
  }

  /** Delete an object and, for containers (projects, folders, data assets), everything inside. */
  delete(rules: KindRules, workspaceId: string, key: string, opts: { scopeKey?: string; ifMatch?: string } = {}): DisObject {
    const scopeKey = opts.scopeKey ?? '';
    const current = this.require(rules, workspaceId, key, scopeKey);
    checkEtag(current, opts.ifMatch, `${rules.label.toLowerCase()} ${key}`);
    if (!scopeKey) this.removeTree(workspaceId, key);
    this.objects.remove(workspaceId, rules.kind, scopeKey, key);
    return current;
  }

  private removeTree(workspaceId: string, key: string): void {
    for (const child of this.objects.children(workspaceId, key)) {
      this.removeTree(workspaceId, child.key);
      this.objects.remove(workspaceId, child.kind, '', child.key);
    }
  }

  list(rules: KindRules, workspaceId: string, filter: ListFilter, q: ListQuery, scopeKey = ''): ListResult<DisObject> {
    const rows = this.objects.list(workspaceId, rules.kind, scopeKey).filter((o) => matches(o, filter));
    return sortAndPage(rows, q, (o) => ({ seq: o.seq, created: o.timeCreated, updated: o.timeUpdated, name: o.name }));
  }

  private assertUniqueIdentifier(rules: KindRules, workspaceId: string, scopeKey: string, aggregatorKey: string | null, identifier: string, key: string): void {
    const clash = this.objects.identifierTaken({ workspaceId, kind: rules.kind, scopeKey, aggregatorKey, identifier, key });
    if (clash) {
      const where = aggregatorKey ? `${rules.parent?.what ?? 'parent'} ${aggregatorKey}` : scopeKey ? `application ${scopeKey}` : `workspace ${workspaceId}`;
      throw conflict(`A ${rules.label.toLowerCase()} with identifier ${identifier} already exists in ${where} (key ${clash})`);
    }
  }
}

export function matches(o: DisObject, f: ListFilter): boolean {
  if (f.aggregatorKey !== undefined && o.aggregatorKey !== f.aggregatorKey) return false;
  if (f.name !== undefined && o.name !== f.name) return false;
  if (f.nameContains !== undefined && !o.name.toLowerCase().includes(f.nameContains.toLowerCase())) return false;
  if (f.nameStartsWith !== undefined && !o.name.startsWith(f.nameStartsWith)) return false;
  if (f.identifiers?.length && !f.identifiers.includes(o.identifier)) return false;
  if (f.keys?.length && !f.keys.includes(o.key)) return false;
  if (f.modelTypes?.length && !f.modelTypes.includes(o.modelType)) return false;
  return true;
}
