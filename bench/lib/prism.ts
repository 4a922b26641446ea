/**
 * Stoplight Prism mocking openapi/oic.yaml: what a user might run instead of
 * this emulator. It is large (~100 MB with its dependencies), so it is not a
 * devDependency: the full benchmark installs it on first use into
 * node_modules/.cache (gone with the next `npm ci`, never committed).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, freePort, start, type Running } from './proc';
import { request } from './http';

export const PRISM_VERSION = '5';
const TOOLS = path.join(ROOT, 'node_modules', '.cache', 'oie-bench-prism');
const BIN = path.join(TOOLS, 'node_modules', '@stoplight', 'prism-cli', 'dist', 'index.js');

export function prismInstalled(): boolean {
  return fs.existsSync(BIN);
}

export function installPrism(log: (s: string) => void): void {
  if (prismInstalled()) return;
  log(`installing @stoplight/prism-cli@${PRISM_VERSION} into ${path.relative(ROOT, TOOLS)} (once)...`);
  fs.mkdirSync(TOOLS, { recursive: true });
  // Its own package.json, so npm installs here and never walks up into the project's.
  fs.writeFileSync(path.join(TOOLS, 'package.json'), JSON.stringify({ name: 'oie-bench-prism', private: true }));
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  execFileSync(npm, ['install', '--prefix', TOOLS, '--no-audit', '--no-fund', '--no-save', '--loglevel', 'error', `@stoplight/prism-cli@${PRISM_VERSION}`], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 300_000 });
}

export async function startPrism(spec = path.join(ROOT, 'openapi', 'oic.yaml')): Promise<Running> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  return start({
    name: 'prism',
    command: process.execPath,
    args: [BIN, 'mock', spec, '--host', '127.0.0.1', '--port', String(port), '--errors', 'false'],
    env: { NODE_ENV: 'production' },
    ready: async (output) => {
      const deadline = Date.now() + 60_000;
      // Ready once it answers HTTP at all (any status: mocked routes need auth).
      while (Date.now() < deadline) {
        try {
          await request(`${url}/.well-known/openid-configuration`, { timeoutMs: 1000 });
          return url;
        } catch {
          await new Promise((r) => setTimeout(r, 200));
        }
      }
      throw new Error(`Prism did not start within 60 s:\n${output().slice(-2000)}`);
    },
  });
}
