/**
 * Views over an application's finished and running task runs:
 * - composite state: how the runs of a task, a task schedule or a pipeline
 *   operator stand (a count and the latest time per status);
 * - task run lineages: one per finished run, with the data flow it ran, for
 *   clients that trace which run moved which data.
 */
import { badRequest, notFound } from '../../core/errors';
import { etagOf, isoOf, MODEL_VERSION, OBJECT_STATUS, sortAndPage, type ListQuery, type ListResult } from './common';
import type { DisApplications } from './applications';
import { hashKey } from './catalog-sim/sources';
import type { DesignObjects } from './design';
import type { Doc } from './objects';
import type { DisRunRows } from './run-rows';
import type { DisRuntimePipelines } from './runtime-pipelines';
import type { TaskRunRow } from './task-runs';

const FINISHED = ['SUCCESS', 'ERROR', 'TERMINATED'];

export interface LineageFilter {
  filter?: string[];
  updatedAfter?: number;
  updatedFrom?: number;
  updatedBefore?: number;
  updatedUntil?: number;
}

export class DisRunStates {
  constructor(private readonly applications: DisApplications, private readonly design: DesignObjects, private readonly runs: DisRunRows, private readonly pipelines: DisRuntimePipelines) {}

  compositeState(workspaceId: string, applicationKey: string, aggregatorKey: string): { doc: Doc; etag: string } {
    const app = this.applications.requireApplication(workspaceId, applicationKey, false);
    if (!aggregatorKey) throw badRequest('aggregatorKey is required: the key of a published task, a task schedule or a pipeline operator', { code: 'MissingParameter' });
    const objects = this.design.objects;
    const rows = this.runs.rows(workspaceId, applicationKey);
    let kind: 'TASK' | 'TASK_SCHEDULE' | 'TASK_OPERATOR';
    let subject: { name: string; identifier: string };
    let states: Array<{ status: string; at: number }>;
    const task = objects.get(workspaceId, 'publishedObject', applicationKey, aggregatorKey);
    const schedule = task ? null : objects.get(workspaceId, 'taskSchedule', applicationKey, aggregatorKey);
    if (task) {
      kind = 'TASK';
      subject = task;
      states = rows.filter((r) => r.task_key === aggregatorKey).map(at);
    } else if (schedule) {
      kind = 'TASK_SCHEDULE';
      subject = schedule;
      states = rows.filter((r) => (JSON.parse(r.doc) as Doc).taskSchedule?.key === aggregatorKey).map(at);
    } else {
      const ops = this.pipelines.allOperators(workspaceId, applicationKey).filter((o) => o.key === aggregatorKey || o.operator?.key === aggregatorKey);
      if (!ops.length) throw notFound(`No published task, task schedule or pipeline operator with key ${aggregatorKey} in application ${applicationKey}`);
      kind = 'TASK_OPERATOR';
      subject = { name: ops[0].name, identifier: ops[0].identifier };
      states = ops.map((o) => ({ status: o.status, at: o.endTimeInMillis ?? o.startTimeInMillis ?? 0 }));
    }
    const allStatesMap: Record<string, Doc> = {};
    for (const s of states) {
      const entry = allStatesMap[s.status] ?? { name: s.status, parameterValue: { simpleValue: 0 }, timeValue: null };
      entry.parameterValue.simpleValue += 1;
      if (s.at && (!entry.timeValue || Date.parse(entry.timeValue) < s.at)) entry.timeValue = isoOf(s.at);
      allStatesMap[s.status] = entry;
    }
    const doc: Doc = {
      compositeStateAggregator: kind,
      key: hashKey('compositeState', applicationKey, aggregatorKey),
      modelType: 'COMPOSITE_STATE',
      modelVersion: MODEL_VERSION,
      parentRef: { parent: applicationKey, rootDocId: null },
      name: subject.name,
      identifier: subject.identifier,
      description: `State of the runs of ${kind.toLowerCase().replace('_', ' ')} ${subject.name}`,
      objectVersion: 1,
      objectStatus: OBJECT_STATUS,
      allStatesMap,
      registryMetadata: { aggregatorKey, labels: [], isFavorite: false },
      metadata: { ...(app.doc.metadata ?? {}), aggregatorKey },
    };
    return { doc, etag: etagOf(doc) };
  }

  lineages(workspaceId: string, applicationKey: string, f: LineageFilter, q: ListQuery): ListResult<Doc> {
    this.applications.requireApplication(workspaceId, applicationKey, false);
    const rows = this.runs.rows(workspaceId, applicationKey, { filter: f.filter }).filter((r) => {
      if (!FINISHED.includes(r.status)) return false;
      if (f.updatedAfter !== undefined && !(r.time_updated > f.updatedAfter)) return false;
      if (f.updatedFrom !== undefined && !(r.time_updated >= f.updatedFrom)) return false;
      if (f.updatedBefore !== undefined && !(r.time_updated < f.updatedBefore)) return false;
      if (f.updatedUntil !== undefined && !(r.time_updated <= f.updatedUntil)) return false;
      return true;
    });
    const page = sortAndPage(rows, q, (r) => ({ seq: r.seq, created: r.time_created, updated: r.time_updated, name: r.name }));
    return { items: page.items.map((r) => this.lineage(r)), total: page.total };
  }

  private lineage(row: TaskRunRow): Doc {
    const run = JSON.parse(row.doc) as Doc;
    const task = this.runs.task(row.workspace_id, row.application_key, row.task_key);
    return {
      key: row.key,
      modelType: 'TASK_RUN_LINEAGE',
      modelVersion: MODEL_VERSION,
      parentRef: { parent: row.application_key, rootDocId: null },
      name: row.name,
      description: run.description ?? null,
      objectVersion: run.objectVersion ?? 1,
      taskName: task?.name ?? run.metadata?.aggregator?.name ?? null,
      taskType: row.task_type,
      taskKey: row.task_key,
      isLineageGenCompleted: true,
      taskExecutionStatus: row.status,
      flow: row.task_type === 'INTEGRATION_TASK' ? this.runs.resolve(row.workspace_id, 'dataFlow', task?.dataFlow) : null,
      metadata: run.metadata,
    };
  }
}

function at(r: TaskRunRow): { status: string; at: number } {
  return { status: r.status, at: r.time_updated };
}
