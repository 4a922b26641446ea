/**
 * Test helpers: a fresh app per test (in-memory database, silent logs, a
 * manual clock when asked), and credentials the way a client gets them.
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app';
import { makeConfig, type Config, DEFAULT_CLIENT, DEFAULT_USER } from '../../src/config';
import { Clock } from '../../src/core/clock';

export interface TestApp {
  app: FastifyInstance;
  /** Authorization header value with a fresh token for the default client. */
  auth: string;
  /** inject() with the default Authorization header unless one is given. */
  call(opts: InjectOptions): Promise<LightMyRequestResponse>;
}

export async function buildTestApp(t: { teardown(fn: () => unknown): void }, overrides: Partial<Config> = {}, clock?: Clock): Promise<TestApp> {
  const app = await buildApp(makeConfig(overrides), { clock });
  t.teardown(() => app.close());
  await app.ready();
  const auth = `Bearer ${await tokenFor(app)}`;
  return {
    app,
    auth,
    call: (opts) => app.inject({ ...opts, headers: { authorization: auth, ...(opts.headers ?? {}) } } as InjectOptions),
  };
}

export async function tokenFor(app: FastifyInstance, clientId = DEFAULT_CLIENT.clientId, secret = DEFAULT_CLIENT.clientSecret): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/oauth2/v1/token',
    headers: { authorization: basic(clientId, secret), 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'grant_type=client_credentials&scope=https%3A%2F%2Ftest.integration.ocp.oraclecloud.com%3A443',
  });
  if (res.statusCode !== 200) throw new Error(`token request failed: ${res.statusCode} ${res.body}`);
  return res.json().access_token;
}

export function basic(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
}

export const userBasic = () => basic(DEFAULT_USER.username, DEFAULT_USER.password);

/** Assert the seed's problem JSON shape and return the body. */
export function expectProblem(t: { equal: Function; match: Function }, res: LightMyRequestResponse, status: number, code: string): any {
  t.equal(res.statusCode, status, `status ${status} (body: ${res.body.slice(0, 300)})`);
  t.match(res.headers['content-type'], /application\/problem\+json/);
  const body = res.json();
  t.match(body, {
    type: `https://docs.oracle.com/error/${code}`,
    title: String,
    status,
    detail: String,
    instance: String,
    'o:errorCode': code,
    'o:errorPath': String,
    timestamp: String,
  });
  return body;
}
