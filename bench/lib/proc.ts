/**
 * Processes under test: the emulator exactly as users start it
 * (node dist/server.js), the bare Fastify baseline and Prism, each a child
 * process on 127.0.0.1, with its resident memory read from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** The repository root, from bench/lib (tests, ts) or dist/bench (npm run bench). */
export const ROOT = findRoot(__dirname);
/** This checkout's server (see serverFile() for the one under test). */
export const SERVER = path.join(ROOT, 'dist', 'server.js');

/**
 * The build under test: this checkout's dist/ unless `--target DIR` names
 * another checkout (an older build, to compare with the same scenarios).
 */
let target = ROOT;
export function setTarget(dir: string): void {
  const root = path.resolve(dir);
  if (!fs.existsSync(path.join(root, 'dist', 'server.js'))) throw new Error(`${root}/dist/server.js is missing: build that checkout first`);
  target = root;
}
/** Root of the build under test (its dist/, fixtures/). */
export function targetRoot(): string {
  return target;
}
export function serverFile(): string {
  return path.join(target, 'dist', 'server.js');
}

function findRoot(dir: string): string {
  for (let d = dir; ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, 'package.json')) && fs.existsSync(path.join(d, 'openapi'))) return d;
    if (path.dirname(d) === d) throw new Error(`no package root above ${dir}`);
  }
}

export interface Running {
  name: string;
  child: ChildProcess;
  url: string;
  /** Resident set size in bytes now (null when it cannot be read). */
  rss(): number | null;
  /** CPU time used so far (user + system, µs; null when it cannot be read). */
  cpu(): number | null;
  output(): string;
  stop(): Promise<void>;
}

/** A port nobody listens on right now (for start-up timing, where the URL must be known before spawning). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export function rssOf(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null; // not Linux, or already gone
  }
}

/** User + system CPU time of a process in µs, from /proc/<pid>/stat (Linux). */
export function cpuOf(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat(5), in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return null;
  }
}

export interface SpawnOptions {
  name: string;
  command: string;
  args: string[];
  /** Resolves to the base URL once the process is ready. */
  ready: (output: () => string, child: ChildProcess) => Promise<string>;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export async function start(opts: SpawnOptions): Promise<Running> {
  const child = spawn(opts.command, opts.args, { cwd: opts.cwd ?? ROOT, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const keep = (d: Buffer) => {
    out += d.toString();
    if (out.length > 20_000) out = out.slice(-10_000); // Prism logs every request
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    }
  };
  try {
    const url = await Promise.race([
      opts.ready(() => out, child),
      exited.then(() => { throw new Error(`${opts.name} exited during start-up:\n${out.slice(-2000)}`); }),
    ]);
    return { name: opts.name, child, url, rss: () => rssOf(child.pid), cpu: () => cpuOf(child.pid), output: () => out, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** Wait for a line of output matching re; resolves with the first capture group. */
export function waitForOutput(re: RegExp, timeoutMs: number): SpawnOptions['ready'] {
  return (output, child) => new Promise((resolve, reject) => {
    const timer = setTimeout(() => { cleanup(); reject(new Error(`no ${re} within ${timeoutMs} ms:\n${output().slice(-2000)}`)); }, timeoutMs);
    const check = () => {
      const m = re.exec(output());
      if (m) { cleanup(); resolve(m[1]); }
    };
    const cleanup = () => { clearTimeout(timer); child.stdout!.off('data', check); child.stderr!.off('data', check); };
    child.stdout!.on('data', check);
    child.stderr!.on('data', check);
    check();
  });
}

export interface EmulatorOptions {
  db?: string;
  fixtures?: string;
  extraArgs?: string[];
}

/**
 * The emulator as `npm start` runs it, quiet (warn) and with a rate limit high
 * enough that the load itself is measured, not the 429s of the seed's
 * 1000-requests-per-hour limit.
 */
export function startEmulator(opts: EmulatorOptions = {}): Promise<Running> {
  const server = serverFile();
  if (!fs.existsSync(server)) throw new Error(`${server} is missing: run npm run build first`);
  const args = [server, '--port', '0', '--host', '127.0.0.1', '--log-level', 'warn', '--rate-limit', '1000000000'];
  if (opts.db) args.push('--db', opts.db);
  if (opts.fixtures) args.push('--fixtures', opts.fixtures);
  args.push(...(opts.extraArgs ?? []));
  return start({ name: 'emulator', command: process.execPath, args, ready: waitForOutput(/listening on (http:\/\/\S+)/, 20_000) });
}

export function startBareFastify(): Promise<Running> {
  return start({
    name: 'bare-fastify',
    command: process.execPath,
    args: [path.join(ROOT, 'bench', 'servers', 'bare-fastify.cjs')],
    ready: waitForOutput(/listening on (http:\/\/\S+)/, 10_000),
  });
}
