/**
 * Table access for DIS design-time objects (dis_objects): one row per object,
 * the wire document as JSON, and the columns lists filter on pulled out.
 * Rules (parents, identifiers, versions) live in design.ts.
 */
import type { AppContext } from '../../core/context';
import { etagOf, parseDoc } from './common';

export type ObjectKind =
  | 'project'
  | 'folder'
  | 'application'
  | 'task'
  | 'dataFlow'
  | 'pipeline'
  | 'dataAsset'
  | 'connection'
  | 'patch'
  | 'publishedObject'
  | 'schedule'
  | 'taskSchedule'
  | 'detailedDescription'
  | 'taskValidation'
  | 'dataFlowValidation'
  | 'pipelineValidation'
  | 'connectionValidation'
  /** A reference's target override (updateReference), scoped to its application. */
  | 'reference'
  | 'functionLibrary'
  | 'userDefinedFunction'
  | 'userDefinedFunctionValidation'
  | 'externalPublication'
  | 'externalPublicationValidation'
  | 'copyObjectRequest'
  | 'exportRequest'
  | 'importRequest';

export type Doc = Record<string, any>;

export interface DisObject {
  seq: number;
  workspaceId: string;
  kind: ObjectKind;
  /** Application key for application-scoped kinds, '' for workspace-level ones. */
  scopeKey: string;
  key: string;
  aggregatorKey: string | null;
  name: string;
  identifier: string;
  modelType: string;
  objectVersion: number;
  timeCreated: string;
  timeUpdated: string;
  etag: string;
  doc: Doc;
}

interface Row {
  seq: number;
  workspace_id: string;
  kind: ObjectKind;
  scope_key: string;
  key: string;
  aggregator_key: string | null;
  name: string;
  identifier: string;
  model_type: string;
  object_version: number;
  time_created: string;
  time_updated: string;
  etag: string;
  doc: string;
}

const toObject = (r: Row): DisObject => ({
  seq: r.seq,
  workspaceId: r.workspace_id,
  kind: r.kind,
  scopeKey: r.scope_key,
  key: r.key,
  aggregatorKey: r.aggregator_key,
  name: r.name,
  identifier: r.identifier,
  modelType: r.model_type,
  objectVersion: r.object_version,
  timeCreated: r.time_created,
  timeUpdated: r.time_updated,
  etag: r.etag,
  doc: parseDoc<Doc>(r.doc),
});

export type NewObject = Omit<DisObject, 'seq' | 'etag'>;

export class DisObjects {
  private readonly sql;

  constructor(ctx: AppContext) {
    const db = ctx.db;
    const cols = 'workspace_id, kind, scope_key, key, aggregator_key, name, identifier, model_type, object_version, time_created, time_updated, etag, doc';
    this.sql = {
      insert: db.prepare(`INSERT INTO dis_objects (${cols}) VALUES (@workspaceId, @kind, @scopeKey, @key, @aggregatorKey, @name, @identifier, @modelType, @objectVersion, @timeCreated, @timeUpdated, @etag, @doc)`),
      update: db.prepare(`UPDATE dis_objects SET aggregator_key = @aggregatorKey, name = @name, identifier = @identifier, model_type = @modelType,
        object_version = @objectVersion, time_updated = @timeUpdated, etag = @etag, doc = @doc
        WHERE workspace_id = @workspaceId AND kind = @kind AND scope_key = @scopeKey AND key = @key`),
      get: db.prepare('SELECT rowid AS seq, * FROM dis_objects WHERE workspace_id = ? AND kind = ? AND scope_key = ? AND key = ?'),
      byKey: db.prepare("SELECT rowid AS seq, * FROM dis_objects WHERE workspace_id = ? AND key = ? AND scope_key = ''"),
      keyTaken: db.prepare("SELECT 1 FROM dis_objects WHERE workspace_id = ? AND key = ? AND kind != 'publishedObject' LIMIT 1"),
      list: db.prepare('SELECT rowid AS seq, * FROM dis_objects WHERE workspace_id = ? AND kind = ? AND scope_key = ?'),
      children: db.prepare("SELECT rowid AS seq, * FROM dis_objects WHERE workspace_id = ? AND aggregator_key = ? AND scope_key = ''"),
      remove: db.prepare('DELETE FROM dis_objects WHERE workspace_id = ? AND kind = ? AND scope_key = ? AND key = ?'),
      removeScope: db.prepare('DELETE FROM dis_objects WHERE workspace_id = ? AND scope_key = ?'),
      identifierTaken: db.prepare(`SELECT key FROM dis_objects WHERE workspace_id = ? AND kind = ? AND scope_key = ?
        AND COALESCE(aggregator_key, '') = COALESCE(?, '') AND identifier = ? AND key != ? LIMIT 1`),
    };
  }

  get(workspaceId: string, kind: ObjectKind, scopeKey: string, key: string): DisObject | null {
    const row = this.sql.get.get(workspaceId, kind, scopeKey, key) as Row | undefined;
    return row ? toObject(row) : null;
  }

  /** A workspace-level object of any kind by key (keys are unique in a workspace). */
  byKey(workspaceId: string, key: string): DisObject | null {
    const row = this.sql.byKey.get(workspaceId, key) as Row | undefined;
    return row ? toObject(row) : null;
  }

  keyTaken(workspaceId: string, key: string): boolean {
    return this.sql.keyTaken.get(workspaceId, key) !== undefined;
  }

  identifierTaken(o: { workspaceId: string; kind: ObjectKind; scopeKey: string; aggregatorKey: string | null; identifier: string; key: string }): string | null {
    const row = this.sql.identifierTaken.get(o.workspaceId, o.kind, o.scopeKey, o.aggregatorKey, o.identifier, o.key) as { key: string } | undefined;
    return row?.key ?? null;
  }

  list(workspaceId: string, kind: ObjectKind, scopeKey = ''): DisObject[] {
    return (this.sql.list.all(workspaceId, kind, scopeKey) as Row[]).map(toObject);
  }

  /** Workspace-level objects whose aggregator is `key` (a project's folders and tasks, a data asset's connections). */
  children(workspaceId: string, key: string): DisObject[] {
    return (this.sql.children.all(workspaceId, key) as Row[]).map(toObject);
  }

  insert(o: NewObject): DisObject {
    const etag = etagOf(o.doc);
    this.sql.insert.run({ ...o, etag, doc: JSON.stringify(o.doc) });
    return this.get(o.workspaceId, o.kind, o.scopeKey, o.key)!;
  }

  update(o: NewObject): DisObject {
    const etag = etagOf(o.doc);
    this.sql.update.run({ ...o, etag, doc: JSON.stringify(o.doc) });
    return this.get(o.workspaceId, o.kind, o.scopeKey, o.key)!;
  }

  remove(workspaceId: string, kind: ObjectKind, scopeKey: string, key: string): void {
    this.sql.remove.run(workspaceId, kind, scopeKey, key);
  }

  /** Everything scoped to an application (patches, published objects, schedules). */
  removeScope(workspaceId: string, scopeKey: string): void {
    this.sql.removeScope.run(workspaceId, scopeKey);
  }
}
