/**
 * The mock IDCS signing authority: issues RS256 access tokens with jose and
 * verifies them on every OIC call. The key pair ships in fixtures/keys so that
 * tokens survive a restart against the same --db and so start-up does not pay
 * for RSA key generation. Lifetimes follow real time (clock.wallNow), not the
 * simulated clock: advancing the simulation a day must not log clients out.
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { SignJWT, jwtVerify, errors as joseErrors, type JWK, type JWTPayload } from 'jose';
import type { Clock } from '../core/clock';
import { unauthenticated } from '../core/errors';

export const KEYS_DIR = path.resolve(__dirname, '..', '..', 'fixtures', 'keys');
/** IDCS's own example kid for the tenant signing key. */
export const SIGNING_KID = 'SIGNING_KEY';

export interface Caller {
  /** Who the request acts as: token subject or Basic user name. */
  name: string;
  kind: 'client' | 'user';
  scope?: string;
}

interface Keys {
  privateKey: crypto.KeyObject;
  publicKey: crypto.KeyObject;
  jwk: JWK;
}

let keys: Keys | null = null;

/** The key pair is read-only and costly to parse: loaded once per process. Also signs DIS session tokens (session-tokens.ts). */
export function loadKeys(): Keys {
  if (keys) return keys;
  const privateKey = crypto.createPrivateKey(fs.readFileSync(path.join(KEYS_DIR, 'idcs-signing-key.pem')));
  const publicKey = crypto.createPublicKey(privateKey);
  const certPem = fs.readFileSync(path.join(KEYS_DIR, 'idcs-signing-cert.pem'), 'utf8');
  const certDer = Buffer.from(certPem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
  const jwk: JWK = {
    ...(publicKey.export({ format: 'jwk' }) as JWK),
    kid: SIGNING_KID,
    alg: 'RS256',
    use: 'sig',
    key_ops: ['verify'],
    x5c: [certDer.toString('base64')],
    x5t: crypto.createHash('sha1').update(certDer).digest('base64url'),
  };
  keys = { privateKey, publicKey, jwk };
  return keys;
}

/** Characters of a token's end (its RS256 signature: random to anyone without the key) that key the verified-token cache. */
const CACHE_KEY_CHARS = 24;

export interface IssuedToken {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
}

export class TokenService {
  private readonly keys = loadKeys();
  /**
   * Verified tokens, so the hot path does not redo RSA work. Keyed by the
   * signature's last characters rather than the whole token: a Map key is
   * hashed on every lookup, and hashing a fresh ~800-character header string
   * per request costs more than the rest of authentication. The full
   * token is compared on a hit.
   */
  private readonly verified = new Map<string, { token: string; caller: Caller; exp: number }>();

  constructor(private readonly clock: Clock, private readonly issuer: string, private readonly ttlSeconds: number) {}

  jwks(): { keys: JWK[] } {
    return { keys: [this.keys.jwk] };
  }

  async issue(clientId: string, scope: string): Promise<IssuedToken> {
    const iat = Math.floor(this.clock.wallNow() / 1000);
    const token = await new SignJWT({ scope, client_id: clientId, sub_type: 'client', tok_type: 'AT' })
      .setProtectedHeader({ alg: 'RS256', kid: SIGNING_KID, typ: 'JWT' })
      .setIssuer(this.issuer)
      .setSubject(clientId)
      .setAudience(scope ? scope.split(/\s+/) : ['urn:opc:resource:consumer::all'])
      .setIssuedAt(iat)
      .setNotBefore(iat)
      .setExpirationTime(iat + this.ttlSeconds)
      .setJti(crypto.randomUUID())
      .sign(this.keys.privateKey);
    return { access_token: token, token_type: 'Bearer', expires_in: this.ttlSeconds, scope };
  }

  /** The caller of a token verified before and not expired yet; undefined otherwise (then call verify). */
  cached(token: string): Caller | undefined {
    const hit = this.verified.get(token.slice(-CACHE_KEY_CHARS));
    return hit !== undefined && hit.token === token && hit.exp * 1000 > this.clock.wallNow() ? hit.caller : undefined;
  }

  /** Verify a bearer token; throws a 401 ApiError that says what is wrong. */
  async verify(token: string): Promise<Caller> {
    const now = this.clock.wallNow();
    const known = this.cached(token);
    if (known) return known;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keys.publicKey, {
        algorithms: ['RS256'],
        issuer: this.issuer,
        currentDate: new Date(now),
        clockTolerance: 0,
      }));
    } catch (e) {
      throw unauthenticated(describeJwtFailure(e));
    }
    if (!payload.sub) throw unauthenticated('Access token has no subject (sub)');
    const caller: Caller = { name: payload.sub, kind: 'client', scope: typeof payload.scope === 'string' ? payload.scope : undefined };
    if (this.verified.size >= 10_000) this.verified.clear();
    this.verified.set(token.slice(-CACHE_KEY_CHARS), { token, caller, exp: payload.exp ?? 0 });
    return caller;
  }
}

function describeJwtFailure(e: unknown): string {
  if (e instanceof joseErrors.JWTExpired) return 'Access token has expired';
  if (e instanceof joseErrors.JWTClaimValidationFailed) {
    if (e.claim === 'nbf') return 'Access token is not valid yet (nbf is in the future)';
    if (e.claim === 'iat') return 'Access token was issued in the future (iat)';
    if (e.claim === 'iss') return 'Access token was issued by an unknown issuer';
    return `Access token claim '${e.claim}' is invalid`;
  }
  if (e instanceof joseErrors.JOSEAlgNotAllowed) return 'Access token algorithm is not allowed (only RS256)';
  if (e instanceof joseErrors.JWSSignatureVerificationFailed) return 'Access token signature is invalid';
  if (e instanceof joseErrors.JWSInvalid || e instanceof joseErrors.JWTInvalid) return 'Access token is malformed';
  return 'Access token is invalid';
}
