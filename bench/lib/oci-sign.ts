/**
 * OCI request signing as the TypeScript SDK does it (draft-cavage HTTP
 * signatures, rsa-sha256; see oracle-api-reference.md §1.10), with node:crypto
 * only, so the DIS scenarios send what a real client sends.
 */
import crypto from 'node:crypto';

export interface ApiKey {
  privateKey: crypto.KeyObject;
  publicPem: string;
  fingerprint: string;
  tenancy: string;
  user: string;
  keyId: string;
}

/** A fresh 2048-bit key pair with OCI's fingerprint (MD5 of the DER SPKI, colon-separated). */
export function makeApiKey(tenancy = 'ocid1.tenancy.oc1..aaaabench', user = 'ocid1.user.oc1..aaaabench'): ApiKey {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const der = publicKey.export({ type: 'spki', format: 'der' });
  const fingerprint = crypto.createHash('md5').update(der).digest('hex').match(/../g)!.join(':');
  return {
    privateKey,
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    fingerprint,
    tenancy,
    user,
    keyId: `${tenancy}/${user}/${fingerprint}`,
  };
}

/**
 * Headers for one signed request: x-date, (request-target), host, and for
 * POST/PUT/PATCH also Content-Type, Content-Length, x-content-sha256.
 */
export function signedHeaders(key: ApiKey, method: string, url: string, body?: string): Record<string, string> {
  const u = new URL(url);
  const m = method.toUpperCase();
  const headers: Record<string, string> = { 'x-date': new Date().toUTCString(), host: u.host, accept: 'application/json' };
  const names = ['x-date', '(request-target)', 'host'];
  if (m === 'POST' || m === 'PUT' || m === 'PATCH') {
    const text = body ?? '';
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(text));
    headers['x-content-sha256'] = crypto.createHash('sha256').update(text).digest('base64');
    names.push('Content-Type', 'Content-Length', 'x-content-sha256');
  }
  const lines = names.map((n) => {
    const lower = n.toLowerCase();
    return lower === '(request-target)' ? `(request-target): ${m.toLowerCase()} ${u.pathname}${u.search}` : `${lower}: ${headers[lower]}`;
  });
  const signature = crypto.sign('sha256', Buffer.from(lines.join('\n')), key.privateKey).toString('base64');
  headers.authorization = `Signature version="1",keyId="${key.keyId}",algorithm="rsa-sha256",headers="${names.join(' ')}",signature="${signature}"`;
  return headers;
}
