/**
 * External publications: a task published to OCI Data Flow as an
 * application (applicationId; one is made up when the client names none).
 * A publication is PUBLISHING when created or updated and SUCCESSFUL
 * PUBLISH_MS later on the clock; the emulator talks to no Data Flow service.
 * Only integration tasks can be published (GUESS: the console offers it for
 * them only). Publications live under their task (scope_key = task key).
 */
import type { AppContext } from '../../core/context';
import { badRequest, conflict, notFound } from '../../core/errors';
import { MODEL_VERSION, OBJECT_STATUS, ocid, sortAndPage, type ListQuery, type ListResult } from './common';
import type { Actor, DesignObjects } from './design';
import { RULES } from './kinds';
import type { DisObjectDue, DueRow } from './object-due';
import type { DisObject, Doc } from './objects';
import { checkEtag, type DisWorkspaces } from './workspaces';

/** GUESS: how long publishing takes (not documented). */
export const PUBLISH_MS = 3000;
export const PUBLISHABLE_TASK_TYPES = ['INTEGRATION_TASK'];
const MODEL_TYPE = 'EXTERNAL_PUBLICATION';

export class DisExternalPublications {
  constructor(
    private readonly ctx: AppContext,
    private readonly workspaces: DisWorkspaces,
    private readonly design: DesignObjects,
    private readonly due: DisObjectDue,
  ) {}

  /** The task publications hang under (404 when it does not exist). */
  task(workspaceId: string, taskKey: string, write: boolean): DisObject {
    if (write) this.workspaces.requireActive(workspaceId);
    else this.workspaces.requireReadable(workspaceId);
    return this.design.require(RULES.task, workspaceId, taskKey);
  }

  private checkBody(workspaceId: string, task: DisObject, body: Doc, key: string | null): void {
    if (!PUBLISHABLE_TASK_TYPES.includes(task.modelType)) {
      throw badRequest(`Task ${task.key} is a ${task.modelType}; only ${PUBLISHABLE_TASK_TYPES.join(', ')} tasks can be published to OCI Data Flow`);
    }
    const clash = this.design.objects.list(workspaceId, 'externalPublication', task.key).find((p) => p.name === body.displayName && p.key !== key);
    if (clash) throw conflict(`Task ${task.key} already has an external publication named '${body.displayName}' (key ${clash.key})`);
  }

  create(workspaceId: string, taskKey: string, body: Doc, actor: Actor): DisObject {
    return this.ctx.db.transaction(() => {
      const task = this.task(workspaceId, taskKey, true);
      this.checkBody(workspaceId, task, body, null);
      const key = this.ctx.ids.uuid();
      const now = this.ctx.clock.now();
      const iso = new Date(now).toISOString();
      const doc: Doc = {
        ...this.fields(body, null),
        status: 'PUBLISHING',
        errorMessage: null,
        key,
        modelType: MODEL_TYPE,
        modelVersion: MODEL_VERSION,
        name: body.displayName,
        objectVersion: 1,
        objectStatus: OBJECT_STATUS,
        identifier: task.identifier,
        parentRef: { parent: taskKey, rootDocId: null },
        metadata: { createdBy: actor.id, createdByName: actor.id, updatedBy: actor.id, updatedByName: actor.id, timeCreated: iso, timeUpdated: iso, aggregatorKey: taskKey, identifierPath: task.doc.metadata?.identifierPath ?? task.identifier, infoFields: {}, registryVersion: 0, labels: [], isFavorite: false },
        keyMap: {},
      };
      const o = this.design.objects.insert({ workspaceId, kind: 'externalPublication', scopeKey: taskKey, key, aggregatorKey: null, name: String(body.displayName), identifier: task.identifier, modelType: MODEL_TYPE, objectVersion: 1, timeCreated: iso, timeUpdated: iso, doc });
      this.due.schedule(o, now + PUBLISH_MS);
      return o;
    })();
  }

  private fields(body: Doc, current: Doc | null): Doc {
    return {
      applicationId: body.applicationId ?? current?.applicationId ?? ocid(this.ctx.ids, 'dataflowapplication'),
      applicationCompartmentId: body.applicationCompartmentId,
      displayName: body.displayName,
      description: body.description ?? current?.description ?? null,
      resourceConfiguration: body.resourceConfiguration ?? current?.resourceConfiguration ?? null,
      configurationDetails: body.configurationDetails ?? current?.configurationDetails ?? null,
    };
  }

  get(workspaceId: string, taskKey: string, key: string): DisObject {
    this.task(workspaceId, taskKey, false);
    const o = this.design.objects.get(workspaceId, 'externalPublication', taskKey, key);
    if (!o) throw notFound(`External publication ${key} not found for task ${taskKey} in workspace ${workspaceId}`);
    return o;
  }

  list(workspaceId: string, taskKey: string, f: { name?: string }, q: ListQuery): ListResult<DisObject> {
    this.task(workspaceId, taskKey, false);
    const rows = this.design.objects.list(workspaceId, 'externalPublication', taskKey).filter((o) => f.name === undefined || o.name === f.name);
    return sortAndPage(rows, q, (o) => ({ seq: o.seq, created: o.timeCreated, updated: o.timeUpdated, name: o.name }));
  }

  /** An update republishes: PUBLISHING again, then SUCCESSFUL. */
  update(workspaceId: string, taskKey: string, key: string, body: Doc, actor: Actor, ifMatch?: string): DisObject {
    return this.ctx.db.transaction(() => {
      const task = this.task(workspaceId, taskKey, true);
      const current = this.get(workspaceId, taskKey, key);
      checkEtag(current, ifMatch, `external publication ${key}`);
      this.checkBody(workspaceId, task, body, key);
      const now = this.ctx.clock.now();
      const iso = new Date(now).toISOString();
      const objectVersion = current.objectVersion + 1;
      const doc: Doc = {
        ...current.doc,
        ...this.fields(body, current.doc),
        status: 'PUBLISHING',
        errorMessage: null,
        name: body.displayName,
        objectVersion,
        metadata: { ...current.doc.metadata, updatedBy: actor.id, updatedByName: actor.id, timeUpdated: iso },
      };
      const o = this.design.objects.update({ ...current, name: String(body.displayName), objectVersion, timeUpdated: iso, doc });
      this.due.schedule(o, now + PUBLISH_MS);
      return o;
    })();
  }

  delete(workspaceId: string, taskKey: string, key: string, ifMatch?: string): void {
    this.ctx.db.transaction(() => {
      this.task(workspaceId, taskKey, true);
      const o = this.get(workspaceId, taskKey, key);
      checkEtag(o, ifMatch, `external publication ${key}`);
      this.design.objects.remove(workspaceId, 'externalPublication', taskKey, key);
      this.due.clear(o);
    })();
  }

  /** PUBLISHING -> SUCCESSFUL (inside the ticker's transaction). */
  step(row: DueRow): void {
    this.due.clear({ workspaceId: row.workspace_id, kind: row.kind, scopeKey: row.scope_key, key: row.key });
    const o = this.design.objects.get(row.workspace_id, 'externalPublication', row.scope_key, row.key);
    if (!o || o.doc.status !== 'PUBLISHING') return;
    this.design.objects.update({ ...o, doc: { ...o.doc, status: 'SUCCESSFUL' } });
  }
}
