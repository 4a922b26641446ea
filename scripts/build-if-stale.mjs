#!/usr/bin/env node
/**
 * `npm start` (through scripts/start.mjs) and `prepare`: run `npm run build`
 * only when its inputs changed.
 *
 * The full build (tsc, esbuild, the V8 code-cache warm start) takes several
 * seconds; most starts follow no edit at all. The inputs (src/, openapi/,
 * fixtures/, the build scripts, the tsconfigs, package.json and the Node
 * version, whose V8 the code cache belongs to) are fingerprinted by path,
 * size and modification time, and compared with the fingerprint the last
 * successful build (scripts/bundle.mjs, its last step) left in
 * dist/.build-stamp. Stat-ing ~400 files takes a few milliseconds, where
 * reading them all would cost a noticeable part of a start; an edit, a git
 * checkout or a copy all change the modification time.
 *
 * Without src/ there is nothing to build: an installed tarball ships dist/,
 * and the Docker image runs `npm ci` before it copies the sources in.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const STAMP = path.join(ROOT, 'dist', '.build-stamp');
const INPUT_DIRS = ['src', 'openapi', 'fixtures'];
const INPUT_FILES = ['scripts/gen-api-types.mjs', 'scripts/bundle.mjs', 'scripts/server-loader.cjs', 'tsconfig.json', 'tsconfig.build.json', 'package.json'];
/** What the build must leave behind for a start to work. */
const OUTPUTS = ['dist/server.js', 'dist/server.bundle.js', 'dist/index.js', 'dist/index.mjs'];

function listFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

/** One hash over the relative path, size and mtime of every input, in a stable order. */
export function inputHash(root = ROOT) {
  const hash = crypto.createHash('sha256').update(`node ${process.version}\n`);
  const files = INPUT_DIRS.flatMap((d) => (fs.existsSync(path.join(root, d)) ? listFiles(path.join(root, d)) : []))
    .concat(INPUT_FILES.map((f) => path.join(root, f)).filter((f) => fs.existsSync(f)))
    .map((f) => path.relative(root, f).split(path.sep).join('/'))
    .sort();
  for (const rel of files) {
    const st = fs.statSync(path.join(root, rel));
    hash.update(`${rel} ${st.size} ${st.mtimeMs}\n`);
  }
  return hash.digest('hex');
}

/** Build when an input changed since the last build (or an output is missing); exits on a failed build. */
export function buildIfStale({ quiet = false } = {}) {
  if (!fs.existsSync(path.join(ROOT, 'src'))) {
    if (!quiet) console.log('build-if-stale: no src/ folder, nothing to build');
    return;
  }
  const want = inputHash();
  const have = fs.existsSync(STAMP) ? fs.readFileSync(STAMP, 'utf8').trim() : '';
  if (have === want && OUTPUTS.every((f) => fs.existsSync(path.join(ROOT, f)))) return;
  const npm = process.env.npm_execpath;
  // Under npm, run its own CLI with this Node; otherwise the npm on PATH.
  const run = npm
    ? spawnSync(process.execPath, [npm, 'run', 'build'], { cwd: ROOT, stdio: 'inherit' })
    : spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) buildIfStale();
