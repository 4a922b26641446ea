import t from 'tap';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { startEmulator } from '../src/index';
import { createTestTables, seedRows, count } from './control/helpers';

const ROOT = path.resolve(__dirname, '..');

t.test('startEmulator: a free port, real HTTP, reset, snapshots, clock, close', async (t) => {
  const emulator = await startEmulator();
  t.teardown(() => emulator.close());
  t.match(emulator.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  t.ok(emulator.port > 0);
  const health = await fetch(`${emulator.url}/_emulator/health`);
  t.equal(health.status, 200);
  t.match(emulator.credentials, { clientId: 'oic-emulator-client', clientSecret: 'oic-emulator-secret', username: 'user@example.com', password: 'Welcome1' });
  createTestTables(emulator.app);
  seedRows(emulator.app, 3);
  t.match(await emulator.snapshot('three'), { name: 'three', rows: 9 });
  t.match(await emulator.reset(), { api: 'all', rowsDeleted: 9 });
  t.equal(count(emulator.app, 'oic_t_parent'), 0);
  t.match(await emulator.restore('three'), { name: 'three' });
  t.equal(count(emulator.app, 'oic_t_parent'), 3);
  await t.rejects(emulator.restore('nope'), /snapshot 'nope' does not exist/);
  emulator.clock.setManual(Date.parse('2025-06-15T10:00:00Z'));
  emulator.clock.advance(86_400_000);
  t.equal(((await (await fetch(`${emulator.url}/_emulator/health`)).json()) as any).time, '2025-06-16T10:00:00.000Z', 'the clock is the one the server uses');
  await emulator.close();
  await t.rejects(fetch(`${emulator.url}/_emulator/health`), 'closed');
});

t.test('two emulators in one process are independent', async (t) => {
  const [a, b] = await Promise.all([startEmulator({ seed: 1 }), startEmulator({ seed: 1, journalSize: 5 })]);
  t.teardown(() => Promise.all([a.close(), b.close()]));
  t.not(a.port, b.port);
  await a.app.inject({ method: 'POST', url: '/_emulator/faults', payload: { kind: 'error' } });
  t.equal((await fetch(`${a.url}/ic/api/integration/v1/integrations`)).status, 503);
  t.not((await fetch(`${b.url}/ic/api/integration/v1/integrations`)).status, 503);
  t.equal(((await (await fetch(`${b.url}/_emulator/config`)).json()) as any).journalSize, 5);
});

t.test('a port in use is a clear rejection', async (t) => {
  const a = await startEmulator();
  t.teardown(() => a.close());
  await t.rejects(startEmulator({ port: a.port }), /EADDRINUSE/);
});

t.test("the README's node:test example passes against the built package", async (t) => {
  if (!fs.existsSync(path.join(ROOT, 'dist/index.js'))) throw new Error('dist/index.js is missing: run npm run build first (npm test does)');
  // Install the package the way a user does (by name), then run the example with node --test.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oie-example-'));
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.mkdirSync(path.join(dir, 'node_modules'));
  fs.symlinkSync(ROOT, path.join(dir, 'node_modules', 'oracle-integration-emulator'), 'dir');
  fs.copyFileSync(path.join(ROOT, 'examples/node-test/emulator.test.mjs'), path.join(dir, 'emulator.test.mjs'));
  const run = spawnSync(process.execPath, ['--test', '--test-reporter=spec', 'emulator.test.mjs'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  t.equal(run.status, 0, `node --test passed:\n${run.stdout}\n${run.stderr}`);
  t.match(run.stdout, /pass 3/);
});

t.test('package.json: main/types point at the built entry, the bin at the executable server', async (t) => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  t.equal(pkg.main, 'dist/index.js');
  t.equal(pkg.types, 'dist/index.d.ts');
  t.equal(pkg.bin['oracle-integration-emulator'], 'dist/server.js');
  const server = path.join(ROOT, 'dist/server.js');
  if (!fs.existsSync(server)) throw new Error('dist/server.js is missing: run npm run build first (npm test does)');
  t.match(fs.readFileSync(server, 'utf8').slice(0, 40), /^#!\/usr\/bin\/env node/);
  t.ok(fs.statSync(server).mode & 0o111, 'executable, so npx can run it');
  t.ok(fs.existsSync(path.join(ROOT, 'dist/index.d.ts')), 'types emitted');
});

t.test('the bin runs as npx runs it (its own shebang), prints the URL, and stops on SIGTERM', async (t) => {
  const server = path.join(ROOT, 'dist/server.js');
  if (!fs.existsSync(server)) throw new Error('dist/server.js is missing: run npm run build first (npm test does)');
  const { spawn } = await import('node:child_process');
  const child = spawn(server, ['--port', '0', '--log-level', 'warn'], { stdio: ['ignore', 'pipe', 'pipe'] });
  t.teardown(() => { if (child.exitCode === null) child.kill('SIGKILL'); });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed:\n${out}`)), 20_000);
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.stderr!.on('data', (d) => (out += d));
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`exited with ${code}:\n${out}`)); });
  });
  t.equal((await fetch(`${url}/_emulator/health`)).status, 200);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  t.equal(await exited, 0);
});

t.test('a bad fixture stops the server with the file and the field, exit code 1', async (t) => {
  const server = path.join(ROOT, 'dist/server.js');
  if (!fs.existsSync(server)) throw new Error('dist/server.js is missing: run npm run build first (npm test does)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oie-badfx-'));
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.writeFileSync(path.join(dir, 'broken.json'), JSON.stringify({ oic: { lookups: [{ name: 'L', identifier: 'L', columns: 'x' }] } }));
  const run = spawnSync(process.execPath, [server, '--port', '0', '--fixtures', dir], { encoding: 'utf8', timeout: 30_000 });
  t.equal(run.status, 1);
  t.match(run.stderr, /failed to start: .*broken\.json: oic\.lookups\[0\]\.columns must be array \(entry 'L'\)/);
  t.notMatch(run.stdout, /listening on/, 'never listened');
  const empty = spawnSync(process.execPath, [server, '--port', '0', '--fixtures', dir, '--no-fixtures', '--help'], { encoding: 'utf8', timeout: 30_000 });
  t.equal(empty.status, 0, '--no-fixtures is a known flag');
});

t.test('startEmulator resolves a relative fixtures folder against the working directory', async (t) => {
  const emulator = await startEmulator({ fixtures: path.relative(process.cwd(), path.join(ROOT, 'fixtures/demo')) });
  t.teardown(() => emulator.close());
  const cfg = (await (await fetch(`${emulator.url}/_emulator/config`)).json()) as any;
  t.equal(cfg.fixtures, path.join(ROOT, 'fixtures/demo'));
  t.ok(emulator.app.stores.projects.exists('CUSTOMER_PROJECT'));
});
