/**
 * Talking to a running emulator during set-up: a token, what the API offers
 * today (from the specs it serves), and test data.
 */
import { expectStatus, request } from './http';
import type { Running } from './proc';

export const INTEGRATIONS = '/ic/api/integration/v1/integrations';

export class NotAvailable extends Error {}

/**
 * The operations a running emulator offers, as "METHOD /path/{param}" from
 * the OpenAPI documents it serves, so a scenario whose endpoint has not been
 * built yet is reported as "not available yet" instead of failing.
 */
export class Capabilities {
  private constructor(private readonly ops: Set<string>) {}

  static async of(server: Running): Promise<Capabilities> {
    const ops = new Set<string>();
    for (const name of ['oic', 'dis', 'emulator']) {
      const res = await request(`${server.url}/openapi/${name}.json`);
      if (res.status !== 200) continue;
      for (const [p, item] of Object.entries(res.json().paths ?? {})) {
        for (const method of Object.keys(item as object)) ops.add(`${method.toUpperCase()} ${normalize(p)}`);
      }
    }
    return new Capabilities(ops);
  }

  has(op: string): boolean {
    const [method, p] = op.split(' ');
    return this.ops.has(`${method} ${normalize(p)}`);
  }

  /** Throws NotAvailable naming the first missing operation. */
  need(...ops: string[]): void {
    const missing = ops.filter((o) => !this.has(o));
    if (missing.length) throw new NotAvailable(`not available yet: ${missing.join(', ')}`);
  }
}

function normalize(p: string): string {
  return p.replace(/\{[^}]+\}/g, '{}');
}

export const CLIENT_BASIC = `Basic ${Buffer.from('oic-emulator-client:oic-emulator-secret').toString('base64')}`;
export const TOKEN_BODY = 'grant_type=client_credentials&scope=https%3A%2F%2Fbench.integration.ocp.oraclecloud.com%3A443';

export async function bearer(server: Running): Promise<string> {
  const res = await expectStatus(`${server.url}/oauth2/v1/token`, {
    method: 'POST',
    headers: { authorization: CLIENT_BASIC, 'content-type': 'application/x-www-form-urlencoded' },
    body: TOKEN_BODY,
  }, 200);
  return `Bearer ${res.json().access_token}`;
}

/** A valid create body; `n` makes the identifier unique. */
export function integrationBody(prefix: string, n: number): Record<string, unknown> {
  return {
    name: `${prefix} ${n}`,
    identifier: `${prefix}_${n}`,
    version: '01.00.0000',
    description: 'Created by the benchmark',
    pattern: 'APP_DRIVEN_ORCHESTRATION',
    style: 'SCHEDULED',
  };
}

export function integrationId(prefix: string, n: number): string {
  return `${prefix}_${n}|01.00.0000`;
}

/** Create `count` integrations, a few requests at a time. */
export async function createIntegrations(server: Running, auth: string, prefix: string, count: number): Promise<void> {
  const headers = { authorization: auth, 'content-type': 'application/json' };
  const parallel = 8;
  for (let i = 0; i < count; i += parallel) {
    const batch = [];
    for (let j = i; j < Math.min(count, i + parallel); j++) {
      batch.push(expectStatus(`${server.url}${INTEGRATIONS}`, { method: 'POST', headers, body: JSON.stringify(integrationBody(prefix, j)) }, 201));
    }
    await Promise.all(batch);
  }
}
