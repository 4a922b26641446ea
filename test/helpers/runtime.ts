/**
 * Shared set-up for the runtime tests: an app on a manual clock, integrations
 * created and activated through the design-time API, and small accessors.
 */
import type { LightMyRequestResponse } from 'fastify';
import { buildTestApp, type TestApp } from './app';
import { Clock } from '../../src/core/clock';

export const API = '/ic/api/integration/v1';
export const MON = '/ic/api/monitoring/v1';
export const enc = (id: string) => encodeURIComponent(id);

export interface RuntimeTestApp extends TestApp {
  clock: Clock;
  /** inject() and expect a 2xx; returns the JSON body. */
  ok(method: string, url: string, payload?: unknown): Promise<any>;
  /** Advance the clock through the control route. */
  advance(seconds: number): Promise<any>;
}

export async function runtimeApp(t: { teardown(fn: () => unknown): void }, start = '2025-06-15T00:00:00Z', overrides = {}): Promise<RuntimeTestApp> {
  const clock = new Clock();
  clock.setManual(Date.parse(start));
  const c = await buildTestApp(t, overrides, clock);
  const ok = async (method: string, url: string, payload?: unknown) => {
    const res = await c.call({ method: method as any, url, ...(payload === undefined ? {} : { payload: payload as object }) });
    if (res.statusCode >= 300) throw new Error(`${method} ${url} -> ${res.statusCode} ${res.body}`);
    return res.statusCode === 204 ? undefined : res.json();
  };
  return {
    ...c,
    clock,
    ok,
    advance: (seconds: number) => ok('POST', '/_emulator/clock/advance', { seconds }),
  };
}

/** The seed's create-integration body, without a project (and, unless asked, without a schedule). */
export function seedDefinition(identifier = 'CUSTOMER_DATA_SYNC', extra: Record<string, unknown> = {}) {
  return {
    name: 'Customer Data Sync',
    identifier,
    version: '01.00.0000',
    pattern: 'APP_DRIVEN_ORCHESTRATION',
    style: 'SCHEDULED',
    configuration: { logLevel: 'INFO', errorHandling: { retryCount: 3, retryInterval: 60 } },
    connections: [
      { role: 'SOURCE', connectionId: 'SALESFORCE_CONN_01', operations: [{ operationType: 'QUERY', objectName: 'Account', fields: ['Id', 'Name'] }] },
      {
        role: 'TARGET',
        connectionId: 'ORACLE_DB_CONN_01',
        operations: [{ operationType: 'INSERT', objectName: 'CUSTOMERS', mappings: [{ source: 'Id', target: 'CUSTOMER_ID' }, { source: 'Name', target: 'CUSTOMER_NAME' }] }],
      },
    ],
    transformations: [{ type: 'FIELD_MAPPING', mappings: [{ source: 'Account.Id', target: 'CUSTOMERS.CUSTOMER_ID' }] }],
    ...extra,
  };
}

async function ensureConnection(c: RuntimeTestApp, id: string): Promise<void> {
  const res = await c.call({ method: 'GET', url: `${API}/connections/${enc(id)}` });
  if (res.statusCode === 200) return;
  await c.ok('POST', `${API}/connections`, { name: id.toLowerCase(), identifier: id, adapterType: 'rest', connectionProperties: { baseUrl: 'https://api.example.com' } });
}

/** Create an integration (connections it references are created too); activate it unless told not to. */
export async function createIntegration(c: RuntimeTestApp, def: Record<string, any> = seedDefinition(), activate = true): Promise<string> {
  for (const conn of def.connections ?? []) await ensureConnection(c, conn.connectionId);
  const created = await c.ok('POST', `${API}/integrations`, def);
  if (activate) await c.ok('POST', `${API}/integrations/${enc(created.id)}/activate`, {});
  return created.id;
}

/** Every execution of an integration (all pages). */
export async function allExecutions(c: RuntimeTestApp, id: string, query = ''): Promise<any[]> {
  const out: any[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await c.ok('GET', `${MON}/integrations/${enc(id)}/executions?limit=500&offset=${offset}${query ? `&${query}` : ''}`);
    out.push(...page.items);
    if (!page.hasMore) return out;
  }
}

export function json(res: LightMyRequestResponse): any {
  return res.json();
}
