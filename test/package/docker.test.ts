/**
 * What the Docker image runs, run outside Docker (no engine on test
 * machines): the runtime stage's ENV and CMD as a child process from the
 * checkout's dist/, then its HEALTHCHECK command. Checks the image's promises:
 * current Node, an unprivileged user, JSON-only logs, demo data only when
 * EMULATOR_FIXTURES asks for it.
 */
import t, { type Test } from 'tap';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const dockerfile = fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
/** The runtime stage: everything after the last FROM. */
const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));

function imageEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const m of runtime.matchAll(/^ENV (.+)$/gm)) {
    for (const pair of m[1].trim().split(/\s+/)) {
      const [k, v] = pair.split('=');
      env[k] = v;
    }
  }
  return env;
}

function imageCmd(): string[] {
  const m = /^CMD (\[.*\])$/m.exec(runtime);
  if (!m) throw new Error('no exec-form CMD in the runtime stage');
  return JSON.parse(m[1]);
}

async function runImageCommand(t: Test, extraEnv: Record<string, string>) {
  const [cmd, ...args] = imageCmd();
  t.equal(cmd, 'node');
  // PORT=0: any free port here, where the image listens on 8080.
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...imageEnv(), PORT: '0', ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  t.teardown(() => { child.kill('SIGTERM'); });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start-up line:\n${out}${err}`)), 20_000);
    child.stdout!.on('data', (d) => {
      out += d;
      if (/emulator listening on .*\n/.test(out)) { clearTimeout(timer); resolve(); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`exited with ${code}:\n${out}${err}`)); });
  });
  const lines = out.trim().split('\n');
  const records = lines.map((l) => { try { return JSON.parse(l); } catch { return null; } });
  t.ok(records.every((r) => r && typeof r === 'object'), `every log line is JSON:\n${out}`);
  t.equal(err, '', 'nothing on stderr');
  const started = records.find((r) => /listening on/.test(r.msg));
  t.equal(imageEnv().HOST, '0.0.0.0', 'listens on every interface, as a container must');
  const url = started.url.replace('0.0.0.0', '127.0.0.1');
  return { url, port: new URL(url).port, child };
}

t.test('the Dockerfile builds on a current Node and runs as an unprivileged user', async (t) => {
  const froms = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((m) => m[1]);
  t.same(froms, ['node:24-slim', 'node:24-slim'], 'both stages on node:24-slim');
  t.match(runtime, /^USER node$/m, 'the runtime stage drops root');
  t.ok(dockerfile.indexOf('COPY scripts') < dockerfile.indexOf('RUN npm ci'), 'npm ci finds the prepare script');
  t.notOk('EMULATOR_FIXTURES' in imageEnv(), 'no fixtures by default');
});

t.test('the image command serves an empty emulator, JSON logs only, and its HEALTHCHECK passes', async (t) => {
  const { url, port } = await runImageCommand(t, {});
  const list = await fetch(`${url}/ic/api/integration/v1/integrations`, { headers: { authorization: `Basic ${Buffer.from('user@example.com:Welcome1').toString('base64')}` } });
  t.equal(((await list.json()) as any).totalResults, 0, 'no demo data unless asked');

  const health = /HEALTHCHECK[\s\S]*?CMD node -e "(.*)"$/m.exec(runtime);
  t.ok(health, 'a HEALTHCHECK in node');
  const ok = spawnSync(process.execPath, ['-e', health![1].replace(/\\"/g, '"')], { env: { ...process.env, PORT: port }, timeout: 10_000 });
  t.equal(ok.status, 0, 'HEALTHCHECK passes');
  const bad = spawnSync(process.execPath, ['-e', health![1].replace(/\\"/g, '"')], { env: { ...process.env, PORT: '1' }, timeout: 10_000 });
  t.equal(bad.status, 1, 'and fails where nothing listens');
});

t.test('EMULATOR_FIXTURES=/app/fixtures/demo (here: the checkout\'s) opts in to the demo data', async (t) => {
  const { url } = await runImageCommand(t, { EMULATOR_FIXTURES: path.join(ROOT, 'fixtures/demo') });
  const list = await fetch(`${url}/ic/api/integration/v1/integrations`, { headers: { authorization: `Basic ${Buffer.from('user@example.com:Welcome1').toString('base64')}` } });
  t.equal(((await list.json()) as any).totalResults, 2, 'the demo integrations');
});
