/**
 * A multipart/form-data body as Oracle's `curl -F` uploads send it: plain
 * fields (name, code, version, type, category...) and one file in `file`.
 * Unknown fields are a 400 naming them (so a typo is not silently dropped),
 * a field given twice too; the file must be present and not empty. Sizes are
 * bounded by the multipart limits of the upload scope (../upload.ts).
 */
import type { FastifyRequest } from 'fastify';
import { ApiError, badRequest } from '../../../core/errors';

const PASS_THROUGH = new Set(['FST_REQ_FILE_TOO_LARGE', 'FST_FILES_LIMIT', 'FST_PARTS_LIMIT', 'FST_FIELDS_LIMIT', 'FST_PROTO_VIOLATION']);

export interface Form { fields: Record<string, string>; file: { data: Buffer; fileName: string | undefined } }

export async function readForm(request: FastifyRequest, allowed: readonly string[], what: string): Promise<Form> {
  const fields: Record<string, string> = {};
  let file: Form['file'] | undefined;
  let extraFiles = 0;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (part.fieldname === 'file' && file === undefined) file = { data: await part.toBuffer(), fileName: part.filename || undefined };
        else {
          extraFiles++;
          for await (const _chunk of part.file) { /* drain: only the first `file` is kept */ }
        }
        continue;
      }
      if (!allowed.includes(part.fieldname)) throw badRequest(`Form field '${part.fieldname}' is not one of ${allowed.join(', ')} (and file)`);
      if (fields[part.fieldname] !== undefined) throw badRequest(`Form field '${part.fieldname}' is given twice`);
      fields[part.fieldname] = String(part.value);
    }
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (e instanceof ApiError || (code && PASS_THROUGH.has(code))) throw e;
    throw badRequest(`Malformed multipart/form-data body: ${(e as Error).message}`);
  }
  if (extraFiles) throw badRequest(`Expected one file, in the form field 'file'; got ${extraFiles + (file ? 1 : 0)} files`);
  if (!file) throw badRequest(`No file uploaded: send the ${what} with -F file=@... (multipart/form-data field 'file')`);
  if (file.data.length === 0) throw badRequest('The uploaded file is empty');
  return { fields, file };
}

/** A required text field, trimmed; 400 naming it when missing or empty. */
export function requiredField(form: Form, name: string): string {
  const v = form.fields[name]?.trim();
  if (!v) throw badRequest(`Form field '${name}' is required`);
  return v;
}
