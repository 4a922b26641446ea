import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { controlRoute } from './control-route';
import { badRequest, conflict, notFound } from '../../core/errors';
import { SnapshotError } from '../../control/snapshots';
import { MAX_SNAPSHOT_FILE_BYTES } from '../../control/snapshot-file';

type Named = FastifyRequest<{ Params: { name: string } }>;

/** The store's reasons, as the API's errors. */
function asApiError(e: unknown): unknown {
  if (!(e instanceof SnapshotError)) return e;
  if (e.reason === 'missing') return notFound(e.message);
  if (e.reason === 'invalid') return badRequest(e.message);
  return conflict(e.message, e.reason === 'exists' ? {} : { title: 'Too Many Snapshots' });
}

function guard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw asApiError(e);
  }
}

/** Named snapshots of the whole state: save, list, restore, delete. */
export default async function snapshotRoutes(app: FastifyInstance): Promise<void> {
  const control = app.control;

  controlRoute(app, 'GET', '/_emulator/snapshots', 'listSnapshots', async () => ({ items: control.snapshots.list() }));

  controlRoute(app, 'POST', '/_emulator/snapshots', 'createSnapshot', async (request: FastifyRequest<{ Body: { name: string; replace?: boolean } }>, reply: FastifyReply) => {
    const meta = guard(() => control.saveSnapshot(request.body.name, request.body.replace === true));
    return reply.code(201).header('location', `/_emulator/snapshots/${encodeURIComponent(meta.name)}`).send(meta);
  });

  controlRoute(app, 'DELETE', '/_emulator/snapshots', 'deleteAllSnapshots', async () => {
    const removed = control.snapshots.list().length;
    control.snapshots.clear();
    return { removed };
  });

  controlRoute(app, 'GET', '/_emulator/snapshots/:name', 'getSnapshot', async (request: Named) => {
    const snap = control.snapshots.get(request.params.name);
    if (!snap) throw notFound(`snapshot '${request.params.name}' does not exist`);
    return snap.meta;
  });

  controlRoute(app, 'DELETE', '/_emulator/snapshots/:name', 'deleteSnapshot', async (request: Named, reply: FastifyReply) => {
    if (!control.snapshots.remove(request.params.name)) throw notFound(`snapshot '${request.params.name}' does not exist`);
    return reply.code(204).send();
  });

  // The file of a snapshot: JSON, offered as a download named <name>.snapshot.json.
  controlRoute(app, 'GET', '/_emulator/snapshots/:name/file', 'exportSnapshotFile', async (request: Named, reply: FastifyReply) => {
    const file = guard(() => control.exportSnapshot(request.params.name));
    return reply
      .type('application/json')
      .header('content-disposition', `attachment; filename="${request.params.name}.snapshot.json"`)
      .send(JSON.stringify(file));
  });

  // A snapshot file as the raw JSON body (curl --data-binary @file); up to 256 MB whatever --max-payload says.
  controlRoute(app, 'POST', '/_emulator/snapshots/file', 'importSnapshotFile', async (request: FastifyRequest<{ Querystring: { name?: string; replace?: boolean; restore?: boolean } }>, reply: FastifyReply) => {
    const q = request.query;
    const meta = guard(() => control.importSnapshot(request.body, q.name, q.replace === true));
    const restored = q.restore === true ? guard(() => control.restoreSnapshot(meta.name)) : null;
    request.log.info({ snapshot: meta.name, rows: meta.rows, restored: restored !== null }, 'snapshot imported');
    return reply.code(201).header('location', `/_emulator/snapshots/${encodeURIComponent(meta.name)}`).send({ ...meta, restored: restored !== null });
  }, { bodyLimit: MAX_SNAPSHOT_FILE_BYTES });

  controlRoute(app, 'POST', '/_emulator/snapshots/:name/restore', 'restoreSnapshot', async (request: Named) => {
    const result = guard(() => control.restoreSnapshot(request.params.name));
    request.log.info({ snapshot: result.name, durationMs: result.durationMs }, 'snapshot restored');
    return result;
  });
}
