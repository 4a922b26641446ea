/**
 * What start-up skips must still be right when it is used: validators are
 * compiled on first use (so every spec schema is compiled here, eagerly),
 * specs come precompiled from the build, Swagger UI is built on first visit.
 */
import t from 'tap';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { buildTestApp } from '../helpers/app';
import { COMPILED_SPEC_DIR, OPENAPI_DIR, loadSpec, sourceHash, type ApiName } from '../../src/openapi/spec';
import { lazyValidator, makeValidatorCompiler } from '../../src/openapi/validation';
import Ajv from 'ajv';

const NAMES = (['oic', 'dis', 'emulator'] as ApiName[]).filter((n) => fs.existsSync(path.join(OPENAPI_DIR, `${n}.yaml`)));

t.test('every request schema of every spec operation is valid JSON Schema and compiles', async (t) => {
  const compiler = makeValidatorCompiler();
  // The app's Ajv skips the meta-schema check (start-up cost): it is done here.
  const meta = new Ajv({ strict: false });
  let count = 0;
  for (const name of NAMES) {
    for (const op of loadSpec(name).operations.values()) {
      for (const [part, schema] of Object.entries(op.schema)) {
        if (!meta.validateSchema(schema as object)) t.fail(`${name} ${op.operationId} ${part}: ${meta.errorsText(meta.errors)}`);
        const httpPart = part === 'params' ? 'params' : part === 'querystring' ? 'querystring' : part;
        const validate = compiler({ schema, method: op.method, url: op.url, httpPart } as any) as (d: unknown) => unknown;
        // The first call compiles; a broken schema throws here instead of in a user's first request.
        t.doesNotThrow(() => validate({}), `${name} ${op.operationId} ${part}`);
        count++;
      }
    }
  }
  t.ok(count > 0, `${count} schemas compiled`);
});

t.test('lazyValidator compiles once, on first use, and exposes the errors', async (t) => {
  let compiled = 0;
  const inner = Object.assign((d: unknown) => {
    inner.errors = d === 1 ? null : [{ message: 'must be 1' }];
    return d === 1;
  }, { errors: null as any[] | null });
  const v = lazyValidator(() => (compiled++, inner));
  t.equal(compiled, 0, 'nothing compiled before the first request');
  t.equal(v(2), false);
  t.same(v.errors, [{ message: 'must be 1' }], 'errors copied for Fastify');
  t.equal(v(1), true);
  t.equal(v.errors, null);
  t.equal(compiled, 1, 'compiled once');
});

t.test('a precompiled spec (dist/specs) is the YAML it claims to be', async (t) => {
  const built = NAMES.filter((n) => fs.existsSync(path.join(COMPILED_SPEC_DIR, `${n}.json`)));
  if (!built.length) {
    t.comment('dist/specs not built (npm run build makes it)');
    return;
  }
  for (const name of built) {
    const text = fs.readFileSync(path.join(OPENAPI_DIR, `${name}.yaml`), 'utf8');
    const compiled = JSON.parse(fs.readFileSync(path.join(COMPILED_SPEC_DIR, `${name}.json`), 'utf8'));
    // A stale file (YAML edited since the build) is ignored by loadSpec, so only a fresh one must match.
    if (compiled.source !== sourceHash(text)) continue;
    t.same(compiled.document, YAML.parse(text), `${name}.json matches ${name}.yaml`);
  }
});

t.test('Swagger UI, built on the first /docs request', async (t) => {
  const { app } = await buildTestApp(t);
  const page = await app.inject({ method: 'GET', url: '/docs' });
  t.equal(page.statusCode, 200);
  t.match(page.headers['content-type'], /text\/html/);
  const head = await app.inject({ method: 'HEAD', url: '/docs/' });
  t.equal(head.statusCode, 200);
  t.equal(head.body, '', 'HEAD has no body');
  t.equal(Number(head.headers['content-length']), Buffer.byteLength((await app.inject({ method: 'GET', url: '/docs/' })).body), 'HEAD gives the GET length');
  const css = await app.inject({ method: 'GET', url: '/docs/static/swagger-ui.css' });
  t.equal(css.statusCode, 200);
  t.match(css.headers['content-type'], /text\/css/);
  const redirect = await app.inject({ method: 'GET', url: '/docs/static/index.html' });
  t.equal(redirect.statusCode, 302);
  t.match(redirect.headers.location, /\/docs\/?$/);
  const missing = await app.inject({ method: 'GET', url: '/docs/nope' });
  t.equal(missing.statusCode, 404);
  t.match(missing.headers['content-type'], /application\/problem\+json/);
  t.equal(missing.json()['o:errorCode'], 'OIC-404001');
});
