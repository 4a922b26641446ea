/**
 * The wire shape of task runs: a new TaskRun document, the TaskRunSummary
 * and TaskRunDetails views, and the `filter=<field> eq|ne <value>` parser of
 * listTaskRuns.
 */
import { badRequest } from '../../core/errors';
import { MODEL_VERSION, OBJECT_STATUS } from './common';
import type { Actor } from './design';
import type { DisObject, Doc } from './objects';
import type { TaskRunRow } from './task-runs';

/** filter=<field> eq|ne <value> (the SDK documents `?filter=status eq Failed`). */
const FILTER_FIELDS: Record<string, (r: TaskRunRow) => string> = {
  status: (r) => r.status,
  taskType: (r) => r.task_type,
  name: (r) => r.name,
  identifier: (r) => r.identifier,
  taskKey: (r) => r.task_key,
  key: (r) => r.key,
};

const SUMMARY_FIELDS = ['key', 'modelType', 'modelVersion', 'parentRef', 'name', 'description', 'objectVersion', 'status', 'startTimeMillis', 'endTimeMillis', 'lastUpdated', 'recordsWritten', 'bytesProcessed', 'objectStatus', 'taskType', 'identifier', 'refTaskRunId', 'reRunType', 'stepId', 'inputs', 'metadata'];

export interface NewRun {
  key: string;
  now: number;
  applicationKey: string;
  task: DisObject;
  body: Doc;
  actor: Actor;
  opcRequestId?: string;
  taskSchedule?: Doc | null;
}

/** A TaskRun as createTaskRun returns it: NOT_STARTED, times in epoch ms. */
export function newTaskRunDoc({ key, now, applicationKey, task, body, actor, opcRequestId, taskSchedule }: NewRun): Doc {
  const bindings = body.configProvider?.bindings ?? {};
  const nowIso = new Date(now).toISOString();
  return {
    key,
    modelType: 'TASK_RUN',
    modelVersion: body.modelVersion ?? MODEL_VERSION,
    parentRef: { parent: applicationKey, rootDocId: null },
    name: body.name ?? `${task.name}_${now}`,
    description: body.description ?? null,
    objectVersion: 1,
    configProvider: { bindings, childProviders: {} },
    status: 'NOT_STARTED',
    startTimeMillis: null,
    endTimeMillis: null,
    lastUpdated: now,
    recordsWritten: 0,
    bytesProcessed: 0,
    errorMessage: null,
    expectedDuration: taskSchedule?.expectedDuration ?? null,
    expectedDurationUnit: taskSchedule?.expectedDurationUnit ?? null,
    taskKey: task.key,
    externalId: null,
    retryAttempt: 0,
    taskSchedule: taskSchedule ?? null,
    metrics: {},
    outputs: {},
    executionErrors: [],
    terminationErrors: [],
    authMode: 'OBO',
    opcRequestId: opcRequestId ?? null,
    objectStatus: OBJECT_STATUS,
    taskType: task.modelType,
    isLogProcessingInProgress: false,
    identifier: body.identifier ?? task.identifier,
    refTaskRunId: body.refTaskRunId ?? null,
    reRunType: body.reRunType ?? null,
    stepId: body.stepId ?? null,
    inputs: bindings,
    metadata: {
      createdBy: actor.id,
      createdByName: actor.id,
      updatedBy: actor.id,
      updatedByName: actor.id,
      timeCreated: nowIso,
      timeUpdated: nowIso,
      aggregatorKey: task.key,
      aggregator: { type: task.modelType, key: task.key, name: task.name, identifier: task.identifier, description: task.doc.description ?? null },
      identifierPath: `${task.identifier}/${body.identifier ?? task.identifier}`,
      infoFields: {},
      registryVersion: 0,
      labels: [],
      isFavorite: false,
    },
    keyMap: {},
  };
}

export function parseFilter(expr: string): (r: TaskRunRow) => boolean {
  const m = /^\s*(\w+)\s+(eq|ne)\s+(.+?)\s*$/i.exec(expr);
  const field = m && Object.keys(FILTER_FIELDS).find((f) => f.toLowerCase() === m[1].toLowerCase());
  if (!m || !field) {
    throw badRequest(`filter '${expr}' is not understood: use '<field> eq <value>' or '<field> ne <value>' with field one of ${Object.keys(FILTER_FIELDS).join(', ')}`);
  }
  const value = m[3].replace(/^['"]|['"]$/g, '').toLowerCase();
  const get = FILTER_FIELDS[field];
  const eq = m[2].toLowerCase() === 'eq';
  return (r) => (get(r).toLowerCase() === value) === eq;
}

export function summary(doc: Doc): Doc {
  const out: Doc = {};
  for (const f of SUMMARY_FIELDS) if (doc[f] !== undefined) out[f] = doc[f];
  return out;
}

/** updateTaskRun answers with TaskRunDetails: the summary fields. */
export function details(doc: Doc): Doc {
  return summary(doc);
}
