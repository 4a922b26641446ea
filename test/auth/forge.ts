/**
 * Tokens as a forger makes them: signed with the emulator's real IDCS key
 * (from fixtures/keys) or another one, with whatever issuer and times the
 * test asks for, so each refusal is down to the one thing that is wrong.
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { SignJWT } from 'jose';

export const ISSUER = 'https://identity.oraclecloud.com/';
export const realKey = crypto.createPrivateKey(fs.readFileSync(path.join(__dirname, '../../fixtures/keys/idcs-signing-key.pem')));
/** The real key's public half in PEM, the secret of an HS256 forgery. */
export const realPublicPem = crypto.createPublicKey(realKey).export({ format: 'pem', type: 'spki' }) as string;

export interface ForgeOptions { key?: crypto.KeyObject; iat?: number; exp?: number; nbf?: number; iss?: string }

/** An RS256 token: valid for ten minutes from now unless the options change it. */
export async function sign(claims: Record<string, unknown>, o: ForgeOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ scope: 'urn:opc:resource:consumer::all', ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: 'SIGNING_KEY' })
    .setIssuer(o.iss ?? ISSUER)
    .setSubject('forger')
    .setIssuedAt(o.iat ?? now)
    .setNotBefore(o.nbf ?? now)
    .setExpirationTime(o.exp ?? now + 600)
    .sign(o.key ?? realKey);
}
