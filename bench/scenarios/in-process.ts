/**
 * The programmatic API as a test suite uses it (src/index.ts): startEmulator()
 * in the suite's own process, to ready and listening, and reset() with the
 * demo fixtures between tests. The first start pays module loading and
 * schema compilation once per process; the figure is the median of the
 * starts after it.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { summarize, type Series } from '../lib/http';
import { ROOT } from '../lib/proc';

export interface InProcessResult {
  /** Wall time of the first startEmulator() (module loading included). */
  firstStartMs: number;
  /** startEmulator() to listening, the starts after the first. */
  start: Series;
  /** reset() with the demo fixtures: wall time of the call. */
  reset: Series;
  /** Objects the demo fixtures write on each reset. */
  fixtureObjects: number;
}

export async function runInProcess(starts: number, resets: number): Promise<InProcessResult> {
  const t0 = performance.now();
  // Loaded here, not at the top: the first start's figure includes loading the package.
  // The built package (npm run bench builds first), as a suite that installed it would load it.
  const { startEmulator } = require(path.join(ROOT, 'dist', 'index.js')) as typeof import('../../src/index');
  const first = await startEmulator();
  const firstStartMs = performance.now() - t0;
  await first.close();
  const startTimes: number[] = [];
  for (let i = 0; i < starts; i++) {
    const s = performance.now();
    const e = await startEmulator();
    startTimes.push(performance.now() - s);
    await e.close();
  }
  const demo = await startEmulator({ fixtures: path.join(ROOT, 'fixtures', 'demo') });
  try {
    // One unmeasured reset: first-use costs (statements, validators) are not what a suite pays per test.
    let fixtureObjects = (await demo.reset()).fixtureObjects;
    const resetTimes: number[] = [];
    for (let i = 0; i < resets; i++) {
      const s = performance.now();
      fixtureObjects = (await demo.reset()).fixtureObjects;
      resetTimes.push(performance.now() - s);
    }
    return { firstStartMs, start: summarize(startTimes), reset: summarize(resetTimes), fixtureObjects };
  } finally {
    await demo.close();
  }
}
