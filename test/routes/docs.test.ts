/**
 * Swagger UI's documents, served over a real socket on a free port: their
 * servers name the origin the page was loaded from (not the 8080 written in
 * the YAML), and the OIC document's OAuth2 client-credentials scheme points
 * at a token endpoint that answers with a token the API accepts.
 */
import t from 'tap';
import { startEmulator } from '../../src/index';

t.test('served specs follow the host, port and proxy headers they were loaded through', async (t) => {
  const emulator = await startEmulator();
  t.teardown(() => emulator.close());
  t.not(emulator.port, 8080, 'a port other than the one in the YAML');

  const oic = await (await fetch(`${emulator.url}/openapi/oic.json`)).json() as any;
  t.equal(oic.servers[0].url, emulator.url, 'OIC servers = the URL the page was loaded from');
  const scheme = oic.components.securitySchemes.oauth2;
  t.equal(scheme.type, 'oauth2');
  t.equal(scheme.flows.clientCredentials.tokenUrl, `${emulator.url}/oauth2/v1/token`);
  t.same(oic.security[0], { oauth2: [] }, 'OAuth2 offered first');

  for (const name of ['dis', 'emulator']) {
    const doc = await (await fetch(`${emulator.url}/openapi/${name}.json`)).json() as any;
    t.equal(doc.servers[0].url, emulator.url, `${name} servers follow the port`);
  }
  const dis = await (await fetch(`${emulator.url}/openapi/dis.json`)).json() as any;
  t.match(dis.info.description, /How to sign[\s\S]*POST \/_emulator\/dis\/api-keys/, 'the DIS page says how to sign');

  const proxied = await (await fetch(`${emulator.url}/openapi/oic.json`, {
    headers: { 'x-forwarded-host': 'oracle-emulator:9999', 'x-forwarded-proto': 'https' },
  })).json() as any;
  t.equal(proxied.servers[0].url, 'https://oracle-emulator:9999', 'behind a proxy: X-Forwarded-Host/-Proto');
  t.equal(proxied.components.securitySchemes.oauth2.flows.clientCredentials.tokenUrl, 'https://oracle-emulator:9999/oauth2/v1/token');

  const hostile = await emulator.app.inject({ method: 'GET', url: '/openapi/oic.json', headers: { host: 'evil.example/"><script>' } });
  t.equal(hostile.statusCode, 200);
  t.equal(hostile.json().servers[0].url, 'http://127.0.0.1:8080', 'a malformed Host is ignored: the document as written');

  const yaml = await fetch(`${emulator.url}/openapi/oic.yaml`);
  t.equal(yaml.status, 200, 'the YAML stays available as written');
});

t.test('"Authorize" gets a token from the tokenUrl, and "Try it out" works with it', async (t) => {
  const emulator = await startEmulator();
  t.teardown(() => emulator.close());
  const oic = await (await fetch(`${emulator.url}/openapi/oic.json`)).json() as any;
  const { clientId, clientSecret } = emulator.credentials;
  // What Swagger UI sends for the client-credentials flow.
  const token = await fetch(oic.components.securitySchemes.oauth2.flows.clientCredentials.tokenUrl, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  t.equal(token.status, 200);
  const { access_token: accessToken, token_type: tokenType } = await token.json() as any;
  t.equal(tokenType, 'Bearer');
  const list = await fetch(`${oic.servers[0].url}/ic/api/integration/v1/integrations`, { headers: { authorization: `Bearer ${accessToken}` } });
  t.equal(list.status, 200);
  t.equal((await list.json() as any).totalResults, 0);

  const init = await (await fetch(`${emulator.url}/docs/static/swagger-initializer.js`)).text();
  t.match(init, /oic-emulator-client/, 'the Authorize dialog opens with the default client');
});
