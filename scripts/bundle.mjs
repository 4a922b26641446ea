#!/usr/bin/env node
/**
 * Second half of `npm run build` (after tsc has type-checked and emitted
 * dist/): start-up speed.
 *
 * 1. dist/server.bundle.js: one esbuild bundle of src/server.ts and its
 *    dependencies, in ASCII only. Loading ~300 small CommonJS files (plus jose through the
 *    ESM loader) was most of the emulator's start-up; one file is read and
 *    compiled once, with no module resolution. Packages that read their own
 *    files at run time, load native code or are loaded only on demand stay
 *    external (EXTERNAL below) and come from node_modules as before.
 * 2. dist/server.js: scripts/server-loader.cjs, which runs the bundle with
 *    V8's code cache, and dist/server.bundle.cache, that cache, made by
 *    starting the server once here.
 * 3. dist/specs/<name>.json: the OpenAPI documents parsed once, here, rather
 *    than at every start (src/openapi/spec.ts uses them when the recorded
 *    hash still matches the YAML, and parses the YAML otherwise).
 * 4. dist/index.mjs and dist/index.d.mts: the library entry for ESM callers
 *    (package.json's `exports` map), named re-exports of the CommonJS
 *    dist/index.js so that `import { startEmulator } from ...` works the same
 *    in both module systems and both get types.
 *
 * The other files tsc wrote to dist/ stay as they are (dist/app.js etc., for
 * anyone who imports the emulator as a library).
 */
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { inputHash } from './build-if-stale.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SRC = path.join(ROOT, 'src');
const DIST = path.join(ROOT, 'dist');

const EXTERNAL = [
  'better-sqlite3', // native addon
  '@fastify/swagger', // loaded on the first /docs request only
  '@fastify/swagger-ui', // serves its own asset files
  'pino-pretty', // loaded only when logging to a terminal
  'yaml', // only needed when dist/specs is stale
  'chart.js', // served as a file
  'playwright-core',
];

/**
 * Source files that find files relative to themselves (`__dirname`) keep
 * finding them: inside the bundle `__dirname` is dist/, so it is rewritten to
 * the folder tsc would have put the module in (dist/<folder of the .ts file>).
 */
const distDirname = {
  name: 'dist-dirname',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (!args.path.startsWith(SRC + path.sep)) return undefined;
      let text = await fs.promises.readFile(args.path, 'utf8');
      if (/\b__dirname\b/.test(text)) {
        const rel = path.relative(SRC, path.dirname(args.path)).split(path.sep).join('/');
        text = text.replace(/\b__dirname\b/g, `require('node:path').join(__dirname, ${JSON.stringify(rel)})`);
      }
      return { contents: text, loader: 'ts' };
    });
  },
};

const result = await esbuild.build({
  entryPoints: [path.join(SRC, 'server.ts')],
  outfile: path.join(DIST, 'server.bundle.js'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: EXTERNAL,
  plugins: [distDirname],
  sourcemap: true,
  logLevel: 'warning',
});
if (result.errors.length) process.exit(1);
// esbuild escapes every non-ASCII character in code (charset 'ascii'), but
// keeps the comments it preserves as written, and a single en dash there
// makes V8 hold the whole ~3 MB source (which it keeps for lazy compilation)
// as a two-byte string: 3 MB more resident memory for the server's life.
// What is left outside ASCII is comment text; each UTF-16 unit becomes '?',
// so every line and column of the source map still points where it did.
{
  const bundleFile = path.join(DIST, 'server.bundle.js');
  const text = fs.readFileSync(bundleFile, 'utf8');
  if (/[^\x00-\x7f]/.test(text)) fs.writeFileSync(bundleFile, text.replace(/[^\x00-\x7f]/g, '?'));
}
fs.copyFileSync(path.join(ROOT, 'scripts', 'server-loader.cjs'), path.join(DIST, 'server.js'));
fs.rmSync(path.join(DIST, 'server.js.map'), { force: true }); // tsc's, for the file just replaced
fs.chmodSync(path.join(DIST, 'server.js'), 0o755);

fs.mkdirSync(path.join(DIST, 'specs'), { recursive: true });
for (const file of fs.readdirSync(path.join(ROOT, 'openapi'))) {
  if (!file.endsWith('.yaml')) continue;
  const text = fs.readFileSync(path.join(ROOT, 'openapi', file), 'utf8');
  const source = crypto.createHash('sha256').update(text).digest('hex');
  fs.writeFileSync(path.join(DIST, 'specs', file.replace(/\.yaml$/, '.json')), JSON.stringify({ source, document: YAML.parse(text) }));
}

// The ESM entry: named exports listed from the CommonJS module itself, so a
// new export in src/index.ts needs no edit here.
const cjsExports = Object.keys(createRequire(import.meta.url)(path.join(DIST, 'index.js'))).filter((k) => k !== 'default' && k !== '__esModule').sort();
fs.writeFileSync(path.join(DIST, 'index.mjs'),
  `// ESM entry of oracle-integration-emulator (written by scripts/bundle.mjs): the CommonJS dist/index.js, re-exported.\n` +
  `import cjs from './index.js';\n` +
  `export const { ${cjsExports.join(', ')} } = cjs;\n` +
  `export default cjs;\n`);
fs.writeFileSync(path.join(DIST, 'index.d.mts'),
  `// Types of dist/index.mjs (written by scripts/bundle.mjs): the same as dist/index.d.ts.\n` +
  `export * from './index.js';\n`);

// The code cache: start the server once (in memory, any free port, quiet);
// the loader saves what V8 compiled as soon as it listens. Without it the
// server still works, only starts slower, so a failure here is a warning.
const cacheFile = path.join(DIST, 'server.bundle.cache');
fs.rmSync(cacheFile, { force: true });
const warm = spawnSync(process.execPath, [path.join(DIST, 'server.js'), '--port', '0', '--host', '127.0.0.1', '--log-level', 'silent', '--db', ':memory:'], {
  env: { ...process.env, OIE_WRITE_CODE_CACHE: '1' },
  encoding: 'utf8',
  timeout: 60_000,
});
if (warm.status !== 0 || !fs.existsSync(cacheFile)) {
  process.stderr.write(`warning: no V8 code cache for dist/server.js (start-up will be slower): ${warm.error?.message ?? warm.stderr ?? ''}\n`);
}

// What this build was made from: `npm start` (scripts/build-if-stale.mjs)
// rebuilds only when it changes.
fs.writeFileSync(path.join(DIST, '.build-stamp'), `${inputHash()}\n`);
