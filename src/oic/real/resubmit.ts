/**
 * Resubmission of errored instances (POST /monitoring/errors/resubmit),
 * HTTP-free. Every id must name an execution (404 listing the unknown ones,
 * before anything runs). Each FAILED execution that was not resubmitted yet
 * re-runs through the runtime's run-now (a new execution, source RUN_NOW,
 * with the same tracking values as parameters) and is recorded with the
 * recovery job id, in one transaction per instance. The others are reported
 * with the reason; when none could be resubmitted the request is a 412.
 */
import type { AppContext } from '../../core/context';
import { ApiError, notFound, preconditionFailed } from '../../core/errors';
import type { Runtime } from '../../sim/runtime';
import type { RealMarks } from '../../store/oic/real-marks';
import { realInstanceStatus } from './status';

export interface ResubmitResult {
  acceptedIds: string[];
  recoveryJobId: string;
  resubmitRequested: true;
  resubmittedFailedInstances: Array<{ id: string; reason: string }>;
  resubmittedInstancesCount: number;
  /** The new instances, in the order of acceptedIds (an emulator addition). */
  newInstanceIds: string[];
}

/** A 22-character job id from the seeded id generator (the shape of instance ids). */
function recoveryJobId(ctx: AppContext): string {
  return Buffer.from(ctx.ids.hex(32), 'hex').toString('base64url');
}

export function resubmit(ctx: AppContext, runtime: Runtime, marks: RealMarks, ids: string[]): ResubmitResult {
  const unique = [...new Set(ids)];
  const executions = unique.map((id) => ({ id, e: runtime.executions.get(id) }));
  const unknown = executions.filter((x) => !x.e).map((x) => x.id);
  if (unknown.length) throw notFound(`No instance with id ${unknown.map((id) => `'${id}'`).join(', ')}; nothing was resubmitted`);
  const jobId = recoveryJobId(ctx);
  const result: ResubmitResult = {
    acceptedIds: [], recoveryJobId: jobId, resubmitRequested: true, resubmittedFailedInstances: [], resubmittedInstancesCount: 0, newInstanceIds: [],
  };
  for (const { id, e } of executions) {
    const failed = (reason: string) => result.resubmittedFailedInstances.push({ id, reason });
    if (e!.status !== 'FAILED') { failed(`instance is ${realInstanceStatus(e!.status)}, not FAILED`); continue; }
    const earlier = marks.resubmissionOf(id);
    if (earlier) { failed(`already resubmitted by recovery job ${earlier.jobId} (instance ${earlier.newExecutionId})`); continue; }
    try {
      const run = ctx.db.transaction(() => {
        const { execution } = runtime.runNow(e!.integrationId, e!.tracking.map((t) => ({ name: t.name, value: t.value })));
        marks.recordResubmission({ executionId: id, newExecutionId: execution.id, jobId, resubmittedAt: ctx.clock.now() });
        return execution;
      })();
      result.acceptedIds.push(id);
      result.newInstanceIds.push(run.id);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      failed(err.message);
    }
  }
  result.resubmittedInstancesCount = result.acceptedIds.length;
  if (result.acceptedIds.length === 0) {
    throw preconditionFailed(`None of the instances could be resubmitted: ${result.resubmittedFailedInstances.map((f) => `${f.id}: ${f.reason}`).join('; ')}`);
  }
  return result;
}
