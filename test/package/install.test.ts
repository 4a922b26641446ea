/**
 * The package as users install it: `npm pack`, then `npm install <tarball>`
 * into an empty project, then the emulator started from ESM and from
 * CommonJS through the `exports` map, typed for both, and the bin run by npx.
 *
 * The install asks the npm registry for the dependencies (the local npm cache
 * first); when the registry cannot be reached the test is skipped, saying so.
 * It runs with --ignore-scripts: better-sqlite3's install script would
 * compile its addon (about a minute) or fetch a prebuilt one from GitHub, so
 * the addon this checkout already built for this very Node is copied in
 * instead. Everything else is the tarball's own content, so a file missing
 * from `files`, a broken `exports` entry or a dependency that warns
 * EBADENGINE fails here.
 */
import t from 'tap';
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
// An install and a type check: about 35 s on an idle machine, much more on a busy one.
t.setTimeout(300_000);
const NPM_ENV = { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };

function run(cmd: string, args: string[], cwd: string, timeout = 120_000): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout, env: NPM_ENV });
}

async function registryReachable(): Promise<boolean> {
  const registry = run('npm', ['config', 'get', 'registry'], ROOT).stdout.trim() || 'https://registry.npmjs.org/';
  try {
    const res = await fetch(new URL('fastify', registry), { method: 'HEAD', signal: AbortSignal.timeout(5000) });
    return res.ok;
  } catch {
    return false;
  }
}

t.test('the packed tarball installs into an empty project and starts from ESM, CommonJS and npx', async (t) => {
  for (const f of ['dist/index.js', 'dist/index.mjs', 'dist/index.d.mts', 'dist/server.js']) {
    if (!fs.existsSync(path.join(ROOT, f))) throw new Error(`${f} is missing: run npm run build first (npm test does)`);
  }
  if (!(await registryReachable())) {
    t.pass('install the tarball', { skip: 'the npm registry is not reachable, so the tarball\'s dependencies cannot be installed' });
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oie-pack-'));
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));

  // The build already ran (npm test builds first): pack what it made.
  const pack = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], ROOT);
  t.equal(pack.status, 0, `npm pack: ${pack.stderr}`);
  const packed = JSON.parse(pack.stdout)[0] as { filename: string; files: { path: string }[] };
  const files = new Set(packed.files.map((f) => f.path));
  for (const f of ['dist/index.mjs', 'dist/index.d.mts', 'dist/index.d.ts', 'dist/server.bundle.js', 'openapi/oic.yaml', 'fixtures/demo/oic.json', 'dashboard/index.html']) {
    t.ok(files.has(f), `the tarball holds ${f}`);
  }
  t.notOk([...files].some((f) => f.startsWith('src/') || f.startsWith('test/') || f.startsWith('dist/bench/')), 'no sources, tests or bench build');

  const proj = path.join(dir, 'proj');
  fs.mkdirSync(proj);
  fs.writeFileSync(path.join(proj, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
  const install = run('npm', ['install', path.join(dir, packed.filename), '--ignore-scripts', '--prefer-offline'], proj, 180_000);
  t.equal(install.status, 0, `npm install: ${install.stderr}`);
  t.notMatch(install.stderr, /EBADENGINE/, `no dependency refuses this Node (${process.version})`);

  const addon = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
  fs.mkdirSync(path.dirname(path.join(proj, addon)), { recursive: true });
  fs.copyFileSync(path.join(ROOT, addon), path.join(proj, addon));

  const health = `
    const res = await fetch(emulator.url + '/_emulator/health');
    const body = await res.json();
    const list = await fetch(emulator.url + '/ic/api/integration/v1/integrations', { headers: { authorization: 'Basic ' + Buffer.from('user@example.com:Welcome1').toString('base64') } });
    console.log(JSON.stringify({ status: res.status, body, total: (await list.json()).totalResults }));
    await emulator.close();`;
  fs.writeFileSync(path.join(proj, 'esm.mjs'), `import { startEmulator, Clock } from 'oracle-integration-emulator';
    if (typeof Clock !== 'function') throw new Error('Clock is not exported');
    const emulator = await startEmulator({ fixtures: 'node_modules/oracle-integration-emulator/fixtures/demo' });${health}`);
  fs.writeFileSync(path.join(proj, 'cjs.cjs'), `const { startEmulator } = require('oracle-integration-emulator');
    (async () => { const emulator = await startEmulator();${health} })();`);
  for (const [file, total] of [['esm.mjs', 2], ['cjs.cjs', 0]] as const) {
    const r = run(process.execPath, [file], proj, 60_000);
    t.equal(r.status, 0, `${file}: ${r.stderr}`);
    const out = JSON.parse(r.stdout.trim().split('\n').pop()!);
    t.equal(out.status, 200, `${file}: /_emulator/health answers`);
    t.equal(out.body.status, 'UP');
    t.equal(out.total, total, `${file}: ${total ? 'the demo fixtures' : 'an empty emulator'}`);
  }

  // Types through the exports map, for both module systems.
  fs.writeFileSync(path.join(proj, 'typed.mts'), `import { startEmulator, type RunningEmulator } from 'oracle-integration-emulator';
    const e: RunningEmulator = await startEmulator({ seed: 7 }); const port: number = e.port; await e.reset('oic'); void port;`);
  fs.writeFileSync(path.join(proj, 'typed.cts'), `import { startEmulator } from 'oracle-integration-emulator';
    void startEmulator({ rateLimit: 5 }).then((e) => { const url: string = e.url; return url; });
    // @ts-expect-error: options are typed
    void startEmulator({ rateLimit: 'many' });`);
  const tsc = run(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '--noEmit', '--strict', '--skipLibCheck',
    '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--types', 'node', '--typeRoots', path.join(ROOT, 'node_modules/@types'),
    'typed.mts', 'typed.cts'], proj);
  t.equal(tsc.status, 0, `types resolve from ESM and CommonJS: ${tsc.stdout}${tsc.stderr}`);

  const help = run('npx', ['--no', '--', 'oracle-integration-emulator', '--help'], proj);
  t.equal(help.status, 0, help.stderr);
  t.match(help.stdout, /Usage: oracle-integration-emulator/);

  // The bin as a server: its start-up line (JSON, as stdout is not a terminal), then health.
  const child = spawn(process.execPath, [path.join(proj, 'node_modules/.bin/oracle-integration-emulator'), '--port', '0'], { cwd: proj, stdio: ['ignore', 'pipe', 'pipe'] });
  t.teardown(() => { child.kill(); });
  const lines = await new Promise<string[]>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no start-up line: ${out}`)), 20_000);
    child.stdout!.on('data', (d) => {
      out += d;
      if (/oracle-integration-emulator listening on .*\n/.test(out)) { clearTimeout(timer); resolve(out.trim().split('\n')); }
    });
    child.stderr!.on('data', (d) => (out += d));
  });
  const records = lines.map((l) => { try { return JSON.parse(l); } catch { return l; } });
  t.ok(records.every((r) => typeof r === 'object'), `every line on stdout is JSON: ${lines.join('\n')}`);
  const started = records.find((r) => /oracle-integration-emulator listening on/.test(r.msg));
  t.match(started.msg, /listening on http:\/\/127\.0\.0\.1:\d+ /);
  const res = await fetch(`${started.url}/_emulator/health`);
  t.equal(res.status, 200, 'the installed bin serves');
});
