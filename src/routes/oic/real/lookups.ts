/**
 * Lookups the real way: CSV export (GET /lookups/{name}/archive) and import
 * (POST /lookups/archive adds, PUT replaces or adds), over the seed's
 * LookupStore. The CSV codec is src/oic/real/lookup-csv.ts. Oracle's JSON
 * form on the shared GET/PUT /lookups/{name}: ../dialects/oracle/lookups.ts.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { conflict } from '../../../core/errors';
import { op } from '../../../openapi/routes';
import { loadSpec } from '../../../openapi/spec';
import { LOOKUPS, callerName } from '../../../oic/links';
import { csvText, decodeLookupCsv, encodeLookupCsv, seedTable, tableOf } from '../../../oic/real/lookup-csv';
import { readFileField, uploadOp } from '../upload';

export default async function realLookupRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('oic');

  op(app, spec, 'realExportLookup', async (request, reply) => {
    const rec = request.oic.lookups.require(request.params.id);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${rec.id}.csv"`)
      .send(encodeLookupCsv(tableOf(rec.definition, rec.id)));
  });

  const importHandler = (mode: 'add' | 'replace') => async (request: FastifyRequest, reply: FastifyReply) => {
    const upload = await readFileField(request, 'lookup CSV');
    const table = decodeLookupCsv(csvText(upload.data), upload.fileName);
    const line = (i: number) => `line ${table.rowLines[i]}`;
    request.oic.ctx.db.transaction(() => {
      const existing = request.oic.lookups.get(table.name);
      if (existing && mode === 'add') {
        throw conflict(`Lookup '${table.name}' already exists; use PUT ${LOOKUPS}/archive to replace it`);
      }
      const { columns, data } = seedTable(table, existing?.definition.columns, line);
      if (existing) request.oic.lookups.update(table.name, { columns, data, ...(table.description !== undefined ? { description: table.description } : {}) });
      else request.oic.lookups.create({ name: table.name, identifier: table.name, description: table.description, columns, data }, callerName(request));
    })();
    return reply.code(204).header('location', `${LOOKUPS}/${encodeURIComponent(table.name)}`).send();
  };

  uploadOp(app, spec, 'realImportLookup', importHandler('add'));
  uploadOp(app, spec, 'realReplaceLookup', importHandler('replace'));
}
