/**
 * Scale: generate N executions across 100 integrations in a fresh emulator
 * with a file database (time taken, RSS after), then the metrics query for
 * 24h, 7d and 30d and a filtered executions page, each called in sequence to
 * get p50/p99. Run at several N to show how the cost grows.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expectStatus, timeCalls, type Series } from '../lib/http';
import { Capabilities, NotAvailable, bearer } from '../lib/emulator';
import { startEmulator } from '../lib/proc';

export const GENERATE = 'POST /_emulator/executions/generate';
export const METRICS = 'GET /ic/api/monitoring/v1/integrations/{id}/metrics';
export const EXECUTIONS = 'GET /ic/api/monitoring/v1/integrations/{id}/executions';

export interface ScaleResult {
  executions: number;
  integrations: number;
  generateMs?: number;
  /** Server RSS after generating (bytes). */
  rssAfter?: number | null;
  dbBytes?: number;
  queries?: Record<string, Series>;
  skipped?: string;
}

export async function runScale(count: number, calls: number, integrations = 100): Promise<ScaleResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oie-bench-'));
  const db = path.join(dir, 'scale.db');
  const emulator = await startEmulator({ db });
  try {
    const caps = await Capabilities.of(emulator);
    caps.need(GENERATE, METRICS, EXECUTIONS);
    const auth = await bearer(emulator);
    const started = process.hrtime.bigint();
    const gen = await expectStatus(`${emulator.url}/_emulator/executions/generate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ count, integrations }),
      timeoutMs: 15 * 60_000,
    }, 200, 201);
    const generateMs = Number(process.hrtime.bigint() - started) / 1e6;
    const ids = integrationIds(gen.json());
    const id = encodeURIComponent(ids[0]);
    const base = `${emulator.url}/ic/api/monitoring/v1/integrations/${id}`;
    const headers = { authorization: auth };
    const queries: Record<string, Series> = {};
    for (const period of ['24h', '7d', '30d']) {
      queries[`metrics ${period}`] = await timeCalls(calls, () => expectStatus(`${base}/metrics?period=${period}`, { headers }, 200));
    }
    queries['executions page (status=FAILED, limit 50)'] = await timeCalls(calls, () => expectStatus(`${base}/executions?limit=50&status=FAILED`, { headers }, 200));
    const rssAfter = emulator.rss();
    return { executions: count, integrations, generateMs, rssAfter, dbBytes: dbSize(db), queries };
  } catch (e) {
    if (e instanceof NotAvailable) return { executions: count, integrations, skipped: e.message };
    throw e;
  } finally {
    await emulator.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The integration ids the generator used, from its answer. */
function integrationIds(body: any): string[] {
  const ids = body?.integrationIds ?? body?.integrations?.map((i: any) => (typeof i === 'string' ? i : i.id));
  if (!Array.isArray(ids) || !ids.length) throw new Error(`the generator did not say which integrations it used: ${JSON.stringify(body).slice(0, 300)}`);
  return ids;
}

function dbSize(db: string): number {
  let total = 0;
  for (const f of [db, `${db}-wal`, `${db}-shm`]) if (fs.existsSync(f)) total += fs.statSync(f).size;
  return total;
}
