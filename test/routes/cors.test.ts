/**
 * CORS for browser clients: off by default (no headers; a preflight is the
 * usual 405), on with --cors-origins: preflights answered for the listed
 * origins, Access-Control-* headers on real responses, other origins get none.
 */
import t from 'tap';
import { buildTestApp } from '../helpers/app';
import { parseArgs, ConfigError } from '../../src/config';

const URL = '/ic/api/integration/v1/integrations';
const preflight = (origin: string) => ({
  method: 'OPTIONS' as const,
  url: URL,
  headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
});

/** A GET of the integrations list from `origin`. */
const getFrom = (c: Awaited<ReturnType<typeof buildTestApp>>, origin: string) => c.call({ method: 'GET', url: URL, headers: { origin } });

/** A preflight from `origin` (to `url`) that must be answered 204 with `allowed` as the allowed origin; the response. */
async function answeredPreflight(t: { equal: Function }, c: Awaited<ReturnType<typeof buildTestApp>>, origin: string, allowed: string, url = URL) {
  const pre = await c.app.inject({ ...preflight(origin), url });
  t.equal(pre.statusCode, 204);
  t.equal(pre.headers['access-control-allow-origin'], allowed);
  return pre;
}

t.test('off by default: no CORS headers, a preflight is refused', async (t) => {
  const c = await buildTestApp(t);
  const pre = await c.app.inject(preflight('http://localhost:3000'));
  t.equal(pre.statusCode, 405);
  t.notOk(pre.headers['access-control-allow-origin']);
  const get = await getFrom(c, 'http://localhost:3000');
  t.equal(get.statusCode, 200);
  t.notOk(get.headers['access-control-allow-origin']);
});

t.test('--cors-origins list: preflight answered, headers on responses, other origins refused', async (t) => {
  const c = await buildTestApp(t, { corsOrigins: 'http://localhost:3000, https://app.example.com' });
  const pre = await answeredPreflight(t, c, 'http://localhost:3000', 'http://localhost:3000');
  t.match(String(pre.headers['access-control-allow-methods']), /POST/);
  t.equal(pre.headers['access-control-allow-headers'], 'authorization,content-type', 'the asked headers are allowed');
  t.equal(pre.headers['access-control-max-age'], '600');
  // DIS paths and the control plane too.
  await answeredPreflight(t, c, 'https://app.example.com', 'https://app.example.com', '/20200430/workspaces?compartmentId=x');

  const get = await getFrom(c, 'https://app.example.com');
  t.equal(get.statusCode, 200);
  t.equal(get.headers['access-control-allow-origin'], 'https://app.example.com');
  t.match(String(get.headers['access-control-expose-headers']), /etag.*location.*retry-after/);
  t.equal(get.headers.vary, 'Origin');

  const other = await c.app.inject(preflight('http://evil.example.com'));
  t.notOk(other.headers['access-control-allow-origin'], 'an origin not listed gets no permission');
  const otherGet = await getFrom(c, 'http://evil.example.com');
  t.notOk(otherGet.headers['access-control-allow-origin']);
});

t.test("'*' allows any origin; the flag, the variable, bad values", async (t) => {
  const c = await buildTestApp(t, { corsOrigins: '*' });
  await answeredPreflight(t, c, 'http://anything.test:8081', '*');
  t.equal(parseArgs(['--cors-origins', 'http://localhost:3000']).config.corsOrigins, 'http://localhost:3000');
  t.equal(parseArgs([], { EMULATOR_CORS_ORIGINS: '*' }).config.corsOrigins, '*');
  t.equal(parseArgs([]).config.corsOrigins, '', 'off by default');
  t.throws(() => parseArgs(['--cors-origins', 'localhost:3000/app']), new ConfigError("--cors-origins: 'localhost:3000/app' is not an origin (scheme://host[:port], no path, e.g. http://localhost:3000) nor '*'"));
});
