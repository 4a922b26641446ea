/**
 * `npm start` on an unchanged tree does not build again (scripts/
 * build-if-stale.mjs compares the inputs' fingerprint with dist/.build-stamp)
 * and serves the demo fixtures within about a second; a changed input makes
 * the fingerprint differ, so the next start rebuilds.
 */
import t from 'tap';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = path.resolve(__dirname, '../..');
const BUNDLE = path.join(ROOT, 'dist/server.bundle.js');

/** The script's own fingerprint, computed in a child (it is an ES module; tests compile to CommonJS). */
async function inputHash(root = ROOT): Promise<string> {
  const url = pathToFileURL(path.join(ROOT, 'scripts/build-if-stale.mjs')).href;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', `import { inputHash } from ${JSON.stringify(url)}; console.log(inputHash(${JSON.stringify(root)}));`], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim();
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
  t.equal((await list.json() as any).totalResults, 2, 'the demo fixtures are loaded');
});

t.test('a changed, added or removed input changes the fingerprint (the next start rebuilds)', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oie-stamp-'));
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.mkdirSync(path.join(dir, 'src/core'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'src/core/a.ts'), 'export const a = 1;\n');
  fs.writeFileSync(path.join(dir, 'package.json'), '{}');
  const first = await inputHash(dir);
  t.equal(await inputHash(dir), first, 'stable while nothing changes');
  fs.utimesSync(path.join(dir, 'src/core/a.ts'), new Date(), new Date(Date.parse('2030-01-01T00:00:00Z')));
  const touched = await inputHash(dir);
  t.not(touched, first, 'a new modification time');
  fs.writeFileSync(path.join(dir, 'src/core/a.ts'), 'export const a = 22;\n');
  fs.utimesSync(path.join(dir, 'src/core/a.ts'), new Date(), new Date(Date.parse('2030-01-01T00:00:00Z')));
  t.not(await inputHash(dir), touched, 'same time, new size');
  const edited = await inputHash(dir);
  fs.mkdirSync(path.join(dir, 'openapi'));
  fs.writeFileSync(path.join(dir, 'openapi/x.yaml'), 'x: 1\n');
  t.not(await inputHash(dir), edited, 'an added file');
  fs.rmSync(path.join(dir, 'openapi/x.yaml'));
  t.equal(await inputHash(dir), edited, 'and removed again');
});
