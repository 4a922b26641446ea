/**
 * DIS applications (/disApplications): the same applications as
 * /applications, seen through the newer API that gives each one an OCID and
 * a compartment of its own. The path's {disApplicationId} may be the OCID or
 * the application key (the SDK documents the OCID; clients that only know the
 * key from createApplication still find it). Patches, published objects, task
 * runs and the detailed description stay under /applications/{key}.
 */
import type { AppContext } from '../../core/context';
import { notFound } from '../../core/errors';
import type { ListQuery, ListResult } from './common';
import type { DisApplications } from './applications';
import type { Actor, DesignObjects, ListFilter } from './design';
import { RULES } from './kinds';
import type { DisObject, Doc } from './objects';
import { checkEtag, type DisWorkspaces } from './workspaces';

export class DisAppsStore {
  constructor(
    private readonly ctx: AppContext,
    private readonly workspaces: DisWorkspaces,
    private readonly applications: DisApplications,
    private readonly design: DesignObjects,
  ) {}

  /** The application named by OCID or by key. */
  resolve(workspaceId: string, idOrKey: string): DisObject {
    this.workspaces.requireReadable(workspaceId);
    const byKey = this.design.get(RULES.application, workspaceId, idOrKey);
    if (byKey) return byKey;
    const byId = this.design.objects.list(workspaceId, 'application').find((a) => a.doc.id === idOrKey);
    if (!byId) throw notFound(`DIS application ${idOrKey} not found in workspace ${workspaceId}`);
    return byId;
  }

  create(workspaceId: string, body: Doc, actor: Actor): DisObject {
    return this.ctx.db.transaction(() => {
      const { compartmentId, lifecycleState: _state, ...rest } = body;
      const created = this.applications.create(workspaceId, rest, actor);
      if (!compartmentId) return created;
      return this.save(created, { ...created.doc, compartmentId });
    })();
  }

  list(workspaceId: string, filter: ListFilter & { compartmentId?: string }, q: ListQuery): ListResult<DisObject> {
    const all = this.applications.list(workspaceId, filter, { offset: 0, limit: Number.MAX_SAFE_INTEGER, sortBy: q.sortBy, sortOrder: q.sortOrder });
    const rows = filter.compartmentId ? all.items.filter((a) => a.doc.compartmentId === filter.compartmentId) : all.items;
    return { items: rows.slice(q.offset, q.offset + q.limit), total: rows.length };
  }

  update(workspaceId: string, idOrKey: string, body: Doc, actor: Actor, ifMatch?: string): DisObject {
    return this.ctx.db.transaction(() => {
      const app = this.resolve(workspaceId, idOrKey);
      return this.applications.update(workspaceId, app.key, body, actor, ifMatch);
    })();
  }

  delete(workspaceId: string, idOrKey: string, ifMatch?: string): void {
    this.ctx.db.transaction(() => {
      const app = this.resolve(workspaceId, idOrKey);
      this.applications.delete(workspaceId, app.key, ifMatch);
    })();
  }

  /** Applied at once: the SDK's work-request model only knows workspace operations, so no work request tracks it. */
  changeCompartment(workspaceId: string, idOrKey: string, compartmentId: string, ifMatch?: string): DisObject {
    return this.ctx.db.transaction(() => {
      this.workspaces.requireActive(workspaceId);
      const app = this.resolve(workspaceId, idOrKey);
      checkEtag(app, ifMatch, `DIS application ${idOrKey}`);
      const now = this.ctx.clock.nowIso();
      return this.save({ ...app, timeUpdated: now }, { ...app.doc, compartmentId, timeUpdated: now, metadata: { ...app.doc.metadata, timeUpdated: now } });
    })();
  }

  private save(app: DisObject, doc: Doc): DisObject {
    return this.design.objects.update({ ...app, doc });
  }
}
