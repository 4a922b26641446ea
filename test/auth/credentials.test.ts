/**
 * Forged credentials, table-driven over EVERY protected operation of the
 * specs: each forgery is refused with 401 in the API's own format, and none
 * writes anything. The same request with real credentials is not a 401 (so
 * the table is not vacuous). The detail texts are checked once, on one
 * route, by test/auth/oic-auth.test.ts and test/auth/oci-signature.test.ts.
 */
import t from 'tap';
import path from 'node:path';
import crypto from 'node:crypto';
import { SignJWT, base64url } from 'jose';
import type { OpenAPIV3 } from 'openapi-types';
import { buildTestApp, basic, tokenFor } from '../helpers/app';
import { loadSpec, type Operation } from '../../src/openapi/spec';
import { StateWatcher } from '../helpers/fuzz-world';
import { buildDisApp, keyPair, newKeyPair, signedHeaders, type SignOptions } from '../helpers/dis';
import { ISSUER, realPublicPem, sign } from './forge';


/** The operations whose effective security has no anonymous alternative ({}). */
function protectedOperations(name: 'oic' | 'dis'): Operation[] {
  const spec = loadSpec(name);
  return [...spec.operations.values()].filter((op) => {
    const item = spec.document.paths[op.path] as OpenAPIV3.PathItemObject;
    const security = (item[op.method.toLowerCase() as 'get'] as OpenAPIV3.OperationObject).security ?? spec.document.security ?? [];
    return name === 'dis' || (security.length > 0 && security.every((req) => Object.keys(req).length > 0));
  });
}

const urlOf = (op: Operation) => op.path.replace(/\{[^}]+\}/g, 'X');
const bodyOf = (op: Operation) => (op.bodyTypes.length ? '{}' : undefined);


t.test('OIC: every protected operation refuses every forged credential with 401 OIC-401001', async (t) => {
  const { app } = await buildTestApp(t, { rateLimit: 1_000_000 });
  const now = Math.floor(Date.now() / 1000);
  const good = await tokenFor(app);
  const [h, p, s] = good.split('.');
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
  const publicPem = realPublicPem;
  const forgeries: Array<[string, string | undefined]> = [
    ['no token', undefined],
    ['expired', `Bearer ${await sign({}, { iat: now - 7200, nbf: now - 7200, exp: now - 1 })}`],
    ['not yet valid', `Bearer ${await sign({}, { nbf: now + 120, exp: now + 7200 })}`],
    ['wrong issuer', `Bearer ${await sign({}, { iss: 'https://identity.evil.example.com/' })}`],
    ['tampered payload', `Bearer ${h}.${base64url.encode(JSON.stringify({ ...claims, sub: 'admin' }))}.${s}`],
    ['alg none', `Bearer ${base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${p}.`],
    ['HS256 signed with the public key', `Bearer ${await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(publicPem))}`],
    ['signed by another key', `Bearer ${await sign({}, { key: crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey })}`],
    ['garbage', 'Bearer garbage!!'],
    ['garbage JWT-shaped', 'Bearer aaaa.bbbb.cccc'],
    ['Basic with a wrong password', basic('user@example.com', 'Welcome2')],
    ['Basic for a client (not a user)', basic('oic-emulator-client', 'oic-emulator-secret')],
  ];
  const ops = protectedOperations('oic');
  t.ok(ops.length >= 40, `${ops.length} protected OIC operations`);
  const watcher = new StateWatcher(app.ctx.db);
  const wrong: string[] = [];
  for (const op of ops) {
    const url = urlOf(op);
    for (const [name, authorization] of forgeries) {
      const res = await app.inject({ method: op.method as any, url, headers: { ...(authorization ? { authorization } : {}), 'content-type': 'application/json' }, payload: bodyOf(op) });
      const body = res.statusCode === 401 ? res.json() : {};
      if (res.statusCode !== 401 || body['o:errorCode'] !== 'OIC-401001' || !/problem\+json/.test(String(res.headers['content-type'])) || !res.headers['www-authenticate']) {
        wrong.push(`${op.operationId} with ${name}: ${res.statusCode} ${res.body.slice(0, 120)}`);
      }
    }
    const real = await app.inject({ method: op.method as any, url, headers: { authorization: `Bearer ${good}`, 'content-type': 'application/json' }, payload: bodyOf(op) });
    if (real.statusCode === 401) wrong.push(`${op.operationId} refuses a valid token`);
  }
  t.same(wrong, [], `${ops.length * forgeries.length} forged requests refused`);
  t.same(watcher.check(true), [], 'nothing written');
});

t.test('DIS: every operation refuses every forged signature with 401 NotAuthenticated (strict mode)', async (t) => {
  const d = await buildDisApp(t, { strictAuth: true });
  const other = newKeyPair();
  const stale = new Date(Date.now() - 10 * 60_000).toUTCString();
  const ops = protectedOperations('dis');
  t.ok(ops.length >= 70, `${ops.length} DIS operations`);
  const body = (op: Operation) => (['POST', 'PUT', 'PATCH'].includes(op.method) ? '{}' : undefined);
  type Forgery = [string, (op: Operation, url: string) => Record<string, string> | null];
  const signed = (op: Operation, url: string, o: Partial<SignOptions> = {}) => signedHeaders({ method: op.method, url, body: body(op), ...o }).headers;
  const forgeries: Forgery[] = [
    ['unsigned', () => ({ 'x-date': new Date().toUTCString(), 'content-type': 'application/json' })],
    ['an unknown algorithm', (op, url) => { const h = signed(op, url); h.authorization = h.authorization.replace('rsa-sha256', 'hmac-sha256'); return h; }],
    ['the host header not signed', (op, url) => signed(op, url, { signed: ['x-date', '(request-target)', ...(body(op) ? ['content-type', 'content-length', 'x-content-sha256'] : [])] })],
    ['the body headers not signed', (op, url) => (body(op) ? signed(op, url, { signed: ['x-date', '(request-target)', 'host'] }) : null)],
    ['a body hash mismatch', (op, url) => (body(op) ? signed(op, url, { hashOf: '{"other":true}' }) : null)],
    ['a date outside the allowed skew', (op, url) => signed(op, url, { date: stale })],
    ['an unregistered key (strict mode)', (op, url) => signed(op, url, { key: other })],
    ['another key under the registered fingerprint', (op, url) => signed(op, url, { key: { ...other, fingerprint: keyPair().fingerprint } })],
    ['a signature over a different path', (op, url) => signed(op, url === '/20200430/workspaces' ? '/20200430/workRequests' : '/20200430/workspaces')],
  ];
  const watcher = new StateWatcher(d.app.ctx.db);
  const wrong: string[] = [];
  let sent = 0;
  for (const op of ops) {
    const url = urlOf(op);
    for (const [name, make] of forgeries) {
      const headers = make(op, url);
      if (!headers) continue;
      sent++;
      const res = await d.app.inject({ method: op.method as any, url, headers: { ...headers, 'opc-request-id': 'FORGED' }, payload: body(op) });
      const b = res.statusCode === 401 ? res.json() : {};
      if (res.statusCode !== 401 || b.code !== 'NotAuthenticated' || Object.keys(b).length !== 2 || res.headers['opc-request-id'] !== 'FORGED') {
        wrong.push(`${op.operationId} with ${name}: ${res.statusCode} ${res.body.slice(0, 160)}`);
      }
    }
    const real = await d.app.inject({ method: op.method as any, url, headers: signed(op, url), payload: body(op) });
    if (real.statusCode === 401) wrong.push(`${op.operationId} refuses a valid signature: ${real.body.slice(0, 160)}`);
  }
  t.same(wrong, [], `${sent} forged requests refused`);
  t.same(watcher.check(true), [], 'nothing written');
});
