/**
 * /_emulator/dis/*: API keys (fingerprints as OCI computes them), lifecycle
 * settings and scripted outcomes, with their bad input; reset covers them.
 */
import t from 'tap';
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildTestApp } from '../../helpers/app';
import { COMPARTMENT, keyPair, signedHeaders } from '../../helpers/dis';

const KEYS = '/_emulator/dis/api-keys';

t.test('register a key: the fingerprint is the MD5 of the DER public key, as `openssl ... | openssl md5 -c` prints it', async (t) => {
  const { app } = await buildTestApp(t);
  const { publicKey } = keyPair();
  const res = await app.inject({ method: 'POST', url: KEYS, payload: { publicKey, tenancyId: 'ocid1.tenancy.oc1..t', userId: 'ocid1.user.oc1..u', label: 'ci' } });
  t.equal(res.statusCode, 201, res.body);
  const body = res.json();
  const der = crypto.createPublicKey(publicKey).export({ type: 'spki', format: 'der' });
  const expected = crypto.createHash('md5').update(der).digest('hex').match(/../g)!.join(':');
  t.equal(body.fingerprint, expected);
  t.equal(body.keyId, `ocid1.tenancy.oc1..t/ocid1.user.oc1..u/${expected}`);
  let openssl: string | null = null;
  try {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dis-key-'));
    fs.writeFileSync(path.join(dir, 'pub.pem'), publicKey);
    const derOut = execFileSync('openssl', ['pkey', '-pubin', '-in', path.join(dir, 'pub.pem'), '-outform', 'DER']);
    openssl = execFileSync('openssl', ['md5', '-c'], { input: derOut }).toString().trim().split(/\s+/).pop()!;
    fs.rmSync(dir, { recursive: true });
  } catch {
    // openssl not installed: the computation above stands alone
  }
  if (openssl) t.equal(body.fingerprint, openssl, 'matches openssl');

  // PKCS#1 "RSA PUBLIC KEY" PEM works too, with the same fingerprint.
  const pkcs1 = crypto.createPublicKey(publicKey).export({ type: 'pkcs1', format: 'pem' }).toString();
  const again = await app.inject({ method: 'POST', url: KEYS, payload: { publicKey: pkcs1 } });
  t.equal(again.json().fingerprint, expected);
  t.equal(again.json().keyId, null, 'no tenancy/user: any keyId with this fingerprint');
  const list = (await app.inject({ method: 'GET', url: KEYS })).json().items;
  t.equal(list.length, 1, 're-registering replaces');
  t.equal((await app.inject({ method: 'DELETE', url: `${KEYS}/${expected.toUpperCase()}` })).statusCode, 204);
  const gone = await app.inject({ method: 'DELETE', url: `${KEYS}/${expected}` });
  t.equal(gone.statusCode, 404);
  t.match(gone.json(), { 'o:errorCode': 'OIC-404001', detail: /No DIS API key with fingerprint/ });
});

t.test('bad keys are refused with the reason', async (t) => {
  const { app } = await buildTestApp(t);
  const post = (payload: unknown) => app.inject({ method: 'POST', url: KEYS, payload: payload as object });
  const detail = async (payload: unknown) => (await post(payload)).json().detail;
  t.match(await detail({}), /publicKey is required/);
  t.match(await detail({ publicKey: keyPair().privateKey }), /is a private key: register the public half only/);
  t.match(await detail({ publicKey: 'ssh-rsa AAAA' }), /must be PEM text/);
  t.match(await detail({ publicKey: '-----BEGIN PUBLIC KEY-----\nnot base64\n-----END PUBLIC KEY-----' }), /not a readable PEM public key/);
  const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
  t.match(await detail({ publicKey: ec }), /OCI API keys are RSA keys; this one is ec/);
  const small = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
  t.match(await detail({ publicKey: small }), /at least 2048 bits; this one has 1024/);
  t.match(await detail({ publicKey: keyPair().publicKey, colour: 'red' }), /colour is not an allowed property/);
  t.equal((await post({})).statusCode, 400);
  t.same((await app.inject({ method: 'GET', url: KEYS })).json().items, [], 'nothing registered');
});

t.test('settings: defaults, partial updates, validation', async (t) => {
  const { app } = await buildTestApp(t);
  const get = await app.inject({ method: 'GET', url: '/_emulator/dis/settings' });
  t.same(get.json(), {
    workRequest: { acceptedMs: 1000, inProgressMs: 4000 },
    taskRun: { notStartedMs: 1000, queuedMs: 2000, runningMinMs: 5000, runningMaxMs: 20000, terminatingMs: 2000, failureRate: 0 },
  });
  const put = await app.inject({ method: 'PUT', url: '/_emulator/dis/settings', payload: { taskRun: { queuedMs: 0 } } });
  t.equal(put.statusCode, 200);
  t.equal(put.json().taskRun.queuedMs, 0);
  t.equal(put.json().taskRun.notStartedMs, 1000, 'other values kept');
  const bad = async (payload: object, re: RegExp) => {
    const res = await app.inject({ method: 'PUT', url: '/_emulator/dis/settings', payload });
    t.equal(res.statusCode, 400);
    t.match(res.json().detail, re);
  };
  await bad({ taskRun: { speed: 3 } }, /speed is not an allowed property/);
  await bad({ taskRun: { failureRate: 2 } }, /failureRate must be <= 1/);
  await bad({ workRequest: { acceptedMs: -1 } }, /acceptedMs must be >= 0/);
  await bad({ taskRun: { runningMinMs: 9000, runningMaxMs: 10 } }, /runningMinMs must not exceed taskRun\.runningMaxMs/);
  t.equal((await app.inject({ method: 'GET', url: '/_emulator/dis/settings' })).json().taskRun.runningMaxMs, 20000, 'a refused update changed nothing');
});

t.test('scripted outcomes: list, clear, validation', async (t) => {
  const { app } = await buildTestApp(t);
  const url = '/_emulator/dis/task-run-outcomes';
  t.equal((await app.inject({ method: 'POST', url, payload: { outcomes: ['SUCCESS', 'ERROR'] } })).statusCode, 201);
  const listed = (await app.inject({ method: 'GET', url })).json().items;
  t.match(listed, [{ target: 'taskRun', outcome: 'SUCCESS', taskKey: null }, { outcome: 'ERROR' }]);
  const bad = await app.inject({ method: 'POST', url, payload: { outcomes: ['MAYBE'] } });
  t.equal(bad.statusCode, 400);
  t.match(bad.json().detail, /must be equal to one of the allowed values|must be one of SUCCESS, ERROR/);
  t.equal((await app.inject({ method: 'POST', url, payload: { outcomes: [] } })).statusCode, 400);
  t.equal((await app.inject({ method: 'DELETE', url })).statusCode, 204);
  t.same((await app.inject({ method: 'GET', url })).json().items, []);
  t.equal((await app.inject({ method: 'POST', url: '/_emulator/dis/work-request-outcomes', payload: { outcomes: ['ERROR'] } })).statusCode, 400, 'work requests end SUCCEEDED or FAILED');
});

t.test('reset clears registered keys and DIS state', async (t) => {
  const { app } = await buildTestApp(t, { strictAuth: true });
  await app.inject({ method: 'POST', url: KEYS, payload: { publicKey: keyPair().publicKey } });
  const url = `/20200430/workspaces?compartmentId=${COMPARTMENT}`;
  const signed = () => signedHeaders({ method: 'GET', url });
  t.equal((await app.inject({ method: 'GET', url, headers: signed().headers })).statusCode, 200);
  const body = { displayName: 'w', compartmentId: COMPARTMENT };
  const post = signedHeaders({ method: 'POST', url: '/20200430/workspaces', body });
  t.equal((await app.inject({ method: 'POST', url: '/20200430/workspaces', headers: post.headers, payload: post.payload })).statusCode, 202);
  const reset = await app.inject({ method: 'POST', url: '/_emulator/reset?api=dis' });
  t.ok(reset.statusCode < 300, `reset: ${reset.statusCode} ${reset.body.slice(0, 200)}`);
  const after = await app.inject({ method: 'GET', url, headers: signed().headers });
  t.equal(after.statusCode, 401, 'the key is gone (strict mode rejects it)');
  t.same((await app.inject({ method: 'GET', url: KEYS })).json().items, []);
});
