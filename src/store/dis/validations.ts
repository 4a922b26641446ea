/**
 * Validations (tasks, data flows, pipelines, connections) and an
 * application's detailed description. A validation checks the object sent
 * inline in its body and is kept, so it can be listed and read back. The
 * checks are structural (the emulator runs no data): a task needs the part
 * its type runs (a data flow, a pipeline, a script...), a data flow a source
 * and a target operator, a pipeline a start and an end operator, a
 * connection a type its data asset accepts.
 */
import type { AppContext } from '../../core/context';
import { conflict, notFound } from '../../core/errors';
import { MODEL_VERSION, OBJECT_STATUS, sortAndPage, type ListQuery, type ListResult } from './common';
import type { Actor, DesignObjects } from './design';
import { CONNECTION_TYPES, TASK_TYPES } from './kinds';
import type { DisObject, Doc } from './objects';
import { checkEtag, type DisWorkspaces } from './workspaces';

export type ValidationKind = 'taskValidation' | 'dataFlowValidation' | 'pipelineValidation' | 'connectionValidation';

const LABEL: Record<ValidationKind, string> = {
  taskValidation: 'Task validation',
  dataFlowValidation: 'Data flow validation',
  pipelineValidation: 'Pipeline validation',
  connectionValidation: 'Connection validation',
};
/** modelType of the stored validation (GUESS: the SDK types it as a free string). */
const MODEL_TYPE: Record<ValidationKind, string> = {
  taskValidation: 'TASK_VALIDATION',
  dataFlowValidation: 'DATA_FLOW_VALIDATION',
  pipelineValidation: 'PIPELINE_VALIDATION',
  connectionValidation: 'CONNECTION_VALIDATION',
};

export interface Finding {
  level: 'ERROR' | 'WARN' | 'INFO';
  messageKey: string;
  validationMessage: string;
}

/** What every DIS validation reports: its findings counted by level, listed under their subject (the validated object). */
export function validationCounts(findings: Finding[], subject: string): Doc {
  const count = (level: string) => findings.filter((f) => f.level === level).length;
  return {
    totalMessageCount: findings.length,
    errorMessageCount: count('ERROR'),
    warnMessageCount: count('WARN'),
    infoMessageCount: count('INFO'),
    validationMessages: findings.length ? { [subject]: findings } : {},
  };
}

/** The stored document of a validation: its result, then the identity and metadata every DIS validation carries. */
export function validationDoc(v: { result: Doc; key: string; modelType: string; parent: string | null; name: string; description: unknown; identifier: string; actor: Actor; now: string }): Doc {
  const { key, name, identifier, actor, now } = v;
  return {
    ...v.result,
    key,
    modelType: v.modelType,
    modelVersion: MODEL_VERSION,
    parentRef: { parent: v.parent, rootDocId: null },
    name,
    description: v.description ?? null,
    objectVersion: 1,
    objectStatus: OBJECT_STATUS,
    identifier,
    metadata: { createdBy: actor.id, createdByName: actor.id, updatedBy: actor.id, updatedByName: actor.id, timeCreated: now, timeUpdated: now, aggregatorKey: null, identifierPath: identifier, infoFields: {}, registryVersion: 0, labels: [], isFavorite: false },
  };
}

/** What a task of each type must carry to run. */
const TASK_NEEDS: Record<string, { field: string[]; what: string }> = {
  INTEGRATION_TASK: { field: ['dataFlow'], what: 'a data flow (dataFlow)' },
  DATA_LOADER_TASK: { field: ['dataFlow'], what: 'a data flow (dataFlow)' },
  PIPELINE_TASK: { field: ['pipeline'], what: 'a pipeline (pipeline)' },
  SQL_TASK: { field: ['script'], what: 'a SQL script (script)' },
  OCI_DATAFLOW_TASK: { field: ['dataflowApplication'], what: 'an OCI Data Flow application (dataflowApplication)' },
  REST_TASK: { field: ['executeRestCallConfig', 'endpoint'], what: 'a REST call (executeRestCallConfig or endpoint)' },
};

function operatorTypes(nodes: unknown): string[] {
  return Array.isArray(nodes) ? nodes.map((n) => String((n as Doc)?.operator?.modelType ?? (n as Doc)?.modelType ?? '')) : [];
}

export class DisValidations {
  constructor(private readonly ctx: AppContext, private readonly workspaces: DisWorkspaces, private readonly design: DesignObjects) {}

  private findings(kind: ValidationKind, workspaceId: string, body: Doc): Finding[] {
    const out: Finding[] = [];
    const err = (messageKey: string, validationMessage: string) => out.push({ level: 'ERROR', messageKey, validationMessage });
    if (kind === 'connectionValidation') return out;
    if (!body.name) err('NAME_REQUIRED', 'The object has no name');
    if (typeof body.identifier !== 'string' || !/^[A-Z_][A-Z0-9_]*$/.test(body.identifier)) err('IDENTIFIER_INVALID', `Identifier '${String(body.identifier ?? '')}' must use upper case letters, digits and underscores, starting with a letter or underscore`);
    const agg = body.registryMetadata?.aggregatorKey;
    if (agg && !this.design.objects.byKey(workspaceId, agg)) err('AGGREGATOR_NOT_FOUND', `registryMetadata.aggregatorKey '${agg}' is not an object of the workspace`);
    if (kind === 'taskValidation') {
      const needs = TASK_NEEDS[body.modelType as string];
      if (!needs) err('MODEL_TYPE_INVALID', `modelType '${String(body.modelType)}' is not a task type (${TASK_TYPES.join(', ')})`);
      else if (!needs.field.some((f) => body[f])) err('TASK_INCOMPLETE', `A ${body.modelType} needs ${needs.what}`);
    } else {
      const ops = operatorTypes(body.nodes);
      const need = kind === 'dataFlowValidation' ? [['SOURCE_OPERATOR', 'a source'], ['TARGET_OPERATOR', 'a target']] : [['START_OPERATOR', 'a start'], ['END_OPERATOR', 'an end']];
      for (const [type, what] of need) if (!ops.includes(type)) err(`MISSING_${type}`, `The ${kind === 'dataFlowValidation' ? 'data flow' : 'pipeline'} has no ${what} operator (${type})`);
    }
    return out;
  }

  private connectionMessage(body: Doc): { type: 'INFO' | 'ERROR'; code: string; message: string } {
    const asset = body.dataAsset as Doc | undefined;
    const conn = body.connection as Doc | undefined;
    if (!asset || !conn) return { type: 'ERROR', code: 'MissingParameter', message: 'A connection validation needs both dataAsset and connection' };
    const accepted = CONNECTION_TYPES[asset.modelType as string];
    if (!accepted) return { type: 'ERROR', code: 'InvalidParameter', message: `dataAsset.modelType '${String(asset.modelType)}' is not a data asset type` };
    if (!accepted.includes(conn.modelType as string)) return { type: 'ERROR', code: 'InvalidParameter', message: `connection.modelType '${String(conn.modelType)}' does not fit a ${asset.modelType}; use ${accepted.join(' or ')}` };
    return { type: 'INFO', code: 'Success', message: `Connection to ${asset.name ?? 'the data asset'} succeeded (simulated: the emulator opens no network connection)` };
  }

  create(kind: ValidationKind, workspaceId: string, body: Doc, actor: Actor): DisObject {
    return this.ctx.db.transaction(() => {
      this.workspaces.requireActive(workspaceId);
      const key = this.ctx.ids.uuid();
      const now = this.ctx.clock.nowIso();
      const name = String(body.name ?? body.connection?.name ?? LABEL[kind]);
      const identifier = typeof body.identifier === 'string' ? body.identifier : String(body.connection?.identifier ?? 'VALIDATION');
      const result: Doc = kind === 'connectionValidation'
        ? { validationMessage: this.connectionMessage(body) }
        : validationCounts(this.findings(kind, workspaceId, body), body.key ?? identifier);
      const doc = validationDoc({ result, key, modelType: MODEL_TYPE[kind], parent: null, name, description: body.description, identifier, actor, now });
      return this.design.objects.insert({ workspaceId, kind, scopeKey: '', key, aggregatorKey: null, name, identifier, modelType: MODEL_TYPE[kind], objectVersion: 1, timeCreated: now, timeUpdated: now, doc });
    })();
  }

  get(kind: ValidationKind, workspaceId: string, key: string): DisObject {
    this.workspaces.requireReadable(workspaceId);
    const o = this.design.objects.get(workspaceId, kind, '', key);
    if (!o) throw notFound(`${LABEL[kind]} ${key} not found in workspace ${workspaceId}`);
    return o;
  }

  list(kind: ValidationKind, workspaceId: string, f: { key?: string; name?: string; identifier?: string }, q: ListQuery): ListResult<DisObject> {
    this.workspaces.requireReadable(workspaceId);
    const rows = this.design.objects.list(workspaceId, kind).filter((o) => (!f.key || o.key === f.key) && (!f.name || o.name === f.name) && (!f.identifier || o.identifier === f.identifier));
    return sortAndPage(rows, q, (o) => ({ seq: o.seq, created: o.timeCreated, updated: o.timeUpdated, name: o.name }));
  }

  delete(kind: ValidationKind, workspaceId: string, key: string, ifMatch?: string): void {
    this.ctx.db.transaction(() => {
      this.workspaces.requireActive(workspaceId);
      checkEtag(this.get(kind, workspaceId, key), ifMatch, `${LABEL[kind].toLowerCase()} ${key}`);
      this.design.objects.remove(workspaceId, kind, '', key);
    })();
  }

  // ---- an application's detailed description (one per application)

  private description(workspaceId: string, applicationKey: string): DisObject | null {
    return this.design.objects.get(workspaceId, 'detailedDescription', applicationKey, applicationKey);
  }

  private requireApp(workspaceId: string, applicationKey: string, write: boolean): DisObject {
    if (write) this.workspaces.requireActive(workspaceId);
    else this.workspaces.requireReadable(workspaceId);
    const app = this.design.objects.get(workspaceId, 'application', '', applicationKey);
    if (!app) throw notFound(`Application ${applicationKey} not found in workspace ${workspaceId}`);
    return app;
  }

  getDescription(workspaceId: string, applicationKey: string): DisObject {
    this.requireApp(workspaceId, applicationKey, false);
    const d = this.description(workspaceId, applicationKey);
    if (!d) throw notFound(`Application ${applicationKey} has no detailed description`);
    return d;
  }

  /** create: only when there is none yet; update: only when there is one. */
  putDescription(workspaceId: string, applicationKey: string, body: Doc, actor: Actor, mode: 'create' | 'update', ifMatch?: string): DisObject {
    return this.ctx.db.transaction(() => {
      const app = this.requireApp(workspaceId, applicationKey, true);
      const current = this.description(workspaceId, applicationKey);
      if (mode === 'create' && current) throw conflict(`Application ${applicationKey} already has a detailed description; change it with PUT`);
      if (mode === 'update' && !current) throw notFound(`Application ${applicationKey} has no detailed description; create it with POST`);
      if (current) checkEtag(current, ifMatch, `the detailed description of application ${applicationKey}`);
      const now = this.ctx.clock.nowIso();
      const version = (current?.objectVersion ?? 0) + 1;
      const doc: Doc = {
        modelType: 'DETAILED_DESCRIPTION',
        key: applicationKey,
        modelVersion: MODEL_VERSION,
        parentRef: { parent: applicationKey, rootDocId: null },
        name: app.name,
        objectVersion: version,
        objectStatus: OBJECT_STATUS,
        identifier: app.identifier,
        logo: body.logo ?? (mode === 'update' ? current?.doc.logo ?? null : null),
        detailedDescription: body.detailedDescription ?? (mode === 'update' ? current?.doc.detailedDescription ?? null : null),
        metadata: { createdBy: current?.doc.metadata?.createdBy ?? actor.id, updatedBy: actor.id, timeCreated: current?.timeCreated ?? now, timeUpdated: now, aggregatorKey: applicationKey },
      };
      const row = { workspaceId, kind: 'detailedDescription' as const, scopeKey: applicationKey, key: applicationKey, aggregatorKey: null, name: app.name, identifier: app.identifier, modelType: 'DETAILED_DESCRIPTION', objectVersion: version, timeCreated: current?.timeCreated ?? now, timeUpdated: now, doc };
      return current ? this.design.objects.update(row) : this.design.objects.insert(row);
    })();
  }

  deleteDescription(workspaceId: string, applicationKey: string, ifMatch?: string): void {
    this.ctx.db.transaction(() => {
      this.requireApp(workspaceId, applicationKey, true);
      const current = this.description(workspaceId, applicationKey);
      if (!current) throw notFound(`Application ${applicationKey} has no detailed description`);
      checkEtag(current, ifMatch, `the detailed description of application ${applicationKey}`);
      this.design.objects.remove(workspaceId, 'detailedDescription', applicationKey, applicationKey);
    })();
  }
}
