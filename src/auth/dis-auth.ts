/**
 * Authentication of DIS calls (/20200430/...), in two hooks:
 *   onRequest      parse the Authorization signature, check the signed headers
 *                  and the date (real time, not the simulated clock)
 *   preValidation  once the body is read: its x-content-sha256, then the RSA
 *                  signature against the registered key
 * Unsigned requests are rejected in every mode. A well-formed signature from
 * an unregistered key is accepted (and logged) unless --strict-auth is on.
 * A session-token keyId (ST$<token>, resource principals) is verified in
 * every mode: the token must be one the emulator issued and still valid, and
 * the request must be signed with the session key inside it.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { unauthenticated } from '../core/errors';
import { checkBodyHash, checkSignedHeaders, parseAuthorization, verifySignature, type ParsedSignature, type SignedRequest } from './oci-signature';
import { SessionTokens } from './session-tokens';

interface DisAuthState {
  sig: ParsedSignature;
  signing: string;
}

const STATE = Symbol('disAuth');
type WithState = FastifyRequest & { [STATE]?: DisAuthState };

function signedRequest(request: FastifyRequest): SignedRequest {
  return { method: request.method, url: request.raw.url ?? request.url, headers: request.headers };
}

export function registerDisAuth(app: FastifyInstance): void {
  const { config, clock } = app.ctx;
  const keys = app.stores.dis.keys;
  const sessions = new SessionTokens(clock);

  // Callback-style hooks: every DIS request passes both, and an async hook
  // costs a promise and a microtask turn each.
  app.addHook('onRequest', (request, _reply, done) => {
    try {
      const sig = parseAuthorization(request.headers.authorization);
      const signing = checkSignedHeaders(signedRequest(request), sig, clock.wallNow(), config.signatureSkewSeconds);
      (request as WithState)[STATE] = { sig, signing };
    } catch (e) {
      return done(e as Error);
    }
    done();
  });

  /** A session-token signature (resource principals): the token is checked asynchronously. */
  const verifySession = async (request: FastifyRequest, sig: ParsedSignature, signing: string): Promise<void> => {
    const principal = await sessions.verify(sig.keyId.slice(3));
    if (!verifySignature(signing, sig.signature, principal.key)) {
      request.log.debug({ resourceId: principal.resourceId, signingString: signing }, 'DIS: session-key signature verification failed; this is the signing string the emulator built');
      throw unauthenticated(`The signature does not verify with the session key of the token for ${principal.resourceId}: sign with the private key whose public half the token carries (OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM), over the signed headers (${sig.headers.join(' ')})`);
    }
    request.caller = { name: principal.resourceId, kind: 'client' };
  };

  /** A signature by an API key (registered, or accepted unverified unless --strict-auth). */
  const verifyApiKey = (request: FastifyRequest, sig: ParsedSignature, signing: string): void => {
    const found = sig.fingerprint ? keys.keyObject(sig.fingerprint) : null;
    if (!found) {
      const what = `fingerprint ${sig.fingerprint}`;
      if (config.strictAuth) {
        throw unauthenticated(`No API key with ${what} is registered, and --strict-auth rejects unknown keys: register the public key with POST /_emulator/dis/api-keys`);
      }
      const seen = keys.reportedUnknown.has(sig.keyId);
      keys.reportedUnknown.add(sig.keyId);
      request.log[seen ? 'debug' : 'info']({ keyId: sig.keyId }, `DIS: accepting a well-formed signature from an unregistered key (${what}) without verifying it; --strict-auth would reject it`);
    } else {
      const { record, key } = found;
      if (record.tenancyId && sig.tenancyId !== record.tenancyId) {
        throw unauthenticated(`keyId tenancy '${sig.tenancyId}' does not match the tenancy '${record.tenancyId}' registered for key ${record.fingerprint}`);
      }
      if (record.userId && sig.userId !== record.userId) {
        throw unauthenticated(`keyId user '${sig.userId}' does not match the user '${record.userId}' registered for key ${record.fingerprint}`);
      }
      if (!verifySignature(signing, sig.signature, key)) {
        request.log.debug({ keyId: sig.keyId, signingString: signing }, 'DIS: signature verification failed; this is the signing string the emulator built');
        throw unauthenticated(`The signature does not verify with the registered key ${record.fingerprint}: the signed headers (${sig.headers.join(' ')}) or their values differ from what was signed (the emulator's signing string is in its debug log)`);
      }
    }
    request.caller = { name: sig.userId ?? sig.keyId, kind: 'user' };
  };

  app.addHook('preValidation', (request, _reply, done) => {
    const state = (request as WithState)[STATE];
    if (!state) return done(unauthenticated('The request signature was not checked'));
    const { sig, signing } = state;
    try {
      checkBodyHash(signedRequest(request), request.rawBody);
      if (sig.keyId.startsWith('ST$')) {
        verifySession(request, sig, signing).then(() => done(), done);
        return;
      }
      verifyApiKey(request, sig, signing);
    } catch (e) {
      return done(e as Error);
    }
    done();
  });
}
