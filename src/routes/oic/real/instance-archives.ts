/**
 * Cloning a service instance's design-time metadata, as Oracle's "Clone
 * Instance" operations do it: POST /ic/api/common/v1/exportServiceInstanceArchive
 * and .../importServiceInstanceArchive accept a job (202, Location to poll),
 * GET .../{jobId} answers its status; the job moves on the emulator clock
 * (src/oic/sia/ticker.ts).
 *
 * Oracle writes the archive to the Object Storage bucket of `storageInfo`;
 * the emulator keeps it itself, under the export's jobName (what Oracle's
 * import names as `archiveFile`), in a store on the app's own database so
 * every service instance can import it. GET/PUT
 * /ic/api/common/v1/serviceInstanceArchives/{archiveFile} (emulator only)
 * download it, or upload one exported by another emulator.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { badRequest } from '../../../core/errors';
import { op } from '../../../openapi/routes';
import { loadSpec } from '../../../openapi/spec';
import { callerName } from '../../../oic/links';
import { PATH_OF, jobView } from '../dialects/oracle/instance-archives';
import { buildInstanceArchive, readInstanceArchive } from '../../../oic/sia/archive';
import type { Stores } from '../../../store';
import { FINISH_AFTER_MS, START_AFTER_MS, SiaArchiveRepo, type SiaJob, type SiaJobDoc } from '../../../store/oic/sia-jobs';
import { readFileField, uploadOp } from '../upload';

const ARCHIVE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
export const IMPORT_MODES = ['importOnly', 'importActivate'] as const;

interface StorageInfo { storageUrl?: string; storageUser?: string; storagePassword?: string }
interface JobBody { jobName?: string; description?: string; archiveFile?: string; exportSecurityArtifacts?: boolean; importSecurityArtifacts?: boolean; importActivateMode?: string; storageInfo?: StorageInfo }

/** The stores and name of the service instance a request works on. */
const storesOf = (request: FastifyRequest): Stores => request.oic;
const instanceOf = (request: FastifyRequest): string => request.oic.name;

function archiveName(value: string | undefined, field: string): string {
  const v = value?.trim();
  if (!v) throw badRequest(`${field} is required`);
  if (!ARCHIVE_NAME.test(v)) throw badRequest(`${field} '${v}' must start with a letter or digit and hold only letters, digits, '.', '_' and '-' (at most 128)`);
  return v;
}

/** The options common to both jobs (storageInfo is recorded, its password never). */
function baseDoc(request: FastifyRequest, body: JobBody, jobName: string, archiveFile: string): SiaJobDoc {
  const s = body.storageInfo;
  if (s?.storageUrl !== undefined && !/^https?:\/\/[^\s/]+/.test(s.storageUrl)) throw badRequest(`storageInfo.storageUrl must be an http(s) URL of a bucket, got '${s.storageUrl}'`);
  return {
    jobName,
    archiveFile,
    ...(body.description ? { description: body.description } : {}),
    ...(s?.storageUrl ? { storageUrl: s.storageUrl } : {}),
    ...(s?.storageUser ? { storageUser: s.storageUser } : {}),
    createdBy: callerName(request),
  };
}

const accepted = (reply: FastifyReply, job: SiaJob) => reply.code(202).header('location', `${PATH_OF[job.kind]}/${job.jobId}`).send(jobView(job));

export default async function instanceArchiveRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('oic');
  const repo = new SiaArchiveRepo(app.ctx);

  op(app, spec, 'exportServiceInstanceArchive', async (request, reply) => {
    const s = storesOf(request);
    const body = request.body;
    const jobName = archiveName(body.jobName, 'jobName');
    const withSecrets = body.exportSecurityArtifacts === true;
    const now = app.ctx.clock.now();
    // The archive is what the instance holds when the job is accepted; it can be read once the job has completed.
    const { bytes, summary } = buildInstanceArchive(s, instanceOf(request), withSecrets, new Date(now));
    const job = s.siaJobs.create('EXPORT', { ...baseDoc(request, body, jobName, jobName), exportSecurityArtifacts: withSecrets, summary });
    repo.put(jobName, bytes, job.jobId, now + START_AFTER_MS + FINISH_AFTER_MS);
    return accepted(reply, job);
  });

  op(app, spec, 'importServiceInstanceArchive', async (request, reply) => {
    const s = storesOf(request);
    const body = request.body;
    const archiveFile = archiveName(body.archiveFile, 'archiveFile');
    const jobName = body.jobName?.trim() ? body.jobName.trim() : undefined;
    if (!jobName) throw badRequest('jobName is required');
    const mode = body.importActivateMode ?? 'importOnly';
    if (!(IMPORT_MODES as readonly string[]).includes(mode)) throw badRequest(`importActivateMode must be one of ${IMPORT_MODES.join(', ')}, got '${mode}'`);
    const bytes = repo.require(archiveFile);
    readInstanceArchive(bytes); // a bad archive is refused now, before a job exists
    const job = s.siaJobs.create('IMPORT', { ...baseDoc(request, body, jobName, archiveFile), importSecurityArtifacts: body.importSecurityArtifacts === true, importActivateMode: mode }, bytes);
    return accepted(reply, job);
  });

  op(app, spec, 'getExportServiceInstanceArchiveStatus', async (request) => jobView(storesOf(request).siaJobs.get('EXPORT', request.params.jobId)));
  op(app, spec, 'getImportServiceInstanceArchiveStatus', async (request) => jobView(storesOf(request).siaJobs.get('IMPORT', request.params.jobId)));

  op(app, spec, 'downloadServiceInstanceArchive', async (request, reply) => {
    const name = archiveName(request.params.archiveFile, 'archiveFile');
    const bytes = repo.require(name);
    return reply.code(200).header('content-type', 'application/octet-stream').header('content-disposition', `attachment; filename="${name}.zip"`).send(Buffer.from(bytes));
  });

  uploadOp(app, spec, 'uploadServiceInstanceArchive', async (request) => {
    const name = archiveName(request.params.archiveFile, 'archiveFile');
    const upload = await readFileField(request, 'service instance archive');
    const { manifest } = readInstanceArchive(new Uint8Array(upload.data));
    repo.put(name, new Uint8Array(upload.data), null);
    return {
      archiveFile: name,
      size: upload.data.length,
      exportedFrom: manifest.instance,
      exportedTime: manifest.exportedTime,
      contents: { projects: manifest.projects.length, connections: manifest.connections.length, lookups: manifest.lookups.length, integrations: manifest.integrations.length },
    };
  });
}
