/**
 * The seed's client best practices, applied once to the whole OIC scope (so
 * every GET gets them, including the ones other route groups add later):
 *
 *   preSerialization  `fields` projection of the handler's object (project.ts
 *                     rules: lists keep their envelope, `links` always kept,
 *                     unknown names are a 400 OIC-400001 naming them)
 *   onSend            strong ETag of the exact bytes sent and
 *                     `Cache-Control: private, no-cache` (a client may keep
 *                     the response but must revalidate); `If-None-Match`
 *                     with the current tag answers 304 with no body
 *
 * Only successful GETs (and the HEADs Fastify derives from them) are
 * touched; writes and errors pass through unchanged. Hand-written rather
 * than @fastify/etag, which tags every method and status and only honours an
 * If-None-Match that is exactly the one tag.
 *
 * Must be installed on the OIC plugin before its route groups are
 * registered: child plugins inherit the hooks present when they load.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
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

const isRead = (request: FastifyRequest) => request.method === 'GET' || request.method === 'HEAD';

function requestedFields(request: FastifyRequest): string[] | undefined {
  return parseFields(queryParam(request, 'fields'));
}

export function installBestPractices(app: FastifyInstance): void {
  const spec = loadSpec('oic');
  const documented = (request: FastifyRequest) => documentedFields(spec, (request.routeOptions.config as { operationId?: string }).operationId);
  // Requests whose body was projected as an object (the usual case).
  const projected = new WeakSet<FastifyRequest>();

  app.addHook('preSerialization', (request, reply, payload, done) => {
    const fields = isRead(request) && reply.statusCode < 300 ? requestedFields(request) : undefined;
    if (!fields) return done(null, payload);
    projected.add(request);
    done(null, project(payload, fields, documented(request)));
  });

  // Callback style: every OIC response passes here; no promise per request.
  app.addHook('onSend', (request, reply, payload, done) => {
    if (!isRead(request) || reply.statusCode !== 200 || (typeof payload !== 'string' && !Buffer.isBuffer(payload))) return done(null, payload);
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
  });
}
