/**
 * Loads the OpenAPI documents in openapi/ (the contract) and derives Fastify
 * route schemas from them, so validation rules are written once, in the spec.
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import type { OpenAPIV3 } from 'openapi-types';
import type { ApiOperations } from './request-types';

export type ApiName = 'oic' | 'dis' | 'emulator' | 'integration';

/** Folder of the OpenAPI documents: <package root>/openapi, from src/ or dist/. */
export const OPENAPI_DIR = path.resolve(__dirname, '..', '..', 'openapi');
/**
 * The documents parsed once by the build (scripts/bundle.mjs): YAML parsing is
 * the costliest step of start-up otherwise. Each file records the hash of the
 * YAML it came from and is ignored when the YAML has changed since.
 */
export const COMPILED_SPEC_DIR = path.resolve(__dirname, '..', '..', 'dist', 'specs');

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

export interface Operation {
  operationId: string;
  method: string;
  /** OpenAPI path, e.g. /ic/api/integration/v1/integrations/{id} */
  path: string;
  /** Fastify path, e.g. /ic/api/integration/v1/integrations/:id */
  url: string;
  schema: {
    params?: object;
    querystring?: object;
    body?: object;
    headers?: object;
  };
  /** Content types the request body may have (empty when no body). */
  bodyTypes: string[];
  bodyRequired: boolean;
}

/** `Ops`: the document's operations as types (request-types.ts), for typed handlers. */
export interface LoadedSpec<Ops = unknown> {
  name: ApiName;
  /** Never set: carries the operation types to `op()`. */
  readonly operationTypes?: Ops;
  /** The document as written (refs intact): served to users. */
  document: OpenAPIV3.Document;
  operations: Map<string, Operation>;
}

const cache = new Map<ApiName, LoadedSpec<unknown>>();

/** Load (once per process: the documents are read-only) and index a spec. */
export function loadSpec<N extends ApiName>(name: N): LoadedSpec<ApiOperations[N]> {
  const hit = cache.get(name);
  if (hit) return hit as LoadedSpec<never>;
  const document = readDocument(name);
  const spec: LoadedSpec<never> = { name, document, operations: indexOperations(document) };
  cache.set(name, spec);
  return spec;
}

/** sha256 of a YAML source: links a precompiled document to its source. */
export function sourceHash(yamlText: string): string {
  return crypto.createHash('sha256').update(yamlText).digest('hex');
}

function readDocument(name: ApiName): OpenAPIV3.Document {
  const text = fs.readFileSync(path.join(OPENAPI_DIR, `${name}.yaml`), 'utf8');
  try {
    const compiled = JSON.parse(fs.readFileSync(path.join(COMPILED_SPEC_DIR, `${name}.json`), 'utf8')) as { source: string; document: OpenAPIV3.Document };
    if (compiled.source === sourceHash(text)) return compiled.document;
  } catch {
    // not built (tests from source) or unreadable: parse the YAML below
  }
  // Loaded only when needed: the yaml package is a large share of start-up.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const YAML = require('yaml') as typeof import('yaml');
  return YAML.parse(text) as OpenAPIV3.Document;
}

function indexOperations(doc: OpenAPIV3.Document): Map<string, Operation> {
  const ops = new Map<string, Operation>();
  for (const [p, item] of Object.entries(doc.paths ?? {})) {
    if (!item) continue;
    const shared = (item.parameters ?? []) as OpenAPIV3.ParameterObject[];
    for (const method of METHODS) {
      const op = item[method] as OpenAPIV3.OperationObject | undefined;
      if (!op) continue;
      if (!op.operationId) throw new Error(`openapi: ${method.toUpperCase()} ${p} has no operationId`);
      if (ops.has(op.operationId)) throw new Error(`openapi: duplicate operationId ${op.operationId}`);
      const params = [...shared, ...((op.parameters ?? []) as OpenAPIV3.ParameterObject[])].map((x) => deref(doc, x) as OpenAPIV3.ParameterObject);
      const schema: Operation['schema'] = {};
      for (const where of ['path', 'query', 'header'] as const) {
        const list = params.filter((x) => x.in === where);
        if (!list.length) continue;
        const properties: Record<string, unknown> = {};
        const required: string[] = [];
        for (const prm of list) {
          const key = where === 'header' ? prm.name.toLowerCase() : prm.name;
          properties[key] = toJsonSchema(doc, prm.schema ?? {});
          if (prm.required) required.push(key);
        }
        const obj = { type: 'object', properties, ...(required.length ? { required } : {}) };
        if (where === 'path') schema.params = obj;
        else if (where === 'query') schema.querystring = obj;
        else schema.headers = obj;
      }
      let bodyTypes: string[] = [];
      let bodyRequired = false;
      if (op.requestBody) {
        const rb = deref(doc, op.requestBody) as OpenAPIV3.RequestBodyObject;
        bodyTypes = Object.keys(rb.content ?? {});
        bodyRequired = !!rb.required;
        const json = rb.content?.['application/json']?.schema;
        if (json) schema.body = toJsonSchema(doc, json);
      }
      ops.set(op.operationId, {
        operationId: op.operationId,
        method: method.toUpperCase(),
        path: p,
        url: p.replace(/\{([^}]+)\}/g, ':$1'),
        schema,
        bodyTypes,
        bodyRequired,
      });
    }
  }
  return ops;
}

/** The node a local `$ref` points to (followed through chains), or the node itself. */
export function deref(doc: OpenAPIV3.Document, node: unknown): unknown {
  let cur = node as { $ref?: string };
  for (let i = 0; cur && typeof cur === 'object' && cur.$ref; i++) {
    if (i > 20) throw new Error(`openapi: $ref loop at ${cur.$ref}`);
    cur = resolvePointer(doc, cur.$ref) as { $ref?: string };
  }
  return cur;
}

function resolvePointer(doc: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`openapi: only local $refs are supported (${ref})`);
  let cur: unknown = doc;
  for (const part of ref.slice(2).split('/')) {
    cur = (cur as Record<string, unknown>)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    if (cur === undefined) throw new Error(`openapi: unresolved $ref ${ref}`);
  }
  return cur;
}

/** Keywords that document but do not validate: dropped so Ajv's strict mode accepts the schema. */
const DOC_ONLY = new Set(['example', 'examples', 'xml', 'externalDocs', 'deprecated', 'discriminator', 'readOnly', 'writeOnly']);

/**
 * OpenAPI 3.0 schema object -> plain JSON Schema: refs inlined, `nullable`
 * turned into a type union, documentation-only keywords dropped.
 */
export function toJsonSchema(doc: OpenAPIV3.Document, node: unknown, depth = 0): any {
  if (depth > 64) throw new Error('openapi: schema nesting too deep (recursive $ref?)');
  if (Array.isArray(node)) return node.map((n) => toJsonSchema(doc, n, depth + 1));
  if (!node || typeof node !== 'object') return node;
  const src = deref(doc, node) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(src)) {
    if (DOC_ONLY.has(k) || k.startsWith('x-')) continue;
    if (k === 'nullable') continue;
    if (k === 'properties' || k === 'patternProperties') {
      out[k] = Object.fromEntries(Object.entries(v as object).map(([pk, pv]) => [pk, toJsonSchema(doc, pv, depth + 1)]));
    } else if (k === 'enum' || k === 'required' || k === 'default' || k === 'const') {
      out[k] = v;
    } else {
      out[k] = toJsonSchema(doc, v, depth + 1);
    }
  }
  if (src.nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
  return out;
}
