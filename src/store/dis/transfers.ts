/**
 * Copy-object, export and import requests. Each is accepted IN_PROGRESS and
 * does its work when its step falls due on the clock (TRANSFER_MS later):
 * a copy moves objects from another workspace, an export writes a file
 * (export-files.ts), an import reads one back into this workspace. A failure
 * then (an object deleted meanwhile...) ends the request FAILED with
 * errorMessages and writes nothing. TERMINATING (the only status a client may
 * set) ends in TERMINATED one step later, before any work is done.
 * What can be checked at once (names, source objects, the file) is checked on
 * create, with a 400 and nothing written.
 */
import type { AppContext } from '../../core/context';
import { badRequest, incorrectState, notFound } from '../../core/errors';
import { sortAndPage, type ListQuery, type ListResult } from './common';
import type { Actor, DesignObjects } from './design';
import type { DisExportFiles } from './export-files';
import type { DisObjectDue, DueRow } from './object-due';
import type { DisObject, Doc } from './objects';
import { applyBundle, type Resolution } from './transfer-apply';
import { collectBundle, DATA_ASSET_KINDS, OBJECT_TYPE, type Bundle } from './transfer-bundle';
import { checkEtag, type DisWorkspaces } from './workspaces';

export type TransferKind = 'copyObjectRequest' | 'exportRequest' | 'importRequest';

/** GUESS: how long a transfer takes, and a termination (the service documents neither). */
export const TRANSFER_MS = 5000;
export const TERMINATE_MS = 1000;

const LABEL: Record<TransferKind, string> = { copyObjectRequest: 'Copy object request', exportRequest: 'Export request', importRequest: 'Import request' };
/** The status field of each model. */
const STATUS: Record<TransferKind, string> = { copyObjectRequest: 'copyMetadataObjectRequestStatus', exportRequest: 'status', importRequest: 'status' };
/** Fields the SUMMARY projection of a list leaves out. */
const DETAIL_FIELDS: Record<TransferKind, string[]> = {
  copyObjectRequest: ['copiedItems', 'referencedItems'],
  exportRequest: ['exportedItems', 'referencedItems'],
  importRequest: ['importedObjects'],
};
const RUNNING = ['QUEUED', 'IN_PROGRESS'];

export interface TransferFilter {
  name?: string;
  status?: string;
  timeStartedInMillis?: number;
  timeEndedInMillis?: number;
}

export class DisTransfers {
  constructor(
    private readonly ctx: AppContext,
    private readonly workspaces: DisWorkspaces,
    private readonly design: DesignObjects,
    private readonly files: DisExportFiles,
    private readonly due: DisObjectDue,
  ) {}

  statusOf(o: DisObject): string {
    return o.doc[STATUS[o.kind as TransferKind]] as string;
  }

  create(kind: TransferKind, workspaceId: string, body: Doc, actor: Actor): DisObject {
    return this.ctx.db.transaction(() => {
      this.workspaces.requireActive(workspaceId);
      const key = this.ctx.ids.uuid();
      const now = this.ctx.clock.now();
      const common = { key, createdBy: actor.id, timeStartedInMillis: now, timeEndedInMillis: null, [STATUS[kind]]: 'IN_PROGRESS' };
      let doc: Doc;
      if (kind === 'copyObjectRequest') {
        const keys = body.objectKeys as string[];
        if (keys.length === 0) throw badRequest('objectKeys must name at least one object to copy', { code: 'MissingParameter' });
        this.workspaces.requireReadable(body.sourceWorkspaceId);
        const bundle = collectBundle(this.design.objects, body.sourceWorkspaceId, keys, { references: true, at: new Date(now).toISOString() });
        doc = {
          ...common,
          name: `copy-${key.slice(0, 8)}`,
          sourceWorkspaceId: body.sourceWorkspaceId,
          objectKeys: keys,
          copyConflictResolution: body.copyConflictResolution,
          createdByName: actor.id,
          totalSourceObjectCount: bundle.objects.filter((o) => o.role !== 'ancestor' && o.role !== 'reference').length,
          totalObjectsCopiedIntoTarget: 0,
          copiedItems: [],
          referencedItems: [],
        };
      } else if (kind === 'exportRequest') {
        const keys = (body.objectKeys as string[] | undefined) ?? [];
        collectBundle(this.design.objects, workspaceId, keys, { references: false, at: new Date(now).toISOString() });
        const fileName = (body.fileName as string | undefined) ?? `${key}.zip`;
        const where = { bucket: body.bucketName, fileName, tenancyId: body.objectStorageTenancyId, region: body.objectStorageRegion };
        if (!body.isObjectOverwriteEnabled && this.files.find(where)) {
          throw badRequest(`Object '${fileName}' already exists in bucket '${body.bucketName}'; set isObjectOverwriteEnabled to replace it`);
        }
        doc = {
          ...common,
          name: fileName,
          objectKeys: keys,
          bucketName: body.bucketName,
          fileName,
          objectStorageTenancyId: body.objectStorageTenancyId ?? null,
          objectStorageRegion: body.objectStorageRegion ?? null,
          areReferencesIncluded: body.areReferencesIncluded ?? true,
          isObjectOverwriteEnabled: body.isObjectOverwriteEnabled ?? false,
          filters: body.filters ?? [],
          totalExportedObjectCount: 0,
          errorMessages: {},
          exportedItems: [],
          referencedItems: '[]',
        };
      } else {
        const where = { bucket: body.bucketName, fileName: body.fileName, tenancyId: body.objectStorageTenancyId, region: body.objectStorageRegion };
        if (!this.files.find(where)) throw badRequest(`No object '${body.fileName}' in bucket '${body.bucketName}': export one first (createExportRequest)`, { code: 'RelatedResourceNotAuthorizedOrNotFound' });
        if (body.objectKeyForImport) this.importContainer(workspaceId, body.objectKeyForImport);
        doc = {
          ...common,
          name: body.fileName,
          bucketName: body.bucketName,
          fileName: body.fileName,
          objectStorageTenancyId: body.objectStorageTenancyId ?? null,
          objectStorageRegion: body.objectStorageRegion ?? null,
          objectKeyForImport: body.objectKeyForImport ?? null,
          areDataAssetReferencesIncluded: body.areDataAssetReferencesIncluded ?? false,
          importConflictResolution: body.importConflictResolution ?? { importConflictResolutionType: 'RETAIN' },
          totalImportedObjectCount: 0,
          errorMessages: {},
          importedObjects: [],
        };
      }
      const iso = new Date(now).toISOString();
      const o = this.design.objects.insert({ workspaceId, kind, scopeKey: '', key, aggregatorKey: null, name: doc.name, identifier: key, modelType: kind, objectVersion: 1, timeCreated: iso, timeUpdated: iso, doc });
      this.due.schedule(o, now + TRANSFER_MS);
      return o;
    })();
  }

  private importContainer(workspaceId: string, key: string): DisObject {
    const o = this.design.objects.byKey(workspaceId, key);
    if (!o || (o.kind !== 'project' && o.kind !== 'folder')) throw badRequest(`objectKeyForImport '${key}' is not a project or folder of workspace ${workspaceId}`, { code: 'RelatedResourceNotAuthorizedOrNotFound' });
    return o;
  }

  get(kind: TransferKind, workspaceId: string, key: string): DisObject {
    this.workspaces.requireReadable(workspaceId);
    const o = this.design.objects.get(workspaceId, kind, '', key);
    if (!o) throw notFound(`${LABEL[kind]} ${key} not found in workspace ${workspaceId}`);
    return o;
  }

  list(kind: TransferKind, workspaceId: string, f: TransferFilter, q: ListQuery, details: boolean): ListResult<Doc> {
    this.workspaces.requireReadable(workspaceId);
    const rows = this.design.objects.list(workspaceId, kind).filter((o) =>
      (f.name === undefined || o.name === f.name)
      && (f.status === undefined || f.status === 'ALL' || this.statusOf(o) === f.status)
      && (f.timeStartedInMillis === undefined || o.doc.timeStartedInMillis >= f.timeStartedInMillis)
      && (f.timeEndedInMillis === undefined || (o.doc.timeEndedInMillis !== null && o.doc.timeEndedInMillis <= f.timeEndedInMillis)));
    const page = sortAndPage(rows, q, (o) => ({ seq: o.seq, created: o.timeCreated, updated: o.timeUpdated, name: o.name }));
    const view = (o: DisObject) => (details ? o.doc : Object.fromEntries(Object.entries(o.doc).filter(([k]) => !DETAIL_FIELDS[kind].includes(k))));
    return { items: page.items.map(view), total: page.total };
  }

  /** The only change a client can make: ask a running request to stop. */
  update(kind: TransferKind, workspaceId: string, key: string, body: Doc, ifMatch?: string): DisObject {
    return this.ctx.db.transaction(() => {
      this.workspaces.requireActive(workspaceId);
      const o = this.get(kind, workspaceId, key);
      checkEtag(o, ifMatch, `${LABEL[kind].toLowerCase()} ${key}`);
      if (body.status === undefined) return o;
      const status = this.statusOf(o);
      if (!RUNNING.includes(status)) throw incorrectState(`${LABEL[kind]} ${key} is ${status}; only a QUEUED or IN_PROGRESS request can be terminated`);
      const now = this.ctx.clock.now();
      const saved = this.save(o, { [STATUS[kind]]: 'TERMINATING' }, now);
      this.due.schedule(saved, now + TERMINATE_MS);
      return saved;
    })();
  }

  delete(kind: TransferKind, workspaceId: string, key: string, ifMatch?: string): void {
    this.ctx.db.transaction(() => {
      this.workspaces.requireActive(workspaceId);
      const o = this.get(kind, workspaceId, key);
      checkEtag(o, ifMatch, `${LABEL[kind].toLowerCase()} ${key}`);
      this.design.objects.remove(workspaceId, kind, '', key);
      this.due.clear(o);
    })();
  }

  private save(o: DisObject, changes: Doc, at: number): DisObject {
    const iso = new Date(at).toISOString();
    return this.design.objects.update({ ...o, timeUpdated: iso, doc: { ...o.doc, ...changes } });
  }

  /** The due step of a request (inside the ticker's transaction). */
  step(row: DueRow): void {
    this.due.clear({ workspaceId: row.workspace_id, kind: row.kind, scopeKey: row.scope_key, key: row.key });
    const o = this.design.objects.get(row.workspace_id, row.kind, row.scope_key, row.key);
    if (!o) return;
    const kind = o.kind as TransferKind;
    const at = row.due_at;
    if (this.statusOf(o) === 'TERMINATING') {
      this.save(o, { [STATUS[kind]]: 'TERMINATED', timeEndedInMillis: at }, at);
      return;
    }
    const actor = { id: o.doc.createdBy as string };
    try {
      const changes = this.ctx.db.transaction(() => this.work(kind, o, actor, at))();
      this.save(o, { ...changes, [STATUS[kind]]: 'SUCCESSFUL', timeEndedInMillis: at }, at);
    } catch (e) {
      this.save(o, { [STATUS[kind]]: 'FAILED', timeEndedInMillis: at, errorMessages: { [o.key]: (e as Error).message } }, at);
    }
  }

  private work(kind: TransferKind, o: DisObject, actor: Actor, at: number): Doc {
    const iso = new Date(at).toISOString();
    const d = o.doc;
    if (kind === 'exportRequest') {
      const bundle = collectBundle(this.design.objects, o.workspaceId, d.objectKeys, { references: d.areReferencesIncluded, at: iso });
      this.files.put({ tenancyId: d.objectStorageTenancyId ?? '', region: d.objectStorageRegion ?? '', bucket: d.bucketName, fileName: d.fileName, workspaceId: o.workspaceId, exportKey: o.key, timeCreated: iso, content: bundle });
      const item = (b: Bundle['objects'][number]) => ({ key: b.key, name: b.name, identifier: b.identifier, objectType: OBJECT_TYPE[b.kind] ?? b.modelType, objectVersion: String(b.objectVersion), aggregatorKey: b.aggregatorKey, namePath: b.namePath, timeUpdatedInMillis: Date.parse(b.timeUpdated) });
      const exported = bundle.objects.filter((b) => b.role !== 'reference');
      return {
        exportedItems: exported.map(item),
        totalExportedObjectCount: exported.length,
        referencedItems: JSON.stringify(bundle.objects.filter((b) => b.role === 'reference').map(item)),
      };
    }
    if (kind === 'copyObjectRequest') {
      this.workspaces.requireActive(o.workspaceId);
      const bundle = collectBundle(this.design.objects, d.sourceWorkspaceId, d.objectKeys, { references: true, at: iso });
      const r = d.copyConflictResolution as Doc;
      const result = applyBundle(this.ctx, this.design, o.workspaceId, bundle, { type: r.requestType as Resolution, prefix: r.duplicatePrefix, suffix: r.duplicateSuffix }, actor);
      return { copiedItems: result.placed, referencedItems: result.referenced, totalObjectsCopiedIntoTarget: result.placed.length + result.referenced.length };
    }
    this.workspaces.requireActive(o.workspaceId);
    const file = this.files.find({ bucket: d.bucketName, fileName: d.fileName, tenancyId: d.objectStorageTenancyId, region: d.objectStorageRegion });
    if (!file) throw badRequest(`No object '${d.fileName}' in bucket '${d.bucketName}' any more`);
    let bundle = file.content;
    if (d.objectKeyForImport) bundle = this.under(bundle, this.importContainer(o.workspaceId, d.objectKeyForImport));
    const r = d.importConflictResolution as Doc;
    const result = applyBundle(this.ctx, this.design, o.workspaceId, bundle, { type: r.importConflictResolutionType as Resolution, prefix: r.duplicatePrefix, suffix: r.duplicateSuffix }, actor, { dataAssets: d.areDataAssetReferencesIncluded === true });
    const all = [...result.placed, ...result.referenced];
    return { importedObjects: all, totalImportedObjectCount: all.length };
  }

  /** objectKeyForImport: the file's top objects go into that project or folder, instead of their own containers. */
  private under(bundle: Bundle, container: DisObject): Bundle {
    // Data assets keep their own place: they are not in projects.
    const movable = (b: Bundle['objects'][number]) => !DATA_ASSET_KINDS.includes(b.kind);
    const dropped = new Set(bundle.objects.filter((b) => b.role === 'ancestor' && movable(b)).map((b) => b.key));
    const objects = bundle.objects.filter((b) => !dropped.has(b.key)).map((b) => {
      if (!movable(b) || (b.aggregatorKey !== null && !dropped.has(b.aggregatorKey))) return b;
      if (b.kind === 'project') throw badRequest(`Project ${b.name} cannot be imported into ${container.kind} ${container.name}: only its contents can (leave objectKeyForImport out)`);
      return { ...b, aggregatorKey: container.key };
    });
    return { ...bundle, objects };
  }
}
