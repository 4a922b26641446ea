/**
 * Shared set-up for the real-OIC tests: an app on a manual clock,
 * integrations made through the seed's API, and multipart bodies the way
 * curl -F sends them.
 */
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildTestApp, expectProblem, type TestApp } from './app';
import { Clock } from '../../src/core/clock';
import type { Config } from '../../src/config';

export const API = '/ic/api/integration/v1';
export const MON = `${API}/monitoring`;
export const SEED_MON = '/ic/api/monitoring/v1';
export const PROJECTS = `${API}/projects`;
export const SEED_PROJECTS = '/ic/api/projects/v1/projects';
export const enc = encodeURIComponent;
export const PATCH = { 'x-http-method-override': 'PATCH' };

export interface RealTestApp extends TestApp {
  clock: Clock;
  /** inject() and expect a 2xx; returns the JSON body (undefined when there is none). */
  ok(method: string, url: string, payload?: unknown, headers?: Record<string, string>): Promise<any>;
  advance(seconds: number): Promise<any>;
  /** Every oic_ table's rows, to prove that a refused request wrote nothing. */
  snapshot(): string;
}

export async function realApp(t: { teardown(fn: () => unknown): void }, overrides: Partial<Config> = {}, start = '2025-06-15T10:00:00Z'): Promise<RealTestApp> {
  const clock = new Clock();
  clock.setManual(Date.parse(start));
  // The service instance the tests' `?integrationInstance=x` names is the default one (where they seed).
  const c = await buildTestApp(t, { instanceName: 'x', ...overrides }, clock);
  const ok = async (method: string, url: string, payload?: unknown, headers: Record<string, string> = {}) => {
    const res = await c.call({ method: method as InjectOptions['method'], url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
    if (res.statusCode >= 300) throw new Error(`${method} ${url} -> ${res.statusCode} ${res.body}`);
    return res.body ? (String(res.headers['content-type'] ?? '').includes('json') ? res.json() : res.body) : undefined;
  };
  const snapshot = () => {
    const db = c.app.ctx.db;
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'oic_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    return JSON.stringify(tables.map((name) => [name, db.prepare(`SELECT * FROM "${name}"`).all()]));
  };
  return { ...c, clock, ok, snapshot, advance: (seconds: number) => ok('POST', '/_emulator/clock/advance', { seconds }) };
}

/** A seed create body: a scheduled orchestration with two connections (created too unless told not to). */
export function definition(identifier = 'HELLO_WORLD', extra: Record<string, unknown> = {}) {
  return {
    name: `${identifier.toLowerCase()} flow`,
    identifier,
    version: '01.00.0000',
    pattern: 'SCHEDULED_ORCHESTRATION',
    style: 'SCHEDULED',
    configuration: { errorHandling: { retryCount: 0, retryInterval: 60 } },
    connections: [
      { role: 'SOURCE', connectionId: 'SRC_CONN', operations: [{ operationType: 'QUERY', objectName: 'Account', fields: ['Id'] }] },
      { role: 'TARGET', connectionId: 'DST_CONN', operations: [{ operationType: 'INSERT', objectName: 'CUSTOMERS', mappings: [{ source: 'Id', target: 'ID' }] }] },
    ],
    ...extra,
  };
}

export async function connections(c: RealTestApp): Promise<void> {
  for (const id of ['SRC_CONN', 'DST_CONN']) {
    const res = await c.call({ method: 'GET', url: `${API}/connections/${id}` });
    if (res.statusCode === 404) await c.ok('POST', `${API}/connections`, { name: id, identifier: id, adapterType: 'rest', connectionProperties: { baseUrl: 'https://api.example.com' } });
  }
}

/** Create through the seed's API (connections included); returns the id. */
export async function seedIntegration(c: RealTestApp, identifier = 'HELLO_WORLD', extra: Record<string, unknown> = {}): Promise<string> {
  await connections(c);
  return (await c.ok('POST', `${API}/integrations`, definition(identifier, extra))).id;
}

/** Activate the real way. */
export async function activate(c: RealTestApp, id: string): Promise<any> {
  return c.ok('POST', `${API}/integrations/${enc(id)}`, { status: 'ACTIVATED' }, PATCH);
}

/** A multipart/form-data body with one file field (and any plain fields), as curl -F builds it. */
export function multipart(files: Array<{ field: string; name: string; content: Buffer | string; type?: string }>, fields: Record<string, string> = {}) {
  const boundary = '----realoic' + 'x'.repeat(8);
  const parts: Buffer[] = [];
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.name}"\r\nContent-Type: ${f.type ?? 'application/octet-stream'}\r\n\r\n`));
    parts.push(Buffer.isBuffer(f.content) ? f.content : Buffer.from(f.content));
    parts.push(Buffer.from('\r\n'));
  }
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export function json(res: LightMyRequestResponse): any {
  return res.json();
}

/**
 * An error in Oracle's dialect (a request with integrationInstance): JSON
 * with `status` as "HTTP <code> <reason>", title, detail, o:errorCode.
 */
export function expectOracleError(t: { equal: Function; match: Function }, res: LightMyRequestResponse, status: number, code: string): any {
  t.equal(res.statusCode, status, `status ${status} (body: ${res.body.slice(0, 300)})`);
  t.match(res.headers['content-type'], /^application\/json/);
  const body = res.json();
  t.match(body, { type: String, title: String, detail: String, status: new RegExp(`^HTTP ${status} [A-Z]`), 'o:errorCode': code, 'o:errorPath': String });
  return body;
}

/**
 * An OIC error in the format of the request's dialect: Oracle's body for a
 * request that named its service instance, the problem JSON otherwise (paths
 * of the emulator's own, and requests without integrationInstance).
 */
export function expectOicError(t: { equal: Function; match: Function }, res: LightMyRequestResponse, status: number, code: string): any {
  return /problem\+json/.test(String(res.headers['content-type'])) ? expectProblem(t, res, status, code) : expectOracleError(t, res, status, code);
}
