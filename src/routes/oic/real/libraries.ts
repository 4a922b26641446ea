/**
 * JavaScript libraries (/ic/api/integration/v1/libraries): list, get,
 * import (register) from a multipart form, replace the file, export the jar,
 * delete. Oracle's answers: 204 with a Location on import, 200 on delete,
 * 409 when the CODE|VERSION exists. State in src/store/oic/libraries.ts.
 */
import type { FastifyInstance } from 'fastify';
import { badRequest } from '../../../core/errors';
import { parsePage, pageOfList } from '../../../core/pagination';
import { op } from '../../../openapi/routes';
import { uploadOp } from '../upload';
import { loadSpec } from '../../../openapi/spec';
import { compileQ } from '../../../oic/q-filter';
import { libraryFunctions, libraryJar } from '../../../oic/real/library-file';
import { LIBRARIES, callerName } from '../../../oic/links';
import { type LibraryRecord } from '../../../store/oic/libraries';
import { readForm, requiredField } from './multipart-form';
import { oracleLibraryView as libraryView } from '../dialects/oracle/libraries';

const CODE = /^[A-Z][A-Z0-9_]{0,49}$/;
const VERSION = /^\d{2}\.\d{2}\.\d{4}$/;
const TYPES = ['API'];

const Q_FIELDS = {
  fields: {
    name: { get: (r: LibraryRecord) => r.name },
    code: { get: (r: LibraryRecord) => r.code },
    version: { get: (r: LibraryRecord) => r.version },
    type: { get: (r: LibraryRecord) => r.type },
  },
  termFields: ['name', 'code'],
};

export default async function realLibraryRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('oic');

  op(app, spec, 'realListLibraries', async (request) => {
    const query = request.query;
    const page = parsePage(query);
    const match = compileQ(query.q, Q_FIELDS);
    let items = request.oic.libraries.all().filter(match);
    if (query.orderBy !== undefined && !['name', 'time'].includes(query.orderBy)) throw badRequest(`Query parameter 'orderBy' must be name or time, got '${query.orderBy}'`);
    if (query.orderBy === 'name') items = items.sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1));
    if (query.orderBy === 'time') items = items.sort((a, b) => b.updated - a.updated || (a.id < b.id ? -1 : 1));
    return pageOfList(items, page, libraryView);
  });

  op(app, spec, 'realGetLibrary', async (request) => libraryView(request.oic.libraries.require(request.params.id)));

  uploadOp(app, spec, 'realImportLibrary', async (request, reply) => {
    const form = await readForm(request, ['name', 'code', 'version', 'type', 'description'], 'library (.js or .jar)');
    const code = requiredField(form, 'code');
    const version = requiredField(form, 'version');
    const name = requiredField(form, 'name');
    const type = requiredField(form, 'type').toUpperCase();
    if (!CODE.test(code)) throw badRequest(`Form field 'code' '${code}' must be upper-case letters, digits and _ (starting with a letter, at most 50), e.g. JSLIB`);
    if (!VERSION.test(version)) throw badRequest(`Form field 'version' '${version}' must look like 01.00.0000`);
    if (!TYPES.includes(type)) throw badRequest(`Form field 'type' must be ${TYPES.join(' or ')} (a JavaScript API library), got '${form.fields.type}'`);
    if (name.length > 200) throw badRequest("Form field 'name' is longer than 200 characters");
    const functions = libraryFunctions(form.file.data, form.file.fileName);
    const rec = request.oic.libraries.create({ code, version, name, type, description: form.fields.description?.trim() || null, fileName: form.file.fileName ?? null, content: form.file.data, functions }, callerName(request));
    return reply.code(204).header('location', `${LIBRARIES}/${encodeURIComponent(rec.id)}`).send();
  });

  uploadOp(app, spec, 'realUpdateLibrary', async (request) => {
    const { id } = request.params;
    request.oic.libraries.require(id);
    const form = await readForm(request, [], 'library (.js or .jar)');
    const functions = libraryFunctions(form.file.data, form.file.fileName);
    return libraryView(request.oic.libraries.replaceFile(id, form.file.fileName ?? null, form.file.data, functions));
  });

  op(app, spec, 'realExportLibrary', async (request, reply) => {
    const rec = request.oic.libraries.require(request.params.id);
    const jar = libraryJar(rec.content, rec.fileName, rec.code, rec.updated);
    return reply.code(200).type('application/octet-stream')
      .header('content-disposition', `attachment; filename="${rec.code}_${rec.version}.jar"`).send(jar);
  });

  op(app, spec, 'realDeleteLibrary', async (request, reply) => {
    request.oic.libraries.delete(request.params.id);
    return reply.code(200).send();
  });
}
