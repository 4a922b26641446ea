/**
 * Moves service-instance archive jobs on the emulator clock: NOT_STARTED ->
 * IN_PROGRESS -> COMPLETED or FAILED (src/store/oic/sia-jobs.ts has the
 * timing). An export's archive was taken when it was accepted and becomes
 * readable when it completes; an import is applied when it completes, in one
 * transaction, so a failure (an active integration in the way, a connection
 * whose adapter type differs) writes nothing and is the job's message.
 */
import type { Ticker } from '../../core/clock';
import type { AppContext } from '../../core/context';
import { ApiError } from '../../core/errors';
import type { SiaJob, SiaJobStore } from '../../store/oic/sia-jobs';
import { applyInstanceArchive, readInstanceArchive, type SiaStores } from './archive';

export function siaTicker(ctx: AppContext, stores: SiaStores & { siaJobs: SiaJobStore }): Ticker {
  const jobs = stores.siaJobs;
  const finishImport = (job: SiaJob, at: number) => {
    const iso = new Date(at).toISOString();
    const bytes = jobs.archiveOf(job.jobId);
    try {
      const summary = ctx.db.transaction(() => applyInstanceArchive(stores, readInstanceArchive(bytes ?? new Uint8Array()), {
        caller: job.doc.createdBy,
        withSecrets: job.doc.importSecurityArtifacts === true,
        activate: job.doc.importActivateMode === 'importActivate',
      }))();
      jobs.step(job, 'COMPLETED', at, { endTime: iso, summary, message: `Imported ${summary.integrations} integration(s), ${summary.connections} connection(s), ${summary.lookups} lookup(s) and ${summary.projects} project(s) from '${job.doc.archiveFile}'` });
    } catch (e) {
      const message = e instanceof ApiError ? e.message : String((e as Error).message ?? e);
      jobs.step(job, 'FAILED', at, { endTime: iso, message: `Import of '${job.doc.archiveFile}' failed, nothing was imported: ${message}` });
    }
  };
  return {
    name: 'oic-service-instance-archives',
    nextDue: () => jobs.nextDue(),
    runDue: (now) => {
      for (const job of jobs.dueJobs(now)) {
        const at = job.dueAt!;
        if (job.status === 'NOT_STARTED') jobs.step(job, 'IN_PROGRESS', at, { startTime: new Date(at).toISOString() });
        else if (job.kind === 'IMPORT') finishImport(job, at);
        else jobs.step(job, 'COMPLETED', at, { endTime: new Date(at).toISOString(), message: `Exported to '${job.doc.archiveFile}'` });
      }
    },
  };
}
