/**
 * Applications, the patches that publish tasks into them, and the published
 * objects (snapshots of tasks, keyed by the task's key) that task runs run.
 * Patches apply at once (patchStatus SUCCESSFUL): each one bumps the
 * application's applicationVersion and records what it changed.
 */
import type { AppContext } from '../../core/context';
import { badRequest } from '../../core/errors';
import { ocid, sortAndPage, type ListQuery, type ListResult } from './common';
import type { Actor, DesignObjects, ListFilter } from './design';
import { RULES } from './kinds';
import type { DisObject, Doc } from './objects';
import type { DisWorkspaces } from './workspaces';

export interface PatchObjectMetadata {
  key: string;
  name: string;
  namePath: string;
  type: string;
  objectVersion: number;
  identifier: string;
  action: 'CREATED' | 'DELETED' | 'UPDATED';
}

export class DisApplications {
  private readonly sql;

  constructor(private readonly ctx: AppContext, private readonly workspaces: DisWorkspaces, private readonly design: DesignObjects) {
    const db = ctx.db;
    this.sql = {
      removeRuns: db.prepare('DELETE FROM dis_task_runs WHERE workspace_id = ? AND application_key = ?'),
      removeRunLogs: db.prepare('DELETE FROM dis_task_run_logs WHERE workspace_id = ? AND application_key = ?'),
      removeScheduleState: db.prepare('DELETE FROM dis_schedule_state WHERE workspace_id = ? AND application_key = ?'),
    };
  }

  // ---- applications

  create(workspaceId: string, body: Doc, actor: Actor): DisObject {
    return this.ctx.db.transaction(() => {
      const ws = this.workspaces.requireActive(workspaceId);
      const now = this.ctx.clock.nowIso();
      const source = body.sourceApplicationInfo as Doc | undefined;
      const sourceApp = source ? this.sourceApplication(workspaceId, source) : null;
      const app = this.design.create(RULES.application, workspaceId, body, actor, {
        extra: {
          id: ocid(this.ctx.ids, 'disapplication'),
          compartmentId: ws.compartmentId,
          displayName: body.displayName ?? body.name,
          lifecycleState: 'ACTIVE',
          timeCreated: now,
          timeUpdated: now,
          applicationVersion: 0,
          publishedObjectMetadata: {},
          dependentObjectMetadata: [],
          timePatched: null,
          freeformTags: body.freeformTags ?? {},
          definedTags: body.definedTags ?? {},
          sourceApplicationInfo: sourceApp
            ? { workspaceId: sourceApp.workspaceId, applicationKey: sourceApp.key, applicationVersion: String(sourceApp.doc.applicationVersion ?? 0), lastPatchKey: sourceApp.doc.lastPatchKey ?? null }
            : null,
        },
      });
      if (!sourceApp) return app;
      // A copy of another application starts with that application's published objects.
      const published = this.design.objects.list(sourceApp.workspaceId, 'publishedObject', sourceApp.key);
      for (const p of published) {
        this.design.objects.insert({ ...p, workspaceId, scopeKey: app.key, doc: { ...p.doc, parentRef: { parent: app.key, rootDocId: null } } });
      }
      return this.saveApplication(app, { ...app.doc, publishedObjectMetadata: { ...sourceApp.doc.publishedObjectMetadata } });
    })();
  }

  private sourceApplication(workspaceId: string, source: Doc): DisObject {
    const wsId = (source.workspaceId as string | undefined) ?? workspaceId;
    if (!source.applicationKey) throw badRequest('sourceApplicationInfo.applicationKey is required to copy an application', { code: 'MissingParameter' });
    const app = this.design.get(RULES.application, wsId, source.applicationKey as string);
    if (!app) throw badRequest(`sourceApplicationInfo names application ${source.applicationKey} in workspace ${wsId}, which does not exist`, { code: 'RelatedResourceNotAuthorizedOrNotFound' });
    return app;
  }

  get(workspaceId: string, key: string): DisObject {
    this.workspaces.requireReadable(workspaceId);
    return this.design.require(RULES.application, workspaceId, key);
  }

  /** An application of an existing workspace (for everything scoped to it). */
  requireApplication(workspaceId: string, key: string, write: boolean): DisObject {
    if (write) this.workspaces.requireActive(workspaceId);
    else this.workspaces.requireReadable(workspaceId);
    return this.design.require(RULES.application, workspaceId, key);
  }

  list(workspaceId: string, filter: ListFilter, q: ListQuery): ListResult<DisObject> {
    this.workspaces.requireReadable(workspaceId);
    return this.design.list(RULES.application, workspaceId, filter, q);
  }

  update(workspaceId: string, key: string, body: Doc, actor: Actor, ifMatch?: string): DisObject {
    return this.ctx.db.transaction(() => {
      this.workspaces.requireActive(workspaceId);
      const current = this.design.require(RULES.application, workspaceId, key);
      const { applicationVersion: _v, publishedObjectMetadata: _p, dependentObjectMetadata: _d, lifecycleState: _l, id: _i, compartmentId: _c, ...changes } = body;
      return this.design.update(RULES.application, workspaceId, key, changes, actor, {
        ifMatch,
        extra: { timeUpdated: this.ctx.clock.nowIso(), displayName: body.displayName ?? current.doc.displayName },
      });
    })();
  }

  /** Deleting an application removes its patches, published objects, schedules and task runs. */
  delete(workspaceId: string, key: string, ifMatch?: string): void {
    this.ctx.db.transaction(() => {
      this.workspaces.requireActive(workspaceId);
      this.design.delete(RULES.application, workspaceId, key, { ifMatch });
      this.design.objects.removeScope(workspaceId, key);
      this.sql.removeRuns.run(workspaceId, key);
      this.sql.removeRunLogs.run(workspaceId, key);
      this.sql.removeScheduleState.run(workspaceId, key);
    })();
  }

  private saveApplication(app: DisObject, doc: Doc): DisObject {
    return this.design.objects.update({ ...app, timeUpdated: doc.timeUpdated ?? app.timeUpdated, doc });
  }

  // ---- patches

  createPatch(workspaceId: string, applicationKey: string, body: Doc, actor: Actor): DisObject {
    return this.ctx.db.transaction(() => {
      const app = this.requireApplication(workspaceId, applicationKey, true);
      const keys = body.objectKeys as string[];
      const type = body.patchType as 'PUBLISH' | 'UNPUBLISH' | 'REFRESH';
      if (type !== 'REFRESH' && keys.length === 0) throw badRequest(`objectKeys must name at least one task to ${type.toLowerCase()}`);
      const now = this.ctx.clock.nowIso();
      const changes: PatchObjectMetadata[] = [];
      const publishedMeta: Record<string, PatchObjectMetadata> = { ...(app.doc.publishedObjectMetadata ?? {}) };
      const published = (key: string) => this.design.get(RULES.publishedObject, workspaceId, key, applicationKey);

      const targets = type === 'REFRESH' && keys.length === 0 ? this.design.objects.list(workspaceId, 'publishedObject', applicationKey).map((p) => p.key) : keys;
      targets.forEach((key, i) => {
        if (typeof key !== 'string' || !key) throw badRequest(`objectKeys[${i}] must be a task key`);
        if (type === 'UNPUBLISH') {
          const p = published(key);
          if (!p) throw badRequest(`objectKeys[${i}] '${key}' is not published in application ${applicationKey}`, { code: 'RelatedResourceNotAuthorizedOrNotFound' });
          this.design.objects.remove(workspaceId, 'publishedObject', applicationKey, key);
          delete publishedMeta[key];
          changes.push(this.patchMetadata(p, 'DELETED'));
          return;
        }
        const task = this.design.get(RULES.task, workspaceId, key);
        if (!task) throw badRequest(`objectKeys[${i}] '${key}' is not a task in workspace ${workspaceId}`, { code: 'RelatedResourceNotAuthorizedOrNotFound' });
        if (type === 'REFRESH' && !published(key)) throw badRequest(`objectKeys[${i}] '${key}' is not published in application ${applicationKey}; REFRESH updates published tasks only`);
        const existing = published(key);
        const snapshot: Doc = { ...task.doc, parentRef: { parent: applicationKey, rootDocId: null } };
        const row = { workspaceId, kind: 'publishedObject' as const, scopeKey: applicationKey, key, aggregatorKey: null, name: task.name, identifier: task.identifier, modelType: task.modelType, objectVersion: task.objectVersion, timeCreated: existing?.timeCreated ?? now, timeUpdated: now, doc: snapshot };
        if (existing) this.design.objects.update(row);
        else this.design.objects.insert(row);
        const meta = this.patchMetadata(task, existing ? 'UPDATED' : 'CREATED');
        publishedMeta[key] = meta;
        changes.push(meta);
      });

      const applicationVersion = (app.doc.applicationVersion ?? 0) + 1;
      const { objectKeys: _keys, ...patchBody } = body;
      const patch = this.design.create(RULES.patch, workspaceId, patchBody, actor, {
        scopeKey: applicationKey,
        parent: null,
        extra: { timePatched: now, errorMessages: {}, applicationVersion, patchType: type, patchStatus: 'SUCCESSFUL', dependentObjectMetadata: [], patchObjectMetadata: changes },
      });
      this.saveApplication(app, { ...app.doc, applicationVersion, timePatched: now, timeUpdated: now, publishedObjectMetadata: publishedMeta, lastPatchKey: patch.key });
      return patch;
    })();
  }

  private patchMetadata(o: DisObject, action: PatchObjectMetadata['action']): PatchObjectMetadata {
    return { key: o.key, name: o.name, namePath: this.namePath(o), type: o.modelType, objectVersion: o.objectVersion, identifier: o.identifier, action };
  }

  /** "Project/Folder/Task": the names from the project down. */
  private namePath(o: DisObject): string {
    const names = [o.name];
    let parentKey = o.aggregatorKey ?? o.doc.metadata?.aggregatorKey;
    for (let depth = 0; parentKey && depth < 50; depth++) {
      const parent = this.design.objects.byKey(o.workspaceId, parentKey);
      if (!parent) break;
      names.unshift(parent.name);
      parentKey = parent.aggregatorKey;
    }
    return names.join('/');
  }

  getPatch(workspaceId: string, applicationKey: string, key: string): DisObject {
    this.requireApplication(workspaceId, applicationKey, false);
    return this.design.require(RULES.patch, workspaceId, key, applicationKey);
  }

  listPatches(workspaceId: string, applicationKey: string, filter: ListFilter, q: ListQuery): ListResult<DisObject> {
    this.requireApplication(workspaceId, applicationKey, false);
    return this.design.list(RULES.patch, workspaceId, filter, q, applicationKey);
  }

  /** Deleting a patch forgets the record; what it published stays published. */
  deletePatch(workspaceId: string, applicationKey: string, key: string, ifMatch?: string): void {
    this.ctx.db.transaction(() => {
      this.requireApplication(workspaceId, applicationKey, true);
      this.design.delete(RULES.patch, workspaceId, key, { scopeKey: applicationKey, ifMatch });
    })();
  }

  /** Every object change of the application's patches, newest patch first, between sincePatch and toPatch. */
  listPatchChanges(workspaceId: string, applicationKey: string, filter: { name?: string; sincePatch?: string; toPatch?: string }, q: ListQuery): ListResult<PatchObjectMetadata> {
    this.requireApplication(workspaceId, applicationKey, false);
    const patches = this.design.objects.list(workspaceId, 'patch', applicationKey).sort((a, b) => a.seq - b.seq);
    const index = (key: string | undefined, which: string) => {
      if (!key) return -1;
      const i = patches.findIndex((p) => p.key === key);
      if (i < 0) throw badRequest(`${which} '${key}' is not a patch of application ${applicationKey}`);
      return i;
    };
    const from = filter.sincePatch ? index(filter.sincePatch, 'sincePatch') + 1 : 0;
    const to = filter.toPatch ? index(filter.toPatch, 'toPatch') : patches.length - 1;
    const rows: Array<PatchObjectMetadata & { seq: number; at: string }> = [];
    patches.slice(from, to + 1).forEach((p) => {
      for (const c of (p.doc.patchObjectMetadata ?? []) as PatchObjectMetadata[]) {
        if (filter.name === undefined || c.name === filter.name) rows.push({ ...c, seq: rows.length, at: p.doc.timePatched ?? p.timeCreated });
      }
    });
    const page = sortAndPage(rows, q, (r) => ({ seq: r.seq, created: r.at, updated: r.at, name: r.name }));
    return { items: page.items.map(({ seq: _s, at: _a, ...c }) => c), total: page.total };
  }

  // ---- published objects

  getPublished(workspaceId: string, applicationKey: string, key: string): DisObject {
    this.requireApplication(workspaceId, applicationKey, false);
    return this.design.require(RULES.publishedObject, workspaceId, key, applicationKey);
  }

  listPublished(workspaceId: string, applicationKey: string, filter: ListFilter, q: ListQuery): ListResult<DisObject> {
    this.requireApplication(workspaceId, applicationKey, false);
    return this.design.list(RULES.publishedObject, workspaceId, filter, q, applicationKey);
  }
}
