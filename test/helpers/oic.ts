/**
 * Shared fixtures for the OIC design-time tests: the seed's example bodies,
 * a multipart builder for archive uploads, and a snapshot of every oic_ table
 * to prove that a failed request wrote nothing.
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildTestApp, expectProblem, userBasic, type TestApp } from './app';
import { Clock } from '../../src/core/clock';
import type { Config } from '../../src/config';

export const API = '/ic/api/integration/v1';
export const PROJECTS = '/ic/api/projects/v1/projects';

export const seedIntegration = () => ({
  name: 'Customer Data Sync',
  identifier: 'CUSTOMER_DATA_SYNC',
  version: '01.00.0000',
  description: 'Synchronizes customer data between systems',
  pattern: 'APP_DRIVEN_ORCHESTRATION',
  style: 'SCHEDULED',
  projectId: 'CUSTOMER_PROJECT',
  packageName: 'CustomerIntegrations',
  sourceApplication: 'SalesforceAdapter',
  targetApplication: 'OracleDBAdapter',
  isPublishToOIC: false,
  configuration: {
    logLevel: 'INFO',
    enableTracing: true,
    payloadTrace: false,
    errorHandling: { retryCount: 3, retryInterval: 60 },
    schedule: { frequency: 'HOURLY', startTime: '2025-06-15T00:00:00Z', timeZone: 'UTC' },
  },
  connections: [
    {
      role: 'SOURCE',
      connectionId: 'SALESFORCE_CONN_01',
      operations: [{ operationType: 'QUERY', objectName: 'Account', fields: ['Id', 'Name', 'Email', 'LastModifiedDate'] }],
    },
    {
      role: 'TARGET',
      connectionId: 'ORACLE_DB_CONN_01',
      operations: [
        {
          operationType: 'INSERT',
          objectName: 'CUSTOMERS',
          mappings: [
            { source: 'Id', target: 'CUSTOMER_ID' },
            { source: 'Name', target: 'CUSTOMER_NAME' },
            { source: 'Email', target: 'EMAIL_ADDRESS' },
          ],
        },
      ],
    },
  ],
  transformations: [
    {
      type: 'FIELD_MAPPING',
      mappings: [
        { source: 'Account.Id', target: 'CUSTOMERS.CUSTOMER_ID', expression: 'substring($source, 1, 20)' },
        { source: 'Account.Name', target: 'CUSTOMERS.CUSTOMER_NAME' },
      ],
    },
  ],
});

export const seedConnection = () => ({
  name: 'Production Database Connection',
  identifier: 'PROD_DB_CONN_01',
  description: 'Oracle Database connection for production environment',
  adapterType: 'oracle-db-adapter',
  version: '01.00.0000',
  projectId: 'CUSTOMER_PROJECT',
  connectionProperties: {
    host: 'prod-db.example.com',
    port: 1521,
    serviceName: 'PRODDB',
    databaseSchema: 'SALES',
    connectionPooling: { initialSize: 5, maxSize: 20, connectionTimeout: 30000 },
    security: {
      authenticationType: 'USERNAME_PASSWORD',
      username: '${DB_USERNAME}',
      password: '${DB_PASSWORD}',
      useSSL: true,
      trustStore: 'SYSTEM_DEFAULT',
    },
    advanced: {
      queryTimeout: 300,
      maxRowsPerRead: 10000,
      enableXA: false,
      customJDBCProperties: { 'oracle.net.CONNECT_TIMEOUT': '60000', 'oracle.jdbc.ReadTimeout': '120000' },
    },
  },
  testConfiguration: { enableTesting: true, testQuery: 'SELECT 1 FROM DUAL', testTimeout: 30 },
});

export const seedProject = () => ({
  name: 'Customer Integration Project',
  identifier: 'CUSTOMER_PROJECT',
  description: 'Project for all customer-related integrations',
  version: '1.0',
  owner: 'integration-team@example.com',
  status: 'ACTIVE',
  configuration: { enableVersionControl: true, defaultEnvironment: 'DEVELOPMENT', deploymentStrategy: 'ROLLING', securityPolicy: 'STANDARD' },
  metadata: { businessUnit: 'Sales', criticality: 'HIGH', tags: ['customer', 'sales', 'crm'] },
});

export const seedLookup = () => ({
  name: 'CountryCodeMapping',
  identifier: 'COUNTRY_CODE_MAP',
  description: 'Maps country names to ISO codes',
  columns: [
    { name: 'CountryName', type: 'STRING' },
    { name: 'ISOCode', type: 'STRING' },
  ],
  data: [
    { CountryName: 'United States', ISOCode: 'US' },
    { CountryName: 'United Kingdom', ISOCode: 'GB' },
  ],
});

/** A minimal valid integration, with overrides. */
export const integration = (identifier: string, extra: Record<string, unknown> = {}) => ({
  name: identifier.toLowerCase(),
  identifier,
  version: '01.00.0000',
  pattern: 'APP_DRIVEN_ORCHESTRATION',
  ...extra,
});

export const connection = (identifier: string, extra: Record<string, unknown> = {}) => ({
  name: identifier.toLowerCase(),
  identifier,
  adapterType: 'rest',
  connectionProperties: { baseUrl: 'https://api.example.com' },
  ...extra,
});

export const enc = (id: string) => encodeURIComponent(id);

/** The instant the OIC design-time tests start at: their expected timestamps are written from it. */
export const T0 = Date.parse('2025-06-15T10:00:00Z');

/** A fresh app on a manual clock standing at T0. */
export async function oicApp(t: { teardown(fn: () => unknown): void }, overrides: Partial<Config> = {}): Promise<{ c: TestApp; clock: Clock }> {
  const clock = new Clock();
  clock.setManual(T0);
  return { c: await buildTestApp(t, overrides, clock), clock };
}

/** A fresh app at T0 with the seed project created: the connections and integrations of the tests belong to it. */
export async function oicAppWithProject(t: { teardown(fn: () => unknown): void }, overrides: Partial<Config> = {}): Promise<{ c: TestApp; clock: Clock }> {
  const app = await oicApp(t, overrides);
  await ok(app.c, 'POST', PROJECTS, seedProject());
  return app;
}

/** POST as the seed's basic-auth user and expect 201; returns the body. */
export async function createAsUser(t: { equal: Function }, c: TestApp, url: string, payload: unknown): Promise<any> {
  const res = await c.call({ method: 'POST', url, payload: payload as object, headers: { authorization: userBasic() } });
  t.equal(res.statusCode, 201, `POST ${url} as the user`);
  return res.json();
}

/** Create once (2xx), then the same create again must be a 409 that writes nothing; returns that problem body. */
export async function createTwice(t: { equal: Function; match: Function; same: Function }, c: TestApp, url: string, payload: unknown, detail: RegExp): Promise<any> {
  await ok(c, 'POST', url, payload);
  return rejects(t, c, { method: 'POST', url, payload: payload as object }, 409, detail);
}

/** The audit fields of a record the basic-auth user created at T0 and nobody changed since. */
export const CREATED_BY_USER_AT_T0 = { createdTime: '2025-06-15T10:00:00.000Z', createdBy: 'user@example.com', modifiedTime: '2025-06-15T10:00:00.000Z' };

/** A links array: self at `href`, then each named rel at `href` plus its suffix. */
export const linksAt = (href: string, rels: Record<string, string> = {}) =>
  [{ rel: 'self', href }, ...Object.entries(rels).map(([rel, suffix]) => ({ rel, href: href + suffix }))];

/** A lookup with one column of each type, and the rows given. */
export const typedLookup = (identifier: string, name: string, data: Array<Record<string, unknown>>) => ({
  name,
  identifier,
  columns: [
    { name: 'Code', type: 'STRING' },
    { name: 'Rate', type: 'NUMBER' },
    { name: 'Enabled', type: 'BOOLEAN' },
    { name: 'Since', type: 'DATE' },
  ],
  data,
});

export async function post(c: TestApp, url: string, payload: unknown): Promise<LightMyRequestResponse> {
  return c.call({ method: 'POST', url, payload: payload as object });
}

/** POST and expect 2xx; returns the JSON body. */
export async function ok(c: TestApp, method: 'POST' | 'PUT', url: string, payload?: unknown): Promise<any> {
  const res = await c.call({ method, url, ...(payload === undefined ? {} : { payload: payload as object }) });
  if (res.statusCode >= 300) throw new Error(`${method} ${url} -> ${res.statusCode} ${res.body}`);
  return res.json();
}

/** Every row of every oic_ table: equal before and after a failed request. */
export function snapshot(app: FastifyInstance): Record<string, unknown[]> {
  const db = app.ctx.db;
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'oic\\_%' ESCAPE '\\' ORDER BY name").all() as { name: string }[];
  // Sorted in JS: some tables are WITHOUT ROWID.
  const rows = (name: string) => db.prepare(`SELECT * FROM "${name}"`).all().map((r) => JSON.stringify(r)).sort();
  return Object.fromEntries(tables.map(({ name }) => [name, rows(name)]));
}

/** A multipart/form-data body with the given parts. */
export function multipart(parts: Array<{ field: string; filename?: string; data: Buffer | string; type?: string }>): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----OicEmulatorTestBoundary7MA4YWxkTrZu0gW';
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disp = p.filename !== undefined ? `form-data; name="${p.field}"; filename="${p.filename}"` : `form-data; name="${p.field}"`;
    const type = p.type ?? (p.filename !== undefined ? 'application/octet-stream' : 'text/plain');
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disp}\r\nContent-Type: ${type}\r\n\r\n`));
    chunks.push(Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export async function upload(c: TestApp, method: 'POST' | 'PUT', data: Buffer, filename = 'integration.iar'): Promise<LightMyRequestResponse> {
  const body = multipart([{ field: 'file', filename, data }]);
  return c.call({ method, url: `${API}/integrations/archive`, payload: body.payload, headers: body.headers });
}

/**
 * Send a request that must fail: check status, o:errorCode and detail, and
 * that no oic_ table changed. Returns the problem body.
 */
export async function rejects(
  t: { equal: Function; match: Function; same: Function },
  c: TestApp,
  opts: InjectOptions,
  status: number,
  detail: RegExp,
): Promise<any> {
  const before = snapshot(c.app);
  const res = await c.call(opts);
  const body = expectProblem(t, res, status, `OIC-${status}001`);
  t.match(body.detail, detail, `detail of ${opts.method} ${opts.url}`);
  t.same(snapshot(c.app), before, `${opts.method} ${opts.url} wrote nothing`);
  return body;
}
