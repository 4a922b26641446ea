/**
 * Ajv compilers for route schemas. Query strings, path parameters and headers
 * arrive as text, so they are coerced to the declared types; JSON bodies are
 * validated as sent, so `"retryCount": "5"` is a 400, not silently fixed.
 */
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

function makeAjv(coerce: boolean): Ajv {
  const ajv = new Ajv({
    coerceTypes: coerce ? 'array' : false,
    useDefaults: true,
    removeAdditional: false,
    // Every problem of a request at once (describeValidation names up to 10), not one per round trip.
    allErrors: true,
    strict: false,
    // Checking each schema against the JSON Schema meta-schema means compiling
    // that meta-schema first: 20-50 ms per Ajv instance, paid by the first
    // request of every app (and by start-up with fixtures). The schemas come
    // from our own openapi/ files, which test/bench/startup.test.ts checks
    // against the meta-schema instead.
    validateSchema: false,
  });
  addFormats(ajv);
  return ajv;
}

/**
 * One pair of Ajv instances per process, built on first use: they hold no
 * request state, and the specs' schema objects are shared (loadSpec caches
 * them), so every app reuses what another already compiled.
 */
let coercing: Ajv | undefined;
let exact: Ajv | undefined;

export function makeValidatorCompiler(): FastifySchemaCompiler<any> {
  return ({ schema, httpPart }) => {
    const validate = lazyValidator(() => {
      const ajv = httpPart === 'body' ? (exact ??= makeAjv(false)) : (coercing ??= makeAjv(true));
      return ajv.compile(schema as object);
    });
    if (httpPart !== 'body') return validate;
    // An absent body is valid here: whether the operation requires one is the
    // spec's `requestBody.required`, checked (with a clearer message) before
    // validation by op() and the control routes.
    const body: Validate = (data: unknown) => {
      if (data === undefined || data === null) return true;
      const ok = validate(data);
      body.errors = validate.errors;
      return ok;
    };
    return body;
  };
}

type Validate = ((data: unknown) => boolean) & { errors?: any[] | null };

/**
 * Compiles a schema on its first use rather than when the route is
 * registered: start-up then costs nothing per operation, and the few
 * operations a test suite calls are the only ones ever compiled. Fastify reads
 * `errors` from the function it was given, so they are copied across.
 */
export function lazyValidator(compile: () => Validate): Validate {
  let fn: Validate | undefined;
  const validate: Validate = (data: unknown) => {
    fn ??= compile();
    const ok = fn(data);
    validate.errors = fn.errors;
    return ok;
  };
  return validate;
}
