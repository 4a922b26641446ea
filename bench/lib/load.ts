/**
 * Load generation with autocannon at a fixed connection count, always against
 * 127.0.0.1 and bounded by a duration or a request count.
 */
import type { Running } from './proc';

/* eslint-disable @typescript-eslint/no-require-imports */
const autocannon = require('autocannon') as (opts: Record<string, unknown>) => Promise<AutocannonResult>;
/* eslint-enable @typescript-eslint/no-require-imports */

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number; max: number };
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
  statusCodeStats?: Record<string, { count: number }>;
}

export interface LoadSpec {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Builds each request (unique bodies, e.g. a new integration per call). */
  setupRequest?: (req: { method: string; path: string; headers: Record<string, string>; body?: string }) => { method: string; path: string; headers: Record<string, string>; body?: string };
}

export interface LoadOptions {
  connections: number;
  /** Seconds (ignored when amount is given). */
  duration: number;
  /** Total requests instead of a duration (the smoke test). */
  amount?: number;
  /** Seconds of unmeasured warm-up first (JIT, lazily compiled validators). */
  warmup?: number;
}

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  /**
   * Server CPU time per request (µs, user + system): steadier than req/s on a
   * shared machine, since time the server spends descheduled is not counted.
   */
  cpuUs: number | null;
  /** Largest RSS of the server seen while loaded (bytes). */
  peakRss: number | null;
  statuses: Record<string, number>;
}

function isLocal(url: string): boolean {
  const host = new URL(url).hostname;
  return host === '127.0.0.1' || host === 'localhost' || host === '::1';
}

export async function load(server: Running, spec: LoadSpec, opts: LoadOptions): Promise<LoadResult> {
  if (!isLocal(server.url)) throw new Error(`refusing to load ${server.url}: benchmarks only run against 127.0.0.1`);
  // autocannon writes its own Content-Length; a second one (even equal) makes the request invalid.
  const headers = Object.fromEntries(Object.entries(spec.headers ?? {}).filter(([k]) => k.toLowerCase() !== 'content-length'));
  const request = {
    method: spec.method ?? 'GET',
    path: spec.path,
    headers,
    ...(spec.body !== undefined ? { body: spec.body } : {}),
    ...(spec.setupRequest ? { setupRequest: spec.setupRequest } : {}),
  };
  const base = { url: server.url, connections: opts.connections, requests: [request], timeout: 30 };
  if (opts.warmup && !opts.amount) await autocannon({ ...base, duration: opts.warmup });
  let peakRss: number | null = null;
  const sampler = setInterval(() => {
    const r = server.rss();
    if (r !== null && (peakRss === null || r > peakRss)) peakRss = r;
  }, 100);
  const cpu0 = server.cpu();
  try {
    const res = await autocannon(opts.amount ? { ...base, amount: opts.amount } : { ...base, duration: opts.duration });
    const statuses: Record<string, number> = {};
    for (const [code, s] of Object.entries(res.statusCodeStats ?? {})) statuses[code] = s.count;
    // With `amount`, autocannon's per-second average is skewed by the partial second: use total / duration.
    const rps = opts.amount ? res.requests.total / Math.max(res.duration, 0.001) : res.requests.average;
    const cpu1 = server.cpu();
    const cpuUs = cpu0 !== null && cpu1 !== null && res.requests.total ? (cpu1 - cpu0) / res.requests.total : null;
    return { rps, p50: res.latency.p50, p99: res.latency.p99, requests: res.requests.total, non2xx: res.non2xx, errors: res.errors + res.timeouts, cpuUs, peakRss, statuses };
  } finally {
    clearInterval(sampler);
  }
}
