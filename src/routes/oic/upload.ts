/**
 * The one file of a multipart upload (field `file`), with its file name.
 * Oracle's scripts send `-F file=@x -F type=application/octet-stream`: plain
 * fields are ignored. Used by the .iar import (archive.ts) and the real-OIC
 * lookup CSV import: exactly one file, in `file`, not empty; a file over the
 * payload limit is Fastify's 413.
 */
import type { FastifyRequest } from 'fastify';
import { ApiError, badRequest } from '../../core/errors';

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
