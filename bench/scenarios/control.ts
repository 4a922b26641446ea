/**
 * Reset and snapshot restore with N objects in the store: what a test suite
 * pays between tests. Objects are executions from the generator when the
 * emulator has one, otherwise integrations created through the API.
 */
import { expectStatus, summarize, type Reply, type Series } from '../lib/http';
import { Capabilities, NotAvailable, bearer, INTEGRATIONS, integrationBody } from '../lib/emulator';
import { load } from '../lib/load';
import { startEmulator } from '../lib/proc';
import { GENERATE } from './scale';

export interface ControlResult {
  objects: number;
  objectKind?: string;
  /** Wall time of the HTTP call, and the server's own durationMs. */
  snapshot?: Series;
  reset?: Series;
  restore?: Series;
  resetServer?: Series;
  restoreServer?: Series;
  skipped?: string;
}

export async function runControl(objects: number, reps: number): Promise<ControlResult> {
  const emulator = await startEmulator();
  try {
    const caps = await Capabilities.of(emulator);
    caps.need('POST /_emulator/reset', 'POST /_emulator/snapshots', 'POST /_emulator/snapshots/{name}/restore');
    let objectKind: string;
    if (caps.has(GENERATE)) {
      await expectStatus(`${emulator.url}/_emulator/executions/generate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ count: objects, integrations: 10 }), timeoutMs: 600_000 }, 200, 201);
      objectKind = 'executions (generated)';
    } else {
      caps.need(`POST ${INTEGRATIONS}`);
      const auth = await bearer(emulator);
      let n = 0;
      const res = await load(emulator, {
        method: 'POST',
        path: INTEGRATIONS,
        headers: { authorization: auth, 'content-type': 'application/json' },
        setupRequest: (req) => ({ ...req, body: JSON.stringify(integrationBody('BENCH_OBJ', n++)) }),
      }, { connections: 10, duration: 0, amount: objects });
      if (res.non2xx || res.errors) throw new Error(`creating ${objects} integrations: ${res.non2xx} non-2xx, ${res.errors} errors`);
      objectKind = 'integrations (created through the API)';
    }
    const post = (path: string, body?: object) => expectStatus(`${emulator.url}${path}`, {
      method: 'POST',
      ...(body ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
    }, 200, 201);
    const snapshots: Reply[] = [];
    const resets: Reply[] = [];
    const restores: Reply[] = [];
    snapshots.push(await post('/_emulator/snapshots', { name: 'bench', replace: true }));
    // One unmeasured round: the control routes compile their validators on first use.
    await post('/_emulator/reset');
    await post('/_emulator/snapshots/bench/restore');
    for (let i = 0; i < reps; i++) {
      resets.push(await post('/_emulator/reset'));
      restores.push(await post('/_emulator/snapshots/bench/restore'));
    }
    const server = (rs: Reply[]) => summarize(rs.map((r) => Number(r.json().durationMs)).filter((x) => Number.isFinite(x)));
    return {
      objects,
      objectKind,
      snapshot: summarize(snapshots.map((r) => r.ms)),
      reset: summarize(resets.map((r) => r.ms)),
      restore: summarize(restores.map((r) => r.ms)),
      resetServer: server(resets),
      restoreServer: server(restores),
    };
  } catch (e) {
    if (e instanceof NotAvailable) return { objects, skipped: e.message };
    throw e;
  } finally {
    await emulator.stop();
  }
}
