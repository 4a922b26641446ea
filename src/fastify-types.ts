/** Decorators this app adds to Fastify's types. */
import type { WriteBatcher } from './core/write-batcher';
import type { AppContext } from './core/context';
import type { ApiError } from './core/errors';
import type { Caller, TokenService } from './auth/token-service';
import type { Identities } from './auth/identities';
import type { InstanceState } from './sim/state';
import type { RouteIndex } from './routes/not-found';
import type { InstanceRegistry } from './instances/registry';
import type { OicInstance } from './instances/oic-instance';
import type { IntegrationStores } from './store/oci-integration';

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
    stores: InstanceState;
    /** The OIC service instances, by name (src/instances/registry.ts). */
    instances: InstanceRegistry;
    /** The OCI Integration control plane's stores (/20190131). */
    integration: IntegrationStores;
    tokens: TokenService;
    identities: Identities;
    /** Every registered route (method, url, operationId). */
    routes: RouteIndex;
    /** Batches the socket writes of each event-loop turn (src/core/write-batcher.ts). */
    writes: WriteBatcher;
  }
  interface FastifyRequest {
    /** The authenticated caller (OIC: token subject or Basic user; DIS: key owner). */
    caller?: Caller;
    /** Set by identification when credentials are missing or bad; thrown after rate limiting. */
    authError?: ApiError;
    /** OIC scope: the service instance this request works on (its integrationInstance), chosen once on arrival. */
    oic: OicInstance;
    /** The exact request body bytes (JSON requests), for DIS body-hash checks and the journal. */
    rawBody?: Buffer;
  }
  interface FastifyContextConfig {
    operationId?: string;
    api?: string;
  }
}

export {};
