/**
 * The request pipeline, in the order a request meets it: every hook of every
 * API is installed here, one call per step. The hook functions live beside
 * what they serve (auth/, control/, routes/<api>/); the route groups register
 * only routes.
 *
 *   every request   fault rules -> CORS -> (parse) -> ... -> journal code, journal, log line
 *   IDCS /oauth2    token endpoint; OAuth error bodies
 *   OIC /ic/api     instance -> caller -> rate limit -> 401 -> (validate, handler)
 *                   -> projection, ETag (reads) / audit, runtime (writes); problem JSON
 *   DIS /20200430   signature headers -> body hash and signature -> (validate,
 *                   handler -> view in the SDK model's shape) -> opc-request-id; OCI error bodies
 *   OCI /20190131   as DIS (its views are plain records)
 *   /_emulator      the developer routes; problem JSON
 *
 * Fastify runs the hooks of a phase from the outer scope in: the root's
 * before an API's, an API's before a route's own.
 */
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import { identifyCaller, refuseUnauthenticated } from './auth/oic-auth';
import { ociSignatureAuth } from './auth/dis-auth';
import { logRequest } from './control/logger';
import { selectInstance, instanceError } from './instances/select';
import { makeValidatorCompiler } from './openapi/validation';
import { registerCors } from './routes/cors';
import { parseJsonBody } from './routes/json-body-parser';
import { RouteIndex, errorByApi, notFoundHandler, trackRoutes } from './routes/not-found';
import { hookRoutes, isRead, isWrite } from './routes/route-hooks';
import { injectFaults, loadFixtures, noteErrorCode, recordInJournal } from './routes/emulator/control-hooks';
import { sendOAuthError } from './routes/idcs/oauth-error';
import { sendProblem } from './routes/oic/problem';
import { registerOicRateLimit, type RateWindows } from './routes/oic/rate-limit';
import { bestPractices } from './routes/oic/best-practices';
import { isAudited, recordAudit } from './routes/oic/real/audit-hook';
import { replanRuntime } from './routes/oic/runtime-hook';
import { UploadRoutes } from './routes/oic/upload';
import { echoRequestId, sendOciError } from './routes/dis/oci-error';
import idcsRoutes from './routes/idcs';
import oicApi from './routes/oic';
import disApi from './routes/dis';
import integrationApi from './routes/oci-integration';
import emulatorRoutes from './routes/emulator';
import docsRoutes from './routes/docs';

export interface PipelineOptions {
  rateWindows: RateWindows;
}

export async function registerPipeline(app: FastifyInstance, { rateWindows }: PipelineOptions): Promise<void> {
  // Start-up: fixtures and the snapshot file, once every route is registered (a bad one fails start-up).
  app.addHook('onReady', loadFixtures(app));

  // ---- Every request ----------------------------------------------------
  // 1. Control plane: fault rules add latency or answer at once, in the API's format; the journal numbers the request.
  app.addHook('onRequest', injectFaults(app.control));
  // 2. Parse: JSON bodies kept raw (DIS body hashes), bounded and poisoning-safe; validation against openapi/*.yaml.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, parseJsonBody);
  app.setValidatorCompiler(makeValidatorCompiler());
  // 3. Journal: the vendor error code of an error answer.
  app.addHook('onSend', noteErrorCode);
  // 4. Journal: the finished request (secrets masked when read), then the one log line.
  app.addHook('onResponse', recordInJournal(app));
  app.addHook('onResponse', logRequest);
  // Unknown routes, wrong methods, and errors outside every API: in the format of the path's API (core/api-of-path.ts).
  const routeIndex = new RouteIndex();
  app.decorate('routes', routeIndex);
  app.addHook('onRoute', trackRoutes(routeIndex));
  app.setNotFoundHandler(notFoundHandler(routeIndex));
  app.setErrorHandler(errorByApi);
  // CORS for browser clients (an onRequest hook after the fault rules; absent when off).
  await registerCors(app, config(app).corsOrigins);

  // ---- IDCS (/oauth2, /admin/v1, /.well-known): the token endpoint ----------
  await app.register(async function idcsScope(api) {
    // Errors: OAuth 2.0 {"error","error_description"}; form bodies parsed by the token route's scope.
    api.setErrorHandler(sendOAuthError);
    await api.register(idcsRoutes);
  });

  // ---- OIC (/ic/api) ----------------------------------------------------
  await app.register(async function oicScope(api) {
    // Errors: the seed's problem JSON, or Oracle's error body for a request in Oracle's dialect.
    api.setErrorHandler(sendProblem);
    // 1. Service instance of the request (?integrationInstance): request.oic.
    api.decorateRequest('oic', null as unknown as FastifyRequest['oic']);
    api.addHook('onRequest', selectInstance(app.instances));
    // 2. Caller: Bearer JWT or a declared Basic user (rejected only at step 4).
    api.addHook('onRequest', identifyCaller(app.tokens, app.identities));
    // 3. Rate limit per caller and instance: an onRequest hook per route, and the reset time on every answer (onSend).
    await registerOicRateLimit(api, rateWindows, config(app).rateLimit);
    // 4. 401 for an unidentified caller, then a bad integrationInstance, before the body is read.
    api.addHook('preParsing', refuseUnauthenticated(instanceError));
    // 5. Multipart bodies: only the upload scope parses them; elsewhere a stand-in leaves the 415 to the route's body check.
    api.addContentTypeParser('multipart/form-data', (_request, _payload, done) => done(null));
    api.decorate('uploads', new UploadRoutes());
    // (validation, handler -> store)
    // 6. Reads: `fields` projection, then ETag, Cache-Control and 304 on If-None-Match.
    hookRoutes(api, isRead, bestPractices());
    // 7. Writes: the audit trail of design-time changes (the audited operations only), then the runtime re-plans.
    hookRoutes(api, isAudited, { onSend: recordAudit() });
    hookRoutes(api, isWrite, { onResponse: replanRuntime(app) });
    // The route groups, then their upload routes in the one scope with @fastify/multipart (its hooks run there only).
    await api.register(oicApi);
    await api.register(api.uploads.scope(config(app).maxPayload));
  });

  // ---- DIS (/20200430) and the OCI Integration control plane (/20190131) --
  await app.register(ociScope(app, disApi));
  await app.register(ociScope(app, integrationApi));

  // ---- Developer routes (/_emulator) and the served specs (/docs, /openapi): problem JSON --
  await app.register(async function emulatorScope(api) {
    api.setErrorHandler(sendProblem);
    // (The clock and runtime groups turn shorthand bodies into objects in their own preValidation hooks.)
    await api.register(emulatorRoutes);
    await api.register(docsRoutes);
  });
}

const config = (app: FastifyInstance) => app.ctx.config;

/** The scope of an OCI-signed API: the same steps for DIS and the Integration control plane. */
function ociScope(app: FastifyInstance, routes: FastifyPluginAsync): FastifyPluginAsync {
  return async function ociScope(api) {
    // Errors: OCI's {"code","message"} with opc-request-id.
    api.setErrorHandler(sendOciError);
    // 1. OCI signature: headers, signed header list and date skew (onRequest); body hash and RSA signature (preValidation).
    const auth = ociSignatureAuth(app);
    api.addHook('onRequest', auth.onRequest);
    api.addHook('preValidation', auth.preValidation);
    // (DIS handlers answer through their views, src/routes/dis/views/: the SDK model's shape, `fields` and `expandReferences`.)
    // 2. opc-request-id on every answer, echoed or made up.
    api.addHook('onSend', echoRequestId);
    await api.register(routes);
  };
}
