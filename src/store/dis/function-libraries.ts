/**
 * Function libraries (inside a project or folder) and the user-defined
 * functions they hold: design objects with the common rules (design.ts).
 * Deleting a library deletes its functions (they are its children), and
 * deleting a project deletes its libraries the same way.
 */
import type { AppContext } from '../../core/context';
import type { ListQuery, ListResult } from './common';
import type { Actor, DesignObjects, KindRules, ListFilter } from './design';
import type { DisObject, Doc } from './objects';
import type { DisWorkspaces } from './workspaces';

export const LIBRARY_RULES = {
  functionLibrary: {
    kind: 'functionLibrary',
    label: 'Function library',
    modelType: 'FUNCTION_LIBRARY',
    clientKey: true,
    parent: { kinds: ['project', 'folder'], required: true, what: 'project or folder' },
  },
  userDefinedFunction: {
    kind: 'userDefinedFunction',
    label: 'User defined function',
    modelType: 'DIS_USER_DEFINED_FUNCTION',
    clientKey: true,
    parent: { kinds: ['functionLibrary'], required: true, what: 'function library' },
  },
} satisfies Record<string, KindRules>;

export type LibraryKind = keyof typeof LIBRARY_RULES;

export class DisFunctionLibraries {
  constructor(private readonly ctx: AppContext, private readonly workspaces: DisWorkspaces, private readonly design: DesignObjects) {}

  create(kind: LibraryKind, workspaceId: string, body: Doc, actor: Actor): DisObject {
    return this.ctx.db.transaction(() => {
      this.workspaces.requireActive(workspaceId);
      return this.design.create(LIBRARY_RULES[kind], workspaceId, body, actor);
    })();
  }

  get(kind: LibraryKind, workspaceId: string, key: string): DisObject {
    this.workspaces.requireReadable(workspaceId);
    return this.design.require(LIBRARY_RULES[kind], workspaceId, key);
  }

  list(kind: LibraryKind, workspaceId: string, filter: ListFilter, q: ListQuery): ListResult<DisObject> {
    this.workspaces.requireReadable(workspaceId);
    return this.design.list(LIBRARY_RULES[kind], workspaceId, filter, q);
  }

  /** Update*Details of both kinds carry no key or modelType: the path names the object. */
  update(kind: LibraryKind, workspaceId: string, key: string, body: Doc, actor: Actor, ifMatch?: string): DisObject {
    return this.ctx.db.transaction(() => {
      this.workspaces.requireActive(workspaceId);
      return this.design.update(LIBRARY_RULES[kind], workspaceId, key, body, actor, { ifMatch });
    })();
  }

  delete(kind: LibraryKind, workspaceId: string, key: string, ifMatch?: string): void {
    this.ctx.db.transaction(() => {
      this.workspaces.requireActive(workspaceId);
      this.design.delete(LIBRARY_RULES[kind], workspaceId, key, { ifMatch });
    })();
  }
}
