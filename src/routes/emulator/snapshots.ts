import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { loadSpec } from '../../openapi/spec';
import { op } from '../../openapi/routes';
import { badRequest, conflict, notFound } from '../../core/errors';
import { SnapshotError } from '../../control/snapshots';

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
  const spec = loadSpec('emulator');
  const control = app.control;

  op(app, spec, 'listSnapshots', async () => ({ items: control.snapshots.list() }));

  op(app, spec, 'createSnapshot', async (request: FastifyRequest<{ Body: { name: string; replace?: boolean } }>, reply: FastifyReply) => {
    const meta = guard(() => control.saveSnapshot(request.body.name, request.body.replace === true));
    return reply.code(201).header('location', `/_emulator/snapshots/${encodeURIComponent(meta.name)}`).send(meta);
  });

  op(app, spec, 'deleteAllSnapshots', async () => {
    const removed = control.snapshots.list().length;
    control.snapshots.clear();
    return { removed };
  });

  op(app, spec, 'getSnapshot', async (request: Named) => {
    const snap = control.snapshots.get(request.params.name);
    if (!snap) throw notFound(`snapshot '${request.params.name}' does not exist`);
    return snap.meta;
  });

  op(app, spec, 'deleteSnapshot', async (request: Named, reply: FastifyReply) => {
    if (!control.snapshots.remove(request.params.name)) throw notFound(`snapshot '${request.params.name}' does not exist`);
    return reply.code(204).send();
  });

  op(app, spec, 'restoreSnapshot', async (request: Named) => {
    const result = guard(() => control.restoreSnapshot(request.params.name));
    request.log.info({ snapshot: result.name, ms: result.durationMs }, 'snapshot restored');
    return result;
  });
}
