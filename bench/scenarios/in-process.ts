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
import { targetRoot } from '../lib/proc';

export interface InProcessResult {
  /** Wall time of the first startEmulator() (module loading included). */
  firstStartMs: number;
  /** startEmulator() to listening, the starts after the first. */
  start: Series;
  /** reset() with the demo fixtures, clock frozen at start-up (as deterministic tests run): wall time of the call. */
  reset: Series;
  /** The same on a real-time clock (the fixtures are written again: their "last N days" move with the clock). */
  resetRealClock: Series;
  /** Objects the demo fixtures write on each reset. */
  fixtureObjects: number;
}

export async function runInProcess(starts: number, resets: number): Promise<InProcessResult> {
  const t0 = performance.now();
  // Loaded here, not at the top: the first start's figure includes loading the package.
  // The built package (npm run bench builds first), as a suite that installed it would load it.
  const { startEmulator, Clock } = require(path.join(targetRoot(), 'dist', 'index.js')) as typeof import('../../src/index');
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
  const timeResets = async (frozen: boolean) => {
    const clock = new Clock();
    if (frozen) clock.setManual(Date.parse('2025-06-16T09:30:00Z'));
    const demo = await startEmulator({ fixtures: path.join(targetRoot(), 'fixtures', 'demo'), clock });
    try {
      // One unmeasured reset: first-use costs (statements, validators) are not what a suite pays per test.
      let objects = (await demo.reset()).fixtureObjects;
      const times: number[] = [];
      for (let i = 0; i < resets; i++) {
        const s = performance.now();
        objects = (await demo.reset()).fixtureObjects;
        times.push(performance.now() - s);
      }
      return { series: summarize(times), objects };
    } finally {
      await demo.close();
    }
  };
  const frozen = await timeResets(true);
  const real = await timeResets(false);
  return { firstStartMs, start: summarize(startTimes), reset: frozen.series, resetRealClock: real.series, fixtureObjects: frozen.objects };
}
