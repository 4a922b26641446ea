/**
 * The seed's client best practices, on every read route of the OIC scope
 * (src/pipeline.ts picks the GET and HEAD routes as they are added):
 *
 *   preSerialization  `fields` projection of the handler's object (project.ts
 *                     rules: lists keep their envelope, `links` always kept,
 *                     unknown names are a 400 OIC-400001 naming them)
 *   onSend            strong ETag of the exact bytes sent and
 *                     `Cache-Control: private, no-cache` (a client may keep
 *                     the response but must revalidate); `If-None-Match`
 *                     with the current tag answers 304 with no body
 *
 * Only successful answers are touched; errors pass through unchanged.
 * Hand-written rather than @fastify/etag, which tags every method and status
 * and only honours an If-None-Match that is exactly the one tag.
 */
import type { FastifyReply, FastifyRequest, preSerializationHookHandler, onSendHookHandler } from 'fastify';
import { loadSpec } from '../../../openapi/spec';
import { etagOf, ifNoneMatchHits } from '../../../oic/etag';
import type { CachedView } from '../../../oic/view-cache';
import { parseFields, project } from '../../../oic/projection';
import { documentedFields } from './documented-fields';
import { queryParam } from '../../../openapi/request-types';

const CACHE_CONTROL = 'private, no-cache';

declare module 'fastify' {
  interface FastifyRequest {
    /** A view sent as its cached JSON text: its ETag is known already. */
    cachedView?: CachedView;
  }
}

/**
 * Answer with a cached view (src/oic/view-cache.ts): the JSON text as is,
 * and the onSend hook below takes its known ETag instead of hashing again
 * (unless a `fields` projection changed the text).
 */
export function sendView(request: FastifyRequest, reply: FastifyReply, view: CachedView): string {
  request.cachedView = view;
  reply.type('application/json; charset=utf-8');
  return view.text;
}

function requestedFields(request: FastifyRequest): string[] | undefined {
  return parseFields(queryParam(request, 'fields'));
}

/** The hooks of read routes: `fields` projection (preSerialization), then ETag, Cache-Control and 304 (onSend). */
export function bestPractices(): { preSerialization: preSerializationHookHandler<unknown>; onSend: onSendHookHandler<unknown> } {
  const spec = loadSpec('oic');
  const documented = (request: FastifyRequest) => documentedFields(spec, (request.routeOptions.config as { operationId?: string }).operationId);
  // Requests whose body was projected as an object (the usual case).
  const projected = new WeakSet<FastifyRequest>();

  const preSerialization: preSerializationHookHandler<unknown> = function projectFields(request, reply, payload, done) {
    const fields = reply.statusCode < 300 ? requestedFields(request) : undefined;
    if (!fields) return done(null, payload);
    projected.add(request);
    done(null, project(payload, fields, documented(request)));
  };

  // Callback style: every OIC read passes here; no promise per request.
  const onSend: onSendHookHandler<unknown> = function tagAndCache(request, reply, payload, done) {
    if (reply.statusCode !== 200 || (typeof payload !== 'string' && !Buffer.isBuffer(payload))) return done(null, payload);
    let body: string | Buffer = payload;
    // A handler that sent JSON text rather than an object: project it here
    // (fields parsed only if preSerialization has not projected already).
    const fields = typeof body === 'string' && !projected.has(request) ? requestedFields(request) : undefined;
    if (fields && /^application\/(?:[\w.+-]*\+)?json/.test(String(reply.getHeader('content-type') ?? ''))) {
      body = JSON.stringify(project(JSON.parse(body as string), fields, documented(request)));
    }
    const known = request.cachedView;
    const tag = known !== undefined && known.text === body ? known.etag : etagOf(body);
    reply.header('etag', tag);
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', CACHE_CONTROL);
    if (!ifNoneMatchHits(request.headers['if-none-match'], tag)) return done(null, body);
    reply.code(304);
    reply.removeHeader('content-type');
    // No body. HEAD keeps the text only so that Fastify's HEAD step (which
    // runs after this hook and never sends a body) can state its length.
    done(null, request.method === 'HEAD' ? body : null);
  };
  return { preSerialization, onSend };
}
