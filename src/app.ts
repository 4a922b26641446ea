/**
 * buildApp(config): the whole emulator as a Fastify instance, registered in
 * the order a request meets it. server.ts only listens; tests build a fresh
 * app per test with makeConfig().
 */
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import crypto from 'node:crypto';
import sjson from 'secure-json-parse';
import type { Config } from './config';
import { createContext } from './core/context';
import { Clock } from './core/clock';
import { badRequest } from './core/errors';
import { WriteBatcher } from './core/write-batcher';
import { makeValidatorCompiler } from './openapi/validation';
import { MAX_JSON_DEPTH, jsonErrorMessage, jsonTooDeep } from './openapi/json-body';
import { TokenService } from './auth/token-service';
import { Identities } from './auth/identities';
import { createStores } from './store';
import { createIntegrationStores } from './store/oci-integration';
import { InstanceRegistry } from './instances/registry';
import { RateWindows } from './routes/oic/rate-limit';
import { RouteIndex, errorByApi, notFoundHandler, trackRoutes } from './routes/not-found';
import idcsRoutes from './routes/idcs';
import oicApi from './routes/oic';
import disApi from './routes/dis';
import integrationApi from './routes/oci-integration';
import emulatorRoutes from './routes/emulator';
import docsRoutes from './routes/docs';
import { registerCors } from './routes/cors';
import { installControlPlane } from './routes/emulator/pipeline';
import { createLogger } from './control/logger';
import { maskUrl } from './control/mask';
import './fastify-types';

export interface BuildOptions {
  /** Inject a clock (tests); defaults to a real-time clock. */
  clock?: Clock;
}

const DISPLAY_NAME = Symbol.for('fastify.display-name');

/**
 * Fastify names every plugin it registers; for a function without a display
 * name it searches the whole require cache for a module exporting it, which
 * never matches our `export default` plugins and cost about a third of an
 * in-process start (40-odd plugins times several hundred modules). Giving each
 * plugin its function name first skips that search. Child instances inherit
 * `register` from the root, so one wrapper covers every nesting level.
 */
function nameEveryPlugin(app: FastifyInstance): void {
  const register = app.register;
  (app as { register: unknown }).register = function (this: FastifyInstance, plugin: unknown, opts?: unknown) {
    const fn = (plugin as { default?: unknown })?.default ?? plugin;
    if (typeof fn === 'function' && !(DISPLAY_NAME in fn)) Object.defineProperty(fn, DISPLAY_NAME, { value: fn.name || 'anonymous-plugin' });
    return (register as (p: unknown, o?: unknown) => unknown).call(this, plugin, opts);
  };
}

export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: createLogger(config),
    bodyLimit: config.maxPayload,
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    // One line per request (onResponse below) instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 1000 },
    // No load-time limit per plugin: avvio otherwise arms and clears a timer
    // for each of the ~400 routes (each is a plugin step), a measurable part
    // of building an app, to catch a plugin that never finishes loading,
    // which ours (all async functions) cannot do.
    pluginTimeout: 0,
    // Bad percent-encoding and over-long path parameters: the API's error format, not Fastify's.
    frameworkErrors: errorByApi,
  });

  nameEveryPlugin(app);

  // Responses written in one event-loop turn leave together (see write-batcher.ts).
  const writes = new WriteBatcher();
  writes.attach(app.server);
  app.decorate('writes', writes);

  // 1. State of this instance: context (db, clock, random), stores, identities.
  const ctx = createContext(config, options.clock);
  app.decorate('ctx', ctx);
  app.decorate('stores', createStores(ctx));
  // OIC service instances (the default one is the state above) and the OCI control plane that manages them.
  const instances = new InstanceRegistry(ctx, app.stores);
  app.decorate('instances', instances);
  app.decorate('integration', createIntegrationStores(ctx, instances));
  // With --db FILE, the instances the control plane made before a restart come back (their data is beside the file).
  for (const { name, state } of app.integration.instances.liveServices()) instances.setState(name, state);
  app.decorate('identities', new Identities(config));
  app.decorate('tokens', new TokenService(ctx.clock, config.issuer, config.tokenTtlSeconds));
  const rateWindows = new RateWindows(() => ctx.clock.wallNow());
  instances.onEmpty.push((name) => rateWindows.clearInstance(name));
  // Control plane (app.control): fault rules answer before anything else; the request journal records after.
  installControlPlane(app, rateWindows);
  app.addHook('onResponse', (request, reply, done) => {
    // The line's fields (a masked URL) are only worked out when it will be written.
    if ((request.log as import('pino').Logger).isLevelEnabled('info')) {
      request.log.info({ method: request.method, url: maskUrl(request.url), status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10, caller: request.caller?.name }, 'request');
    }
    done();
  });
  app.addHook('onClose', async () => {
    ctx.clock.close();
    instances.close();
    ctx.db.close();
  });

  // 2. Validation from the OpenAPI documents; JSON bodies kept raw for DIS body hashes.
  app.setValidatorCompiler(makeValidatorCompiler());
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const raw = body as Buffer;
    request.rawBody = raw;
    // An empty JSON body means "no body" (the OCI SDK sends one on deletes).
    if (raw.length === 0) return done(null, undefined);
    if (jsonTooDeep(raw)) return done(badRequest(`Malformed JSON body: nested deeper than ${MAX_JSON_DEPTH} levels`, { unparseable: true }), undefined);
    try {
      const parsed = sjson.parse(raw.toString('utf8'), undefined, { protoAction: 'error', constructorAction: 'error' });
      // A literal `null` would be indistinguishable from "no body" downstream
      // (Fastify uses null for that), so it is refused here, once, for every route.
      if (parsed === null) return done(badRequest('Request body is JSON null; send a JSON object (or leave the body out)'), undefined);
      done(null, parsed);
    } catch (e) {
      done(badRequest(`Malformed JSON body: ${jsonErrorMessage(e)}`, { unparseable: true }), undefined);
    }
  });

  // 3. Unknown routes and wrong methods, per API format.
  const routeIndex = new RouteIndex();
  app.decorate('routes', routeIndex);
  trackRoutes(app, routeIndex);
  app.setNotFoundHandler(notFoundHandler(routeIndex));
  app.setErrorHandler(errorByApi);

  // CORS for browser clients, before the APIs so its hook covers their routes (absent when off).
  await registerCors(app, config.corsOrigins);

  // 4. The APIs, each an encapsulated plugin with its own auth and error format.
  await app.register(idcsRoutes);
  await app.register(oicApi, { rateWindows });
  // DIS: its own signature auth, opc-request-id and OCI error format (routes carry /20200430 from the spec)
  await app.register(disApi);
  // The OCI Integration control plane (/20190131): same signatures and error format as DIS.
  await app.register(integrationApi);
  await app.register(emulatorRoutes, { rateWindows });
  await app.register(docsRoutes);

  return app;
}
