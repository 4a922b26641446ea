/**
 * The OpenAPI documents and the routes must agree: every spec operation has a
 * handler with the same method and path, and every API route is in a spec.
 */
import t from 'tap';
import fs from 'node:fs';
import path from 'node:path';
import { buildTestApp } from '../helpers/app';
import { loadSpec, OPENAPI_DIR, type ApiName } from '../../src/openapi/spec';
import { NO_RUNTIME_EFFECT } from '../../src/routes/oic';

const API_PREFIXES = ['/ic/api/', '/20200430', '/20190131', '/oauth2/', '/admin/', '/.well-known/'];

t.test('every spec operation has a handler, every API route is in the spec', async (t) => {
  const { app } = await buildTestApp(t);
  const routes = app.routes.entries;
  const names = (['oic', 'dis', 'integration', 'emulator'] as ApiName[]).filter((n) => fs.existsSync(path.join(OPENAPI_DIR, `${n}.yaml`)));
  const specOps = new Map<string, { api: string; method: string; url: string }>();
  for (const name of names) {
    for (const op of loadSpec(name).operations.values()) specOps.set(`${op.method} ${op.url}`, { api: name, method: op.method, url: op.url });
    for (const op of loadSpec(name).operations.values()) {
      if (name === 'emulator') continue; // code-first: checked by path below
      // operationIds are unique per spec, not across specs (OIC and DIS both have listProjects): prefer the route at the spec's path.
      const route = routes.find((r) => r.operationId === op.operationId && r.method === op.method && r.url === op.url) ?? routes.find((r) => r.operationId === op.operationId);
      t.ok(route, `${name}: ${op.operationId} (${op.method} ${op.path}) has a handler`);
      if (route) t.same([route.method, route.url], [op.method, op.url], `${op.operationId}: method and path match the spec`);
    }
  }
  for (const r of routes) {
    if (API_PREFIXES.some((p) => r.url.startsWith(p))) {
      t.ok(r.operationId, `${r.method} ${r.url} is registered from the spec (has an operationId)`);
    }
    if (r.url === '/_emulator/ui' || r.url.startsWith('/_emulator/')) {
      t.ok(specOps.has(`${r.method} ${r.url}`), `${r.method} ${r.url} is documented in openapi/emulator.yaml`);
    }
  }
});

t.test('the writes that skip the clock re-plan name real OIC operations (a renamed one would silently re-plan)', async (t) => {
  const { app } = await buildTestApp(t);
  const ids = new Set(app.routes.entries.map((r) => r.operationId));
  for (const id of NO_RUNTIME_EFFECT) t.ok(ids.has(id), `${id} is a registered operation`);
});

t.test('specs are served as JSON and YAML, Swagger UI at /docs', async (t) => {
  const { app } = await buildTestApp(t);
  const json = await app.inject({ method: 'GET', url: '/openapi/oic.json' });
  t.equal(json.statusCode, 200);
  t.equal(json.json().openapi, '3.0.3');
  t.match(json.json().paths['/oauth2/v1/token'], { post: { operationId: 'requestToken' } });
  t.match(json.json().components.securitySchemes.bearerAuth, { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  t.match(json.json().components.schemas.ProblemDetails, { type: 'object', required: ['type', 'title', 'status', 'detail', 'instance', 'o:errorCode', 'o:errorPath', 'timestamp'] });
  const yaml = await app.inject({ method: 'GET', url: '/openapi/oic.yaml' });
  t.equal(yaml.statusCode, 200);
  t.match(yaml.body, /openapi: 3\.0\.3/);
  const missing = await app.inject({ method: 'GET', url: '/openapi/nope.json' });
  t.equal(missing.statusCode, 404);
  const docs = await app.inject({ method: 'GET', url: '/docs/' });
  t.equal(docs.statusCode, 200);
  t.match(docs.body, /swagger/i);
  const init = await app.inject({ method: 'GET', url: '/docs/static/swagger-initializer.js' });
  t.equal(init.statusCode, 200);
  t.match(init.body, /openapi\/oic\.json/, 'Swagger UI lists our specs');
});
