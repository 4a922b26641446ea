/**
 * DIS test helpers: an RSA key pair (generated once per process), requests
 * signed the way the OCI TypeScript SDK signs them, and a fresh app on a
 * manual clock with the key registered.
 */
import crypto from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildTestApp } from './app';
import { Clock } from '../../src/core/clock';
import type { Config } from '../../src/config';

export const TENANCY = 'ocid1.tenancy.oc1..aaaaaaaatesttenancy';
export const USER = 'ocid1.user.oc1..aaaaaaaatestuser';
export const COMPARTMENT = 'ocid1.compartment.oc1..aaaaaaaatestcompartment';
/** The emulator's entity tags: the MD5 of the stored document, in hex. */
export const ETAG = /^[0-9a-f]{32}$/;
/** An OCID the emulator makes for a resource type (its region is iad). */
/** The page token of a list page starting at `offset`, as OCI lists hand it out (opc-next-page, opc-prev-page). */
export const pageAt = (offset: number): string => Buffer.from(`offset:${offset}`).toString('base64url');
export const ocidOf = (type: string): RegExp => new RegExp(`^ocid1\\.${type}\\.oc1\\.iad\\.amaaaaaa[a-z2-7]{52}$`);

export interface KeyPair {
  privateKey: string;
  publicKey: string;
  fingerprint: string;
}

let cached: KeyPair | null = null;

export function fingerprintOfPem(publicKey: string): string {
  const der = crypto.createPublicKey(publicKey).export({ type: 'spki', format: 'der' });
  return crypto.createHash('md5').update(der).digest('hex').match(/../g)!.join(':');
}

export function newKeyPair(): KeyPair {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { privateKey, publicKey, fingerprint: fingerprintOfPem(publicKey) };
}

export function keyPair(): KeyPair {
  cached ??= newKeyPair();
  return cached;
}

export interface SignOptions {
  method: string;
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
  key?: KeyPair;
  keyId?: string;
  /** Override the x-date value (stale-date tests). */
  date?: string;
  /** Which headers to sign (defaults: as the TypeScript SDK). */
  signed?: string[];
  /** Hash this instead of the body (wrong-hash tests). */
  hashOf?: string;
  host?: string;
}

/** Headers for a request signed as the TypeScript SDK signs it. */
export function signedHeaders(o: SignOptions): { headers: Record<string, string>; payload?: string } {
  const key = o.key ?? keyPair();
  const method = o.method.toUpperCase();
  const payload = o.body === undefined ? (['POST', 'PUT', 'PATCH'].includes(method) ? '' : undefined) : typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
  const headers: Record<string, string> = {
    host: o.host ?? 'localhost',
    'x-date': o.date ?? new Date().toUTCString(),
    'content-type': 'application/json',
    ...o.headers,
  };
  let signed = o.signed ?? ['x-date', '(request-target)', 'host'];
  if (!o.signed && ['POST', 'PUT', 'PATCH'].includes(method)) {
    headers['content-length'] = String(Buffer.byteLength(payload ?? ''));
    headers['x-content-sha256'] = crypto.createHash('sha256').update(o.hashOf ?? payload ?? '').digest('base64');
    signed = [...signed, 'Content-Type', 'Content-Length', 'x-content-sha256'];
  }
  const lines = signed.map((h) => {
    const name = h.toLowerCase();
    return name === '(request-target)' ? `(request-target): ${method.toLowerCase()} ${o.url}` : `${name}: ${headers[name]}`;
  });
  const signature = crypto.sign('sha256', Buffer.from(lines.join('\n')), key.privateKey).toString('base64');
  const keyId = o.keyId ?? `${TENANCY}/${USER}/${key.fingerprint}`;
  headers.authorization = `Signature version="1",keyId="${keyId}",algorithm="rsa-sha256",headers="${signed.join(' ')}",signature="${signature}"`;
  return { headers, payload };
}

export interface DisTestApp {
  app: FastifyInstance;
  clock: Clock;
  /** A signed request (registered key); JSON body in, response out. */
  call(method: string, url: string, body?: unknown, extra?: Partial<SignOptions>): Promise<LightMyRequestResponse>;
  /** Advance the manual clock (fires lifecycles). */
  advance(ms: number): void;
}

export async function buildDisApp(t: { teardown(fn: () => unknown): void }, overrides: Partial<Config> = {}, opts: { register?: boolean } = {}): Promise<DisTestApp> {
  const clock = new Clock();
  clock.setManual(Date.parse('2026-01-05T09:00:00Z'));
  const { app } = await buildTestApp(t, overrides, clock);
  if (opts.register !== false) {
    const res = await app.inject({ method: 'POST', url: '/_emulator/dis/api-keys', payload: { publicKey: keyPair().publicKey, tenancyId: TENANCY, userId: USER } });
    if (res.statusCode !== 201) throw new Error(`key registration failed: ${res.statusCode} ${res.body}`);
  }
  return {
    app,
    clock,
    advance: (ms) => clock.advance(ms),
    call: (method, url, body, extra = {}) => {
      const { headers, payload } = signedHeaders({ method, url, body, ...extra });
      return app.inject({ method: method as any, url, headers, payload });
    },
  };
}

/** Assert an OCI error body and return it. */
export function expectOciError(t: { equal: Function; match: Function; ok: Function }, res: LightMyRequestResponse, status: number, code: string, message?: RegExp): { code: string; message: string } {
  t.equal(res.statusCode, status, `status ${status} (body: ${res.body.slice(0, 300)})`);
  const body = res.json();
  t.equal(body.code, code, `code ${code}`);
  t.ok(res.headers['opc-request-id'], 'opc-request-id on the error');
  if (message) t.match(body.message, message);
  return body;
}

/** Create a workspace and let its work request finish. */
export async function activeWorkspace(d: DisTestApp, name = 'ws'): Promise<string> {
  const res = await d.call('POST', '/20200430/workspaces', { displayName: name, compartmentId: COMPARTMENT });
  if (res.statusCode !== 202) throw new Error(`createWorkspace: ${res.statusCode} ${res.body}`);
  const wr = await d.call('GET', `/20200430/workRequests/${res.headers['opc-work-request-id']}`);
  d.advance(60_000);
  return wr.json().resources[0].identifier;
}

/** Workspace -> project -> task -> application -> published task. */
export async function publishedTask(d: DisTestApp, ws: string): Promise<{ project: string; task: string; app: string }> {
  const base = `/20200430/workspaces/${ws}`;
  const project = (await d.call('POST', `${base}/projects`, { name: 'P', identifier: 'P' })).json().key;
  const task = (await d.call('POST', `${base}/tasks`, { modelType: 'INTEGRATION_TASK', name: 'Load', identifier: 'LOAD', registryMetadata: { aggregatorKey: project } })).json().key;
  const app = (await d.call('POST', `${base}/applications`, { name: 'App', identifier: 'APP' })).json().key;
  const patch = await d.call('POST', `${base}/applications/${app}/patches`, { name: 'pub', identifier: 'PUB', patchType: 'PUBLISH', objectKeys: [task] });
  if (patch.statusCode !== 200) throw new Error(`createPatch: ${patch.statusCode} ${patch.body}`);
  return { project, task, app };
}
