/**
 * Crash durability: the built server (dist/server.js) on a --db file, under a
 * write load from several concurrent clients, is killed with SIGKILL at a
 * random moment, 10 times (CRASH_CYCLES=N for more). After every kill the database passes
 * PRAGMA integrity_check, every write the clients saw acknowledged (2xx) is
 * there (creates present, deletes absent, updates at least as new as the
 * acknowledged one), and the restarted server serves the same state.
 */
import t from 'tap';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { startServer, type Running } from '../helpers/process';

const CYCLES = Number(process.env.CRASH_CYCLES ?? 10);
const WRITERS = 6;
const API = '/ic/api/integration/v1';

/** A small seeded generator: the kill moments are the same on every run. */
function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

interface Acked {
  created: Set<string>;
  deleted: Set<string>;
  /**
   * Deletes sent whose answer never came (the server died under them): they
   * may or may not have happened, so those projects may be present or gone.
   */
  deleteInDoubt: Set<string>;
  /** Lookup description version acknowledged last (updates are monotonic per writer). */
  lookupVersion: Map<string, number>;
}

async function token(base: string): Promise<string> {
  const res = await fetch(`${base}/oauth2/v1/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from('oic-emulator-client:oic-emulator-secret').toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

/** One client: create projects, delete some of its own, update its own lookup; record what was acknowledged. */
async function writer(base: string, auth: string, cycle: number, w: number, acked: Acked, stop: { killed: boolean }): Promise<number> {
  const json = { authorization: `Bearer ${auth}`, 'content-type': 'application/json' };
  const lookup = `LK_${w}`;
  let n = 0;
  while (!stop.killed) {
    const id = `P_${cycle}_${w}_${n++}`;
    try {
      const res = await fetch(`${base}/ic/api/projects/v1/projects`, { method: 'POST', headers: json, body: JSON.stringify({ name: id, identifier: id, description: 'x'.repeat(200) }) });
      if (res.status === 201) acked.created.add(id);
      if (n % 3 === 0) {
        const victim = `P_${cycle}_${w}_${n - 2}`;
        acked.deleteInDoubt.add(victim);
        const del = await fetch(`${base}/ic/api/projects/v1/projects/${victim}`, { method: 'DELETE', headers: { authorization: `Bearer ${auth}` } });
        acked.deleteInDoubt.delete(victim);
        if (del.status < 300) acked.deleted.add(victim);
      }
      const version = cycle * 100_000 + n;
      const upd = await fetch(`${base}${API}/lookups/${lookup}`, { method: 'PUT', headers: json, body: JSON.stringify({ description: `v${version}` }) });
      if (upd.status < 300) acked.lookupVersion.set(lookup, version);
    } catch {
      // The server died under this request: not acknowledged.
    }
  }
  return n;
}

t.test(`SIGKILL under write load, ${CYCLES} times: integrity ok, every acknowledged write present`, async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oie-crash-'));
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'state.db');
  const args = ['--port', '0', '--host', '127.0.0.1', '--db', file, '--rate-limit', '1000000', '--log-level', 'error'];
  const random = mulberry32(8);
  const acked: Acked = { created: new Set(), deleted: new Set(), deleteInDoubt: new Set(), lookupVersion: new Map() };
  let server: Running | undefined;
  t.teardown(() => server?.stop('SIGKILL'));
  const started = Date.now();
  let attempted = 0;

  // Set-up once: one lookup per writer, then a clean stop.
  server = await startServer(args);
  const auth0 = await token(server.url);
  for (let w = 0; w < WRITERS; w++) {
    const res = await fetch(`${server.url}${API}/lookups`, { method: 'POST', headers: { authorization: `Bearer ${auth0}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: `LK_${w}`, identifier: `LK_${w}`, columns: [{ name: 'K', type: 'STRING' }], data: [{ K: 'a' }] }) });
    t.equal(res.status, 201, `lookup ${w}`);
  }
  await server.stop('SIGTERM');

  const problems: string[] = [];
  for (let cycle = 1; cycle <= CYCLES; cycle++) {
    server = await startServer(args);
    const base = server.url;
    // The restarted server serves what the previous cycle acknowledged.
    const auth = await token(base);
    const served = await fetch(`${base}/ic/api/projects/v1/projects?limit=1`, { headers: { authorization: `Bearer ${auth}` } });
    const total = ((await served.json()) as { totalResults: number }).totalResults;
    const expected = [...acked.created].filter((id) => !acked.deleted.has(id) && !acked.deleteInDoubt.has(id)).length;
    if (total < expected) problems.push(`cycle ${cycle}: the server lists ${total} projects, ${expected} were acknowledged`);

    const stop = { killed: false };
    const load = Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(base, auth, cycle, w, acked, stop)));
    await new Promise((r) => setTimeout(r, 30 + Math.floor(random() * 250)));
    server.child.kill('SIGKILL');
    await new Promise((r) => server!.child.once('exit', r));
    stop.killed = true;
    attempted += (await load).reduce((a, b) => a + b, 0);

    // The file as the next start will find it.
    const db = new Database(file);
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') problems.push(`cycle ${cycle}: integrity_check says ${String(integrity)}`);
    const ids = new Set((db.prepare('SELECT id FROM oic_projects').all() as { id: string }[]).map((r) => r.id));
    for (const id of acked.created) if (!acked.deleted.has(id) && !acked.deleteInDoubt.has(id) && !ids.has(id)) problems.push(`cycle ${cycle}: acknowledged project ${id} is missing`);
    for (const id of acked.deleted) if (ids.has(id)) problems.push(`cycle ${cycle}: acknowledged delete of ${id} was undone`);
    for (const [name, version] of acked.lookupVersion) {
      const row = db.prepare("SELECT json_extract(doc, '$.description') AS description FROM oic_lookups WHERE id = ?").get(name) as { description: string | null } | undefined;
      const stored = Number(String(row?.description ?? 'v0').slice(1));
      if (!(stored >= version)) problems.push(`cycle ${cycle}: lookup ${name} has v${stored}, v${version} was acknowledged`);
    }
    db.close();
  }
  server = undefined;
  t.same(problems, [], 'no acknowledged write lost, no corruption');
  t.ok(acked.created.size > CYCLES * WRITERS, `${acked.created.size} creates and ${acked.deleted.size} deletes acknowledged, ${attempted} write rounds attempted`);
  t.comment(`${CYCLES} crash cycles, ${acked.created.size} acknowledged creates, ${acked.deleted.size} deletes, in ${Math.round((Date.now() - started) / 1000)} s`);
});
