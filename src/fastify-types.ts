/** Decorators this app adds to Fastify's types. */
import type { WriteBatcher } from './core/write-batcher';
import type { AppContext } from './core/context';
import type { ApiError } from './core/errors';
import type { Caller, TokenService } from './auth/token-service';
import type { Identities } from './auth/identities';
import type { Stores } from './store';
import type { RouteIndex } from './routes/not-found';
import type { ViewCache } from './oic/view-cache';

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
    stores: Stores;
    tokens: TokenService;
    identities: Identities;
    /** Every registered route (method, url, operationId). */
    routes: RouteIndex;
    /** OIC scope only: serialized single-resource views, valid while the database is unchanged. */
    views: ViewCache;
    /** Batches the socket writes of each event-loop turn (src/core/write-batcher.ts). */
    writes: WriteBatcher;
  }
  interface FastifyRequest {
    /** The authenticated caller (OIC: token subject or Basic user; DIS: key owner). */
    caller?: Caller;
    /** Set by identification when credentials are missing or bad; thrown after rate limiting. */
    authError?: ApiError;
    /** The exact request body bytes (JSON requests), for DIS body-hash checks and the journal. */
    rawBody?: Buffer;
  }
  interface FastifyContextConfig {
    operationId?: string;
    api?: string;
  }
}

export {};
