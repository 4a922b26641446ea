import t from 'tap';
import { decodeJwt, decodeProtectedHeader, createLocalJWKSet, jwtVerify } from 'jose';
import { buildTestApp, basic } from '../../helpers/app';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

t.test('client credentials in Basic: the seed response, an RS256 JWT verifiable with the published JWKS', async (t) => {
  const { app } = await buildTestApp(t);
  const scope = 'https://myinst.integration.ocp.oraclecloud.com:443';
  const res = await app.inject({
    method: 'POST', url: '/oauth2/v1/token',
    headers: { ...FORM, authorization: basic('oic-emulator-client', 'oic-emulator-secret') },
    payload: `grant_type=client_credentials&scope=${encodeURIComponent(scope)}`,
  });
  t.equal(res.statusCode, 200);
  t.equal(res.headers['cache-control'], 'no-store');
  const body = res.json();
  t.same(Object.keys(body).sort(), ['access_token', 'expires_in', 'scope', 'token_type']);
  t.equal(body.token_type, 'Bearer');
  t.equal(body.expires_in, 3600);
  t.equal(body.scope, scope);
  const header = decodeProtectedHeader(body.access_token);
  t.equal(header.alg, 'RS256');
  t.equal(header.kid, 'SIGNING_KEY');
  const claims = decodeJwt(body.access_token);
  t.equal(claims.sub, 'oic-emulator-client');
  t.equal(claims.iss, 'https://identity.oraclecloud.com/');
  t.same(claims.aud, [scope]);
  t.equal((claims.exp as number) - (claims.iat as number), 3600);

  const jwks = await app.inject({ method: 'GET', url: '/admin/v1/SigningCert/jwk' });
  t.equal(jwks.statusCode, 200);
  const set = jwks.json();
  t.equal(set.keys[0].kid, 'SIGNING_KEY');
  t.equal(set.keys[0].kty, 'RSA');
  t.ok(set.keys[0].x5c?.length, 'certificate chain published');
  t.notOk(set.keys[0].d, 'no private part');
  const verified = await jwtVerify(body.access_token, createLocalJWKSet(set));
  t.equal(verified.payload.sub, 'oic-emulator-client');

  const oidc = await app.inject({ method: 'GET', url: '/.well-known/openid-configuration', headers: { host: 'localhost:8080' } });
  t.equal(oidc.statusCode, 200);
  t.equal(oidc.json().jwks_uri, 'http://localhost:8080/admin/v1/SigningCert/jwk');
  t.equal(oidc.json().token_endpoint, 'http://localhost:8080/oauth2/v1/token');
});

t.test('client credentials in the form body; any undeclared client is accepted by default', async (t) => {
  const { app } = await buildTestApp(t);
  const res = await app.inject({ method: 'POST', url: '/oauth2/v1/token', headers: FORM, payload: 'grant_type=client_credentials&client_id=my-ci&client_secret=whatever' });
  t.equal(res.statusCode, 200);
  t.equal(decodeJwt(res.json().access_token).sub, 'my-ci');
  t.equal(res.json().scope, 'urn:opc:resource:consumer::all', 'a default scope when none is asked for');
});

t.test('token endpoint errors use the OAuth 2.0 format', async (t) => {
  const { app } = await buildTestApp(t);
  const cases: Array<{ name: string; headers: Record<string, string>; payload: string; status: number; error: string; detail: RegExp }> = [
    { name: 'no credentials', headers: FORM, payload: 'grant_type=client_credentials', status: 401, error: 'invalid_client', detail: /Client authentication is required/ },
    { name: 'wrong secret for a declared client', headers: { ...FORM, authorization: basic('oic-emulator-client', 'nope') }, payload: 'grant_type=client_credentials', status: 401, error: 'invalid_client', detail: /Invalid client secret/ },
    { name: 'empty secret', headers: FORM, payload: 'grant_type=client_credentials&client_id=a&client_secret=', status: 401, error: 'invalid_client', detail: /must not be empty/ },
    { name: 'missing grant_type', headers: { ...FORM, authorization: basic('a', 'b') }, payload: 'scope=x', status: 400, error: 'invalid_request', detail: /grant_type/ },
    { name: 'unsupported grant', headers: { ...FORM, authorization: basic('a', 'b') }, payload: 'grant_type=password&username=u&password=p', status: 400, error: 'unsupported_grant_type', detail: /password/ },
    { name: 'credentials twice', headers: { ...FORM, authorization: basic('a', 'b') }, payload: 'grant_type=client_credentials&client_id=a&client_secret=b', status: 400, error: 'invalid_request', detail: /both/ },
    { name: 'malformed Authorization', headers: { ...FORM, authorization: 'Bearer xyz' }, payload: 'grant_type=client_credentials', status: 401, error: 'invalid_client', detail: /HTTP Basic/ },
    { name: 'JSON instead of a form', headers: { 'content-type': 'application/json', authorization: basic('a', 'b') }, payload: '{"grant_type":"client_credentials"}', status: 415, error: 'invalid_request', detail: /Content-Type/ },
  ];
  for (const c of cases) {
    const res = await app.inject({ method: 'POST', url: '/oauth2/v1/token', headers: c.headers, payload: c.payload });
    t.equal(res.statusCode, c.status, `${c.name}: status`);
    t.equal(res.json().error, c.error, `${c.name}: error`);
    t.match(res.json().error_description, c.detail, `${c.name}: description`);
    t.notOk(res.json().access_token, `${c.name}: no token`);
  }
});

t.test('--strict-auth accepts declared clients only', async (t) => {
  const { app } = await buildTestApp(t, { strictAuth: true });
  const bad = await app.inject({ method: 'POST', url: '/oauth2/v1/token', headers: { ...FORM, authorization: basic('stranger', 's') }, payload: 'grant_type=client_credentials' });
  t.equal(bad.statusCode, 401);
  t.match(bad.json().error_description, /strict/);
  const good = await app.inject({ method: 'POST', url: '/oauth2/v1/token', headers: { ...FORM, authorization: basic('oic-emulator-client', 'oic-emulator-secret') }, payload: 'grant_type=client_credentials' });
  t.equal(good.statusCode, 200);
});

t.test('declared clients with scopes may only ask for those', async (t) => {
  const { app } = await buildTestApp(t, { clients: [{ clientId: 'c1', clientSecret: 's1', scopes: ['urn:a'] }] });
  const bad = await app.inject({ method: 'POST', url: '/oauth2/v1/token', headers: { ...FORM, authorization: basic('c1', 's1') }, payload: 'grant_type=client_credentials&scope=urn:b' });
  t.equal(bad.statusCode, 400);
  t.equal(bad.json().error, 'invalid_scope');
  const good = await app.inject({ method: 'POST', url: '/oauth2/v1/token', headers: { ...FORM, authorization: basic('c1', 's1') }, payload: 'grant_type=client_credentials&scope=urn:a' });
  t.equal(good.statusCode, 200);
});
