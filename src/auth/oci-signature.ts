/**
 * OCI HTTP signatures (draft-cavage "Signature" scheme, rsa-sha256), as the
 * OCI SDKs, the CLI and oci-curl send them:
 *
 *   Authorization: Signature version="1",keyId="<tenancy>/<user>/<fingerprint>",
 *     algorithm="rsa-sha256",headers="x-date (request-target) host ...",signature="<base64>"
 *
 * Pure functions (no Fastify): parse the header, check that the headers OCI
 * requires are signed and present, that the date is recent and the body
 * matches x-content-sha256, build the signing string, verify with node:crypto.
 * Every failure is a 401 NotAuthenticated whose message says what is wrong.
 *
 * Parsing is hand-written on purpose: the reference parser (http-signature)
 * reads Date.now() itself and answers with generic messages, and the grammar
 * is one line of key="value" pairs.
 */
import crypto from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { unauthenticated } from '../core/errors';
import { FINGERPRINT } from './oci-keys';

/** SHA-256 of an empty body, base64: what the SDK sends for POSTs without a body. */
export const EMPTY_BODY_SHA256 = '47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);
const BODY_HEADERS = ['content-type', 'content-length', 'x-content-sha256'];
const FORMAT_HINT = 'expected: Signature version="1",keyId="<tenancyOCID>/<userOCID>/<fingerprint>",algorithm="rsa-sha256",headers="date (request-target) host",signature="<base64>"';

export interface ParsedSignature {
  keyId: string;
  /** From keyId <tenancy>/<user>/<fingerprint>; absent for session tokens (ST$...). */
  tenancyId?: string;
  userId?: string;
  fingerprint?: string;
  algorithm: string;
  /** Signed header names, lower-cased, in signing order. */
  headers: string[];
  signature: Buffer;
}

export interface SignedRequest {
  method: string;
  /** Path and query exactly as received (the (request-target)). */
  url: string;
  headers: IncomingHttpHeaders;
}

/** Parse `Signature k="v",k2="v2"` with parameters in any order and names in any case. */
export function parseAuthorization(value: string | undefined): ParsedSignature {
  if (!value || !value.trim()) {
    throw unauthenticated(`The Authorization header is missing: DIS requests must be signed with an OCI API key (${FORMAT_HINT})`);
  }
  const m = /^\s*(\S+)\s+(.*)$/s.exec(value);
  if (!m || m[1].toLowerCase() !== 'signature') {
    const scheme = (m?.[1] ?? value.trim()).slice(0, 20);
    throw unauthenticated(`Authorization scheme '${scheme}' is not supported: DIS expects an OCI HTTP signature (${FORMAT_HINT})`);
  }
  const params = new Map<string, string>();
  const pair = /\s*([A-Za-z]+)\s*=\s*"([^"]*)"\s*(,|$)/y;
  let rest = m[2];
  let pos = 0;
  while (pos < rest.length) {
    pair.lastIndex = pos;
    const p = pair.exec(rest);
    if (!p) throw unauthenticated(`The Authorization header is malformed near '${rest.slice(pos, pos + 30)}': parameters must be name="value" pairs separated by commas (${FORMAT_HINT})`);
    const name = p[1].toLowerCase();
    if (params.has(name)) throw unauthenticated(`The Authorization header has the parameter '${name}' twice`);
    params.set(name, p[2]);
    pos = pair.lastIndex;
    if (p[3] === '' ) break;
  }
  rest = rest.slice(pos).trim();
  if (rest) throw unauthenticated(`The Authorization header has trailing text '${rest.slice(0, 30)}'`);

  const version = params.get('version');
  if (version !== undefined && version !== '1') throw unauthenticated(`Signature version "${version}" is not supported; OCI uses version="1"`);
  for (const required of ['keyid', 'signature', 'headers']) {
    if (!params.get(required)) {
      const name = required === 'keyid' ? 'keyId' : required;
      throw unauthenticated(`The Authorization signature has no ${name} parameter (${FORMAT_HINT})`);
    }
  }
  const algorithm = (params.get('algorithm') ?? 'rsa-sha256').toLowerCase();
  if (algorithm !== 'rsa-sha256') throw unauthenticated(`Signature algorithm '${algorithm}' is not supported; OCI API keys sign with rsa-sha256`);

  const keyId = params.get('keyid')!;
  const parsed: ParsedSignature = { keyId, algorithm, headers: [], signature: Buffer.alloc(0) };
  if (!keyId.startsWith('ST$')) {
    const parts = keyId.split('/');
    if (parts.length !== 3 || parts.some((x) => !x)) {
      throw unauthenticated(`keyId '${keyId}' is malformed: expected <tenancyOCID>/<userOCID>/<fingerprint>`);
    }
    const fingerprint = parts[2].toLowerCase();
    if (!FINGERPRINT.test(fingerprint)) {
      throw unauthenticated(`keyId fingerprint '${parts[2]}' is malformed: expected 16 colon-separated hex bytes such as 12:34:56:78:90:ab:cd:ef:12:34:56:78:90:ab:cd:ef`);
    }
    parsed.tenancyId = parts[0];
    parsed.userId = parts[1];
    parsed.fingerprint = fingerprint;
  }
  parsed.headers = params.get('headers')!.trim().split(/\s+/).map((h) => h.toLowerCase());
  const sig = params.get('signature')!;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(sig)) throw unauthenticated('The signature parameter is not base64');
  parsed.signature = Buffer.from(sig, 'base64');
  return parsed;
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

/**
 * The headers OCI requires are signed and present, and the signed date is
 * within `skewSeconds` of `now` (real time). Returns the signing string.
 */
export function checkSignedHeaders(req: SignedRequest, sig: ParsedSignature, now: number, skewSeconds: number): string {
  const signed = new Set(sig.headers);
  const required = ['(request-target)', 'host'];
  if (BODY_METHODS.has(req.method.toUpperCase())) required.push(...BODY_HEADERS);
  const missing = required.filter((h) => !signed.has(h));
  if (!signed.has('date') && !signed.has('x-date')) missing.unshift('date (or x-date)');
  if (missing.length) {
    throw unauthenticated(`The signature does not cover the headers OCI requires for ${req.method.toUpperCase()}: missing ${missing.join(', ')} in headers="${sig.headers.join(' ')}"`);
  }
  for (const h of sig.headers) {
    if (h !== '(request-target)' && headerValue(req.headers, h) === undefined) {
      throw unauthenticated(`The signed header '${h}' is not in the request`);
    }
  }
  const dateHeader = signed.has('x-date') ? 'x-date' : 'date';
  const dateText = headerValue(req.headers, dateHeader)!;
  const at = Date.parse(dateText);
  if (Number.isNaN(at)) throw unauthenticated(`The ${dateHeader} header '${dateText}' is not a valid HTTP date (e.g. ${new Date(now).toUTCString()})`);
  const skew = Math.round((at - now) / 1000);
  if (Math.abs(at - now) > skewSeconds * 1000) {
    throw unauthenticated(`The request is stale: ${dateHeader} '${dateText}' is ${Math.abs(skew)} seconds ${skew < 0 ? 'behind' : 'ahead of'} the current time (${new Date(now).toUTCString()}); at most ${skewSeconds} seconds are allowed`);
  }
  return signingString(req, sig.headers);
}

/** The draft-cavage signing string: one "name: value" line per signed header, joined by \n. */
export function signingString(req: SignedRequest, headers: string[]): string {
  return headers
    .map((h) => (h === '(request-target)' ? `(request-target): ${req.method.toLowerCase()} ${req.url}` : `${h}: ${headerValue(req.headers, h) ?? ''}`))
    .join('\n');
}

/** For POST/PUT/PATCH: the body matches the signed x-content-sha256 and content-length. */
export function checkBodyHash(req: SignedRequest, body: Buffer | undefined): void {
  if (!BODY_METHODS.has(req.method.toUpperCase())) return;
  const bytes = body ?? Buffer.alloc(0);
  const declaredLength = Number(headerValue(req.headers, 'content-length'));
  if (body === undefined && declaredLength > 0) {
    const type = headerValue(req.headers, 'content-type') ?? '(none)';
    throw unauthenticated(`Cannot check x-content-sha256: the body's Content-Type '${type}' is not application/json`);
  }
  const actual = crypto.createHash('sha256').update(bytes).digest('base64');
  const declared = headerValue(req.headers, 'x-content-sha256');
  if (declared !== actual) {
    throw unauthenticated(`The x-content-sha256 header does not match the body: header says '${declared}', the ${bytes.length}-byte body hashes to '${actual}'`);
  }
}

/** RSA-SHA256 verification of the signing string. */
export function verifySignature(signing: string, signature: Buffer, key: crypto.KeyObject): boolean {
  try {
    return crypto.verify('sha256', Buffer.from(signing, 'utf8'), key, signature);
  } catch {
    return false;
  }
}
