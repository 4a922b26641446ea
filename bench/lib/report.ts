/**
 * The results: one JSON document, terminal tables, and the check against the
 * performance targets.
 */
import type { BenchResults } from '../run';

const MB = 1024 * 1024;

export interface TargetCheck {
  measure: string;
  target: string;
  value: string;
  /** null: not measured in this run. */
  ok: boolean | null;
}

const fmt = (n: number | undefined | null, digits = 1) => (n === undefined || n === null || !Number.isFinite(n) ? '-' : n.toFixed(digits));
const mb = (b: number | undefined | null) => (b === undefined || b === null ? '-' : `${(b / MB).toFixed(0)} MB`);

export function checkTargets(r: BenchResults): TargetCheck[] {
  const out: TargetCheck[] = [];
  const add = (measure: string, target: string, value: number | null | undefined, ok: (v: number) => boolean, show: (v: number) => string) => {
    const has = value !== null && value !== undefined && Number.isFinite(value);
    out.push({ measure, target, value: has ? show(value) : 'not measured', ok: has ? ok(value) : null });
  };
  add('start-up to healthy (median)', '<= 250 ms', r.startup?.bare.median, (v) => v <= 250, (v) => `${v.toFixed(0)} ms`);
  const get = r.throughput?.find((s) => s.key === 'getIntegration');
  const post = r.throughput?.find((s) => s.key === 'createIntegration');
  add('GET integration vs bare Fastify', '>= 0.6 x', get?.ratioFastify, (v) => v >= 0.6, (v) => `${v.toFixed(2)} x`);
  add('GET integration vs Prism', '>= 2 x', get?.ratioPrism, (v) => v >= 2, (v) => `${v.toFixed(2)} x`);
  add('POST create integration vs bare Fastify', '>= 0.3 x', post?.ratioFastify, (v) => v >= 0.3, (v) => `${v.toFixed(2)} x`);
  const million = r.scale?.find((s) => s.executions === 1_000_000 && !s.skipped);
  const metricsP50 = million?.queries ? Math.max(...Object.entries(million.queries).filter(([k]) => k.startsWith('metrics')).map(([, s]) => s.p50)) : undefined;
  add('metrics over 1 M executions (p50, worst period)', '<= 50 ms', metricsP50, (v) => v <= 50, (v) => `${v.toFixed(1)} ms`);
  add('generating 1 M executions', '<= 20 s', million?.generateMs, (v) => v <= 20_000, (v) => `${(v / 1000).toFixed(1)} s`);
  const big = r.control && !r.control.skipped && r.control.objects >= 10_000 ? r.control : undefined;
  add('reset with 10 k objects (median)', '<= 10 ms', big?.reset?.median, (v) => v <= 10, (v) => `${v.toFixed(1)} ms`);
  add('restore with 10 k objects (median)', '<= 100 ms', big?.restore?.median, (v) => v <= 100, (v) => `${v.toFixed(1)} ms`);
  add('startEmulator() in-process, after the first (median)', '<= 30 ms', r.inProcess?.start.median, (v) => v <= 30, (v) => `${v.toFixed(1)} ms`);
  add('reset with the demo fixtures, frozen clock (median)', '<= 5 ms', r.inProcess?.reset.median, (v) => v <= 5, (v) => `${v.toFixed(1)} ms`);
  add(`RSS idle${r.memory?.idle ? ` (after ${r.memory.idleSeconds} s)` : ''}`, '<= 80 MB', r.memory?.idle, (v) => v <= 80 * MB, mb);
  add('RSS with 1 M executions (file db)', '<= 200 MB', million?.rssAfter, (v) => v <= 200 * MB, mb);
  const inst = r.instances && !r.instances.skipped ? r.instances : undefined;
  add('new OIC service instance ready (server, p50)', '<= 5 ms', inst?.readyMs, (v) => v <= 5, (v) => `${v.toFixed(2)} ms`);
  // Server CPU time per request (steadier than req/s on a shared machine), default over named: 1 = as cheap.
  const d = inst?.getDefault;
  const n = inst?.getNamed;
  const named = d && n ? (d.cpuUs && n.cpuUs ? d.cpuUs / n.cpuUs : n.rps / d.rps) : undefined;
  add('GET integration: named instance vs default (server CPU)', '>= 0.9 x', named, (v) => v >= 0.9, (v) => `${v.toFixed(2)} x`);
  return out;
}

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function render(r: BenchResults): string {
  const parts: string[] = [];
  const m = r.meta;
  parts.push(`oracle-integration-emulator benchmark (${m.mode}) — ${m.date}`);
  parts.push(`${m.machine.cpus} CPUs (${m.machine.cpuModel}), ${m.machine.memory} RAM, Node ${m.machine.node}, ${m.connections} connections, ${m.duration}`);
  if (r.startup) {
    const s = r.startup;
    parts.push('\nStart-up: spawn to first 200 from /_emulator/health (ms)');
    parts.push(table(['', 'median', 'min', 'max', 'runs'], [
      ['no fixtures', fmt(s.bare.median, 0), fmt(s.bare.min, 0), fmt(s.bare.max, 0), String(s.runs)],
      ...(s.demo ? [['--fixtures fixtures/demo', fmt(s.demo.median, 0), fmt(s.demo.min, 0), fmt(s.demo.max, 0), String(s.runs)]] : []),
      ['(bare Fastify, for scale)', fmt(s.fastify.median, 0), fmt(s.fastify.min, 0), fmt(s.fastify.max, 0), String(s.runs)],
    ]));
  }
  if (r.throughput) {
    parts.push('\nThroughput and latency (req/s; latency ms; server CPU per request µs), each next to bare Fastify measured just before');
    const rows: string[][] = [];
    for (const s of r.throughput) {
      if (s.skipped) {
        rows.push([s.title, s.skipped, '', '', '', '', '', '', '']);
        continue;
      }
      const e = s.emulator!;
      const bad = e.non2xx || e.errors ? ` (${e.non2xx} non-2xx, ${e.errors} errors)` : '';
      rows.push([
        s.title + bad, fmt(e.rps, 0), fmt(e.p50), fmt(e.p99), fmt(e.cpuUs, 0),
        `${fmt(s.bare?.rps, 0)} (${fmt(s.bare?.cpuUs, 0)} µs)`, fmt(s.ratioFastify, 2),
        s.prism ? fmt(s.prism.rps, 0) : '-', fmt(s.ratioPrism, 2),
      ]);
    }
    parts.push(table(['request', 'req/s', 'p50', 'p99', 'CPU µs', 'Fastify req/s', 'x Fastify', 'Prism req/s', 'x Prism'], rows));
  }
  if (r.scale?.length) {
    parts.push('\nScale: executions across 100 integrations, fresh file database each');
    const rows = r.scale.map((s) => s.skipped
      ? [s.executions.toLocaleString('en'), s.skipped, '', '', '', '']
      : [
        s.executions.toLocaleString('en'),
        `${fmt((s.generateMs ?? 0) / 1000, 1)} s`,
        ...['metrics 24h', 'metrics 7d', 'metrics 30d'].map((k) => (s.queries?.[k] ? `${fmt(s.queries[k].p50)} / ${fmt(s.queries[k].p99)}` : '-')),
        Object.entries(s.queries ?? {}).filter(([k]) => k.startsWith('executions')).map(([, q]) => `${fmt(q.p50)} / ${fmt(q.p99)}`)[0] ?? '-',
        mb(s.rssAfter),
        mb(s.dbBytes),
      ]);
    parts.push(table(['executions', 'generate', '24h p50/p99', '7d p50/p99', '30d p50/p99', 'page p50/p99', 'RSS after', 'db file'], rows));
  }
  if (r.control) {
    const c = r.control;
    parts.push(`\nReset and restore with ${c.objects.toLocaleString('en')} objects${c.objectKind ? ` (${c.objectKind})` : ''} (ms, wall / server)`);
    if (c.skipped) parts.push(c.skipped);
    else {
      parts.push(table(['', 'median', 'max', 'server median'], [
        ['snapshot', fmt(c.snapshot?.median), fmt(c.snapshot?.max), '-'],
        ['reset', fmt(c.reset?.median), fmt(c.reset?.max), fmt(c.resetServer?.median)],
        ['restore', fmt(c.restore?.median), fmt(c.restore?.max), fmt(c.restoreServer?.median)],
      ]));
    }
  }
  if (r.inProcess) {
    const p = r.inProcess;
    parts.push(`\nIn process (ms): first startEmulator() ${fmt(p.firstStartMs)} (module loading included)`);
    parts.push(table(['', 'median', 'min', 'max'], [
      [`startEmulator(), ${p.start.n} after the first`, fmt(p.start.median), fmt(p.start.min), fmt(p.start.max)],
      [`reset, demo fixtures (${p.fixtureObjects} objects), frozen clock`, fmt(p.reset.median), fmt(p.reset.min), fmt(p.reset.max)],
      ['reset, demo fixtures, real-time clock', fmt(p.resetRealClock.median), fmt(p.resetRealClock.min), fmt(p.resetRealClock.max)],
    ]));
  }
  if (r.instances) {
    const i = r.instances;
    parts.push(`\nOIC service instances: ${i.instances} made, ${i.integrationsEach} integrations in each`);
    if (i.skipped) parts.push(i.skipped);
    else {
      parts.push(table(['', 'p50', 'p99', 'max'], [
        ['first request to a new instance (ms)', fmt(i.firstRequest?.p50, 2), fmt(i.firstRequest?.p99, 2), fmt(i.firstRequest?.max, 2)],
        ['same request, existing instance (ms)', fmt(i.existingRequest?.p50, 2), fmt(i.existingRequest?.p99, 2), fmt(i.existingRequest?.max, 2)],
        ['server time to create an instance (ms)', fmt(i.setup?.p50, 2), fmt(i.setup?.p99, 2), fmt(i.setup?.max, 2)],
      ]));
      parts.push(`new instance ready (server, p50): ${fmt(i.readyMs, 2)} ms; RSS ${mb(i.rssBefore)} -> ${mb(i.rssAfter)} (${fmt((i.bytesPerInstance ?? NaN) / MB, 2)} MB per instance with its integrations)`);
      parts.push(table(['GET one integration', 'req/s', 'p50', 'p99', 'CPU µs'], [
        ['default instance', fmt(i.getDefault?.rps, 0), fmt(i.getDefault?.p50), fmt(i.getDefault?.p99), fmt(i.getDefault?.cpuUs ?? NaN, 0)],
        [`named instance (of ${i.instances + 1})`, fmt(i.getNamed?.rps, 0), fmt(i.getNamed?.p50), fmt(i.getNamed?.p99), fmt(i.getNamed?.cpuUs ?? NaN, 0)],
      ]));
    }
  }
  if (r.memory) {
    const idle = r.memory.idle ? `${mb(r.memory.idle)} idle after ${r.memory.idleSeconds} s` : `idle not measured (under 20 s of idling)`;
    parts.push(`\nMemory (RSS): ${mb(r.memory.afterStart)} right after start-up, ${idle}, peak under load ${mb(r.memory.underLoad)}`);
  }
  parts.push('\nTargets');
  parts.push(table(['measure', 'target', 'this run', ''], r.targets.map((t) => [t.measure, t.target, t.value, t.ok === null ? '-' : t.ok ? 'ok' : 'MISSED'])));
  return parts.join('\n');
}
