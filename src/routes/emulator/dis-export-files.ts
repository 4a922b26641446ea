/**
 * The files DIS export requests write (code-first, documented in
 * openapi/emulator.yaml): list them, download one (the bundle an import
 * request reads), upload one (to import a file kept as a test fixture), or
 * delete one. They live in dis_export_files, so reset and snapshots cover them.
 */
import type { FastifyInstance } from 'fastify';
import { notFound } from '../../core/errors';
import { parseBundle } from '../../store/dis/transfer-bundle';
import { controlRoute } from './control-route';


export default async function disExportFileRoutes(app: FastifyInstance): Promise<void> {
  const files = app.stores.dis.apps.exportFiles;
  const path = '/_emulator/dis/export-files/:bucket/:fileName';

  controlRoute(app, 'GET', '/_emulator/dis/export-files', 'listDisExportFiles', async () => ({ items: files.list() }));

  controlRoute(app, 'GET', path, 'getDisExportFile', async (request) => {
    const f = files.find({ bucket: request.params.bucket, fileName: request.params.fileName });
    if (!f) throw notFound(`No export file '${request.params.fileName}' in bucket '${request.params.bucket}'`);
    return f.content;
  });

  controlRoute(app, 'PUT', path, 'putDisExportFile', async (request, reply) => {
    const content = parseBundle(request.body);
    const existed = files.find({ bucket: request.params.bucket, fileName: request.params.fileName }) !== null;
    files.put({ tenancyId: '', region: '', bucket: request.params.bucket, fileName: request.params.fileName, workspaceId: content.sourceWorkspaceId, exportKey: '', timeCreated: app.ctx.clock.nowIso(), content });
    return reply.code(existed ? 200 : 201).send({ bucket: request.params.bucket, fileName: request.params.fileName, objectCount: content.objects.length });
  });

  controlRoute(app, 'DELETE', path, 'deleteDisExportFile', async (request, reply) => {
    if (!files.remove(request.params.bucket, request.params.fileName)) throw notFound(`No export file '${request.params.fileName}' in bucket '${request.params.bucket}'`);
    return reply.code(204).send();
  });
}
