/**
 * Issue 9's "Done when": examples/oic3-lifecycle.sh, written from Oracle's
 * documentation only, runs unchanged against a real listener of the built
 * server (dist/server.js) with only host names and credentials set: token,
 * import, activate with the method override, poll activationStatus, run now,
 * monitoring/instances, deactivate, export. Run twice (the second import
 * takes the 409-then-PUT path) and once without jq (the sed fallback).
 */
import t from 'tap';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { startServer } from '../helpers/process';
import { DEFAULT_CLIENT } from '../../src/config';

const SCRIPT = path.resolve(__dirname, '../../examples/oic3-lifecycle.sh');
const which = (cmd: string) => spawnSync('bash', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).stdout.trim();

function run(env: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', [SCRIPT], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const missing = ['bash', 'curl'].filter((c) => !which(c));

t.test('the Oracle-documented lifecycle script runs against the emulator unchanged', { skip: missing.length ? `needs ${missing.join(', ')}` : false }, async (t) => {
  const server = await startServer(['--port', '0', '--strict-auth', '--instance-name', 'teamoic3-emulated-fr']);
  t.teardown(() => server.stop('SIGKILL'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oic3-script-'));
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  const API = `${server.url}/ic/api/integration/v1`;

  // An archive to import: made through the seed's API, exported, then deleted.
  const tok = await fetch(`${server.url}/oauth2/v1/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${DEFAULT_CLIENT.clientId}:${DEFAULT_CLIENT.clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  const auth = { authorization: `Bearer ${((await tok.json()) as { access_token: string }).access_token}`, 'content-type': 'application/json' };
  const post = async (url: string, body: unknown) => {
    const res = await fetch(url, { method: 'POST', headers: auth, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  };
  await post(`${API}/connections`, { name: 'Rates API', identifier: 'RATES_API', adapterType: 'rest', connectionProperties: { baseUrl: 'https://rates.example.com' } });
  await post(`${API}/integrations`, {
    name: 'Scheduled rates', identifier: 'SCHEDULED_RATES', version: '01.00.0000', pattern: 'SCHEDULED_ORCHESTRATION',
    connections: [{ role: 'SOURCE', connectionId: 'RATES_API', operations: [{ operationType: 'QUERY', objectName: 'Rate' }] }],
  });
  const iarRes = await fetch(`${API}/integrations/SCHEDULED_RATES%7C01.00.0000/archive`, { headers: auth });
  t.equal(iarRes.status, 200);
  const iar = path.join(dir, 'SCHEDULED_RATES_01.00.0000.iar');
  fs.writeFileSync(iar, Buffer.from(await iarRes.arrayBuffer()));
  t.equal((await fetch(`${API}/integrations/SCHEDULED_RATES%7C01.00.0000`, { method: 'DELETE', headers: auth })).status, 200);

  // Only host names and credentials point the script at the emulator.
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    OIC_HOST: server.url,
    IDCS_HOST: server.url,
    OIC_INSTANCE: 'teamoic3-emulated-fr',
    CLIENT_ID: DEFAULT_CLIENT.clientId,
    CLIENT_SECRET: DEFAULT_CLIENT.clientSecret,
    OIC_SCOPE: 'https://EMULATED.integration.us-phoenix-1.ocp.oraclecloud.com:443/ic/api/',
    IAR_FILE: iar,
    INTEGRATION_CODE: 'SCHEDULED_RATES',
    INTEGRATION_VERSION: '01.00.0000',
    EXPORT_DIR: path.join(dir, 'out'),
    POLL_SECONDS: '0.2',
  };
  fs.mkdirSync(env.EXPORT_DIR);

  const first = await run(env);
  if (first.code !== 0) t.comment(first.stderr);
  t.equal(first.code, 0, 'first run succeeds');
  for (const step of ['1. token', '2. import', 'imported (HTTP 204)', 'status: ACTIVATION_INPROGRESS', 'activationStatus: ACTIVATED', '5. run now', 'instances in the last hour: 1', 'status: DEACTIVATION_INPROGRESS', 'activationStatus: CONFIGURED', 'done:']) {
    t.match(first.stderr, step, `log shows "${step}"`);
  }
  const exported = fs.readFileSync(path.join(env.EXPORT_DIR, 'SCHEDULED_RATES_01.00.0000.iar'));
  t.same([...exported.subarray(0, 2)], [0x50, 0x4b], 'the export is a zip archive');

  const executions = await fetch(`${server.url}/ic/api/monitoring/v1/integrations/SCHEDULED_RATES%7C01.00.0000/executions`, { headers: auth });
  const list = (await executions.json()) as { items: Array<{ source: string }>; totalResults: number };
  t.equal(list.totalResults, 1, 'the seed\'s monitoring API sees the run');
  t.equal(list.items[0].source, 'RUN_NOW');
  const integ = (await (await fetch(`${API}/integrations/SCHEDULED_RATES%7C01.00.0000`, { headers: auth })).json()) as { status: string };
  t.equal(integ.status, 'CONFIGURED', 'left deactivated');

  const second = await run(env);
  if (second.code !== 0) t.comment(second.stderr);
  t.equal(second.code, 0, 'second run succeeds');
  t.match(second.stderr, 'exists (409): replacing it');
  t.match(second.stderr, 'instances in the last hour: 2');

  // Without jq: the script falls back to sed.
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin);
  for (const cmd of ['bash', 'curl', 'mktemp', 'sed', 'head', 'cat', 'rm', 'sleep', 'cp']) {
    const where = which(cmd);
    if (where) fs.symlinkSync(where, path.join(bin, cmd));
  }
  const noJq = await run({ ...env, PATH: bin });
  if (noJq.code !== 0) t.comment(noJq.stderr);
  t.equal(noJq.code, 0, 'runs without jq');
  t.match(noJq.stderr, 'activationStatus: ACTIVATED');
  t.match(noJq.stderr, 'instances in the last hour: 3');

  // A wrong service instance name is refused (--strict-auth): the script stops at the import with the reason.
  const wrong = await run({ ...env, OIC_INSTANCE: 'someone-else' });
  t.equal(wrong.code, 1);
  t.match(wrong.stderr, /import failed with HTTP 404/);
  t.match(wrong.stderr, /Service instance 'someone-else'/);
});
