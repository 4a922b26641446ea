import type { FastifyInstance } from 'fastify';
import { controlRoute } from './control-route';
import { badRequest, conflict, notFound } from '../../core/errors';
import { SnapshotError } from '../../store/snapshots';
import { InstanceSnapshots } from '../../instances/snapshots';
import type { OicInstance } from '../../instances/oic-instance';
import { MAX_SNAPSHOT_FILE_BYTES } from '../../control/snapshot-file';

type Query = { instance?: string };

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

/**
 * Named snapshots: save, list, restore, delete. Without `instance` a snapshot
 * covers everything (the default instance's and DIS state, and every further
 * OIC service instance under the same name); with `instance=NAME` only that
 * instance's OIC state.
 */
export default async function snapshotRoutes(app: FastifyInstance): Promise<void> {
  const control = app.control;
  const instances = new InstanceSnapshots(app.instances);
  /** The further instance a request names, or null for "everything" (the default instance named counts as that). */
  const named = (request: { query: Query }): OicInstance | null => {
    const name = request.query.instance;
    if (name === undefined || name === app.instances.default.name) return null;
    const inst = app.instances.get(name);
    if (!inst) throw notFound(`No OIC service instance '${name}'; instances: ${app.instances.list().map((i) => i.name).join(', ')}`);
    return inst;
  };

  controlRoute(app, 'GET', '/_emulator/snapshots', 'listSnapshots', async (request) => {
    const inst = named(request);
    return { items: inst ? instances.of(inst).list() : control.snapshots.list() };
  });

  controlRoute(app, 'POST', '/_emulator/snapshots', 'createSnapshot', async (request, reply) => {
    const inst = named(request);
    const { name, replace } = request.body;
    const meta = guard(() => {
      if (inst) return instances.save(inst, name, replace === true);
      const saved = control.saveSnapshot(name, replace === true);
      instances.saveAll(name);
      return saved;
    });
    const query = inst ? `?instance=${encodeURIComponent(inst.name)}` : '';
    return reply.code(201).header('location', `/_emulator/snapshots/${encodeURIComponent(meta.name)}${query}`).send(meta);
  });

  controlRoute(app, 'DELETE', '/_emulator/snapshots', 'deleteAllSnapshots', async (request) => {
    const inst = named(request);
    if (inst) return { removed: instances.of(inst).clear() };
    const removed = control.snapshots.list().length;
    control.snapshots.clear();
    instances.removeAll();
    return { removed };
  });

  controlRoute(app, 'GET', '/_emulator/snapshots/:name', 'getSnapshot', async (request) => {
    const inst = named(request);
    const snap = (inst ? instances.of(inst) : control.snapshots).get(request.params.name);
    if (!snap) throw notFound(`snapshot '${request.params.name}' does not exist`);
    return snap.meta;
  });

  controlRoute(app, 'DELETE', '/_emulator/snapshots/:name', 'deleteSnapshot', async (request, reply) => {
    const inst = named(request);
    if (!(inst ? instances.of(inst) : control.snapshots).remove(request.params.name)) throw notFound(`snapshot '${request.params.name}' does not exist`);
    if (!inst) instances.removeAll(request.params.name);
    return reply.code(204).send();
  });

  // The file of a snapshot: JSON, offered as a download named <name>.snapshot.json.
  controlRoute(app, 'GET', '/_emulator/snapshots/:name/file', 'exportSnapshotFile', async (request, reply) => {
    const file = guard(() => control.exportSnapshot(request.params.name));
    return reply
      .type('application/json')
      .header('content-disposition', `attachment; filename="${request.params.name}.snapshot.json"`)
      .send(JSON.stringify(file));
  });

  // A snapshot file as the raw JSON body (curl --data-binary @file); up to 256 MB whatever --max-payload says.
  controlRoute(app, 'POST', '/_emulator/snapshots/file', 'importSnapshotFile', async (request, reply) => {
    const q = request.query;
    const meta = guard(() => control.importSnapshot(request.body, q.name, q.replace === true));
    const restored = q.restore === true ? guard(() => control.restoreSnapshot(meta.name)) : null;
    request.log.info({ snapshot: meta.name, rows: meta.rows, restored: restored !== null }, 'snapshot imported');
    return reply.code(201).header('location', `/_emulator/snapshots/${encodeURIComponent(meta.name)}`).send({ ...meta, restored: restored !== null });
  }, { bodyLimit: MAX_SNAPSHOT_FILE_BYTES });

  controlRoute(app, 'POST', '/_emulator/snapshots/:name/restore', 'restoreSnapshot', async (request) => {
    const inst = named(request);
    if (inst) {
      const t0 = performance.now();
      const meta = guard(() => instances.restore(inst, request.params.name));
      app.ctx.clock.poke();
      return { ...meta, durationMs: Math.round((performance.now() - t0) * 100) / 100 };
    }
    const result = guard(() => control.restoreSnapshot(request.params.name));
    instances.restoreAll(request.params.name);
    app.ctx.clock.poke();
    request.log.info({ snapshot: result.name, durationMs: result.durationMs }, 'snapshot restored');
    return result;
  });
}
