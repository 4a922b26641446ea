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
    allErrors: false,
    strict: false,
  });
  addFormats(ajv);
  return ajv;
}

export function makeValidatorCompiler(): FastifySchemaCompiler<any> {
  const coercing = makeAjv(true);
  const exact = makeAjv(false);
  return ({ schema, httpPart }) => {
    const ajv = httpPart === 'body' ? exact : coercing;
    return ajv.compile(schema as object) as any;
  };
}
