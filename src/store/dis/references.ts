/**
 * An application's references and dependent objects, both derived from
 * what its published tasks depend on (dependencies.ts):
 * - references: each data asset used, with the connections used as child
 *   references. updateReference points a reference (or a child) at another
 *   data asset or connection of the same type (as when an application moves
 *   between environments); that choice is stored per application.
 * - dependent objects: every data flow, pipeline, nested task, data asset and
 *   connection reached.
 */
import type { AppContext } from '../../core/context';
import { badRequest, notFound } from '../../core/errors';
import { etagOf, MODEL_VERSION, sortAndPage, type ListQuery, type ListResult } from './common';
import { dependenciesOf, type Dependency } from './dependencies';
import type { DisApplications } from './applications';
import type { DesignObjects, ListFilter } from './design';
import { matches } from './design';
import type { DisObject, Doc } from './objects';
import { checkEtag } from './workspaces';

/** The fields the SDK declares for DependentObjectSummary (those of ObjectMetadata). */
const SUMMARY_FIELDS = ['createdBy', 'createdByName', 'updatedBy', 'updatedByName', 'timeCreated', 'timeUpdated', 'aggregatorKey', 'aggregator', 'identifierPath', 'registryVersion', 'labels', 'isFavorite'];

export interface Derived {
  doc: Doc;
  etag: string;
}

/** The fields a reference and a child reference take from the object they refer to. */
function referenced(o: DisObject): Doc {
  return {
    key: o.key,
    name: o.name,
    identifier: o.identifier,
    identifierPath: o.doc.metadata?.identifierPath ?? o.identifier,
    description: o.doc.description ?? null,
    type: o.modelType,
  };
}

export class DisReferences {
  constructor(private readonly ctx: AppContext, private readonly applications: DisApplications, private readonly design: DesignObjects) {}

  private usedBy(dep: Dependency): Doc[] {
    return dep.usedBy.map((t) => ({ key: t.key, name: t.name, namePath: t.doc.metadata?.identifierPath ?? t.identifier }));
  }

  /** The references of an application, by data asset key. */
  private references(workspaceId: string, applicationKey: string): Array<{ asset: DisObject; doc: Doc; seq: number }> {
    const { dependencies } = dependenciesOf(this.design.objects, workspaceId, applicationKey);
    const assets = dependencies.filter((d) => d.object.kind === 'dataAsset');
    const connections = dependencies.filter((d) => d.object.kind === 'connection');
    // A connection used without its asset being named still makes the asset a reference.
    for (const c of connections) {
      if (c.object.aggregatorKey && !assets.some((a) => a.object.key === c.object.aggregatorKey)) {
        const asset = this.design.objects.get(workspaceId, 'dataAsset', '', c.object.aggregatorKey);
        if (asset) assets.push({ object: asset, usedBy: c.usedBy });
      }
    }
    return assets.map((a) => {
      const override = this.design.objects.get(workspaceId, 'reference', applicationKey, a.object.key);
      const children = connections.filter((c) => c.object.aggregatorKey === a.object.key);
      const childTargets: Record<string, unknown> = override?.doc.childTargets ?? {};
      const doc: Doc = {
        ...referenced(a.object),
        targetObject: override?.doc.targetObject ?? null,
        applicationKey,
        usedBy: this.usedBy(a),
        childReferences: children.map((c) => ({
          ...referenced(c.object),
          targetObject: childTargets[c.object.key] ?? null,
          aggregatorKey: a.object.key,
          usedBy: this.usedBy(c),
        })),
      };
      return { asset: a.object, doc, seq: a.object.seq };
    });
  }

  list(workspaceId: string, applicationKey: string, f: { name?: string }, q: ListQuery): ListResult<Doc> {
    this.applications.requireApplication(workspaceId, applicationKey, false);
    const rows = this.references(workspaceId, applicationKey).filter((r) => f.name === undefined || r.doc.name === f.name);
    const page = sortAndPage(rows, q, (r) => ({ seq: r.seq, created: r.asset.timeCreated, updated: r.asset.timeUpdated, name: r.doc.name }));
    // ReferenceSummary names the application as aggregatorKey; Reference as applicationKey.
    return { items: page.items.map(({ doc: { applicationKey: appKey, ...rest } }) => ({ ...rest, aggregatorKey: appKey })), total: page.total };
  }

  get(workspaceId: string, applicationKey: string, key: string): Derived {
    this.applications.requireApplication(workspaceId, applicationKey, false);
    return this.one(workspaceId, applicationKey, key);
  }

  private one(workspaceId: string, applicationKey: string, key: string): Derived {
    const r = this.references(workspaceId, applicationKey).find((x) => x.doc.key === key);
    if (!r) throw notFound(`Reference ${key} not found in application ${applicationKey}: references are the data assets its published tasks use`);
    return { doc: r.doc, etag: etagOf(r.doc) };
  }

  /** Point the reference (targetObject) and its children (childReferences[].targetObject) at other objects of the same type. */
  update(workspaceId: string, applicationKey: string, key: string, body: Doc, ifMatch?: string): Derived {
    return this.ctx.db.transaction(() => {
      this.applications.requireApplication(workspaceId, applicationKey, true);
      const current = this.one(workspaceId, applicationKey, key);
      checkEtag(current, ifMatch, `reference ${key}`);
      const stored = this.design.objects.get(workspaceId, 'reference', applicationKey, key);
      const targetObject = body.targetObject === undefined ? (stored?.doc.targetObject ?? null) : this.checkTarget(workspaceId, body.targetObject, current.doc.type, 'targetObject');
      const childTargets: Record<string, unknown> = { ...(stored?.doc.childTargets ?? {}) };
      const children = current.doc.childReferences as Doc[];
      (Array.isArray(body.childReferences) ? (body.childReferences as Doc[]) : []).forEach((c, i) => {
        const child = children.find((x) => x.key === c?.key);
        if (!child) throw badRequest(`childReferences[${i}].key '${String(c?.key)}' is not a child reference of ${key}; its children are ${children.map((x) => x.key).join(', ') || '(none)'}`);
        childTargets[child.key] = this.checkTarget(workspaceId, c.targetObject ?? null, child.type, `childReferences[${i}].targetObject`);
      });
      const now = this.ctx.clock.nowIso();
      const doc = { key, modelType: 'REFERENCE', modelVersion: MODEL_VERSION, targetObject, childTargets, options: body.options ?? {} };
      const row = { workspaceId, kind: 'reference' as const, scopeKey: applicationKey, key, aggregatorKey: null, name: current.doc.name, identifier: current.doc.identifier, modelType: 'REFERENCE', objectVersion: (stored?.objectVersion ?? 0) + 1, timeCreated: stored?.timeCreated ?? now, timeUpdated: now, doc };
      if (stored) this.design.objects.update(row);
      else this.design.objects.insert(row);
      return this.one(workspaceId, applicationKey, key);
    })();
  }

  /** A target is null (use the original), or an object whose key names a workspace object of the reference's type. */
  private checkTarget(workspaceId: string, target: unknown, type: string, field: string): unknown {
    if (target === null) return null;
    const key = typeof target === 'string' ? target : (target as Doc | null)?.key;
    if (typeof key !== 'string') throw badRequest(`${field} must be an object with the key of a ${type} (or null to use the original)`);
    const o = this.design.objects.byKey(workspaceId, key);
    if (!o || o.modelType !== type) throw badRequest(`${field}.key '${key}' is not a ${type} in workspace ${workspaceId}`, { code: 'RelatedResourceNotAuthorizedOrNotFound' });
    return typeof target === 'string' ? { key, modelType: o.modelType, name: o.name, identifier: o.identifier } : { ...(target as Doc), modelType: o.modelType, name: o.name, identifier: o.identifier };
  }

  // ---- dependent objects

  private dependent(app: DisObject, dep: Dependency): Doc {
    const o = dep.object;
    const m = o.doc.metadata ?? {};
    return {
      key: o.key,
      modelType: o.modelType,
      modelVersion: o.doc.modelVersion ?? MODEL_VERSION,
      name: o.name,
      description: o.doc.description ?? null,
      applicationVersion: app.doc.applicationVersion ?? 0,
      objectStatus: o.doc.objectStatus,
      identifier: o.identifier,
      parentRef: { parent: app.key, rootDocId: null },
      objectVersion: o.objectVersion,
      dependentObjectMetadata: [],
      publishedObjectMetadata: {},
      sourceApplicationInfo: null,
      timePatched: app.doc.timePatched ?? null,
      displayName: o.name,
      timeCreated: o.timeCreated,
      timeUpdated: o.timeUpdated,
      freeformTags: {},
      definedTags: {},
      lifecycleState: 'ACTIVE',
      metadata: m,
      keyMap: {},
    };
  }

  listDependents(workspaceId: string, applicationKey: string, filter: ListFilter, q: ListQuery): ListResult<Doc> {
    this.applications.requireApplication(workspaceId, applicationKey, false);
    const deps = dependenciesOf(this.design.objects, workspaceId, applicationKey).dependencies.filter((d) => matches(d.object, { ...filter, aggregatorKey: undefined }));
    const page = sortAndPage(deps, q, (d) => ({ seq: d.object.seq, created: d.object.timeCreated, updated: d.object.timeUpdated, name: d.object.name }));
    // The SDK declares DependentObjectSummary with ObjectMetadata's fields only: items are the object's
    // metadata, with its key, name, identifier and modelType in infoFields so the list still names them.
    return { items: page.items.map((d) => this.summary(d)), total: page.total };
  }

  private summary(d: Dependency): Doc {
    const o = d.object;
    const m: Doc = o.doc.metadata ?? {};
    const summary: Doc = {};
    for (const f of SUMMARY_FIELDS) if (m[f] !== undefined) summary[f] = m[f];
    return { ...summary, infoFields: { ...(m.infoFields ?? {}), key: o.key, name: o.name, identifier: o.identifier, modelType: o.modelType } };
  }

  getDependent(workspaceId: string, applicationKey: string, key: string): Derived {
    const app = this.applications.requireApplication(workspaceId, applicationKey, false);
    const dep = dependenciesOf(this.design.objects, workspaceId, applicationKey).dependencies.find((d) => d.object.key === key);
    if (!dep) throw notFound(`Dependent object ${key} not found in application ${applicationKey}: dependent objects are what its published tasks use`);
    const doc = this.dependent(app, dep);
    return { doc, etag: etagOf(doc) };
  }
}
