/**
 * `npm start` on an unchanged tree does not build again (scripts/
 * build-if-stale.mjs compares the inputs' fingerprint with dist/.build-stamp)
 * and serves the demo fixtures within about a second; a changed input makes
 * the fingerprint differ, so the next start rebuilds.
 */
import t from 'tap';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = path.resolve(__dirname, '../..');
const BUNDLE = path.join(ROOT, 'dist/server.bundle.js');

async function inputHash(): Promise<string> {
  const mod = await import(pathToFileURL(path.join(ROOT, 'scripts/build-if-stale.mjs')).href);
  return mod.inputHash();
}

t.test('npm start on an unchanged tree starts without building', async (t) => {
  if (!fs.existsSync(path.join(ROOT, 'dist/.build-stamp'))) throw new Error('dist/.build-stamp is missing: run npm run build first (npm test does)');
  t.equal(fs.readFileSync(path.join(ROOT, 'dist/.build-stamp'), 'utf8').trim(), await inputHash(), 'the build left the current fingerprint');
  const builtAt = fs.statSync(BUNDLE).mtimeMs;
  const t0 = performance.now();
  // Its own process group, so the server under npm is stopped with it.
  const child = spawn('npm', ['start', '--', '--port', '0'], { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  t.teardown(() => { try { process.kill(-child.pid!, 'SIGTERM'); } catch { /* already gone */ } });
  let out = '';
  child.stderr!.on('data', (d) => (out += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not listen:\n${out}`)), 60_000);
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/[\d.:]+)/.exec(out);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`npm start exited with ${code}:\n${out}`)); });
  });
  const health = await fetch(`${url}/_emulator/health`);
  const ms = Math.round(performance.now() - t0);
  t.equal(health.status, 200);
  t.comment(`npm start to healthy: ${ms} ms`);
  // About 0.5 s on an idle 2-core machine; the bound leaves room for a loaded CI runner.
  t.ok(ms < 4000, `healthy in ${ms} ms`);
  t.notMatch(out, /npm run build|tsc -p/, 'no build ran');
  t.equal(fs.statSync(BUNDLE).mtimeMs, builtAt, 'dist/ untouched');
  const list = await fetch(`${url}/ic/api/integration/v1/integrations`, { headers: { authorization: `Basic ${Buffer.from('user@example.com:Welcome1').toString('base64')}` } });
  t.equal((await list.json()).totalResults, 2, 'the demo fixtures are loaded');
});

t.test('a changed input changes the fingerprint (the next start rebuilds)', async (t) => {
  const file = path.join(ROOT, 'openapi/emulator.yaml');
  const before = fs.statSync(file);
  const hash = await inputHash();
  t.teardown(() => fs.utimesSync(file, before.atime, before.mtime));
  fs.utimesSync(file, before.atime, new Date(before.mtimeMs + 1000));
  t.not(await inputHash(), hash, 'touching an input is a change');
  fs.utimesSync(file, before.atime, before.mtime);
  t.equal(await inputHash(), hash, 'and back');
});
