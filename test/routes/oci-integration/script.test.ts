/**
 * Start/stop the way Oracle's shell scripts do it: curl with a hand-built
 * OCI signature (openssl dgst -sha256 -sign, base64) over `date`,
 * `(request-target)` and `host`, and for the POST also `x-content-sha256`,
 * `content-type` and `content-length`, with a small JSON body. The signing
 * here is written from the OCI signature specification, not copied from a
 * script; only host and key differ from a real run.
 */
import t from 'tap';
import crypto from 'node:crypto';
import http from 'node:http';
import { COMPARTMENT, ETAG, TENANCY, USER, ocidOf } from '../../helpers/dis';
import { controlPlane, key } from './helpers';

interface Reply { status: number; headers: http.IncomingHttpHeaders; body: string }

/** One request as the scripts send it: every header a plain string, the signature over exactly those values. */
function scriptRequest(base: string, method: 'GET' | 'POST', path: string, body?: string): Promise<Reply> {
  const url = new URL(base);
  const host = url.host;
  const date = new Date().toUTCString();
  const headers: Record<string, string> = { date, host };
  let names = ['date', '(request-target)', 'host'];
  if (method === 'POST') {
    const payload = body ?? '';
    headers['x-content-sha256'] = crypto.createHash('sha256').update(payload).digest('base64');
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(payload));
    names = [...names, 'x-content-sha256', 'content-type', 'content-length'];
  }
  const signingString = names.map((n) => (n === '(request-target)' ? `(request-target): ${method.toLowerCase()} ${path}` : `${n}: ${headers[n]}`)).join('\n');
  const signature = crypto.createSign('RSA-SHA256').update(signingString).sign(key.privateKey, 'base64');
  headers.authorization = `Signature version="1",keyId="${TENANCY}/${USER}/${key.fingerprint}",algorithm="rsa-sha256",headers="${names.join(' ')}",signature="${signature}"`;
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method, path, headers }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    if (method === 'POST') req.end(body ?? '');
    else req.end();
  });
}

t.test("Oracle's stop/start scripts: signed curl with a JSON body", async (t) => {
  const cp = await controlPlane(t, { strictAuth: true });
  const created = await cp.client.createIntegrationInstance({
    createIntegrationInstanceDetails: { displayName: 'scripted', compartmentId: COMPARTMENT, integrationInstanceType: 'STANDARDX' as any, isByol: false, messagePacks: 1 },
  });
  const id = (await cp.waiters.forWorkRequest({ workRequestId: created.opcWorkRequestId })).workRequest.resources[0].identifier;

  const stop = await scriptRequest(cp.url, 'POST', `/20190131/integrationInstances/${id}/actions/stop`, '{}');
  t.equal(stop.status, 202, stop.body);
  t.match(stop.headers['opc-work-request-id'], ocidOf('integrationworkrequest'), 'opc-work-request-id');
  t.match(stop.headers['opc-request-id'], /^[0-9A-F]{32}$/, 'an opc-request-id made up for a caller that sent none');
  t.equal(stop.body, '', 'no body');
  cp.clock.advance(3000);
  const got = await scriptRequest(cp.url, 'GET', `/20190131/integrationInstances/${id}`);
  t.equal(got.status, 200);
  t.equal(JSON.parse(got.body).lifecycleState, 'INACTIVE');
  t.match(got.headers.etag, ETAG);
  const wr = await scriptRequest(cp.url, 'GET', `/20190131/workRequests/${stop.headers['opc-work-request-id']}`);
  t.match(JSON.parse(wr.body), { status: 'SUCCEEDED', operationType: 'STOP_INTEGRATION_INSTANCE' });
  const oic = await cp.call({ method: 'GET', url: '/ic/api/integration/v1/integrations?integrationInstance=scripted' });
  t.equal(oic.statusCode, 503, 'stopped: its design-time API answers 503');

  const start = await scriptRequest(cp.url, 'POST', `/20190131/integrationInstances/${id}/actions/start`, '{"reason":"nightly"}');
  t.equal(start.status, 202, start.body);
  cp.clock.advance(3000);
  t.equal(JSON.parse((await scriptRequest(cp.url, 'GET', `/20190131/integrationInstances/${id}`)).body).lifecycleState, 'ACTIVE');
  t.equal((await cp.call({ method: 'GET', url: '/ic/api/integration/v1/integrations?integrationInstance=scripted' })).statusCode, 200, 'started: served again');
});

t.test('a script whose body differs from its x-content-sha256 is refused, and nothing happens', async (t) => {
  const cp = await controlPlane(t, { strictAuth: true });
  const created = await cp.client.createIntegrationInstance({
    createIntegrationInstanceDetails: { displayName: 'tampered', compartmentId: COMPARTMENT, integrationInstanceType: 'STANDARDX' as any, isByol: false, messagePacks: 1 },
  });
  const id = (await cp.waiters.forWorkRequest({ workRequestId: created.opcWorkRequestId })).workRequest.resources[0].identifier;
  const url = new URL(cp.url);
  const path = `/20190131/integrationInstances/${id}/actions/stop`;
  const date = new Date().toUTCString();
  const signed = { date, host: url.host, 'x-content-sha256': crypto.createHash('sha256').update('{}').digest('base64'), 'content-type': 'application/json', 'content-length': '2' };
  const names = ['date', '(request-target)', 'host', 'x-content-sha256', 'content-type', 'content-length'];
  const signing = names.map((n) => (n === '(request-target)' ? `(request-target): post ${path}` : `${n}: ${(signed as Record<string, string>)[n]}`)).join('\n');
  const signature = crypto.createSign('RSA-SHA256').update(signing).sign(key.privateKey, 'base64');
  const res = await fetch(`${cp.url}${path}`, {
    method: 'POST',
    headers: { ...signed, authorization: `Signature version="1",keyId="${TENANCY}/${USER}/${key.fingerprint}",algorithm="rsa-sha256",headers="${names.join(' ')}",signature="${signature}"` },
    body: '[]',
  });
  t.equal(res.status, 401);
  t.equal(((await res.json()) as { code: string }).code, 'NotAuthenticated');
  t.equal((await cp.client.getIntegrationInstance({ integrationInstanceId: id })).integrationInstance.lifecycleState, 'ACTIVE', 'still ACTIVE');
});
