/**
 * CORS for browser clients (a single-page app calling the emulator from
 * another origin): @fastify/cors answers preflight OPTIONS requests and adds
 * the Access-Control-* headers, for the origins of --cors-origins. Off by
 * default and then not registered at all, so it costs nothing per request.
 */
import type { FastifyInstance } from 'fastify';
import cors from '@fastify/cors';
import { corsOriginList } from '../config';

/** Response headers a browser script may read (ETags for If-Match, paging and limits, ids). */
const EXPOSED = ['etag', 'location', 'retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'opc-request-id', 'opc-work-request-id', 'opc-next-page', 'opc-total-items', 'opc-retry-token'];

export async function registerCors(app: FastifyInstance, raw: string): Promise<void> {
  const origins = corsOriginList(raw);
  if (!origins.length) return;
  await app.register(cors, {
    origin: origins.includes('*') ? '*' : origins,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    // allowedHeaders left out: the preflight's Access-Control-Request-Headers are allowed
    // (Authorization, Content-Type, the OCI signing headers, opc-*).
    exposedHeaders: EXPOSED,
    maxAge: 600,
    strictPreflight: false,
  });
}
