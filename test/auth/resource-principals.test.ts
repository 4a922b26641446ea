/**
 * Resource principals for DIS: the emulator's control plane issues a
 * resource-principal session token, the official SDK's resource-principal
 * provider (version 2.2, from its environment variables) signs with it over a
 * real socket, and forged, expired, foreign or misused tokens are refused
 * with a 401 that says what is wrong.
 */
import '../helpers/sdk-env';
import t, { type Test } from 'tap';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as common from 'oci-common';
import * as di from 'oci-dataintegration';
import { SignJWT } from 'jose';
import type { AddressInfo } from 'node:net';
import { buildTestApp } from '../helpers/app';
import { Clock } from '../../src/core/clock';
import { COMPARTMENT, expectOciError, newKeyPair, signedHeaders } from '../helpers/dis';
import { ociError } from '../routes/dis/sdk-client';
import { ocidOf, SDK_REQUEST_ID } from '../helpers/oci-sdk';

common.CircuitBreaker.EnableGlobalCircuitBreaker = false;

const FUNCTION_ID = 'ocid1.fnfunc.oc1.iad.aaaaaaaaemulatorfunction';
const RP_TENANCY = 'ocid1.tenancy.oc1..aaaaaaaarptenancy';
const LIST = `/20200430/workspaces?compartmentId=${COMPARTMENT}`;

interface Issued { detail?: string; token: string; keyId: string; privateKey?: string; publicKey: string; expiresAt: string; env: Record<string, string> }

async function emulator(t: Test, overrides = {}) {
  let offsetMs = 0;
  const clock = new Clock(() => Date.now() + offsetMs);
  clock.setManual(Date.parse('2026-03-02T08:00:00Z'));
  const { app } = await buildTestApp(t, overrides, clock);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const issue = async (body: Record<string, unknown>) => {
    const res = await fetch(`${url}/_emulator/dis/resource-principal-tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Issued };
  };
  return { app, url, clock, issue, shiftWallClock: (ms: number) => { offsetMs = ms; } };
}

/** The SDK's own resource-principal provider, built from variables set for it alone (and restored after). */
function rpProvider(env: Record<string, string>): common.ResourcePrincipalAuthenticationDetailsProvider {
  const saved = new Map(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return common.ResourcePrincipalAuthenticationDetailsProvider.builder();
  } finally {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

function rpClient(url: string, env: Record<string, string>): di.DataIntegrationClient {
  const c = new di.DataIntegrationClient({ authenticationDetailsProvider: rpProvider(env) });
  c.endpoint = url; // last: a region set afterwards would replace it
  return c;
}

function decode(token: string): Record<string, any> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}

t.test('the SDK resource-principal provider works with a token the emulator issued, in strict mode too', async (t) => {
  const { url, clock, issue } = await emulator(t, { strictAuth: true });
  const issued = await issue({ resourceId: FUNCTION_ID, resourceType: 'fnfunc', tenancyId: RP_TENANCY, compartmentId: COMPARTMENT });
  t.equal(issued.status, 201);
  const b = issued.body;
  t.match(b.privateKey, /^-----BEGIN PRIVATE KEY-----/, 'the emulator made the session key pair and returns its private half');
  t.equal(b.keyId, `ST$${b.token}`);
  t.same(Object.keys(b.env).sort(), ['OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM', 'OCI_RESOURCE_PRINCIPAL_REGION', 'OCI_RESOURCE_PRINCIPAL_RPST', 'OCI_RESOURCE_PRINCIPAL_VERSION']);
  t.equal(b.env.OCI_RESOURCE_PRINCIPAL_VERSION, '2.2');
  const claims = decode(b.token);
  t.match(claims, { sub: FUNCTION_ID, iss: 'authService.oracle.com', ttype: 'res_principal', res_type: 'fnfunc', res_tenant: RP_TENANCY, res_compartment: COMPARTMENT });
  t.equal(claims.exp - claims.iat, 3600, 'an hour by default');
  t.equal(new Date(claims.exp * 1000).toISOString(), b.expiresAt);
  t.equal(crypto.createPublicKey({ key: JSON.parse(claims.jwk), format: 'jwk' }).export({ type: 'spki', format: 'pem' }), b.publicKey, 'the token carries the session public key');
  t.equal(process.env.OCI_RESOURCE_PRINCIPAL_RPST, undefined, 'nothing leaks into the test process environment');

  const dis = rpClient(url, b.env);
  const provider = rpProvider(b.env);
  t.equal(await provider.getStringClaim(common.ResourcePrincipalAuthenticationDetailsProvider.ClaimKeys.TENANT_ID_CLAIM_KEY), RP_TENANCY, 'the SDK reads the tenancy claim');
  t.equal(await provider.getStringClaim(common.ResourcePrincipalAuthenticationDetailsProvider.ClaimKeys.COMPARTMENT_ID_CLAIM_KEY), COMPARTMENT, 'and the compartment claim');
  t.equal(provider.getRegion().regionId, 'us-ashburn-1');
  const created = await dis.createWorkspace({ createWorkspaceDetails: { displayName: 'from-fn', compartmentId: COMPARTMENT } });
  t.match(created.opcWorkRequestId, ocidOf('disworkrequest'), 'a signed POST (body hash, content headers) goes through');
  clock.advance(60_000);
  const wr = await dis.getWorkRequest({ workRequestId: created.opcWorkRequestId });
  t.equal(wr.workRequest.status, 'SUCCEEDED');
  const wsId = wr.workRequest.resources[0].identifier;
  const listed = await dis.listWorkspaces({ compartmentId: COMPARTMENT });
  t.same(listed.items.map((w) => w.id), [wsId]);
  const project = await dis.createProject({ workspaceId: wsId, createProjectDetails: { name: 'P', identifier: 'P' } });
  t.equal(project.project.metadata?.createdBy, FUNCTION_ID, 'the resource is the caller');
});

t.test('a token for the caller\'s own session key; the private half never leaves the caller', async (t) => {
  const { url, issue } = await emulator(t);
  const own = newKeyPair();
  const issued = await issue({ resourceId: FUNCTION_ID, publicKey: own.publicKey, ttlSeconds: 600 });
  t.equal(issued.status, 201);
  t.notOk('privateKey' in issued.body, 'no private key in the answer');
  t.notOk('OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM' in issued.body.env);
  t.equal(decode(issued.body.token).exp - decode(issued.body.token).iat, 600);
  const dis = rpClient(url, { ...issued.body.env, OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM: own.privateKey });
  t.equal((await dis.listWorkspaces({ compartmentId: COMPARTMENT })).items.length, 0);

  // Signed with another key than the token's: refused.
  const other = newKeyPair();
  const wrongKey = rpClient(url, { ...issued.body.env, OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM: other.privateKey });
  const e = await ociError(wrongKey.listWorkspaces({ compartmentId: COMPARTMENT }));
  t.equal(e.statusCode, 401);
  t.equal(e.serviceCode, 'NotAuthenticated');
  t.match(e.message, /does not verify with the session key of the token for ocid1\.fnfunc/);
});

t.test('a session-token configuration (security_token_file in the OCI config) signs with the token too', async (t) => {
  const { url, issue } = await emulator(t, { strictAuth: true });
  const issued = (await issue({ resourceId: FUNCTION_ID, tenancyId: RP_TENANCY })).body;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dis-session-'));
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.writeFileSync(path.join(dir, 'key.pem'), issued.privateKey!, { mode: 0o600 });
  fs.writeFileSync(path.join(dir, 'token'), issued.token);
  const config = path.join(dir, 'config');
  fs.writeFileSync(config, [
    '[DEFAULT]',
    `tenancy=${RP_TENANCY}`,
    'region=us-ashburn-1',
    'fingerprint=00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00',
    `key_file=${path.join(dir, 'key.pem')}`,
    `security_token_file=${path.join(dir, 'token')}`,
    '',
  ].join('\n'));
  const provider = new common.SessionAuthDetailProvider(config, 'DEFAULT');
  t.equal(await provider.getKeyId(), `ST$${issued.token}`, 'the SDK sends keyId="ST$<token>"');
  const dis = new di.DataIntegrationClient({ authenticationDetailsProvider: provider });
  dis.endpoint = url;
  const res = await dis.listWorkspaces({ compartmentId: COMPARTMENT });
  t.same(res.items, []);
  t.match(res.opcRequestId, SDK_REQUEST_ID);
});

t.test('forged, expired, foreign and malformed tokens are 401s that say what is wrong', async (t) => {
  const { app, url, issue, shiftWallClock } = await emulator(t);
  const own = newKeyPair();
  const good = (await issue({ resourceId: FUNCTION_ID, publicKey: own.publicKey })).body.token;
  const call = (token: string) => {
    const { headers } = signedHeaders({ method: 'GET', url: LIST, key: own, keyId: `ST$${token}` });
    return app.inject({ method: 'GET', url: LIST, headers });
  };
  t.equal((await call(good)).statusCode, 200, 'the genuine token works');

  // Forged: the claims changed (another resource), the emulator's signature kept.
  const [h, p, s] = good.split('.');
  const forgedClaims = Buffer.from(JSON.stringify({ ...decode(good), sub: 'ocid1.fnfunc.oc1..someoneelse' })).toString('base64url');
  expectOciError(t, await call(`${h}.${forgedClaims}.${s}`), 401, 'NotAuthenticated', /signature is invalid: the token was altered after the emulator issued it/);
  t.ok(p);

  // Expired: issued two hours ago (by the wall clock) for one second.
  shiftWallClock(-2 * 3600_000);
  const old = (await issue({ resourceId: FUNCTION_ID, publicKey: own.publicKey, ttlSeconds: 1 })).body.token;
  shiftWallClock(0);
  expectOciError(t, await call(old), 401, 'NotAuthenticated', /The session token expired at \d{4}-\d\d-\d\dT.*ask the emulator for a new one/);

  // Used (and remembered) while valid, refused once its time has passed.
  const short = (await issue({ resourceId: FUNCTION_ID, publicKey: own.publicKey, ttlSeconds: 5 })).body.token;
  t.equal((await call(short)).statusCode, 200);
  shiftWallClock(10_000);
  expectOciError(t, await call(short), 401, 'NotAuthenticated', /The session token expired at/);
  shiftWallClock(0);

  // Foreign: same claims, signed by another authority's key.
  const foreignKey = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const foreign = await new SignJWT(decode(good)).setProtectedHeader({ alg: 'RS256', kid: 'asw', typ: 'JWT' }).sign(foreignKey);
  expectOciError(t, await call(foreign), 401, 'NotAuthenticated', /not issued by this emulator \(its key id is 'asw'\)/);

  expectOciError(t, await call('not-a-jwt'), 401, 'NotAuthenticated', /is not a JWT/);
  expectOciError(t, await call(''), 401, 'NotAuthenticated', /carries no session token/);

  // The SDK sees the same 401 for an expired token.
  const sdk = rpClient(url, { OCI_RESOURCE_PRINCIPAL_VERSION: '2.2', OCI_RESOURCE_PRINCIPAL_RPST: old, OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM: own.privateKey, OCI_RESOURCE_PRINCIPAL_REGION: 'us-ashburn-1' });
  const e = await ociError(sdk.listWorkspaces({ compartmentId: COMPARTMENT }));
  t.equal(e.statusCode, 401);
  t.match(e.message, /expired/);
});

t.test('bad token requests are 400s and issue nothing', async (t) => {
  const { issue } = await emulator(t);
  const missing = await issue({});
  t.equal(missing.status, 400);
  t.match(missing.body.detail, /resourceId/);
  const badKey = await issue({ resourceId: FUNCTION_ID, publicKey: 'nope' });
  t.equal(badKey.status, 400);
  t.match(badKey.body.detail, /PEM/);
  const privateKey = await issue({ resourceId: FUNCTION_ID, publicKey: newKeyPair().privateKey });
  t.equal(privateKey.status, 400);
  t.match(privateKey.body.detail, /private key/);
  const ttl = await issue({ resourceId: FUNCTION_ID, ttlSeconds: 0 });
  t.equal(ttl.status, 400);
  t.match(ttl.body.detail, /ttlSeconds/);
  t.notOk(missing.body.token || badKey.body.token || ttl.body.token, 'no token in any answer');
});
