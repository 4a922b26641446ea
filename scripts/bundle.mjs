#!/usr/bin/env node
/**
 * Second half of `npm run build` (after tsc has type-checked and emitted
 * dist/): start-up speed.
 *
 * 1. dist/server.js becomes one esbuild bundle of src/server.ts and its
 *    dependencies. Loading ~300 small CommonJS files (plus jose through the
 *    ESM loader) was most of the emulator's start-up; one file is read and
 *    compiled once, with no module resolution. Packages that read their own
 *    files at run time, load native code or are loaded only on demand stay
 *    external (EXTERNAL below) and come from node_modules as before.
 * 2. dist/specs/<name>.json: the OpenAPI documents parsed once, here, rather
 *    than at every start (src/openapi/spec.ts uses them when the recorded
 *    hash still matches the YAML, and parses the YAML otherwise).
 *
 * The other files tsc wrote to dist/ stay as they are (dist/app.js etc., for
 * anyone who imports the emulator as a library).
 */
import * as esbuild from 'esbuild';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

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
  outfile: path.join(DIST, 'server.js'),
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
fs.chmodSync(path.join(DIST, 'server.js'), 0o755);

fs.mkdirSync(path.join(DIST, 'specs'), { recursive: true });
for (const file of fs.readdirSync(path.join(ROOT, 'openapi'))) {
  if (!file.endsWith('.yaml')) continue;
  const text = fs.readFileSync(path.join(ROOT, 'openapi', file), 'utf8');
  const source = crypto.createHash('sha256').update(text).digest('hex');
  fs.writeFileSync(path.join(DIST, 'specs', file.replace(/\.yaml$/, '.json')), JSON.stringify({ source, document: YAML.parse(text) }));
}
