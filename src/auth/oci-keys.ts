/**
 * OCI API signing keys: a PEM public key and its fingerprint, computed as OCI
 * computes it (MD5 of the DER SubjectPublicKeyInfo, colon-separated hex: the
 * same as `openssl rsa -pubout -outform DER | openssl md5 -c`).
 */
import crypto from 'node:crypto';
import { badRequest } from '../core/errors';

export interface ParsedPublicKey {
  key: crypto.KeyObject;
  /** e.g. 12:34:56:78:90:ab:cd:ef:12:34:56:78:90:ab:cd:ef */
  fingerprint: string;
  /** The key re-encoded as an SPKI PEM ("-----BEGIN PUBLIC KEY-----"). */
  pem: string;
}

export const FINGERPRINT = /^[0-9a-f]{2}(:[0-9a-f]{2}){15}$/;

export function fingerprintOf(key: crypto.KeyObject): string {
  const der = key.export({ type: 'spki', format: 'der' });
  return crypto.createHash('md5').update(der).digest('hex').match(/../g)!.join(':');
}

/** Parse a PEM public key (SPKI "PUBLIC KEY" or PKCS#1 "RSA PUBLIC KEY"); 400 with the reason otherwise. */
export function parsePublicKey(pem: unknown): ParsedPublicKey {
  if (typeof pem !== 'string' || !pem.trim()) throw badRequest('publicKey is required: the PEM text of the RSA public key ("-----BEGIN PUBLIC KEY-----...")');
  if (/PRIVATE KEY-----/.test(pem)) throw badRequest('publicKey is a private key: register the public half only (openssl rsa -pubout -in key.pem)');
  if (!/-----BEGIN (RSA )?PUBLIC KEY-----/.test(pem)) throw badRequest('publicKey must be PEM text starting with "-----BEGIN PUBLIC KEY-----"');
  let key: crypto.KeyObject;
  try {
    key = crypto.createPublicKey({ key: pem, format: 'pem' });
  } catch (e) {
    throw badRequest(`publicKey is not a readable PEM public key: ${(e as Error).message}`);
  }
  if (key.asymmetricKeyType !== 'rsa') throw badRequest(`OCI API keys are RSA keys; this one is ${key.asymmetricKeyType}`);
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < 2048) throw badRequest(`OCI API keys must be at least 2048 bits; this one has ${bits}`);
  return { key, fingerprint: fingerprintOf(key), pem: key.export({ type: 'spki', format: 'pem' }).toString() };
}
