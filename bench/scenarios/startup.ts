/**
 * Start-up: from spawn() of `node dist/server.js` to the first 200 from
 * /_emulator/health, polled every 2 ms on a port chosen beforehand.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { ROOT, freePort, serverFile, targetRoot } from '../lib/proc';
import { summarize, type Series } from '../lib/http';

function healthStatus(port: number, path = '/_emulator/health'): Promise<number> {
  return new Promise((resolve) => {
    // A fresh connection each time (no agent): the server is not up yet.
    const req = http.get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
  });
}

/** The bare Fastify baseline's start-up: what node and Fastify cost on this machine right now. */
const BARE = path.join(ROOT, 'bench', 'servers', 'bare-fastify.cjs');

export async function timeStartup(args: string[] = [], bare = false): Promise<number> {
  const port = await freePort();
  const started = process.hrtime.bigint();
  const child = bare
    ? spawn(process.execPath, [BARE], { stdio: 'ignore', cwd: ROOT, env: { ...process.env, PORT: String(port) } })
    : spawn(process.execPath, [serverFile(), '--port', String(port), '--host', '127.0.0.1', '--log-level', 'warn', ...args], { stdio: 'ignore', cwd: ROOT });
  let exited = false;
  child.once('exit', () => (exited = true));
  try {
    for (;;) {
      if (exited) throw new Error(`the ${bare ? 'bare Fastify server' : 'emulator'} exited during start-up (args: ${args.join(' ')})`);
      if ((await healthStatus(port, bare ? '/static' : '/_emulator/health')) === 200) return Number(process.hrtime.bigint() - started) / 1e6;
      if (Number(process.hrtime.bigint() - started) > 30e9) throw new Error('no healthy emulator within 30 s');
      await new Promise((r) => setTimeout(r, 2));
    }
  } finally {
    if (!exited) {
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await gone;
    }
  }
}

export interface StartupResult {
  runs: number;
  /** The emulator without fixtures (the target's measure). */
  bare: Series;
  /** bench/servers/bare-fastify.cjs to its first 200: the floor on this machine at this moment. */
  fastify: Series;
  /** With --fixtures fixtures/demo (absent when there is no demo folder). */
  demo?: Series;
}

export async function runStartup(runs: number): Promise<StartupResult> {
  // One unmeasured start warms the OS file cache, as for any later start.
  await timeStartup();
  const bare: number[] = [];
  const demo: number[] = [];
  const fastify: number[] = [];
  const demoDir = path.join(targetRoot(), 'fixtures', 'demo');
  const withDemo = fs.existsSync(demoDir);
  // Interleaved, so a noisy moment on the machine hits all alike.
  for (let i = 0; i < runs; i++) {
    bare.push(await timeStartup());
    if (withDemo) demo.push(await timeStartup(['--fixtures', demoDir]));
    fastify.push(await timeStartup([], true));
  }
  return { runs, bare: summarize(bare), fastify: summarize(fastify), ...(withDemo ? { demo: summarize(demo) } : {}) };
}
