/**
 * OCI request signatures: what is accepted (the SDKs' and the CLI's shapes)
 * and every way a request is refused, with the message that says why.
 */
import t from 'tap';
import crypto from 'node:crypto';
import { COMPARTMENT, TENANCY, USER, buildDisApp, expectOciError, keyPair, newKeyPair, signedHeaders, type DisTestApp } from '../helpers/dis';

const LIST = `/20200430/workspaces?compartmentId=${COMPARTMENT}`;

/** Record what the app logs through request loggers (debug and info), whatever the level. */
function captureLogs(d: DisTestApp): Array<{ level: string; args: unknown[] }> {
  const calls: Array<{ level: string; args: unknown[] }> = [];
  const log = d.app.log as any;
  const child = log.child.bind(log);
  log.child = (...a: unknown[]) => {
    const c = child(...a);
    for (const level of ['debug', 'info']) {
      const orig = c[level].bind(c);
      c[level] = (...args: unknown[]) => {
        calls.push({ level, args });
        return orig(...args);
      };
    }
    return c;
  };
  return calls;
}

t.test('a request signed as the TypeScript SDK signs it is accepted', async (t) => {
  const d = await buildDisApp(t);
  const res = await d.call('GET', LIST, undefined, { headers: { 'opc-request-id': 'MY-REQUEST-1' } });
  t.equal(res.statusCode, 200, res.body);
  t.same(res.json(), []);
  t.equal(res.headers['opc-request-id'], 'MY-REQUEST-1', 'opc-request-id echoed');
  const other = await d.call('GET', LIST);
  t.match(other.headers['opc-request-id'], /^[0-9A-F]{32}$/, 'generated when absent');
});

t.test('parameters in any order, header names in any case, `date` instead of `x-date` (Python SDK / CLI shape)', async (t) => {
  const d = await buildDisApp(t);
  const date = new Date().toUTCString();
  const lines = [`date: ${date}`, `(request-target): get ${LIST}`, 'host: localhost'];
  const signature = crypto.sign('sha256', Buffer.from(lines.join('\n')), keyPair().privateKey).toString('base64');
  const keyId = `${TENANCY}/${USER}/${keyPair().fingerprint}`;
  const res = await d.app.inject({
    method: 'GET',
    url: LIST,
    headers: { host: 'localhost', date, authorization: `Signature algorithm="rsa-sha256",headers="Date (Request-Target) HOST",keyId="${keyId}",signature="${signature}",version="1"` },
  });
  t.equal(res.statusCode, 200, res.body);

  // Upper-case fingerprint hex and spaces after commas are fine too.
  const { headers } = signedHeaders({ method: 'GET', url: LIST, keyId: `${TENANCY}/${USER}/${keyPair().fingerprint.toUpperCase()}` });
  headers.authorization = headers.authorization.replace(/",/g, '", ');
  t.equal((await d.app.inject({ method: 'GET', url: LIST, headers })).statusCode, 200);
});

t.test('POST with an empty body signs the empty-body hash (start/stop actions)', async (t) => {
  const d = await buildDisApp(t);
  const { headers } = signedHeaders({ method: 'POST', url: '/20200430/workspaces/ocid1.disworkspace.oc1.iad.x/actions/stop' });
  t.equal(headers['x-content-sha256'], '47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=');
  t.equal(headers['content-length'], '0');
  const res = await d.app.inject({ method: 'POST', url: '/20200430/workspaces/ocid1.disworkspace.oc1.iad.x/actions/stop', headers, payload: '' });
  expectOciError(t, res, 404, 'NotAuthorizedOrNotFound', /Workspace ocid1\.disworkspace\.oc1\.iad\.x not found/);
});

t.test('unsigned and malformed Authorization headers', async (t) => {
  const d = await buildDisApp(t);
  const get = (authorization?: string) => d.app.inject({ method: 'GET', url: LIST, headers: { ...(authorization ? { authorization } : {}), 'x-date': new Date().toUTCString(), 'opc-request-id': 'R1' } });

  let res = await get();
  const body = expectOciError(t, res, 401, 'NotAuthenticated', /Authorization header is missing.*keyId=/);
  t.equal(res.headers['opc-request-id'], 'R1', 'opc-request-id echoed on errors');
  t.same(Object.keys(body).sort(), ['code', 'message']);

  expectOciError(t, await get('Bearer abc.def'), 401, 'NotAuthenticated', /scheme 'Bearer' is not supported/);
  expectOciError(t, await get('Signature keyId=abc'), 401, 'NotAuthenticated', /malformed near 'keyId=abc'/);
  expectOciError(t, await get('Signature keyId="a/b/c",keyId="a/b/c",headers="host",signature="AA=="'), 401, 'NotAuthenticated', /parameter 'keyid' twice/);
  expectOciError(t, await get('Signature headers="host",signature="AA=="'), 401, 'NotAuthenticated', /no keyId parameter/);
  expectOciError(t, await get(`Signature keyId="${TENANCY}/${USER}/${keyPair().fingerprint}",headers="host"`), 401, 'NotAuthenticated', /no signature parameter/);
  expectOciError(t, await get(`Signature keyId="${TENANCY}/${USER}/${keyPair().fingerprint}",signature="AA=="`), 401, 'NotAuthenticated', /no headers parameter/);
  expectOciError(t, await get(`Signature version="2",keyId="a/b/c",headers="host",signature="AA=="`), 401, 'NotAuthenticated', /version "2" is not supported/);
  expectOciError(t, await get(`Signature keyId="${TENANCY}/${USER}/${keyPair().fingerprint}",algorithm="hmac-sha256",headers="host",signature="AA=="`), 401, 'NotAuthenticated', /algorithm 'hmac-sha256' is not supported/);
  expectOciError(t, await get('Signature keyId="tenancy/fingerprint",headers="host",signature="AA=="'), 401, 'NotAuthenticated', /keyId 'tenancy\/fingerprint' is malformed/);
  expectOciError(t, await get(`Signature keyId="${TENANCY}/${USER}/12:34",headers="host",signature="AA=="`), 401, 'NotAuthenticated', /fingerprint '12:34' is malformed/);
  expectOciError(t, await get(`Signature keyId="${TENANCY}/${USER}/${keyPair().fingerprint}",headers="host",signature="not base64!"`), 401, 'NotAuthenticated', /not base64/);
});

t.test('the headers OCI requires must be signed and present', async (t) => {
  const d = await buildDisApp(t);
  let res = await d.call('GET', LIST, undefined, { signed: ['x-date', '(request-target)'] });
  expectOciError(t, res, 401, 'NotAuthenticated', /missing host in headers="x-date \(request-target\)"/);
  res = await d.call('GET', LIST, undefined, { signed: ['(request-target)', 'host'] });
  expectOciError(t, res, 401, 'NotAuthenticated', /missing date \(or x-date\)/);
  res = await d.call('POST', '/20200430/workspaces', { displayName: 'x', compartmentId: COMPARTMENT }, { signed: ['x-date', '(request-target)', 'host'] });
  expectOciError(t, res, 401, 'NotAuthenticated', /requires for POST: missing content-type, content-length, x-content-sha256/);
  res = await d.call('GET', LIST, undefined, { signed: ['x-date', '(request-target)', 'host', 'opc-obo-token'] });
  expectOciError(t, res, 401, 'NotAuthenticated', /signed header 'opc-obo-token' is not in the request/);
});

t.test('dates: real time, at most 5 minutes away, whatever the simulated clock says', async (t) => {
  const d = await buildDisApp(t);
  const ago = (s: number) => new Date(Date.now() - s * 1000).toUTCString();
  expectOciError(t, await d.call('GET', LIST, undefined, { date: ago(400) }), 401, 'NotAuthenticated', /stale: x-date '.*' is 40\d seconds behind the current time .*at most 300 seconds/);
  expectOciError(t, await d.call('GET', LIST, undefined, { date: ago(-600) }), 401, 'NotAuthenticated', /(59\d|60\d) seconds ahead of/);
  expectOciError(t, await d.call('GET', LIST, undefined, { date: 'yesterday-ish' }), 401, 'NotAuthenticated', /x-date header 'yesterday-ish' is not a valid HTTP date/);
  t.equal((await d.call('GET', LIST, undefined, { date: ago(240) })).statusCode, 200, '4 minutes is fine');
  d.advance(30 * 86_400_000);
  t.equal((await d.call('GET', LIST)).statusCode, 200, 'advancing the simulated clock a month does not make signatures stale');
});

t.test('the body must match x-content-sha256; nothing is written otherwise', async (t) => {
  const d = await buildDisApp(t);
  const body = { displayName: 'hash', compartmentId: COMPARTMENT };
  const res = await d.call('POST', '/20200430/workspaces', body, { hashOf: JSON.stringify({ ...body, displayName: 'other' }) });
  expectOciError(t, res, 401, 'NotAuthenticated', /x-content-sha256 header does not match the body: header says '.+', the \d+-byte body hashes to '.+'/);
  t.same((await d.call('GET', LIST)).json(), [], 'no workspace was created');
});

t.test('a signature that does not verify: 401, and the signing string in the debug log', async (t) => {
  const d = await buildDisApp(t);
  const logs = captureLogs(d);
  // Signed by another private key under the registered fingerprint.
  const res = await d.call('GET', LIST, undefined, { key: { ...newKeyPair(), fingerprint: keyPair().fingerprint } });
  expectOciError(t, res, 401, 'NotAuthenticated', /does not verify with the registered key/);
  const debug = logs.find((l) => l.level === 'debug' && String(l.args[1]).includes('signing string'));
  t.ok(debug, 'debug line logged');
  t.match((debug!.args[0] as { signingString: string }).signingString, new RegExp(`^x-date: .+\\n\\(request-target\\): get ${LIST.replace(/[?.]/g, '\\$&')}\\nhost: localhost$`));

  // (request-target) covers the query: signing the path alone does not verify.
  const { headers } = signedHeaders({ method: 'GET', url: '/20200430/workspaces' });
  expectOciError(t, await d.app.inject({ method: 'GET', url: LIST, headers }), 401, 'NotAuthenticated', /does not verify/);
});

t.test('unregistered keys: accepted and logged by default, rejected with --strict-auth', async (t) => {
  const d = await buildDisApp(t);
  const logs = captureLogs(d);
  const other = newKeyPair();
  t.equal((await d.call('GET', LIST, undefined, { key: other })).statusCode, 200);
  t.ok(logs.some((l) => l.level === 'info' && /unregistered key/.test(String(l.args[1]))), 'said so in the log');
  const session = signedHeaders({ method: 'GET', url: LIST, keyId: 'ST$eyJhbGciOi.session.token' });
  expectOciError(t, await d.app.inject({ method: 'GET', url: LIST, headers: session.headers }), 401, 'NotAuthenticated', /session token in keyId \(ST\$\.\.\.\) is not a JWT/);
  t.comment('session tokens are always verified (test/auth/resource-principals.test.ts)');

  const strict = await buildDisApp(t, { strictAuth: true });
  expectOciError(t, await strict.call('GET', LIST, undefined, { key: other }), 401, 'NotAuthenticated', new RegExp(`No API key with fingerprint ${other.fingerprint} is registered, and --strict-auth rejects unknown keys`));
  expectOciError(t, await strict.app.inject({ method: 'GET', url: LIST, headers: session.headers }), 401, 'NotAuthenticated', /session token in keyId/);
  t.equal((await strict.call('GET', LIST)).statusCode, 200, 'the registered key is fine');
  // The key was registered for TENANCY/USER: another user may not use it.
  expectOciError(t, await strict.call('GET', LIST, undefined, { keyId: `${TENANCY}/ocid1.user.oc1..someoneelse/${keyPair().fingerprint}` }), 401, 'NotAuthenticated', /keyId user 'ocid1\.user\.oc1\.\.someoneelse' does not match/);
});

t.test('unsigned requests are refused in strict mode too, and unknown DIS routes answer in the OCI format', async (t) => {
  const d = await buildDisApp(t, { strictAuth: true });
  expectOciError(t, await d.app.inject({ method: 'GET', url: LIST }), 401, 'NotAuthenticated');
  expectOciError(t, await d.call('GET', '/20200430/nothingHere'), 404, 'NotFound', /No operation matches GET \/20200430\/nothingHere/);
  const res = await d.call('PATCH', `/20200430/workspaces/abc`, { displayName: 'x' });
  expectOciError(t, res, 405, 'MethodNotAllowed');
  t.match(res.headers.allow, /GET/);
});

t.test('the seed: `oci raw-request` (Python signer: date, lower-case body headers) POSTs a project to the singular path', async (t) => {
  const d = await buildDisApp(t);
  const create = await d.call('POST', '/20200430/workspaces', { displayName: 'cli', compartmentId: COMPARTMENT });
  d.advance(10_000);
  const ws = (await d.call('GET', `/20200430/workRequests/${create.headers['opc-work-request-id']}`)).json().resources[0].identifier;
  const url = `/20200430/workspace/${ws}/projects`;
  const body = '{"name":"MyProject", "identifier":"MY_PROJECT"}';
  const headers: Record<string, string> = {
    date: new Date().toUTCString(),
    host: '127.0.0.1:8080',
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
    'x-content-sha256': crypto.createHash('sha256').update(body).digest('base64'),
  };
  const names = ['date', '(request-target)', 'host', 'content-length', 'content-type', 'x-content-sha256'];
  const signing = names.map((n) => (n === '(request-target)' ? `(request-target): post ${url}` : `${n}: ${headers[n]}`)).join('\n');
  const signature = crypto.sign('sha256', Buffer.from(signing), keyPair().privateKey).toString('base64');
  headers.authorization = `Signature algorithm="rsa-sha256",headers="${names.join(' ')}",keyId="${TENANCY}/${USER}/${keyPair().fingerprint}",signature="${signature}",version="1"`;
  const res = await d.app.inject({ method: 'POST', url, headers, payload: body });
  t.equal(res.statusCode, 200, res.body);
  t.match(res.json(), { name: 'MyProject', identifier: 'MY_PROJECT', modelType: 'PROJECT' });
});
