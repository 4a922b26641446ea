/**
 * Resource-principal session tokens (RPST) for DIS, as OCI issues them to a
 * resource (an Fn function, a notebook session): a JWT signed by the
 * identity authority that names the resource and carries the public half of
 * a session key pair in its `jwk` claim (a JSON string, as in OCI's tokens).
 * The caller signs requests with the private half and sends the token as
 * keyId="ST$<token>"; the SDK's resource-principal provider (version 2.2,
 * OCI_RESOURCE_PRINCIPAL_RPST + OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM) and
 * session-token configurations do exactly that.
 *
 * The emulator's identity key (fixtures/keys, shared with the OIC tokens)
 * signs them; verification checks that signature, the issuer, the type and
 * the expiry (real time, like the OIC tokens), and returns the session key
 * to verify the request signature with. Every failure is a 401 that says
 * what is wrong with the token.
 */
import crypto from 'node:crypto';
import { SignJWT, decodeProtectedHeader, errors as joseErrors, jwtVerify, type JWK, type JWTPayload } from 'jose';
import type { Clock } from '../core/clock';
import { badRequest, unauthenticated } from '../core/errors';
import { parsePublicKey } from './oci-keys';
import { SIGNING_KID, loadKeys } from './token-service';

/** The issuer OCI puts in its resource-principal tokens. */
export const RPST_ISSUER = 'authService.oracle.com';
const TOKEN_TYPE = 'res_principal';
export const DEFAULT_RPST_TTL_SECONDS = 3600;
const MAX_TTL_SECONDS = 7 * 86_400;

export interface IssueRequest {
  /** OCID of the resource acting (the function, the notebook...). */
  resourceId: string;
  resourceType?: string;
  tenancyId: string;
  compartmentId?: string;
  /** PEM public key of the caller's session key pair; one is made when absent. */
  publicKey?: string;
  ttlSeconds?: number;
}

export interface IssuedSession {
  token: string;
  /** Only when the emulator made the key pair: PKCS#8 PEM, for OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM. */
  privateKey?: string;
  publicKey: string;
  expiresAt: string;
}

export interface SessionPrincipal {
  resourceId: string;
  tenancyId: string;
  compartmentId?: string;
  key: crypto.KeyObject;
}

/** Characters of a token's end (its signature) that key the verified-token cache, as in token-service.ts. */
const CACHE_KEY_CHARS = 24;
const CACHE_MAX = 10_000;

export class SessionTokens {
  private readonly keys = loadKeys();
  /** Verified tokens, so a function calling in a loop does not redo the JWT and key work per request. */
  private readonly verified = new Map<string, { token: string; principal: SessionPrincipal; exp: number }>();

  constructor(private readonly clock: Clock) {}

  async issue(req: IssueRequest): Promise<IssuedSession> {
    const ttl = req.ttlSeconds ?? DEFAULT_RPST_TTL_SECONDS;
    if (!Number.isInteger(ttl) || ttl < 1 || ttl > MAX_TTL_SECONDS) throw badRequest(`ttlSeconds must be an integer between 1 and ${MAX_TTL_SECONDS}, got ${String(req.ttlSeconds)}`);
    let publicKey: crypto.KeyObject;
    let privateKey: string | undefined;
    if (req.publicKey !== undefined) {
      publicKey = parsePublicKey(req.publicKey).key;
    } else {
      const pair = await generateRsa();
      publicKey = pair.publicKey;
      privateKey = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    }
    const jwk = { ...(publicKey.export({ format: 'jwk' }) as JWK), kid: 'session', alg: 'RS256', use: 'sig' };
    const iat = Math.floor(this.clock.wallNow() / 1000);
    const token = await new SignJWT({
      ttype: TOKEN_TYPE,
      res_type: req.resourceType ?? 'resource',
      res_id: req.resourceId,
      res_tenant: req.tenancyId,
      res_compartment: req.compartmentId ?? req.tenancyId,
      jwk: JSON.stringify(jwk),
    })
      .setProtectedHeader({ alg: 'RS256', kid: SIGNING_KID, typ: 'JWT' })
      .setIssuer(RPST_ISSUER)
      .setSubject(req.resourceId)
      .setIssuedAt(iat)
      .setExpirationTime(iat + ttl)
      .setJti(crypto.randomUUID())
      .sign(this.keys.privateKey);
    return {
      token,
      ...(privateKey ? { privateKey } : {}),
      publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      expiresAt: new Date((iat + ttl) * 1000).toISOString(),
    };
  }

  /** The principal and session key of a keyId="ST$<token>"; a 401 naming the problem otherwise. */
  async verify(token: string): Promise<SessionPrincipal> {
    if (!token) throw unauthenticated('The keyId "ST$" carries no session token');
    const hit = this.verified.get(token.slice(-CACHE_KEY_CHARS));
    if (hit && hit.token === token && hit.exp * 1000 > this.clock.wallNow()) return hit.principal;
    let kid: string | undefined;
    try {
      kid = decodeProtectedHeader(token).kid;
    } catch {
      throw unauthenticated('The session token in keyId (ST$...) is not a JWT: use the token the emulator issued (POST /_emulator/dis/resource-principal-tokens)');
    }
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keys.publicKey, { algorithms: ['RS256'], currentDate: new Date(this.clock.wallNow()), clockTolerance: 0 }));
    } catch (e) {
      throw unauthenticated(describe(e, kid));
    }
    if (payload.iss !== RPST_ISSUER || payload.ttype !== TOKEN_TYPE) {
      throw unauthenticated(`The session token is not a resource-principal session token (iss '${String(payload.iss)}', ttype '${String(payload.ttype)}'; expected iss '${RPST_ISSUER}', ttype '${TOKEN_TYPE}')`);
    }
    if (payload.exp === undefined) throw unauthenticated('The session token has no expiry (exp)');
    let key: crypto.KeyObject;
    try {
      key = crypto.createPublicKey({ key: JSON.parse(String(payload.jwk)) as crypto.JsonWebKey, format: 'jwk' });
    } catch {
      throw unauthenticated('The session token carries no usable session public key (jwk claim)');
    }
    const principal = { resourceId: String(payload.sub), tenancyId: String(payload.res_tenant), compartmentId: payload.res_compartment ? String(payload.res_compartment) : undefined, key };
    if (this.verified.size >= CACHE_MAX) this.verified.clear();
    this.verified.set(token.slice(-CACHE_KEY_CHARS), { token, principal, exp: payload.exp });
    return principal;
  }
}

function generateRsa(): Promise<{ publicKey: crypto.KeyObject; privateKey: crypto.KeyObject }> {
  return new Promise((resolve, reject) => {
    crypto.generateKeyPair('rsa', { modulusLength: 2048 }, (err, publicKey, privateKey) => (err ? reject(err) : resolve({ publicKey, privateKey })));
  });
}

function describe(e: unknown, kid: string | undefined): string {
  if (e instanceof joseErrors.JWTExpired) return `The session token expired at ${new Date(Number((e.payload as JWTPayload).exp) * 1000).toISOString()}: ask the emulator for a new one (POST /_emulator/dis/resource-principal-tokens)`;
  if (e instanceof joseErrors.JWSSignatureVerificationFailed) {
    return kid === SIGNING_KID
      ? 'The session token signature is invalid: the token was altered after the emulator issued it'
      : `The session token was not issued by this emulator (its key id is '${kid ?? '(none)'}'): tokens from OCI or another emulator are not accepted`;
  }
  if (e instanceof joseErrors.JOSEAlgNotAllowed) return 'The session token algorithm is not allowed (only RS256)';
  if (e instanceof joseErrors.JWTClaimValidationFailed) return `The session token claim '${e.claim}' is invalid`;
  return 'The session token is malformed';
}
