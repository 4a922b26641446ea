/**
 * Runs the fuzzer over a list of operations: per operation, restore the
 * world, then let fast-check generate requests and check every response
 * against the invariants (fuzz-world.ts). A failure names the request (method,
 * URL, what was mutated, the payload) and fast-check's seed and path to
 * replay it; the counts feed the suite's report.
 *
 * Quick mode (npm test): a few dozen requests per operation. Soak mode
 * (SOAK=1): SOAK_RUNS per operation (default sized for >= 100,000 requests
 * over all operations). FUZZ_SEED replays a run.
 */
import fc from 'fast-check';
import { performance } from 'node:perf_hooks';
import type { Operation } from '../../src/openapi/spec';
import { requestArbitrary, type FuzzRequest } from './fuzz';
import { StateWatcher, responseProblems, type Digest, type World } from './fuzz-world';

export const SOAK = process.env.SOAK === '1' || process.env.SOAK === 'true';
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20260105);

/** Requests per operation: the quick count, or the soak count. */
export function runsPerOperation(quick: number, soak = 700): number {
  return SOAK ? Number(process.env.SOAK_RUNS ?? soak) : Number(process.env.FUZZ_RUNS ?? quick);
}

export interface FuzzReport {
  requests: number;
  byStatus: Record<string, number>;
  failures: string[];
  /** Milliseconds spent per operation (restore included), slowest first. */
  slowest: Array<[string, number]>;
}

export interface FuzzOptions {
  runs: number;
  /** Extra schema info (the token endpoint's form body). */
  extras?: (op: Operation) => { formSchema?: Record<string, unknown> };
  /** Called after every request, before the checks (e.g. drop fault rules the request added). */
  afterEach?: (req: FuzzRequest) => void;
}

export async function fuzzOperations(world: World, ops: Operation[], options: FuzzOptions): Promise<FuzzReport> {
  const report: FuzzReport = { requests: 0, byStatus: {}, failures: [], slowest: [] };
  const watcher = new StateWatcher(world.app.ctx.db);
  let base: Digest | undefined;
  for (const [i, op] of ops.entries()) {
    const t0 = performance.now();
    await world.restore();
    // Every restore brings back the same rows: hash them once.
    base = watcher.rebase(base);
    const arb = requestArbitrary(op, world.known, options.extras?.(op) ?? {});
    const details = await fc.check(
      fc.asyncProperty(arb, async (req) => {
        report.requests++;
        const res = await world.send(req);
        options.afterEach?.(req);
        const cls = `${Math.floor(res.statusCode / 100)}xx`;
        report.byStatus[cls] = (report.byStatus[cls] ?? 0) + 1;
        const problems = responseProblems(req.url, res);
        const changed = watcher.check(res.statusCode >= 400);
        if (changed.length) problems.push(`a rejected request changed ${changed.join(', ')}`);
        if (problems.length) {
          const payload = req.payload === undefined ? '(none)' : String(req.payload).slice(0, 300);
          throw new Error(`${req.method} ${req.url.slice(0, 300)} [${req.note}] -> ${res.statusCode}: ${problems.join('; ')}\n    response: ${res.body.slice(0, 300)}\n    payload: ${payload}`);
        }
      }),
      // No shrinking: requests change the world, so a shrunk replay would not mean the same thing.
      { numRuns: options.runs, seed: FUZZ_SEED + i, endOnFailure: true },
    );
    if (details.failed) {
      const err = details.errorInstance as Error | undefined;
      report.failures.push(`${op.operationId}: ${err?.message ?? String(details.errorInstance)}\n    (replay: FUZZ_SEED=${FUZZ_SEED} seed ${details.seed}, path ${details.counterexamplePath})`);
    }
    report.slowest.push([op.operationId, Math.round(performance.now() - t0)]);
  }
  report.slowest.sort((a, b) => b[1] - a[1]);
  return report;
}

export function describeReport(name: string, r: FuzzReport): string {
  const statuses = Object.entries(r.byStatus).sort().map(([k, v]) => `${k}: ${v}`).join(', ');
  const slow = r.slowest.slice(0, 3).map(([op, ms]) => `${op} ${ms} ms`).join(', ');
  return `${name}: ${r.requests} requests fuzzed (${statuses})${SOAK ? ' [soak]' : ''}, ${r.failures.length} failing operation(s); slowest: ${slow}`;
}
