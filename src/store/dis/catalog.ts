/**
 * Projects, folders, tasks, data flows and pipelines: design objects with no
 * rules beyond the common ones. Reads need a workspace that is not deleted;
 * writes need an ACTIVE one. Each write is one transaction.
 */
import type { AppContext } from '../../core/context';
import type { ListQuery, ListResult } from './common';
import type { Actor, DesignObjects, ListFilter } from './design';
import { RULES, type SimpleKind } from './kinds';
import type { DisObject, Doc } from './objects';
import type { DisWorkspaces } from './workspaces';

const COUNT_TYPES: Partial<Record<string, string>> = { project: 'PROJECT', folder: 'FOLDER', dataFlow: 'DATA_FLOW', task: 'TASK', pipeline: 'PIPELINE' };

export class DisCatalog {
  constructor(private readonly ctx: AppContext, private readonly workspaces: DisWorkspaces, private readonly design: DesignObjects) {}

  create(kind: SimpleKind, workspaceId: string, body: Doc, actor: Actor): DisObject {
    return this.ctx.db.transaction(() => {
      this.workspaces.requireActive(workspaceId);
      return this.design.create(RULES[kind], workspaceId, body, actor);
    })();
  }

  get(kind: SimpleKind, workspaceId: string, key: string): DisObject {
    this.workspaces.requireReadable(workspaceId);
    return this.design.require(RULES[kind], workspaceId, key);
  }

  list(kind: SimpleKind, workspaceId: string, filter: ListFilter, q: ListQuery): ListResult<DisObject> {
    this.workspaces.requireReadable(workspaceId);
    return this.design.list(RULES[kind], workspaceId, filter, q);
  }

  update(kind: SimpleKind, workspaceId: string, key: string, body: Doc, actor: Actor, ifMatch?: string): DisObject {
    return this.ctx.db.transaction(() => {
      this.workspaces.requireActive(workspaceId);
      return this.design.update(RULES[kind], workspaceId, key, body, actor, { ifMatch });
    })();
  }

  delete(kind: SimpleKind, workspaceId: string, key: string, ifMatch?: string): void {
    this.ctx.db.transaction(() => {
      this.workspaces.requireActive(workspaceId);
      this.design.delete(RULES[kind], workspaceId, key, { ifMatch });
    })();
  }

  /** projection=CHILD_COUNT_STATISTICS: how many objects of each type a project or folder holds (directly). */
  countStatistics(workspaceId: string, key: string): { objectTypeCountList: Array<{ objectType: string; objectCount: number }> } {
    const counts = new Map<string, number>();
    for (const child of this.design.objects.children(workspaceId, key)) {
      const type = COUNT_TYPES[child.kind];
      if (type) counts.set(type, (counts.get(type) ?? 0) + 1);
    }
    return { objectTypeCountList: [...counts].map(([objectType, objectCount]) => ({ objectType, objectCount })) };
  }
}
