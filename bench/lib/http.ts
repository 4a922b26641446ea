/**
 * A small keep-alive HTTP client for set-up calls and for timing single
 * requests (latency series of the scale section), plus percentile helpers.
 */
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Wall time from sending to the last byte, in ms. */
  ms: number;
  json<T = any>(): T;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  timeoutMs?: number;
}

export function request(url: string, opts: RequestOptions = {}): Promise<Reply> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: opts.method ?? 'GET', headers: opts.headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
          json: () => JSON.parse(body),
        });
      });
      res.on('error', reject);
    });
    req.setTimeout(opts.timeoutMs ?? 600_000, () => req.destroy(new Error(`timeout: ${opts.method ?? 'GET'} ${url}`)));
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

/** request() that insists on one of the expected statuses. */
export async function expectStatus(url: string, opts: RequestOptions, ...statuses: number[]): Promise<Reply> {
  const res = await request(url, opts);
  if (!statuses.includes(res.status)) throw new Error(`${opts.method ?? 'GET'} ${url}: expected ${statuses.join('/')}, got ${res.status}: ${res.body.slice(0, 500)}`);
  return res;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export interface Series {
  n: number;
  median: number;
  p50: number;
  p99: number;
  min: number;
  max: number;
}

export function summarize(values: number[]): Series {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { n: s.length, median, p50: percentile(s, 50), p99: percentile(s, 99), min: s[0], max: s[s.length - 1] };
}

/** Call fn n times in sequence; the latency series of the successful calls (any failure throws). */
export async function timeCalls(n: number, fn: (i: number) => Promise<Reply>): Promise<Series> {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) ms.push((await fn(i)).ms);
  return summarize(ms);
}

export function closeAgent(): void {
  agent.destroy();
}
