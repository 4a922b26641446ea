/**
 * Data assets and their connections. Every data asset has a default
 * connection, created with it (from `defaultConnection`, or a plain one when
 * the body has none) and returned inside it; connections hang off their data
 * asset through registryMetadata.aggregatorKey and must be of a type the
 * asset accepts (an Object Storage asset takes ORACLE_OBJECT_STORAGE_CONNECTION).
 */
import type { AppContext } from '../../core/context';
import { badRequest, incorrectState, notFound } from '../../core/errors';
import type { ListQuery, ListResult } from './common';
import type { Actor, DesignObjects, ListFilter } from './design';
import { CONNECTION_TYPES, RULES } from './kinds';
import type { DisObject, Doc } from './objects';
import type { DisWorkspaces } from './workspaces';

export class DisDataAssets {
  constructor(private readonly ctx: AppContext, private readonly workspaces: DisWorkspaces, private readonly design: DesignObjects) {}

  /** The data asset as the API returns it: with its default connection inside. */
  wire(asset: DisObject): Doc {
    const conn = this.defaultConnection(asset);
    return { ...asset.doc, defaultConnection: conn ? conn.doc : null };
  }

  private defaultConnection(asset: DisObject): DisObject | undefined {
    return this.design.objects.children(asset.workspaceId, asset.key).find((c) => c.kind === 'connection' && c.doc.isDefault === true);
  }

  create(workspaceId: string, body: Doc, actor: Actor): DisObject {
    return this.ctx.db.transaction(() => {
      this.workspaces.requireActive(workspaceId);
      const { defaultConnection, ...assetBody } = body;
      const accepted = CONNECTION_TYPES[body.modelType as string];
      // A bad connection throws inside the transaction: the asset is rolled back with it.
      const connBody: Doc = defaultConnection ?? { name: 'Default Connection', identifier: 'DEFAULT_CONNECTION', modelType: accepted?.[0] };
      if (typeof connBody !== 'object' || Array.isArray(connBody)) throw badRequest('defaultConnection must be an object');
      const asset = this.design.create(RULES.dataAsset, workspaceId, assetBody, actor);
      this.checkConnectionType(asset, connBody.modelType, 'defaultConnection.modelType');
      this.design.create(RULES.connection, workspaceId, connBody, actor, { parent: asset, extra: { isDefault: true } });
      return asset;
    })();
  }

  get(workspaceId: string, key: string): DisObject {
    this.workspaces.requireReadable(workspaceId);
    return this.design.require(RULES.dataAsset, workspaceId, key);
  }

  list(workspaceId: string, filter: ListFilter, q: ListQuery): ListResult<DisObject> {
    this.workspaces.requireReadable(workspaceId);
    return this.design.list(RULES.dataAsset, workspaceId, filter, q);
  }

  update(workspaceId: string, key: string, body: Doc, actor: Actor, ifMatch?: string): DisObject {
    return this.ctx.db.transaction(() => {
      this.workspaces.requireActive(workspaceId);
      const { defaultConnection, ...assetBody } = body;
      const asset = this.design.update(RULES.dataAsset, workspaceId, key, assetBody, actor, { ifMatch });
      if (defaultConnection && typeof defaultConnection === 'object') {
        const conn = this.defaultConnection(asset);
        if (conn) {
          if (defaultConnection.modelType !== undefined) this.checkConnectionType(asset, defaultConnection.modelType, 'defaultConnection.modelType');
          const { key: _k, objectVersion: _v, ...changes } = defaultConnection as Doc;
          this.design.update(RULES.connection, workspaceId, conn.key, { ...changes, modelType: conn.modelType }, actor, { checkVersion: false });
        }
      }
      return this.design.require(RULES.dataAsset, workspaceId, key);
    })();
  }

  delete(workspaceId: string, key: string, ifMatch?: string): void {
    this.ctx.db.transaction(() => {
      this.workspaces.requireActive(workspaceId);
      this.design.delete(RULES.dataAsset, workspaceId, key, { ifMatch });
    })();
  }

  // ---- connections

  createConnection(workspaceId: string, body: Doc, actor: Actor): DisObject {
    return this.ctx.db.transaction(() => {
      this.workspaces.requireActive(workspaceId);
      const asset = this.design.resolveParent(RULES.connection, workspaceId, body)!;
      this.checkConnectionType(asset, body.modelType, 'modelType');
      return this.design.create(RULES.connection, workspaceId, body, actor, { parent: asset, extra: { isDefault: false } });
    })();
  }

  getConnection(workspaceId: string, key: string): DisObject {
    this.workspaces.requireReadable(workspaceId);
    return this.design.require(RULES.connection, workspaceId, key);
  }

  listConnections(workspaceId: string, dataAssetKey: string, filter: ListFilter, q: ListQuery): ListResult<DisObject> {
    this.workspaces.requireReadable(workspaceId);
    if (!this.design.get(RULES.dataAsset, workspaceId, dataAssetKey)) throw notFound(`Data asset ${dataAssetKey} not found in workspace ${workspaceId}`);
    return this.design.list(RULES.connection, workspaceId, { ...filter, aggregatorKey: dataAssetKey }, q);
  }

  updateConnection(workspaceId: string, key: string, body: Doc, actor: Actor, ifMatch?: string): DisObject {
    return this.ctx.db.transaction(() => {
      this.workspaces.requireActive(workspaceId);
      const current = this.design.require(RULES.connection, workspaceId, key);
      if (body.registryMetadata?.aggregatorKey && body.registryMetadata.aggregatorKey !== current.aggregatorKey) {
        throw badRequest(`A connection cannot move to another data asset (it belongs to ${current.aggregatorKey})`);
      }
      return this.design.update(RULES.connection, workspaceId, key, body, actor, { ifMatch });
    })();
  }

  deleteConnection(workspaceId: string, key: string, ifMatch?: string): void {
    this.ctx.db.transaction(() => {
      this.workspaces.requireActive(workspaceId);
      const current = this.design.require(RULES.connection, workspaceId, key);
      if (current.doc.isDefault) throw incorrectState(`Connection ${key} is the default connection of data asset ${current.aggregatorKey}; delete the data asset instead`);
      this.design.delete(RULES.connection, workspaceId, key, { ifMatch });
    })();
  }

  private checkConnectionType(asset: DisObject, modelType: unknown, field: string): void {
    const accepted = CONNECTION_TYPES[asset.modelType] ?? [];
    if (!accepted.includes(modelType as string)) {
      throw badRequest(`${field} '${String(modelType)}' does not fit a ${asset.modelType}; use ${accepted.join(' or ')}`);
    }
  }
}
