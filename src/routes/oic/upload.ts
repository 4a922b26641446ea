/**
 * Multipart uploads in the OIC API. The routes whose operation takes
 * multipart/form-data are registered with uploadOp() and end up in one
 * scope, the only one that registers @fastify/multipart (src/pipeline.ts):
 * its hooks and parser cost nothing on the other routes.
 *
 * readFileField: the one file of a multipart upload (field `file`), with its file name.
 * Oracle's scripts send `-F file=@x -F type=application/octet-stream`: plain
 * fields are ignored. Used by the .iar import (archive.ts) and the real-OIC
 * lookup CSV import: exactly one file, in `file`, not empty; a file over the
 * payload limit is Fastify's 413.
 */
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest, RouteShorthandOptions } from 'fastify';
import multipart from '@fastify/multipart';
import { ApiError, badRequest } from '../../core/errors';
import { op } from '../../openapi/routes';
import type { OperationHandler } from '../../openapi/request-types';
import type { LoadedSpec } from '../../openapi/spec';

declare module 'fastify' {
  interface FastifyInstance {
    /** The OIC upload routes, collected while the route groups register (uploadOp). */
    uploads: UploadRoutes;
  }
}

/** The upload routes of the OIC route groups, registered together in one scope. */
export class UploadRoutes {
  private readonly adders: Array<(scope: FastifyInstance) => void> = [];

  add(register: (scope: FastifyInstance) => void): void {
    this.adders.push(register);
  }

  /**
   * The upload scope: @fastify/multipart, then every collected route. A file
   * over the payload limit is a 413; at most a few files per request. Plain
   * fields are ignored by most upload routes but would be kept in memory
   * until the request ended (up to 1000 parts of 1 MB each, whatever the
   * payload limit): bounded to a few small ones.
   */
  scope(maxPayload: number): FastifyPluginAsync {
    const adders = this.adders;
    return async function uploadScope(scope) {
      // The OIC scope's stand-in parser (src/pipeline.ts) gives way to the real one here.
      scope.removeContentTypeParser('multipart/form-data');
      await scope.register(multipart, { limits: { fileSize: maxPayload, files: 10, fields: 20, fieldSize: 64 * 1024, parts: 40 } });
      for (const add of adders) add(scope);
    };
  }
}

/** op() for an operation that takes a multipart/form-data upload: its route goes into the upload scope. */
export function uploadOp<Ops, K extends keyof Ops & string>(app: FastifyInstance, spec: LoadedSpec<Ops>, operationId: K, handler: OperationHandler<Ops[K]>, extra?: RouteShorthandOptions): void {
  app.uploads.add((scope) => op(scope, spec, operationId, handler, extra));
}

const PASS_THROUGH = new Set(['FST_REQ_FILE_TOO_LARGE', 'FST_FILES_LIMIT', 'FST_PARTS_LIMIT', 'FST_FIELDS_LIMIT']);

export interface Upload { data: Buffer; fileName: string | undefined }

export async function readFileField(request: FastifyRequest, what: string): Promise<Upload> {
  let upload: Upload | undefined;
  const fields: string[] = [];
  try {
    for await (const part of request.parts()) {
      if (part.type !== 'file') continue;
      fields.push(part.fieldname);
      if (part.fieldname === 'file' && upload === undefined) upload = { data: await part.toBuffer(), fileName: part.filename || undefined };
      else for await (const _chunk of part.file) { /* drain: only the first `file` is read */ }
    }
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (e instanceof ApiError || (code && PASS_THROUGH.has(code))) throw e;
    throw badRequest(`Malformed multipart/form-data body: ${(e as Error).message}`);
  }
  if (fields.length > 1) throw badRequest(`Expected exactly one file (in the multipart field 'file'), got ${fields.length} (fields: ${fields.join(', ')})`);
  if (!upload) {
    throw badRequest(fields.length
      ? `The file must be sent in the multipart field 'file', not '${fields[0]}'`
      : `No file uploaded: send the ${what} as multipart/form-data in the field 'file'`);
  }
  if (upload.data.length === 0) throw badRequest('The uploaded file is empty');
  return upload;
}
