/**
 * Schemas, data entities and entity shapes of a connection. Nothing is
 * stored: the catalog is simulated from the data asset's type and the
 * connection key (catalog-sim/), so it is the same on every call and in every
 * emulator started with the same seed. Only the connection must exist.
 */
import { badRequest, notFound } from '../../core/errors';
import type { DesignObjects } from './design';
import { sortAndPage, type ListQuery, type ListResult } from './common';
import { entitiesOf, schemasOf, type SimEntity, type SimSchema, type SourceConnection } from './catalog-sim/entities';
import { RULES } from './kinds';
import type { Doc } from './objects';
import type { DisWorkspaces } from './workspaces';
import { shapeFromRequest } from './catalog-sim/entity-shape';

export interface SchemaFilter {
  name?: string;
  nameList?: string[];
}

export interface EntityFilter extends SchemaFilter {
  /** TABLE, VIEW, FILE... (entityType) or a modelType such as TABLE_ENTITY. */
  type?: string;
  /** name is a pattern: % or * match any run of characters. */
  isPattern?: boolean;
}

export class DisSchemas {
  constructor(private readonly workspaces: DisWorkspaces, private readonly design: DesignObjects) {}

  /** The connection as the simulator sees it (404 when it does not exist). */
  source(workspaceId: string, connectionKey: string): SourceConnection {
    this.workspaces.requireReadable(workspaceId);
    const conn = this.design.require(RULES.connection, workspaceId, connectionKey);
    const asset = conn.aggregatorKey ? this.design.get(RULES.dataAsset, workspaceId, conn.aggregatorKey) : null;
    if (!asset) throw notFound(`Data asset of connection ${connectionKey} not found in workspace ${workspaceId}`);
    return { key: conn.key, dataAssetType: asset.modelType, timeCreated: conn.timeCreated, createdBy: conn.doc.metadata?.createdBy ?? 'system' };
  }

  listSchemas(workspaceId: string, connectionKey: string, f: SchemaFilter, q: ListQuery): ListResult<Doc> {
    const conn = this.source(workspaceId, connectionKey);
    const rows = schemasOf(conn).filter((s) => byName(s, f));
    return page(rows, q);
  }

  getSchema(workspaceId: string, connectionKey: string, schemaResourceName: string): Doc {
    return this.schema(this.source(workspaceId, connectionKey), schemaResourceName).doc;
  }

  private schema(conn: SourceConnection, name: string): SimSchema {
    const all = schemasOf(conn);
    const s = all.find((x) => x.name === name || x.doc.key === name);
    if (!s) throw notFound(`Schema '${name}' not found on connection ${conn.key}; it has ${all.map((x) => x.name).join(', ')}`);
    return s;
  }

  listEntities(workspaceId: string, connectionKey: string, schemaResourceName: string, f: EntityFilter, q: ListQuery): ListResult<Doc> {
    const conn = this.source(workspaceId, connectionKey);
    const schema = this.schema(conn, schemaResourceName);
    const pattern = f.isPattern && f.name !== undefined ? wildcard(f.name) : null;
    const rows = entitiesOf(conn, schema.name).filter((e) => {
      if (pattern ? !pattern.test(e.name) : !byName(e, f)) return false;
      if (pattern && f.nameList?.length && !f.nameList.includes(e.name)) return false;
      if (f.type !== undefined && f.type !== e.entityType && f.type !== e.modelType) return false;
      return true;
    });
    return page(rows, q);
  }

  getEntity(workspaceId: string, connectionKey: string, schemaResourceName: string, key: string): Doc {
    const conn = this.source(workspaceId, connectionKey);
    const schema = this.schema(conn, schemaResourceName);
    const e = entitiesOf(conn, schema.name).find((x) => x.doc.key === key || x.name === key || x.doc.resourceName === key);
    if (!e) throw notFound(`Data entity '${key}' not found in schema ${schema.name} of connection ${connectionKey} (give its key or its name)`);
    return e.doc;
  }

  /** The shape of a file, an object or a SQL query's result, read from the simulated source. */
  createEntityShape(workspaceId: string, connectionKey: string, schemaResourceName: string, body: Doc): Doc {
    const conn = this.source(workspaceId, connectionKey);
    const schema = this.schema(conn, schemaResourceName);
    if (!body || typeof body !== 'object') throw badRequest('The body must be a CreateEntityShapeDetails object');
    return shapeFromRequest(conn, schema.name, entitiesOf(conn, schema.name), body);
  }
}

function byName(x: { name: string }, f: SchemaFilter): boolean {
  if (f.name !== undefined && x.name !== f.name) return false;
  if (f.nameList?.length && !f.nameList.includes(x.name)) return false;
  return true;
}

function wildcard(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/[%*]/g, '.*');
  return new RegExp(`^${escaped}$`, 'i');
}

/** Sources have no creation order: the default (and DISPLAY_NAME) order is by name; time sorts keep it too. */
function page(rows: Array<SimSchema | SimEntity>, q: ListQuery): ListResult<Doc> {
  const named = q.sortBy === undefined ? { ...q, sortBy: 'DISPLAY_NAME' as const } : q;
  const result = sortAndPage(rows, named, (r) => ({ seq: rows.indexOf(r), created: r.doc.metadata.timeCreated, updated: r.doc.metadata.timeUpdated, name: r.name }));
  return { items: result.items.map((r) => r.doc), total: result.total };
}
