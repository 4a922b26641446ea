/**
 * The JSON body parser of every API: the raw bytes are kept (request.rawBody,
 * for DIS body hashes and the journal), nesting is bounded and prototype
 * poisoning refused before parsing (src/openapi/json-body.ts), and an empty
 * body or a literal `null` are told apart once, here, for every route.
 */
import type { FastifyRequest } from 'fastify';
import sjson from 'secure-json-parse';
import { badRequest } from '../core/errors';
import { MAX_JSON_DEPTH, jsonErrorMessage, jsonTooDeep } from '../openapi/json-body';

export function parseJsonBody(request: FastifyRequest, body: string | Buffer, done: (err: Error | null, body?: unknown) => void): void {
  const raw = body as Buffer;
  request.rawBody = raw;
  // An empty JSON body means "no body" (the OCI SDK sends one on deletes).
  if (raw.length === 0) return done(null, undefined);
  if (jsonTooDeep(raw)) return done(badRequest(`Malformed JSON body: nested deeper than ${MAX_JSON_DEPTH} levels`, { unparseable: true }), undefined);
  try {
    const parsed = sjson.parse(raw.toString('utf8'), undefined, { protoAction: 'error', constructorAction: 'error' });
    // A literal `null` would be indistinguishable from "no body" downstream
    // (Fastify uses null for that), so it is refused here.
    if (parsed === null) return done(badRequest('Request body is JSON null; send a JSON object (or leave the body out)'), undefined);
    done(null, parsed);
  } catch (e) {
    done(badRequest(`Malformed JSON body: ${jsonErrorMessage(e)}`, { unparseable: true }), undefined);
  }
}
