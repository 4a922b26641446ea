/**
 * Schema-driven request generators for the hardening fuzzer (fast-check).
 *
 * From an operation of openapi/*.yaml (as src/openapi/spec.ts indexes it:
 * method, path, JSON schemas of params/query/headers/body) we build an
 * arbitrary of whole requests: valid values where the schema says what is
 * valid, then mutations of them — wrong types, missing required and extra
 * fields, boundary numbers, huge strings, unicode, deep nesting, malformed
 * JSON, wrong content types — and hostile path segments ('|', '%7C', '../',
 * empty, ...) and query values. A fair share stays valid, so the handlers and
 * stores behind validation are reached too.
 */
import fc from 'fast-check';
import { zipSync, strToU8 } from 'fflate';
import type { Operation } from '../../src/openapi/spec';

type Schema = Record<string, any>;

/** A generated request, before auth is added. `url` is already encoded. */
export interface FuzzRequest {
  operationId: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  /** Exact bytes to send (JSON text, malformed text, form or multipart), or none. */
  payload?: string | Buffer;
  /** Short description of what was mutated, for failure reports. */
  note: string;
}

// ---------------------------------------------------------------- values

/** Strings that have broken servers before: separators, traversal, encodings, SQL, unicode edge cases. */
export const HOSTILE_STRINGS: string[] = [
  '', ' ', '|', '||', '%7C', '%7c', '..', '../', '../../etc/passwd', '..\\..\\win.ini', '/', '\\', '.', '*', '?', '#', '&', '=',
  '%', '%ZZ', '%00', '\u0000', '\t', '\r\n', '\u00e9', '\u202e', '\ufeff', '\uffff', '\ud800', '\udc00x', '\ud83d\ude00', '\u{1d518}\u{1d52b}',
  "'", '"', '`', "' OR '1'='1", "'; DROP TABLE oic_integrations; --", '" OR ""="', '1; SELECT * FROM dis_api_keys', "%' ESCAPE '",
  '\\x27', 'NULL', 'null', 'undefined', 'NaN', 'Infinity', '-1', '0', '1e309', '9007199254740993', '0x10', 'true',
  '__proto__', 'constructor', 'prototype', 'hasOwnProperty', '<script>alert(1)</script>', '${jndi:ldap://x/a}', '{{7*7}}', '$where',
  '{name: /(a+)+$/}', "{name: /a/, status: 'ACTIVE'}", '{', '/(a|a)*b/', 'a'.repeat(300), 'CODE|01.00.0000|EXTRA', 'ID|', '|01.00.0000',
];

/** Path segments as they appear on the wire (already percent-encoded where needed). */
export const HOSTILE_SEGMENTS: string[] = [
  '', '|', 'A|B', '%7C', 'A%7CB', 'A%7CB%7CC', '..', '../', '..%2F..%2F', '%2E%2E', '%2e%2e%2f', '.', '%', '%ZZ', '%00', '%0A', '%E2%80%AE',
  '%F0%9F%98%80', '%C0%AF', '%FF', '%20', '+', '*', ';', ':', '@', '~', "'", '%27%20OR%20%271%27%3D%271', '%22', '%3Cscript%3E',
  'x'.repeat(999), 'x'.repeat(1001), 'X'.repeat(5000), '-1', '0', 'null', 'undefined', '__proto__', 'ocid1.disworkspace.oc1..x', '00000000-0000-0000-0000-000000000000',
];

const wrongTypes = fc.constantFrom<unknown>(null, true, false, 0, -1, 1.5, -0.000001, 1e308, -1e308, 2 ** 53 + 1, '', 'x', [], [null], {}, { a: 1 });

/** Something of any JSON type, hostile by construction. */
export function hostileValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: wrongTypes },
    { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.integer({ min: 1000, max: 200_000 }).map((n) => 'x'.repeat(n)) },
    { weight: 1, arbitrary: fc.integer({ min: 50, max: 3000 }).map(deepNest) },
    { weight: 1, arbitrary: fc.array(fc.constant('y'), { minLength: 200, maxLength: 5000 }) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );
}

function deepNest(depth: number): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

const typesOf = (s: Schema): string[] => (Array.isArray(s.type) ? s.type : s.type ? [s.type] : []);

/** A value the schema accepts (best effort: formats and patterns are honoured, lengths kept small). */
export function validValue(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || typeof schema !== 'object') return fc.jsonValue({ maxDepth: 2 });
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...schema.enum);
  for (const k of ['oneOf', 'anyOf'] as const) if (Array.isArray(schema[k])) return fc.oneof(...schema[k].map((s: Schema) => validValue(s, depth + 1)));
  if (Array.isArray(schema.allOf)) return validValue(Object.assign({}, ...schema.allOf), depth + 1);
  const types = typesOf(schema);
  if (types.length > 1) return fc.oneof(...types.map((type) => validValue({ ...schema, type }, depth)));
  switch (types[0] ?? (schema.properties ? 'object' : undefined)) {
    case 'string': return validString(schema);
    // Valid but modest: a valid count of 2,000,000 generated executions costs seconds (the edges are boundaryValue's job).
    case 'integer': { const min = schema.minimum ?? -1000; return fc.integer({ min, max: Math.max(min, Math.min(schema.maximum ?? 100_000, 10_000)) }); }
    case 'number': return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true, noDefaultInfinity: true });
    case 'boolean': return fc.boolean();
    case 'null': return fc.constant(null);
    case 'array': {
      if (depth > 6) return fc.constant([]);
      const min = schema.minItems ?? 0;
      return fc.array(validValue(schema.items, depth + 1), { minLength: min, maxLength: Math.min(schema.maxItems ?? min + 3, min + 3) });
    }
    case 'object': {
      if (depth > 6) return fc.constant({});
      const props: Record<string, Schema> = schema.properties ?? {};
      const required: string[] = (schema.required ?? []).filter((k: string) => k in props);
      const model = Object.fromEntries(Object.entries(props).map(([k, s]) => [k, validValue(s, depth + 1)]));
      return fc.record(model, { requiredKeys: required });
    }
    default: return fc.jsonValue({ maxDepth: 2 });
  }
}

function validString(s: Schema): fc.Arbitrary<string> {
  if (s.format === 'date-time') return fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
  if (s.format === 'date') return fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  if (s.format === 'uri' || s.format === 'url') return fc.webUrl();
  if (s.format === 'email') return fc.emailAddress();
  const min = s.minLength ?? 1;
  const max = Math.min(s.maxLength ?? 24, 64);
  if (s.pattern) {
    try {
      return fc.stringMatching(new RegExp(s.pattern)).filter((x) => x.length >= (s.minLength ?? 0) && x.length <= (s.maxLength ?? Infinity));
    } catch { /* a pattern JS cannot read: fall through */ }
  }
  return fc.oneof(
    { weight: 4, arbitrary: fc.stringMatching(/^[A-Z][A-Z0-9_]{0,20}$/).filter((x) => x.length >= min && x.length <= max) },
    { weight: 1, arbitrary: fc.string({ minLength: min, maxLength: Math.max(min, max) }) },
  );
}

/**
 * A value for the schema that is usually NOT valid: the whole value replaced by
 * something hostile, or (for objects) one field mutated, a required field
 * dropped, or an unknown field added — recursively, so nested fields are hit.
 */
export function mutatedValue(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  const props: Record<string, Schema> = schema?.properties ?? {};
  const keys = Object.keys(props);
  const options: Array<{ weight: number; arbitrary: fc.Arbitrary<unknown> }> = [
    { weight: 3, arbitrary: hostileValue() },
    { weight: 2, arbitrary: boundaryValue(schema) },
  ];
  if (keys.length && depth < 4) {
    const base = validValue(schema, depth) as fc.Arbitrary<Record<string, unknown>>;
    options.push({
      weight: 6,
      arbitrary: fc.tuple(base, fc.constantFrom(...keys)).chain(([obj, key]) => mutatedValue(props[key], depth + 1).map((v) => ({ ...obj, [key]: v }))),
    });
    const required: string[] = (schema?.required ?? []).filter((k: string) => k in props);
    if (required.length) {
      options.push({ weight: 2, arbitrary: fc.tuple(base, fc.constantFrom(...required)).map(([obj, key]) => { const o = { ...obj }; delete o[key]; return o; }) });
    }
    options.push({
      weight: 2,
      arbitrary: fc.tuple(base, fc.oneof(fc.constantFrom('extra', 'id', 'status', 'createdTime', 'password', 'constructor', '', ' ', 'a.b', 'é'), fc.string()), hostileValue())
        .map(([obj, k, v]) => Object.defineProperty({ ...obj }, k, { value: v, enumerable: true, writable: true, configurable: true })),
    });
  }
  const types = schema ? typesOf(schema) : [];
  if (types.includes('array') && schema?.items && depth < 4) {
    options.push({ weight: 3, arbitrary: fc.array(mutatedValue(schema.items, depth + 1), { minLength: 1, maxLength: 3 }) });
  }
  return fc.oneof(...options);
}

/** Values at and just past the schema's edges (lengths, ranges, enum neighbours). */
export function boundaryValue(schema: Schema | undefined): fc.Arbitrary<unknown> {
  const s = schema ?? {};
  const out: unknown[] = [null, '', 0, -1];
  const types = typesOf(s);
  if (types.includes('string')) {
    out.push(' ', 'x'.repeat(s.maxLength ?? 255), 'x'.repeat((s.maxLength ?? 255) + 1), 'x'.repeat(Math.max(0, (s.minLength ?? 1) - 1)), '\u0000', 'é'.repeat(100), '2025-02-30T25:61:00Z', '2025-06-15T10:00:00+25:00');
  }
  if (types.includes('integer') || types.includes('number')) {
    const min = s.minimum ?? 0;
    const max = s.maximum ?? 2 ** 31;
    out.push(min - 1, min, max, max + 1, 0.5, -0, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, 2 ** 63, 1e21, 1e-7, Number.MAX_VALUE, -Number.MAX_VALUE, '1', 'one');
  }
  if (Array.isArray(s.enum)) out.push(...s.enum.map((e: unknown) => (typeof e === 'string' ? e.toLowerCase() + ' ' : e)), 'UNKNOWN_VALUE');
  if (types.includes('array')) out.push([], new Array(100).fill(null), {});
  if (types.includes('object') || s.properties) out.push([], 'object', {});
  return fc.constantFrom(...out);
}

// ---------------------------------------------------------------- bodies

/** Raw JSON-ish texts that a parser must refuse cleanly. */
const MALFORMED_JSON = [
  '{', '}', '[', '{"a":', '{"a" 1}', "{'a': 1}", '{"a":1,}', '[1,]', 'nul', 'tru', '\ufeff{}', '{"a":"\\x"}', '{"a":"\\ud800"}', '"\\u0000"',
  '{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"polluted":true}}}', '{"a":1,"a":2}', '1'.padEnd(400, '0'), '-', '1e999', '   ',
  '{"a":' + '['.repeat(10_000) + ']'.repeat(10_000) + '}', '[' + '{"x":1},'.repeat(20_000) + '{}]', '\u0000', 'undefined', '{"a":NaN}', '{"a":Infinity}',
];

export function bodyArbitrary(op: Operation, spec: { formSchema?: Schema }): fc.Arbitrary<{ payload?: string | Buffer; contentType?: string; note: string }> {
  const types = op.bodyTypes;
  const options: Array<{ weight: number; arbitrary: fc.Arbitrary<{ payload?: string | Buffer; contentType?: string; note: string }> }> = [];
  // No body at all, and bodies of the wrong media type: every operation gets these.
  options.push({ weight: 1, arbitrary: fc.constant({ note: 'no body' }) });
  options.push({
    weight: 1,
    arbitrary: fc.tuple(fc.constantFrom('text/plain', 'application/xml', 'application/octet-stream', 'application/json; charset=latin1', 'application/x-www-form-urlencoded', 'multipart/form-data', 'multipart/form-data; boundary=', 'application/vnd.api+json', '*/*', 'garbage', ''), fc.constantFrom('hello', '<a/>', '{}', 'a=b&c', '--x--\r\n'))
      .map(([contentType, payload]) => ({ payload, contentType, note: `content-type ${contentType}` })),
  });
  if (types.includes('application/json') || types.length === 0) {
    const schema = op.schema.body as Schema | undefined;
    options.push({ weight: 4, arbitrary: validValue(schema).map((v) => ({ payload: JSON.stringify(v), contentType: 'application/json', note: 'valid body' })) });
    options.push({ weight: 8, arbitrary: mutatedValue(schema).map((v) => ({ payload: JSON.stringify(v) ?? 'null', contentType: 'application/json', note: 'mutated body' })) });
    options.push({ weight: 2, arbitrary: fc.constantFrom(...MALFORMED_JSON).map((payload) => ({ payload, contentType: 'application/json', note: 'malformed JSON' })) });
  }
  if (types.includes('application/x-www-form-urlencoded')) options.push({ weight: 10, arbitrary: formBody(spec.formSchema) });
  if (types.includes('multipart/form-data')) options.push({ weight: 10, arbitrary: multipartBody() });
  return fc.oneof(...options);
}

function formBody(schema: Schema | undefined): fc.Arbitrary<{ payload: string; contentType: string; note: string }> {
  const keys = Object.keys(schema?.properties ?? { grant_type: {}, scope: {}, client_id: {}, client_secret: {} });
  const value = fc.oneof(fc.constantFrom('client_credentials', 'password', 'oic-emulator-client', 'oic-emulator-secret', 'urn:opc:resource:consumer::all'), fc.constantFrom(...HOSTILE_STRINGS), fc.string());
  const pairs = fc.array(fc.tuple(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...keys) }, { weight: 1, arbitrary: fc.string() }), value), { maxLength: 6 });
  return fc.oneof(
    pairs.map((p) => ({ payload: new URLSearchParams(p).toString(), contentType: 'application/x-www-form-urlencoded', note: 'form body' })),
    fc.constantFrom('%', '%ZZ=1', '=&=&', 'grant_type', '&&&', 'a=%E0%A4%A', 'x'.repeat(100_000)).map((payload) => ({ payload, contentType: 'application/x-www-form-urlencoded', note: 'raw form body' })),
  );
}

const BOUNDARY = '----FuzzBoundaryQ3wQ2vXr';

function part(p: { field: string; filename?: string; data: Buffer; type?: string }): Buffer {
  const disp = p.filename !== undefined ? `form-data; name="${p.field}"; filename="${p.filename}"` : `form-data; name="${p.field}"`;
  return Buffer.concat([Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: ${disp}\r\nContent-Type: ${p.type ?? 'application/octet-stream'}\r\n\r\n`), p.data, Buffer.from('\r\n')]);
}

/** multipart/form-data bodies: random files, zips with odd entries, wrong fields, several files, broken framing. */
function multipartBody(): fc.Arbitrary<{ payload: Buffer; contentType: string; note: string }> {
  const entryName = fc.oneof(fc.constantFrom('project.json', 'icspackage/project/INT_01.00.0000/PROJECT-INF/project.xml', '../../evil', '/abs/path', 'a\\..\\b', '', 'x'.repeat(300), 'é.json'), fc.string({ maxLength: 30 }));
  const zip = fc.array(fc.tuple(entryName, fc.oneof(fc.string({ maxLength: 200 }), fc.constantFrom('{}', '{"identifier":1}', 'null', '<xml/>'))), { maxLength: 5 })
    .map((entries) => Buffer.from(zipSync(Object.fromEntries(entries.map(([n, d]) => [n || 'blank', strToU8(d)])))));
  const file = fc.oneof(fc.uint8Array({ maxLength: 2000 }).map((a) => Buffer.from(a)), zip, zip.map((z) => z.subarray(0, Math.floor(z.length / 2))));
  const filename = fc.oneof(fc.constantFrom('integration.iar', 'x.zip', '', '../../x.iar', 'a"b.iar', 'é.iar'), fc.string({ maxLength: 20 }).map((s) => s.replace(/["\r\n]/g, '')));
  const field = fc.oneof({ weight: 4, arbitrary: fc.constant('file') }, { weight: 1, arbitrary: fc.constantFrom('archive', 'FILE', '', 'file[]') });
  const parts = fc.array(fc.record({ field, filename: fc.option(filename, { nil: undefined }), data: file }), { minLength: 0, maxLength: 3 });
  return fc.oneof(
    parts.map((ps) => ({ payload: Buffer.concat([...ps.map(part), Buffer.from(`--${BOUNDARY}--\r\n`)]), contentType: `multipart/form-data; boundary=${BOUNDARY}`, note: `multipart with ${ps.length} part(s)` })),
    fc.constantFrom('', '--x', `--${BOUNDARY}\r\n`, `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.iar"\r\n\r\nPK\u0003\u0004`)
      .map((s) => ({ payload: Buffer.from(s), contentType: `multipart/form-data; boundary=${BOUNDARY}`, note: 'broken multipart' })),
  );
}

// ---------------------------------------------------------------- URL parts

/** encodeURIComponent that survives lone surrogates (encoded as their UTF-8 replacement bytes). */
export function enc(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
  }
}

/** A path segment: a known good value (so handlers are reached), a hostile one, or a random one, encoded. */
export function segmentArbitrary(known: string[]): fc.Arbitrary<string> {
  const options: Array<{ weight: number; arbitrary: fc.Arbitrary<string> }> = [
    { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_SEGMENTS) },
    { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 30 }).map(enc) },
    { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_STRINGS).map(enc) },
  ];
  if (known.length) {
    // Mostly a value that exists: with two or three parameters in a path, the others must exist too.
    options.push({ weight: 16, arbitrary: fc.constantFrom(...known).map(enc) });
    // Raw '|' (clients that do not encode it), changed case, a suffix.
    options.push({ weight: 1, arbitrary: fc.constantFrom(...known).chain((k) => fc.constantFrom(k.replace(/%7C/gi, '|'), enc(k.toLowerCase()), enc(k) + '%20', enc(k) + '/..', enc(`${k}|${k}`))) });
  }
  return fc.oneof(...options);
}

/** A query string: each declared parameter absent, valid-ish, hostile or repeated; sometimes an unknown one. */
export function queryArbitrary(schema: Schema | undefined, known: Record<string, string[]>): fc.Arbitrary<string> {
  const props: Record<string, Schema> = schema?.properties ?? {};
  const entries = Object.entries(props).map(([name, s]) => {
    const value = fc.oneof(
      { weight: 3, arbitrary: validValue(s).map((v) => enc(String(v))) },
      { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS).map(enc) },
      { weight: 1, arbitrary: fc.constantFrom('%', '%ZZ', '%00', '', '+', '%2B', 'a&b=c', '[]', '%5B%5D') },
      { weight: 1, arbitrary: boundaryValue(s).map((v) => enc(typeof v === 'object' ? JSON.stringify(v) : String(v))) },
      ...(known[name]?.length ? [{ weight: 2, arbitrary: fc.constantFrom(...known[name]).map(enc) }] : []),
    );
    return fc.option(fc.oneof({ weight: 5, arbitrary: value.map((v) => [`${name}=${v}`]) }, { weight: 1, arbitrary: fc.array(value, { minLength: 2, maxLength: 3 }).map((vs) => vs.map((v) => `${name}=${v}`)) }), { freq: 2, nil: [] as string[] });
  });
  const unknown = fc.option(fc.tuple(fc.constantFrom('unknown', 'fields', '__proto__', 'q[]', 'limit[$gt]', ''), fc.constantFrom(...HOSTILE_STRINGS).map(enc)).map(([k, v]) => [`${k}=${v}`]), { freq: 4, nil: [] as string[] });
  return fc.tuple(fc.tuple(...entries, unknown), fc.boolean()).map(([parts, bare]) => {
    const all = parts.flat();
    return all.length ? `?${all.join('&')}` : bare ? '?' : '';
  });
}

/** Values for declared header parameters (printable ASCII only: anything else is not a valid header). */
function headerArbitrary(schema: Schema | undefined, known: Record<string, string[]>): fc.Arbitrary<Record<string, string>> {
  const props: Record<string, Schema> = schema?.properties ?? {};
  const ascii = fc.oneof(
    fc.constantFrom(...HOSTILE_STRINGS.filter((s) => /^[\x20-\x7e]*$/.test(s))),
    fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 80 }),
    fc.constant('x'.repeat(8000)),
  );
  const model = Object.fromEntries(Object.keys(props).map((name) => [name, known[name]?.length ? fc.oneof(fc.constantFrom(...known[name]), ascii) : ascii]));
  return fc.record(model, { requiredKeys: [] }) as fc.Arbitrary<Record<string, string>>;
}

/**
 * Whole requests for one operation. `known` maps parameter names (path, query
 * and header) to values that exist in the world under test.
 */
export function requestArbitrary(op: Operation, known: Record<string, string[]>, extras: { formSchema?: Schema } = {}): fc.Arbitrary<FuzzRequest> {
  // Known values by "<collection>.<param>" first (an integration id for .../integrations/{id}), then by name.
  const params = [...op.path.matchAll(/([^/{}]+)\/\{([^}]+)\}/g)].map((m) => known[`${m[1]}.${m[2]}`] ?? known[m[2]] ?? []);
  const segments = fc.tuple(...params.map((values) => segmentArbitrary(values)));
  return fc.record({
    segments,
    query: queryArbitrary(op.schema.querystring as Schema, known),
    headers: headerArbitrary(op.schema.headers as Schema, known),
    body: op.method === 'GET' || op.method === 'DELETE'
      ? fc.oneof({ weight: 8, arbitrary: fc.constant({ note: 'no body' } as { payload?: string | Buffer; contentType?: string; note: string }) }, { weight: 1, arbitrary: bodyArbitrary(op, extras) })
      : bodyArbitrary(op, extras),
  }).map(({ segments: segs, query, headers, body }) => {
    let i = 0;
    const path = op.path.replace(/\{[^}]+\}/g, () => segs[i++]);
    const h: Record<string, string> = { ...headers };
    if (body.contentType !== undefined) h['content-type'] = body.contentType;
    return {
      operationId: op.operationId,
      method: op.method,
      url: path + query,
      headers: h,
      payload: body.payload,
      note: `${body.note}${Object.keys(headers).length ? `; headers ${Object.keys(headers).join(',')}` : ''}`,
    };
  });
}
