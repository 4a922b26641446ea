/**
 * `npm run bench` (full: several minutes) and `npm run bench -- --quick`
 * (under a minute): the emulator as a real process next to bare Fastify and
 * Prism, measured in the same run; prints tables and writes
 * bench/results/<date>.json. See README "Performance".
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, setTarget, startBareFastify, startEmulator, targetRoot, type Running } from './lib/proc';
import { closeAgent } from './lib/http';
import type { LoadOptions } from './lib/load';
import { installPrism, prismInstalled, startPrism } from './lib/prism';
import { checkTargets, render, type TargetCheck } from './lib/report';
import { SCENARIOS, newCtx, runScenario, type Measured } from './scenarios/throughput';
import { runStartup, type StartupResult } from './scenarios/startup';
import { runScale, type ScaleResult } from './scenarios/scale';
import { runControl, type ControlResult } from './scenarios/control';
import { runInstances, type InstancesResult } from './scenarios/instances';
import { runInProcess, type InProcessResult } from './scenarios/in-process';

export type Section = 'startup' | 'throughput' | 'scale' | 'control' | 'inprocess' | 'instances';
export const SECTIONS: Section[] = ['startup', 'throughput', 'scale', 'control', 'inprocess', 'instances'];

export interface Profile {
  mode: 'full' | 'quick' | 'smoke';
  load: LoadOptions;
  startupRuns: number;
  scaleSizes: number[];
  scaleCalls: number;
  controlObjects: number;
  controlReps: number;
  /** In-process startEmulator() runs after the first, and demo-fixture resets. */
  inProcessStarts: number;
  inProcessResets: number;
  /** OIC service instances made, and integrations in each. */
  instances: number;
  integrationsEach: number;
  prism: boolean;
}

export const PROFILES: Record<Profile['mode'], Profile> = {
  full: { mode: 'full', load: { connections: 10, duration: 10, warmup: 2 }, startupRuns: 10, scaleSizes: [10_000, 100_000, 1_000_000], scaleCalls: 50, controlObjects: 10_000, controlReps: 5, inProcessStarts: 20, inProcessResets: 50, instances: 100, integrationsEach: 100, prism: true },
  quick: { mode: 'quick', load: { connections: 10, duration: 2, warmup: 0.5 }, startupRuns: 5, scaleSizes: [10_000], scaleCalls: 20, controlObjects: 10_000, controlReps: 5, inProcessStarts: 10, inProcessResets: 20, instances: 100, integrationsEach: 100, prism: false },
  // The smoke test: every code path, tiny counts.
  smoke: { mode: 'smoke', load: { connections: 2, duration: 0, amount: 40 }, startupRuns: 1, scaleSizes: [200], scaleCalls: 2, controlObjects: 50, controlReps: 1, inProcessStarts: 1, inProcessResets: 1, instances: 3, integrationsEach: 2, prism: false },
};

export interface ThroughputRow extends Measured {
  ratioFastify?: number;
  ratioPrism?: number;
}

export interface BenchResults {
  meta: {
    date: string;
    mode: Profile['mode'];
    commit: string | null;
    machine: { cpus: number; cpuModel: string; memory: string; node: string; platform: string };
    connections: number;
    duration: string;
  };
  startup?: StartupResult;
  throughput?: ThroughputRow[];
  memory?: {
    /** 0.5 s after start-up. */
    afterStart: number | null;
    /**
     * A second emulator left alone while the load runs elsewhere: its RSS once
     * V8 has settled (it gives back start-up's young-generation space after
     * ~15 s idle). The target's "idle" figure.
     */
    idle: number | null;
    idleSeconds: number;
    underLoad: number | null;
  };
  scale?: ScaleResult[];
  control?: ControlResult;
  inProcess?: InProcessResult;
  instances?: InstancesResult;
  targets: TargetCheck[];
}

export interface RunOptions {
  profile: Profile;
  sections?: Section[];
  log?: (line: string) => void;
}

function commit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: targetRoot(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

export async function runBench(opts: RunOptions): Promise<BenchResults> {
  const { profile } = opts;
  const log = opts.log ?? ((s: string) => process.stderr.write(`${s}\n`));
  const sections = new Set(opts.sections ?? SECTIONS);
  const results: BenchResults = {
    meta: {
      date: new Date().toISOString(),
      mode: profile.mode,
      commit: commit(),
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GB`, node: process.version, platform: `${os.platform()} ${os.release()}` },
      connections: profile.load.connections,
      duration: profile.load.amount ? `${profile.load.amount} requests per measurement` : `${profile.load.duration} s per measurement after ${profile.load.warmup ?? 0} s warm-up`,
    },
    targets: [],
  };

  if (sections.has('startup')) {
    log(`start-up: ${profile.startupRuns} runs...`);
    results.startup = await runStartup(profile.startupRuns);
  }

  if (sections.has('throughput')) {
    const started: Running[] = [];
    try {
      log('throughput: starting the emulator and bare Fastify...');
      const idleProbe = await startEmulator();
      started.push(idleProbe);
      const idleSince = Date.now();
      const emulator = await startEmulator();
      started.push(emulator);
      const ctx = await newCtx(emulator);
      await new Promise((r) => setTimeout(r, 500));
      const afterStart = emulator.rss();
      const bareServer = await startBareFastify();
      started.push(bareServer);
      let prism: Running | null = null;
      if (profile.prism) {
        try {
          installPrism(log);
          log('starting Prism...');
          prism = await startPrism();
          started.push(prism);
        } catch (e) {
          log(`Prism unavailable: ${(e as Error).message.split('\n')[0]}`);
        }
      } else if (prismInstalled()) {
        log('Prism is installed but not used in this mode (--prism to include it)');
      }
      results.throughput = [];
      for (const s of SCENARIOS) {
        log(`${s.title}...`);
        const m: ThroughputRow = await runScenario(s, ctx, bareServer, prism, profile.load);
        if (m.emulator && m.bare) m.ratioFastify = m.emulator.rps / m.bare.rps;
        if (m.emulator && m.prism) m.ratioPrism = m.emulator.rps / m.prism.rps;
        results.throughput.push(m);
      }
      const peaks = results.throughput.map((t) => t.emulator?.peakRss ?? null).filter((x): x is number => x !== null);
      const idleSeconds = (Date.now() - idleSince) / 1000;
      results.memory = { afterStart, idle: idleSeconds >= 20 ? idleProbe.rss() : null, idleSeconds: Math.round(idleSeconds), underLoad: peaks.length ? Math.max(...peaks) : null };
    } finally {
      for (const s of started.reverse()) await s.stop();
    }
  }

  if (sections.has('scale')) {
    results.scale = [];
    for (const n of profile.scaleSizes) {
      log(`scale: ${n.toLocaleString('en')} executions...`);
      results.scale.push(await runScale(n, profile.scaleCalls));
    }
  }

  if (sections.has('control')) {
    log(`reset/restore with ${profile.controlObjects.toLocaleString('en')} objects...`);
    results.control = await runControl(profile.controlObjects, profile.controlReps);
  }

  if (sections.has('inprocess')) {
    log('in-process startEmulator() and reset with the demo fixtures...');
    results.inProcess = await runInProcess(profile.inProcessStarts, profile.inProcessResets);
  }

  if (sections.has('instances')) {
    log(`instances: ${profile.instances} OIC service instances with ${profile.integrationsEach} integrations each...`);
    results.instances = await runInstances(profile.instances, profile.integrationsEach, profile.load);
  }

  results.targets = checkTargets(results);
  closeAgent();
  return results;
}

export function writeResults(results: BenchResults, file?: string): string {
  const out = file ?? path.join(ROOT, 'bench', 'results', `${results.meta.date.replace(/[:.]/g, '-')}-${results.meta.mode}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(results, null, 2) + '\n');
  return out;
}

const USAGE = `usage: npm run bench [-- options]
  --quick             under a minute: shorter runs, 10k executions only, no Prism
  --prism / --no-prism  include Prism (default: full run only)
  --only <list>       sections to run: ${SECTIONS.join(',')}
  --connections <n>   concurrent connections (default 10)
  --duration <s>      seconds per measurement (default 10, quick 2)
  --out <file>        JSON output (default bench/results/<date>-<mode>.json)
  --target <dir>      measure the build in another checkout (its dist/), e.g. an older
                      commit, with this checkout's scenarios`;

export function parseCli(argv: string[]): { options: RunOptions; out?: string } | null {
  let profile: Profile = { ...PROFILES.full, load: { ...PROFILES.full.load } };
  let prism: boolean | undefined;
  let sections: Section[] | undefined;
  let out: string | undefined;
  const rest = [...argv];
  const overrides: Partial<LoadOptions> = {};
  while (rest.length) {
    const a = rest.shift()!;
    const value = () => {
      const v = rest.shift();
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--quick') profile = { ...PROFILES.quick, load: { ...PROFILES.quick.load } };
    else if (a === '--prism') prism = true;
    else if (a === '--no-prism') prism = false;
    else if (a === '--only') {
      sections = value().split(',').map((s) => s.trim()) as Section[];
      const bad = sections.filter((s) => !SECTIONS.includes(s));
      if (bad.length) throw new Error(`unknown section ${bad.join(', ')}; use ${SECTIONS.join(', ')}`);
    } else if (a === '--connections') overrides.connections = positive(a, value());
    else if (a === '--duration') overrides.duration = positive(a, value());
    else if (a === '--out') out = value();
    else if (a === '--target') setTarget(value());
    else if (a === '--help' || a === '-h') return null;
    else throw new Error(`unknown option ${a}\n${USAGE}`);
  }
  profile.load = { ...profile.load, ...overrides };
  if (prism !== undefined) profile.prism = prism;
  return { options: { profile, sections }, out };
}

function positive(flag: string, v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${flag} expects a positive number, got '${v}'`);
  return n;
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseCli(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(2);
  }
  if (!parsed) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const results = await runBench(parsed.options);
  process.stdout.write(`\n${render(results)}\n`);
  process.stdout.write(`\nwrote ${path.relative(process.cwd(), writeResults(results, parsed.out))}\n`);
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  });
}
