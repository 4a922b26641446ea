/**
 * A service-instance archive job (export or import) as its status path
 * answers it, with links to itself and to the archive it reads or writes.
 */
import { OIC_COMMON } from '../../../../oic/links';
import type { SiaJob, SiaKind } from '../../../../store/oic/sia-jobs';

/** Where each kind of job is started and polled. */
export const PATH_OF: Record<SiaKind, string> = { EXPORT: `${OIC_COMMON}/exportServiceInstanceArchive`, IMPORT: `${OIC_COMMON}/importServiceInstanceArchive` };

/** The status answer (Oracle documents only "an object": these fields are the emulator's). */
export function jobView(job: SiaJob) {
  const d = job.doc;
  const security = job.kind === 'EXPORT' ? { exportSecurityArtifacts: d.exportSecurityArtifacts ?? false } : { importSecurityArtifacts: d.importSecurityArtifacts ?? false, importActivateMode: d.importActivateMode ?? 'importOnly' };
  return {
    jobId: job.jobId,
    jobName: d.jobName,
    jobType: job.kind,
    status: job.status,
    description: d.description ?? '',
    archiveFile: d.archiveFile,
    ...security,
    ...(d.storageUrl ? { storageInfo: { storageUrl: d.storageUrl, ...(d.storageUser ? { storageUser: d.storageUser } : {}) } } : {}),
    createdBy: d.createdBy,
    createdTime: job.createdTime,
    ...(d.startTime ? { startTime: d.startTime } : {}),
    ...(d.endTime ? { endTime: d.endTime } : {}),
    ...(d.message ? { message: d.message } : {}),
    ...(d.summary ? { summary: d.summary } : {}),
    links: [
      { rel: 'self', href: `${PATH_OF[job.kind]}/${job.jobId}` },
      { rel: 'archive', href: `${OIC_COMMON}/serviceInstanceArchives/${encodeURIComponent(d.archiveFile)}` },
    ],
  };
}
