/**
 * Error messages that tell the caller what to do: a JSON route without a JSON
 * content type, an integration id without its version, every validation
 * problem at once, the payload and rate limits with their flags, and a --db
 * file in a folder that does not exist.
 */
import t from 'tap';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { buildTestApp, expectProblem } from '../helpers/app';
import { checkDbPath, ConfigError } from '../../src/config';
import { SERVER } from '../helpers/process';

const API = '/ic/api/integration/v1';
const enc = encodeURIComponent;
const integration = (identifier: string, version = '01.00.0000') => ({ name: identifier.toLowerCase(), identifier, version, pattern: 'APP_DRIVEN_ORCHESTRATION' });

t.test('a JSON route called like curl -d: send Content-Type: application/json', async (t) => {
  const c = await buildTestApp(t);
  const form = await c.call({ method: 'POST', url: `${API}/integrations`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'name=x' });
  const p = expectProblem(t, form, 415, 'OIC-415001');
  t.equal(p.detail, "Unsupported Content-Type 'application/x-www-form-urlencoded': send JSON bodies with the header Content-Type: application/json (curl -d sends application/x-www-form-urlencoded: add -H 'Content-Type: application/json'); archive imports take multipart/form-data");
  const text = await c.call({ method: 'POST', url: `${API}/integrations`, headers: { 'content-type': 'text/plain' }, payload: '{}' });
  t.equal(expectProblem(t, text, 415, 'OIC-415001').detail, "Content-Type 'text/plain' is not accepted here; use application/json");
  // The control plane says the same.
  const ctl = await c.app.inject({ method: 'PUT', url: '/_emulator/clock', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'mode=real' });
  t.match(expectProblem(t, ctl, 415, 'OIC-415001').detail, /add -H 'Content-Type: application\/json'/);
  t.equal((await c.call({ method: 'GET', url: `${API}/integrations` })).json().totalResults ?? 0, 0, 'nothing created');
});

t.test('an integration id without |VERSION: the id format and the versions that exist', async (t) => {
  const c = await buildTestApp(t);
  for (const v of ['01.00.0000', '02.00.0000']) t.equal((await c.call({ method: 'POST', url: `${API}/integrations`, payload: integration('ORDERS', v) })).statusCode, 201);
  const bare = await c.call({ method: 'GET', url: `${API}/integrations/ORDERS` });
  t.equal(expectProblem(t, bare, 404, 'OIC-404001').detail,
    "Integration with ID 'ORDERS' was not found: an integration id is IDENTIFIER|VERSION (e.g. ORDERS|01.00.0000, URL-encoded ORDERS%7C01.00.0000); versions of ORDERS: 01.00.0000, 02.00.0000 (e.g. 'ORDERS|01.00.0000', URL-encoded ORDERS%7C01.00.0000)");
  const wrong = await c.call({ method: 'GET', url: `${API}/integrations/${enc('ORDERS|03.00.0000')}` });
  t.equal(expectProblem(t, wrong, 404, 'OIC-404001').detail, "Integration with ID 'ORDERS|03.00.0000' was not found; versions of ORDERS: 01.00.0000, 02.00.0000 (e.g. 'ORDERS|01.00.0000', URL-encoded ORDERS%7C01.00.0000)");
  const none = await c.call({ method: 'GET', url: `${API}/integrations/NOPE` });
  t.equal(expectProblem(t, none, 404, 'OIC-404001').detail, "Integration with ID 'NOPE' was not found: an integration id is IDENTIFIER|VERSION (e.g. NOPE|01.00.0000, URL-encoded NOPE%7C01.00.0000)");
});

t.test('every validation problem at once, capped at 10', async (t) => {
  const c = await buildTestApp(t);
  const res = await c.call({ method: 'POST', url: `${API}/integrations`, payload: { name: '', identifier: 5, version: true, pattern: 'NOPE', extra: 1 } });
  const detail: string = expectProblem(t, res, 400, 'OIC-400001').detail;
  for (const part of [/body\.name must NOT have fewer than 1 characters/, /body\.identifier must be string/, /body\.version must be string/, /body\.pattern must be one of/, /body\.extra is not an allowed property/]) t.match(detail, part);
  const many: Record<string, unknown> = { name: 'x', identifier: 'MANY', version: '01.00.0000', pattern: 'APP_DRIVEN_ORCHESTRATION' };
  for (let i = 0; i < 15; i++) many[`extra${i}`] = i;
  const capped: string = expectProblem(t, await c.call({ method: 'POST', url: `${API}/integrations`, payload: many }), 400, 'OIC-400001').detail;
  t.equal(capped.split('; ').length, 11, 'ten problems and a count of the rest');
  t.match(capped, /; and 5 more problems$/);
  t.equal((await c.call({ method: 'GET', url: `${API}/integrations/${enc('MANY|01.00.0000')}` })).statusCode, 404, 'nothing created');
});

t.test('413 states the limit and the --max-payload flag', async (t) => {
  const c = await buildTestApp(t, { maxPayload: 2048 });
  const res = await c.call({ method: 'POST', url: `${API}/integrations`, payload: { ...integration('BIG'), description: 'x'.repeat(3000) } });
  const p = expectProblem(t, res, 413, 'OIC-413001');
  t.match(p.detail, /^Request body of \d+ bytes exceeds the limit of 2KB \(2048 bytes\); start the emulator with --max-payload SIZE \(e\.g\. --max-payload 50MB, or EMULATOR_MAX_PAYLOAD\) to accept larger bodies$/);
});

t.test('429 states the limit, the reset time and the --rate-limit flag', async (t) => {
  const c = await buildTestApp(t, { rateLimit: 2 });
  for (let i = 0; i < 2; i++) t.equal((await c.call({ method: 'GET', url: `${API}/integrations` })).statusCode, 200);
  const res = await c.call({ method: 'GET', url: `${API}/integrations` });
  const p = expectProblem(t, res, 429, 'OIC-429001');
  t.match(p.detail, /^API rate limit of 2 requests per hour per user exceeded \(user '[^']+'\); the window resets at \d{4}-\d\d-\d\dT[\d:.]+Z \(in \d+ s; Retry-After and X-RateLimit-Reset say the same\)\. Start the emulator with --rate-limit N \(or EMULATOR_RATE_LIMIT=N\) to allow more; POST \/_emulator\/reset clears the windows$/);
  t.equal(p.limit, 2);
  t.equal(Date.parse(p.resetTime) / 1000, Number(res.headers['x-ratelimit-reset']), 'the reset time is the header\'s');
  t.ok(Number(res.headers['retry-after']) > 3500);
});

t.test('--db in a folder that does not exist: the path, exit code 2', async (t) => {
  const missing = path.join(os.tmpdir(), `oie-missing-${process.pid}`, 'sub');
  t.throws(() => checkDbPath({ db: path.join(missing, 'state.db') }), new ConfigError(`--db ${path.join(missing, 'state.db')}: the folder ${missing} does not exist; create it first (mkdir -p ${missing}) or leave --db out to keep the state in memory`));
  t.doesNotThrow(() => checkDbPath({ db: ':memory:' }));
  t.doesNotThrow(() => checkDbPath({ db: path.join(os.tmpdir(), 'x.db') }));
  t.ok(fs.existsSync(SERVER), 'dist/server.js is built (npm run build)');
  const run = spawnSync(process.execPath, [SERVER, '--port', '0', '--db', path.join(missing, 'state.db')], { encoding: 'utf8', timeout: 30_000 });
  t.equal(run.status, 2);
  t.equal(run.stderr, `error: --db ${path.join(missing, 'state.db')}: the folder ${missing} does not exist; create it first (mkdir -p ${missing}) or leave --db out to keep the state in memory\n`);
  t.notOk(fs.existsSync(missing), 'nothing created');
});
