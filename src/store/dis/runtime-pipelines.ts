/**
 * Runtime pipelines and runtime operators: what a run of a PIPELINE_TASK
 * looks like while it executes. A runtime pipeline is keyed by its task run;
 * its operators are the pipeline's nodes (start, tasks, expressions, end),
 * each with a status and times laid out along the run's planned duration, so
 * a poller sees operators finish one after another as the clock moves and a
 * failed run shows which operator failed and which were skipped.
 */
import type { AppContext } from '../../core/context';
import { notFound } from '../../core/errors';
import { MODEL_VERSION, OBJECT_STATUS, sortAndPage, type ListQuery, type ListResult } from './common';
import type { DisApplications } from './applications';
import { hashKey } from './catalog-sim/sources';
import type { Doc } from './objects';
import type { DisRunRows, RunFilter } from './run-rows';
import type { TaskRunRow } from './task-runs';

const OPERATOR_TYPES = ['BASH_OPERATOR', 'TASK_OPERATOR', 'REST_OPERATOR', 'START_OPERATOR', 'END_OPERATOR', 'EXPRESSION_OPERATOR', 'MERGE_OPERATOR', 'DECISION_OPERATOR', 'LOOP_OPERATOR', 'ACTUAL_END_OPERATOR'];

export interface OperatorFilter {
  keys?: string[];
  name?: string;
  identifiers?: string[];
  /** operatorType values (TASK_OPERATOR...). */
  aggregatorTypes?: string[];
}

export class DisRuntimePipelines {
  constructor(private readonly ctx: AppContext, private readonly applications: DisApplications, private readonly runs: DisRunRows) {}

  list(workspaceId: string, applicationKey: string, f: RunFilter, q: ListQuery): ListResult<Doc> {
    this.applications.requireApplication(workspaceId, applicationKey, false);
    const rows = this.runs.rows(workspaceId, applicationKey, f).filter((r) => r.task_type === 'PIPELINE_TASK');
    const page = sortAndPage(rows, q, (r) => ({ seq: r.seq, created: r.time_created, updated: r.time_updated, name: r.name }));
    return { items: page.items.map((r) => this.view(r)), total: page.total };
  }

  get(workspaceId: string, applicationKey: string, runtimePipelineKey: string): Doc {
    this.applications.requireApplication(workspaceId, applicationKey, false);
    return this.view(this.row(workspaceId, applicationKey, runtimePipelineKey));
  }

  listOperators(workspaceId: string, applicationKey: string, runtimePipelineKey: string, f: OperatorFilter, q: ListQuery): ListResult<Doc> {
    this.applications.requireApplication(workspaceId, applicationKey, false);
    const ops = this.operators(this.row(workspaceId, applicationKey, runtimePipelineKey)).filter((o) => {
      if (f.keys?.length && !f.keys.includes(o.key)) return false;
      if (f.name !== undefined && o.name !== f.name) return false;
      if (f.identifiers?.length && !f.identifiers.includes(o.identifier)) return false;
      if (f.aggregatorTypes?.length && !f.aggregatorTypes.includes(o.operatorType)) return false;
      return true;
    });
    // Without sortBy: execution order (start first, end last), as a pipeline view shows them.
    if (!q.sortBy) {
      const ordered = q.sortOrder === 'DESC' ? [...ops].reverse() : ops;
      return { items: ordered.slice(q.offset, q.offset + q.limit), total: ops.length };
    }
    const seq = new Map(ops.map((o, i) => [o.key, i]));
    return sortAndPage(ops, q, (o) => ({ seq: seq.get(o.key)!, created: o.startTimeInMillis ?? 0, updated: o.endTimeInMillis ?? o.startTimeInMillis ?? 0, name: o.name }));
  }

  getOperator(workspaceId: string, applicationKey: string, runtimePipelineKey: string, runtimeOperatorKey: string): Doc {
    this.applications.requireApplication(workspaceId, applicationKey, false);
    const op = this.operators(this.row(workspaceId, applicationKey, runtimePipelineKey)).find((o) => o.key === runtimeOperatorKey);
    if (!op) throw notFound(`Runtime operator ${runtimeOperatorKey} not found in runtime pipeline ${runtimePipelineKey}`);
    return op;
  }

  /** Every runtime operator of every pipeline run of the application (composite states read them). */
  allOperators(workspaceId: string, applicationKey: string): Doc[] {
    return this.runs.rows(workspaceId, applicationKey).filter((r) => r.task_type === 'PIPELINE_TASK').flatMap((r) => this.operators(r));
  }

  private row(workspaceId: string, applicationKey: string, key: string): TaskRunRow {
    const row = this.runs.rows(workspaceId, applicationKey, { keys: [key] })[0];
    if (!row || row.task_type !== 'PIPELINE_TASK') {
      throw notFound(`Runtime pipeline ${key} not found in application ${applicationKey}: a runtime pipeline's key is the key of a task run of a PIPELINE_TASK`);
    }
    return row;
  }

  private pipeline(row: TaskRunRow): Doc {
    const task = this.runs.task(row.workspace_id, row.application_key, row.task_key);
    return this.runs.resolve(row.workspace_id, 'pipeline', task?.pipeline) ?? { key: null, modelType: 'PIPELINE', name: row.name, nodes: [] };
  }

  private view(row: TaskRunRow): Doc {
    return { pipeline: this.pipeline(row), runtimeOperators: this.operators(row), parentRuntimeOperatorKey: null };
  }

  /** The pipeline's operators, start first and end last (a pipeline without nodes still runs a start and an end). */
  private operators(row: TaskRunRow): Doc[] {
    const nodes = (Array.isArray(this.pipeline(row).nodes) ? this.pipeline(row).nodes : []).filter((n: Doc) => n && typeof n === 'object' && n.operator && typeof n.operator === 'object') as Doc[];
    const rank = (n: Doc) => (n.operator.modelType === 'START_OPERATOR' ? 0 : n.operator.modelType === 'END_OPERATOR' ? 2 : 1);
    const ordered = [...nodes].sort((a, b) => rank(a) - rank(b));
    if (!ordered.some((n) => n.operator.modelType === 'START_OPERATOR')) ordered.unshift({ key: 'START', name: 'START', operator: { modelType: 'START_OPERATOR', key: 'START', name: 'START', identifier: 'START' } });
    if (!ordered.some((n) => n.operator.modelType === 'END_OPERATOR')) ordered.push({ key: 'END', name: 'END', operator: { modelType: 'END_OPERATOR', key: 'END', name: 'END', identifier: 'END' } });
    const run = JSON.parse(row.doc) as Doc;
    const plan = JSON.parse(row.plan) as { runningMs: number; outcome: string };
    const n = ordered.length;
    const start = run.startTimeMillis as number | null;
    const end = run.endTimeMillis as number | null;
    // The planned duration, not the actual one: a cancelled run ends part-way through it.
    const span = plan.runningMs;
    const now = this.ctx.clock.now();
    // The operator that fails an ERROR run: the last one before END.
    const failing = row.status === 'ERROR' ? n - 2 : -1;
    return ordered.map((node, i) => {
      const opStart = start === null ? null : start + Math.floor((span * i) / n);
      const opEnd = start === null ? null : start + Math.floor((span * (i + 1)) / n);
      const [status, executionState] = this.stateOf(row.status, i, failing, opStart, opEnd, end ?? now);
      const operator = node.operator as Doc;
      const name = String(operator.name ?? node.name ?? operator.modelType);
      const operatorType = OPERATOR_TYPES.includes(operator.modelType) ? operator.modelType : 'TASK_OPERATOR';
      const started = status !== 'NOT_STARTED';
      return {
        key: hashKey(row.key, String(node.key ?? operator.key ?? i)),
        taskRunKey: row.key,
        startTimeInMillis: started ? opStart : null,
        endTimeInMillis: started && ['SUCCESS', 'ERROR', 'TERMINATED'].includes(status) ? Math.min(opEnd!, end ?? opEnd!) : null,
        status,
        modelType: 'RUNTIME_OPERATOR',
        modelVersion: MODEL_VERSION,
        parentRef: { parent: row.key, rootDocId: null },
        name,
        objectVersion: 1,
        identifier: String(operator.identifier ?? name.toUpperCase().replace(/[^A-Z0-9_]/g, '_')),
        executionState,
        parameters: [],
        objectStatus: OBJECT_STATUS,
        metadata: { ...run.metadata, aggregatorKey: row.key, aggregator: { type: 'TASK_RUN', key: row.key, name: row.name, identifier: row.identifier } },
        operator,
        inputs: {},
        outputs: {},
        ...(operator.task?.modelType ? { taskType: operator.task.modelType } : {}),
        configProvider: { bindings: {}, childProviders: {} },
        operatorType,
        metrics: started && opEnd !== null ? { DURATION: Math.max(0, Math.min(opEnd, end ?? now) - opStart!) } : {},
      };
    });
  }

  private stateOf(runStatus: string, i: number, failing: number, opStart: number | null, opEnd: number | null, until: number): [string, string] {
    if (opStart === null || opEnd === null || runStatus === 'NOT_STARTED' || runStatus === 'QUEUED') return ['NOT_STARTED', 'NOT_STARTED'];
    if (runStatus === 'SUCCESS') return ['SUCCESS', 'SUCCESS'];
    if (runStatus === 'ERROR') return i < failing ? ['SUCCESS', 'SUCCESS'] : i === failing ? ['ERROR', 'ERROR'] : ['NOT_STARTED', 'SKIPPED'];
    if (opEnd <= until) return ['SUCCESS', 'SUCCESS'];
    if (opStart <= until) return runStatus === 'RUNNING' ? ['RUNNING', 'RUNNING'] : runStatus === 'TERMINATING' ? ['TERMINATING', 'RUNNING'] : ['TERMINATED', 'TERMINATED'];
    return runStatus === 'TERMINATED' ? ['NOT_STARTED', 'SKIPPED'] : ['NOT_STARTED', 'NOT_STARTED'];
  }
}
