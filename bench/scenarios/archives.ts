/**
 * Archive import/export, in process (app.inject, multipart included): a
 * 250 KB real-layout .iar with 250 entries and 4 connections (import p50 at
 * most 20 ms, export at most 10 ms), a 5-integration .car (import at most
 * 100 ms), and the peak RSS while a 10 MB archive is imported. Archives are
 * built in code (test/helpers/archives.ts), never taken from real exports.
 */
import { randomBytes } from 'node:crypto';
import { buildApp } from '../../src/app';
import { makeConfig, DEFAULT_CLIENT } from '../../src/config';
import { carEntries, iarEntries, zipEntries, type TestFlow } from '../../test/helpers/archives';
import { multipart } from '../../test/helpers/oic';

export interface ArchiveBench {
  iarBytes: number;
  iarEntries: number;
  /** Wall-clock p50s (ms); on a shared machine they include waiting for a core. */
  importIarP50: number;
  exportIarP50: number;
  importCarP50: number;
  /** CPU time this process spent per operation (p50, ms): what the code costs, whatever the load. */
  cpu: { importIar: number; exportIar: number; importCar: number };
  bigBytes: number;
  bigImportMs: number;
  peakRssMb: number;
  baseRssMb: number;
}

const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Pseudo-random text (compresses like real XML/XSL does, roughly 3:1), deterministic per seed. */
function filler(bytes: number, seed: number): string {
  const words = ['xsl:value-of', 'select=', '$request', '/ns0:Order', 'nsmpr2:', '<xsl:if test="', 'ResponseWrapper', 'CustomerNumber', '">', '</xsl:if>'];
  let s = '';
  let x = seed;
  while (s.length < bytes) {
    x = (x * 1103515245 + 12345) >>> 0;
    s += words[x % words.length] + (x % 97).toString(36) + ' ';
  }
  return s.slice(0, bytes);
}

export function flowOf(code: string, resources: number, bytesEach: number, conns = 4): TestFlow {
  const connections = Array.from({ length: conns }, (_, i) => ({ code: `${code}_C${i}`, type: i === 0 ? 'rest' : 'erp', props: { connectionUrl: `https://c${i}.example.com`, region: 'r1' } }));
  const res: Record<string, string> = {};
  for (let i = 0; i < resources; i++) res[`resources/processor_${i}/resourcegroup_${i}/req_${i.toString(16).padStart(32, '0')}.xsl`] = filler(bytesEach, i + 1);
  return {
    code, name: `${code} flow`, smartTags: 'style:app driven orchestration', tracking: 'Order Id',
    trigger: { conn: connections[0].code, name: 'Receive', rest: { verb: 'POST', uri: '/orders/{id}', responseSample: '{"ok":true}' } },
    invokes: connections.slice(1).map((c, i) => ({ conn: c.code, name: `Invoke${i}` })),
    processors: [{ name: 'Map', type: 'transformer' }], connections, resources: res,
  };
}

export async function runArchiveBench(opts: { runs: number; bigMb: number } = { runs: 40, bigMb: 10 }): Promise<ArchiveBench> {
  const app = await buildApp(makeConfig({ maxPayload: 64 * 1024 * 1024 }));
  await app.ready();
  const tok = await app.inject({ method: 'POST', url: '/oauth2/v1/token', headers: { authorization: `Basic ${Buffer.from(`${DEFAULT_CLIENT.clientId}:${DEFAULT_CLIENT.clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'grant_type=client_credentials' });
  const authorization = `Bearer ${tok.json().access_token as string}`;
  const cpuTimes = new Map<string, number[]>();
  const timed = async <T>(key: string, fn: () => Promise<T>): Promise<[number, T]> => {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    const out = await fn();
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const c = process.cpuUsage(c0);
    cpuTimes.set(key, [...(cpuTimes.get(key) ?? []), (c.user + c.system) / 1000]);
    return [ms, out];
  };
  const send = async (method: 'POST' | 'PUT', url: string, data: Buffer) => {
    const body = multipart([{ field: 'file', filename: 'a', data }]);
    const [ms, res] = await timed(url, () => app.inject({ method, url, payload: body.payload, headers: { ...body.headers, authorization } }));
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
    return ms;
  };
  try {
    // 250 entries, ~250 KB.
    const iarFiles = iarEntries(flowOf('BENCH_FLOW', 240, 2900));
    const iar = zipEntries(iarFiles);
    const importTimes: number[] = [];
    for (let i = 0; i < opts.runs; i++) importTimes.push(await send('PUT', '/ic/api/integration/v1/integrations/archive', iar));
    const exportTimes: number[] = [];
    for (let i = 0; i < opts.runs; i++) {
      const [ms, res] = await timed('export', () => app.inject({ method: 'GET', url: '/ic/api/integration/v1/integrations/BENCH_FLOW%7C01.00.0000/archive', headers: { authorization } }));
      exportTimes.push(ms);
      if (res.statusCode !== 200) throw new Error(`export: ${res.statusCode}`);
    }
    const car = zipEntries(carEntries({
      code: 'bench-project', flows: Array.from({ length: 5 }, (_, i) => ({ ...flowOf(`CAR_FLOW_${i}`, 20, 2000, 2), connections: undefined })),
      connections: flowOf('CAR_FLOW_0', 0, 0, 2).connections!.concat(...[1, 2, 3, 4].map((i) => flowOf(`CAR_FLOW_${i}`, 0, 0, 2).connections!)),
      lookups: [{ name: 'Bench_Map', columns: ['a', 'b'], rows: [['1', '2']] }],
      schedules: [],
    }));
    const carTimes: number[] = [];
    for (let i = 0; i < opts.runs; i++) carTimes.push(await send('PUT', '/ic/api/integration/v1/projects/archive', car));

    // ~10 MB upload: stored (incompressible) resources.
    const big = flowOf('BIG_FLOW', 0, 0);
    const perFile = 40 * 1024;
    big.resources = Object.fromEntries(Array.from({ length: Math.ceil((opts.bigMb * 1024 * 1024) / perFile) }, (_, i) => [`resources/blob_${i}.bin`, new Uint8Array(randomBytes(perFile))]));
    const bigZip = zipEntries(iarEntries(big), 0);
    global.gc?.();
    const baseRss = process.memoryUsage().rss;
    let peak = baseRss;
    const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 1);
    const bigMs = await send('POST', '/ic/api/integration/v1/integrations/archive', bigZip);
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().rss);
    return {
      iarBytes: iar.length, iarEntries: Object.keys(iarFiles).length, importIarP50: p50(importTimes), exportIarP50: p50(exportTimes), importCarP50: p50(carTimes),
      cpu: { importIar: p50(cpuTimes.get('/ic/api/integration/v1/integrations/archive')!), exportIar: p50(cpuTimes.get('export')!), importCar: p50(cpuTimes.get('/ic/api/integration/v1/projects/archive')!) },
      bigBytes: bigZip.length, bigImportMs: bigMs, peakRssMb: Math.round(peak / 1024 / 1024), baseRssMb: Math.round(baseRss / 1024 / 1024),
    };
  } finally {
    await app.close();
  }
}

if (require.main === module) {
  runArchiveBench().then((r) => {
    const f = (n: number) => n.toFixed(2);
    console.log(`archive import (.iar ${Math.round(r.iarBytes / 1024)} KB, ${r.iarEntries} entries): p50 ${f(r.importIarP50)} ms, CPU ${f(r.cpu.importIar)} ms (target <= 20)`);
    console.log(`archive export (.iar):            p50 ${f(r.exportIarP50)} ms, CPU ${f(r.cpu.exportIar)} ms (target <= 10)`);
    console.log(`project import (.car, 5 flows):   p50 ${f(r.importCarP50)} ms, CPU ${f(r.cpu.importCar)} ms (target <= 100)`);
    console.log(`10 MB import: ${f(r.bigImportMs)} ms, RSS ${r.baseRssMb} MB before, ${r.peakRssMb} MB at peak`);
  }).catch((e) => { console.error(e); process.exit(1); });
}
