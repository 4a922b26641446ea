/**
 * Export/import jobs of a service instance's design-time metadata, and the
 * archives exports leave behind. A job moves on the emulator clock (see
 * src/oic/sia/ticker.ts): NOT_STARTED when accepted, IN_PROGRESS one second
 * later, COMPLETED or FAILED two seconds after that. `due_at` is the instant
 * of its next step (null once finished), so the ticker finds due jobs by index.
 *
 * The archives live in a store of their own because Oracle writes them to an
 * Object Storage bucket, outside any instance: the routes build it on the
 * app's database, so an archive exported by one service instance can be
 * imported into another.
 */
import type { AppContext } from '../../core/context';
import { conflict, notFound } from '../../core/errors';

export type SiaKind = 'EXPORT' | 'IMPORT';
export type SiaStatus = 'NOT_STARTED' | 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';

/** What a job records beside its status (the request's options, the outcome). */
export interface SiaJobDoc {
  jobName: string;
  description?: string;
  archiveFile: string;
  exportSecurityArtifacts?: boolean;
  importSecurityArtifacts?: boolean;
  importActivateMode?: string;
  storageUrl?: string;
  storageUser?: string;
  createdBy: string;
  startTime?: string;
  endTime?: string;
  message?: string;
  /** Counts of what the archive holds (export) or what was written (import). */
  summary?: Record<string, number>;
}

export interface SiaJob { jobId: string; kind: SiaKind; status: SiaStatus; createdTime: string; dueAt: number | null; doc: SiaJobDoc }

interface DbRow { job_id: string; kind: SiaKind; job_name: string; status: SiaStatus; created_time: string; due_at: number | null; doc: string }

const toJob = (r: DbRow): SiaJob => ({ jobId: r.job_id, kind: r.kind, status: r.status, createdTime: r.created_time, dueAt: r.due_at, doc: JSON.parse(r.doc) as SiaJobDoc });

/** One second to start, two more to finish. */
export const START_AFTER_MS = 1000;
export const FINISH_AFTER_MS = 2000;

export class SiaJobStore {
  private readonly q;

  constructor(private readonly ctx: AppContext) {
    const db = ctx.db;
    const cols = 'job_id, kind, job_name, status, created_time, due_at, doc';
    this.q = {
      get: db.prepare(`SELECT ${cols} FROM oic_sia_jobs WHERE job_id = ? AND kind = ?`),
      byName: db.prepare('SELECT job_id FROM oic_sia_jobs WHERE kind = ? AND job_name = ?'),
      running: db.prepare(`SELECT ${cols} FROM oic_sia_jobs WHERE kind = ? AND status IN ('NOT_STARTED', 'IN_PROGRESS') LIMIT 1`),
      insert: db.prepare('INSERT INTO oic_sia_jobs (job_id, kind, job_name, status, created_time, due_at, doc, archive) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
      update: db.prepare('UPDATE oic_sia_jobs SET status = ?, due_at = ?, doc = ? WHERE job_id = ?'),
      archive: db.prepare('SELECT archive FROM oic_sia_jobs WHERE job_id = ?'),
      dropArchive: db.prepare('UPDATE oic_sia_jobs SET archive = NULL WHERE job_id = ?'),
      nextDue: db.prepare('SELECT MIN(due_at) AS due FROM oic_sia_jobs WHERE due_at IS NOT NULL'),
      due: db.prepare(`SELECT ${cols} FROM oic_sia_jobs WHERE due_at IS NOT NULL AND due_at <= ? ORDER BY due_at, created_time, job_id`),
    };
  }

  get(kind: SiaKind, jobId: string): SiaJob {
    const r = this.q.get.get(jobId, kind) as DbRow | undefined;
    if (!r) throw notFound(`${kind === 'EXPORT' ? 'Export' : 'Import'} job '${jobId}' does not exist`);
    return toJob(r);
  }

  /**
   * Accept a job (409 while one of the same kind runs, or when the job name
   * was used before). An import keeps the archive it will apply.
   */
  create(kind: SiaKind, doc: SiaJobDoc, archive?: Uint8Array): SiaJob {
    return this.ctx.db.transaction(() => {
      const running = this.q.running.get(kind) as DbRow | undefined;
      if (running) throw conflict(`${kind === 'EXPORT' ? 'An export' : 'An import'} job is already in progress (jobId '${running.job_id}', jobName '${running.job_name}'); wait until it is COMPLETED or FAILED`);
      const same = this.q.byName.get(kind, doc.jobName) as { job_id: string } | undefined;
      if (same) throw conflict(`The job name '${doc.jobName}' is already used by ${kind.toLowerCase()} job '${same.job_id}'; choose another jobName`);
      const jobId = this.ctx.ids.uuid();
      const now = this.ctx.clock.now();
      this.q.insert.run(jobId, kind, doc.jobName, 'NOT_STARTED', new Date(now).toISOString(), now + START_AFTER_MS, JSON.stringify(doc), archive ? Buffer.from(archive) : null);
      this.ctx.clock.poke();
      return this.get(kind, jobId);
    })();
  }

  /** The archive an import job applies. */
  archiveOf(jobId: string): Uint8Array | undefined {
    const r = this.q.archive.get(jobId) as { archive: Buffer | null } | undefined;
    return r?.archive ? new Uint8Array(r.archive) : undefined;
  }

  nextDue(): number | null {
    return (this.q.nextDue.get() as { due: number | null }).due;
  }

  dueJobs(now: number): SiaJob[] {
    return (this.q.due.all(now) as DbRow[]).map(toJob);
  }

  /** Move a job on: IN_PROGRESS (with its finish instant) or finished (archive of an import dropped). */
  step(job: SiaJob, status: SiaStatus, at: number, docPatch: Partial<SiaJobDoc>): void {
    const finished = status === 'COMPLETED' || status === 'FAILED';
    this.q.update.run(status, finished ? null : at + FINISH_AFTER_MS, JSON.stringify({ ...job.doc, ...docPatch }), job.jobId);
    if (finished && job.kind === 'IMPORT') this.q.dropArchive.run(job.jobId);
  }
}

/** Archives by file name (the bucket): readable once their export job has completed. */
export class SiaArchiveRepo {
  private readonly q;

  constructor(private readonly ctx: AppContext) {
    const db = ctx.db;
    this.q = {
      get: db.prepare('SELECT archive_file, job_id, ready_at, created_time, size, data FROM oic_sia_archives WHERE archive_file = ?'),
      put: db.prepare(`INSERT INTO oic_sia_archives (archive_file, job_id, ready_at, created_time, size, data) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT(archive_file) DO UPDATE SET job_id = excluded.job_id, ready_at = excluded.ready_at, created_time = excluded.created_time, size = excluded.size, data = excluded.data`),
    };
  }

  /** Put an archive; it can be read from `readyAt` on (now when omitted). */
  put(archiveFile: string, data: Uint8Array, jobId: string | null, readyAt = this.ctx.clock.now()): void {
    this.q.put.run(archiveFile, jobId, readyAt, this.ctx.clock.nowIso(), data.length, Buffer.from(data));
  }

  exists(archiveFile: string): boolean {
    return this.q.get.get(archiveFile) !== undefined;
  }

  /** The archive's bytes; 404 when there is none or its export has not completed yet. */
  require(archiveFile: string): Uint8Array {
    const r = this.q.get.get(archiveFile) as { ready_at: number; job_id: string | null; data: Buffer } | undefined;
    if (!r) throw notFound(`Service instance archive '${archiveFile}' does not exist (export one with POST /ic/api/common/v1/exportServiceInstanceArchive, or upload it)`);
    if (r.ready_at > this.ctx.clock.now()) throw notFound(`Service instance archive '${archiveFile}' is not written yet: its export job '${r.job_id}' has not completed`);
    return new Uint8Array(r.data);
  }
}
