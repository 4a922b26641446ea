/**
 * Validations of user-defined functions (the function is sent inline) and of
 * a task's readiness for external publication (the task is in the path).
 * Both are kept so they can be listed, read back and deleted. The checks are
 * structural: a function needs a name, a DIS identifier, at least one
 * signature with a return type, and an expression; a publication needs an
 * integration task that carries a data flow.
 */
import type { AppContext } from '../../core/context';
import { notFound } from '../../core/errors';
import { sortAndPage, type ListQuery, type ListResult } from './common';
import type { Actor } from './design';
import type { DisExternalPublications } from './external-publications';
import { PUBLISHABLE_TASK_TYPES } from './external-publications';
import type { DisObject, DisObjects, Doc } from './objects';
import { checkEtag, type DisWorkspaces } from './workspaces';
import { validationCounts, validationDoc, type Finding } from './validations';

export type FunctionValidationKind = 'userDefinedFunctionValidation' | 'externalPublicationValidation';

const LABEL: Record<FunctionValidationKind, string> = {
  userDefinedFunctionValidation: 'User defined function validation',
  externalPublicationValidation: 'External publication validation',
};
/** GUESS: the SDK types modelType as a free string. */
const MODEL_TYPE: Record<FunctionValidationKind, string> = {
  userDefinedFunctionValidation: 'USER_DEFINED_FUNCTION_VALIDATION',
  externalPublicationValidation: 'EXTERNAL_PUBLICATION_VALIDATION',
};

function udfFindings(body: Doc): Finding[] {
  const out: Finding[] = [];
  const err = (messageKey: string, validationMessage: string) => out.push({ level: 'ERROR', messageKey, validationMessage });
  if (!body.name) err('NAME_REQUIRED', 'The function has no name');
  if (typeof body.identifier !== 'string' || !/^[A-Z_][A-Z0-9_]*$/.test(body.identifier)) err('IDENTIFIER_INVALID', `Identifier '${String(body.identifier ?? '')}' must use upper case letters, digits and underscores, starting with a letter or underscore`);
  const signatures = Array.isArray(body.signatures) ? (body.signatures as Doc[]) : [];
  if (signatures.length === 0) err('SIGNATURE_REQUIRED', 'The function has no signature (signatures)');
  signatures.forEach((s, i) => {
    if (!s?.retType) err('RETURN_TYPE_REQUIRED', `Signature ${i} (${String(s?.name ?? 'unnamed')}) has no return type (retType)`);
    if (!Array.isArray(s?.arguments) || s.arguments.length === 0) out.push({ level: 'WARN', messageKey: 'NO_ARGUMENTS', validationMessage: `Signature ${i} (${String(s?.name ?? 'unnamed')}) takes no arguments` });
  });
  if (typeof body.expr?.exprString !== 'string' || !body.expr.exprString.trim()) err('EXPRESSION_REQUIRED', 'The function has no expression (expr.exprString)');
  return out;
}

function publicationFindings(task: DisObject): Finding[] {
  const out: Finding[] = [];
  if (!PUBLISHABLE_TASK_TYPES.includes(task.modelType)) out.push({ level: 'ERROR', messageKey: 'TASK_TYPE_NOT_PUBLISHABLE', validationMessage: `A ${task.modelType} cannot be published to OCI Data Flow; use ${PUBLISHABLE_TASK_TYPES.join(', ')}` });
  else if (!task.doc.dataFlow) out.push({ level: 'ERROR', messageKey: 'TASK_INCOMPLETE', validationMessage: 'The task has no data flow (dataFlow) to publish' });
  return out;
}

export class DisFunctionValidations {
  constructor(
    private readonly ctx: AppContext,
    private readonly workspaces: DisWorkspaces,
    private readonly objects: DisObjects,
    private readonly publications: DisExternalPublications,
  ) {}

  /** Validate a function sent inline (scope ''), or the task `taskKey` (scope = task key). */
  create(kind: FunctionValidationKind, workspaceId: string, body: Doc, actor: Actor, taskKey?: string): DisObject {
    return this.ctx.db.transaction(() => {
      const key = this.ctx.ids.uuid();
      const now = this.ctx.clock.nowIso();
      let doc: Doc;
      let name: string;
      let identifier: string;
      if (kind === 'externalPublicationValidation') {
        const task = this.publications.task(workspaceId, taskKey!, true);
        name = task.name;
        identifier = task.identifier;
        doc = { ...validationCounts(publicationFindings(task), task.key), key };
      } else {
        this.workspaces.requireActive(workspaceId);
        name = String(body.name ?? LABEL[kind]);
        identifier = typeof body.identifier === 'string' ? body.identifier : 'VALIDATION';
        const result = validationCounts(udfFindings(body), body.key ?? identifier);
        doc = validationDoc({ result, key, modelType: MODEL_TYPE[kind], parent: body.parentRef?.parent ?? null, name, description: body.description, identifier, actor, now });
      }
      return this.objects.insert({ workspaceId, kind, scopeKey: taskKey ?? '', key, aggregatorKey: null, name, identifier, modelType: MODEL_TYPE[kind], objectVersion: 1, timeCreated: now, timeUpdated: now, doc });
    })();
  }

  private scope(kind: FunctionValidationKind, workspaceId: string, taskKey: string | undefined, write: boolean): string {
    if (kind === 'externalPublicationValidation') return this.publications.task(workspaceId, taskKey!, write).key;
    if (write) this.workspaces.requireActive(workspaceId);
    else this.workspaces.requireReadable(workspaceId);
    return '';
  }

  get(kind: FunctionValidationKind, workspaceId: string, key: string, taskKey?: string): DisObject {
    const scope = this.scope(kind, workspaceId, taskKey, false);
    const o = this.objects.get(workspaceId, kind, scope, key);
    if (!o) throw notFound(`${LABEL[kind]} ${key} not found in ${taskKey ? `task ${taskKey} of ` : ''}workspace ${workspaceId}`);
    return o;
  }

  list(kind: FunctionValidationKind, workspaceId: string, f: { key?: string; name?: string; identifier?: string | string[] }, q: ListQuery, taskKey?: string): ListResult<DisObject> {
    const scope = this.scope(kind, workspaceId, taskKey, false);
    const rows = this.objects.list(workspaceId, kind, scope).filter((o) => (!f.key || o.key === f.key) && (!f.name || o.name === f.name) && (!f.identifier || f.identifier.length === 0 || [f.identifier].flat().includes(o.identifier)));
    return sortAndPage(rows, q, (o) => ({ seq: o.seq, created: o.timeCreated, updated: o.timeUpdated, name: o.name }));
  }

  delete(kind: FunctionValidationKind, workspaceId: string, key: string, ifMatch?: string, taskKey?: string): void {
    this.ctx.db.transaction(() => {
      const scope = this.scope(kind, workspaceId, taskKey, true);
      const o = this.get(kind, workspaceId, key, taskKey);
      checkEtag(o, ifMatch, `${LABEL[kind].toLowerCase()} ${key}`);
      this.objects.remove(workspaceId, kind, scope, key);
    })();
  }
}
