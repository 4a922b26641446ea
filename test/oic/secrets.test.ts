/**
 * Secrets never leave: OAuth client secrets, Basic passwords, OIC connection
 * passwords / client secrets / API keys and DIS connection pass phrases are
 * used through every route that takes them (right and wrong), then looked
 * for in every API response (every GET of all three specs, the control
 * plane's journal, snapshots, config and dashboard data), in the exported
 * .iar, and in every log line the server wrote at trace level.
 *
 * The built server runs as a child process so that its real log output
 * (pino, JSON lines on stdout) can be read. The start-up banner prints the
 * well-known default credentials (README); the secrets here are not those.
 */
import t from 'tap';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import crypto from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import { startServer } from '../helpers/process';
import { loadSpec } from '../../src/openapi/spec';
import { keyPair, signedHeaders, TENANCY, USER, COMPARTMENT } from '../helpers/dis';

// Random part first: a leak of just the start of a secret (an error message quoting the input) is caught too.
const mark = (what: string) => `${crypto.randomBytes(6).toString('hex')}${what}`;
const PARTIAL = 10;
const SECRETS = {
  clientSecret: mark('CLIENTSECRET'),
  userPassword: mark('USERPASSWORD'),
  connPassword: mark('CONNPASSWORD'),
  connPassword2: mark('CONNPASSWORD2'),
  connClientSecret: mark('CONNCLIENTSECRET'),
  connApiKey: mark('CONNAPIKEY'),
  connPairValue: mark('CONNPAIRVALUE'),
  disPassPhrase: mark('DISPASSPHRASE'),
};

interface Reply { status: number; headers: http.IncomingHttpHeaders; body: Buffer; text: string }

function request(base: string, method: string, url: string, headers: Record<string, string> = {}, body?: string | Buffer): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${url}`, { method, headers: { ...headers, ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => { const b = Buffer.concat(chunks); resolve({ status: res.statusCode!, headers: res.headers, body: b, text: b.toString('utf8') }); });
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

t.test('secrets never appear in responses, archives, the journal or the logs', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oie-secrets-'));
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.writeFileSync(path.join(dir, 'idcs.json'), JSON.stringify({ idcs: { clients: [{ clientId: 'ci-client', clientSecret: SECRETS.clientSecret }], users: [{ username: 'ci-user', password: SECRETS.userPassword }] } }));
  const server = await startServer(['--port', '0', '--host', '127.0.0.1', '--fixtures', dir, '--log-level', 'trace', '--log-format', 'json', '--rate-limit', '100000']);
  t.teardown(() => server.stop('SIGKILL'));
  const base = server.url;
  const host = new URL(base).host;
  const seen: Array<[string, string]> = [];
  const call = async (method: string, url: string, headers: Record<string, string> = {}, body?: string | Buffer) => {
    const res = await request(base, method, url, headers, body);
    seen.push([`${method} ${url} -> ${res.status}`, `${JSON.stringify(res.headers)}\n${res.text}`]);
    return res;
  };
  const basicOf = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
  const form = { 'content-type': 'application/x-www-form-urlencoded' };

  // IDCS: the client secret in Basic, in the body, wrong, twice, and in a query string.
  const tok = await call('POST', '/oauth2/v1/token', { ...form, authorization: basicOf('ci-client', SECRETS.clientSecret) }, 'grant_type=client_credentials');
  t.equal(tok.status, 200, tok.text);
  const bearer = { authorization: `Bearer ${JSON.parse(tok.text).access_token}` };
  t.equal((await call('POST', '/oauth2/v1/token', form, `grant_type=client_credentials&client_id=ci-client&client_secret=${SECRETS.clientSecret}`)).status, 200);
  t.equal((await call('POST', '/oauth2/v1/token', { ...form, authorization: basicOf('ci-client', `${SECRETS.clientSecret}x`) }, 'grant_type=client_credentials')).status, 401);
  t.equal((await call('POST', '/oauth2/v1/token', { ...form, authorization: basicOf('ci-client', SECRETS.clientSecret) }, `grant_type=client_credentials&client_secret=${SECRETS.clientSecret}`)).status, 400);
  const inQuery = await call('POST', `/oauth2/v1/token?client_id=ci-client&client_secret=${SECRETS.clientSecret}`, form, 'grant_type=client_credentials');
  t.equal(inQuery.status, 401, 'client credentials in the query string do not authenticate');
  t.equal(JSON.parse(inQuery.text).error, 'invalid_client');
  const pwGrant = await call('POST', '/oauth2/v1/token', form, `grant_type=password&username=ci-user&password=${SECRETS.userPassword}`);
  t.equal(pwGrant.status, 401, 'a password grant without client credentials is refused');
  t.equal(JSON.parse(pwGrant.text).error, 'invalid_client');

  // OIC with a Basic user, right and wrong.
  const API = '/ic/api/integration/v1';
  t.equal((await call('GET', `${API}/integrations`, { authorization: basicOf('ci-user', SECRETS.userPassword) })).status, 200);
  t.equal((await call('GET', `${API}/integrations`, { authorization: basicOf('ci-user', `${SECRETS.userPassword}!`) })).status, 401);
  t.equal((await call('GET', `${API}/integrations?access_token=${SECRETS.clientSecret}`, bearer)).status, 200);

  // An OIC connection holding every kind of secret: create, read, update, test, use, export.
  const json = { ...bearer, 'content-type': 'application/json' };
  const conn = {
    name: 'Secret holder', identifier: 'SECRET_CONN', adapterType: 'rest',
    connectionProperties: {
      baseUrl: 'https://api.example.com',
      security: { authenticationType: 'OAUTH2', username: 'svc', password: SECRETS.connPassword, clientSecret: SECRETS.connClientSecret, apiKey: SECRETS.connApiKey },
      // Oracle's own form: name/value pairs.
      securityProperties: [{ propertyName: 'password', propertyValue: SECRETS.connPairValue, propertyType: 'PASSWORD' }],
    },
  };
  t.equal((await call('POST', `${API}/connections`, json, JSON.stringify(conn))).status, 201);
  t.equal((await call('POST', `${API}/connections`, json, JSON.stringify(conn))).status, 409, 'a second create: 409, the body echoed nowhere');
  t.equal((await call('PUT', `${API}/connections/SECRET_CONN`, json, JSON.stringify({ connectionProperties: { security: { password: SECRETS.connPassword2 } } }))).status, 200, 'update');
  t.equal((await call('POST', `${API}/connections/SECRET_CONN/test`, bearer)).status, 200, 'test');
  t.equal((await call('POST', `${API}/connections`, json, `{"identifier":"BROKEN","connectionProperties":{"security":{"password": ${SECRETS.connPassword}}}}`)).status, 400, 'malformed JSON quoting the secret');
  t.equal((await call('POST', `${API}/connections`, json, JSON.stringify({ ...conn, identifier: 'bad id!', adapterType: 42 }))).status, 400, 'invalid create');
  t.equal((await call('PUT', `${API}/connections/SECRET_CONN`, json, JSON.stringify({ connectionProperties: { security: { password: { nested: SECRETS.connPassword } } } }))).status, 200, 'an update with the password nested below its key');
  t.equal((await call('POST', `${API}/integrations`, json, JSON.stringify({ name: 'Uses it', identifier: 'USES_SECRET', version: '01.00.0000', pattern: 'APP_DRIVEN_ORCHESTRATION', connections: [{ role: 'SOURCE', connectionId: 'SECRET_CONN' }] }))).status, 201);
  t.equal((await call('POST', `${API}/integrations/USES_SECRET%7C01.00.0000/activate`, bearer)).status, 200, 'activate');
  const archive = await call('GET', `${API}/integrations/USES_SECRET%7C01.00.0000/archive`, bearer);
  t.equal(archive.status, 200);
  const entries = unzipSync(new Uint8Array(archive.body));
  t.ok(Object.keys(entries).some((n) => n.includes('appinstances/SECRET_CONN')), 'the archive carries the connection');
  for (const [name, data] of Object.entries(entries)) seen.push([`archive entry ${name}`, strFromU8(data)]);

  // DIS: a connection with a pass phrase, through signed requests.
  t.equal((await call('POST', '/_emulator/dis/api-keys', { 'content-type': 'application/json' }, JSON.stringify({ publicKey: keyPair().publicKey, tenancyId: TENANCY, userId: USER }))).status, 201, 'signing key registered');
  const dis = async (method: string, url: string, body?: unknown) => {
    const s = signedHeaders({ method, url, body, host });
    const { 'content-length': _omit, ...headers } = s.headers;
    return call(method, url, headers, s.payload);
  };
  const ws = await dis('POST', '/20200430/workspaces', { displayName: 'secrets', compartmentId: COMPARTMENT });
  t.equal(ws.status, 202, ws.text);
  t.equal((await call('POST', '/_emulator/clock/advance', { 'content-type': 'application/json' }, JSON.stringify({ seconds: 600 }))).status, 200, 'clock advanced');
  const workspaces = await dis('GET', `/20200430/workspaces?compartmentId=${COMPARTMENT}`);
  t.equal(workspaces.status, 200, workspaces.text);
  t.match(JSON.parse(workspaces.text), [{ displayName: 'secrets', lifecycleState: 'ACTIVE' }], 'the workspace is active');
  const wsId = JSON.parse(workspaces.text)[0].id;
  const disBase = `/20200430/workspaces/${wsId}`;
  const assetRes = await dis('POST', `${disBase}/dataAssets`, { name: 'os', identifier: 'OS', modelType: 'ORACLE_OBJECT_STORAGE_DATA_ASSET', url: 'https://objectstorage.us-ashburn-1.oraclecloud.com', tenancyId: TENANCY, namespace: 'ns', defaultConnection: { name: 'd', identifier: 'D', modelType: 'ORACLE_OBJECT_STORAGE_CONNECTION', passPhrase: SECRETS.disPassPhrase } });
  t.equal(assetRes.status, 200, assetRes.text);
  const asset = JSON.parse(assetRes.text);
  const dconn = await dis('POST', `${disBase}/connections`, { name: 'c', identifier: 'C', modelType: 'ORACLE_OBJECT_STORAGE_CONNECTION', registryMetadata: { aggregatorKey: asset.key }, passPhrase: SECRETS.disPassPhrase, password: SECRETS.disPassPhrase });
  t.equal(dconn.status, 200, dconn.text);
  const c2 = await dis('POST', `${disBase}/connections`, { name: 'c', identifier: 'C2', modelType: 'ORACLE_OBJECT_STORAGE_CONNECTION', registryMetadata: { aggregatorKey: asset.key }, passPhrase: SECRETS.disPassPhrase });
  t.equal(c2.status, 200, c2.text);
  t.equal((await dis('POST', `${disBase}/connections`, `{"identifier":"C3","passPhrase": ${SECRETS.disPassPhrase}}`)).status, 400, 'malformed JSON quoting the pass phrase');
  const dconnKey = JSON.parse(dconn.text).key;

  // Every GET of every spec, with the ids that exist, and the control plane's views.
  t.equal((await call('POST', '/_emulator/snapshots', { 'content-type': 'application/json' }, JSON.stringify({ name: 'with-secrets' }))).status, 201, 'snapshot taken');
  const ids: Record<string, string> = {
    id: 'SECRET_CONN', workspaceId: wsId, dataAssetKey: asset.key, connectionKey: dconnKey, name: 'with-secrets', fingerprint: keyPair().fingerprint,
  };
  for (const spec of ['oic', 'dis', 'emulator'] as const) {
    for (const op of loadSpec(spec).operations.values()) {
      if (op.method !== 'GET') continue;
      const url = op.path.replace(/\{([^}]+)\}/g, (_, n: string) => encodeURIComponent(ids[n] ?? 'X')) + (op.path.includes('/connections') && spec === 'dis' ? `?dataAssetKey=${asset.key}` : '');
      if (spec === 'dis') await dis('GET', url);
      else await call('GET', url, bearer);
    }
  }
  for (const url of ['/ic/api/integration/v1/integrations/USES_SECRET%7C01.00.0000', '/_emulator/requests?limit=1000', '/_emulator/snapshots/with-secrets', '/_emulator/ui', '/_emulator/config']) {
    t.equal((await call('GET', url, bearer)).status, 200, `GET ${url}`);
  }
  const journal = seen.find(([what]) => what.startsWith('GET /_emulator/requests?limit=1000'))!;
  t.match(journal[1], /SECRET_CONN/, 'the journal did record the connection requests');

  t.equal(await server.stop('SIGTERM'), 0);
  const logs = server.output();
  t.ok(logs.split('\n').length > 100, `the server logged (${logs.split('\n').length} lines)`);

  const leaks: string[] = [];
  for (const [name, secret] of Object.entries(SECRETS)) {
    const part = secret.slice(0, PARTIAL);
    for (const [where, text] of seen) if (text.includes(part)) leaks.push(`${name} in the response to ${where}`);
    logs.split('\n').forEach((line, i) => { if (line.includes(part)) leaks.push(`${name} in log line ${i + 1}: ${line.slice(0, 300)}`); });
  }
  t.same(leaks, [], `${Object.keys(SECRETS).length} secrets, ${seen.length} responses and archive entries, ${logs.split('\n').length} log lines: no leak`);
});
