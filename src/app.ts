/**
 * buildApp(config): the whole emulator as a Fastify instance: its state,
 * then the request pipeline (src/pipeline.ts, every hook in the order a
 * request meets it). server.ts only listens; tests build a fresh app per
 * test with makeConfig().
 */
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import crypto from 'node:crypto';
import type { Config } from './config';
import { createContext } from './core/context';
import { Clock } from './core/clock';
import { WriteBatcher } from './core/write-batcher';
import { TokenService } from './auth/token-service';
import { Identities } from './auth/identities';
import { openDatabase } from './store/db';
import { createInstanceState } from './instances/state';
import { createIntegrationStores } from './store/oci-integration';
import { InstanceRegistry } from './instances/registry';
import { RateWindows } from './routes/oic/rate-limit';
import { errorByApi } from './routes/not-found';
import { createControlPlane } from './routes/emulator/control-hooks';
import { registerPipeline } from './pipeline';
import { createLogger } from './control/logger';
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
    // One line per request (logRequest, src/pipeline.ts) instead of Fastify's two.
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
  const ctx = createContext(config, openDatabase(config.db), options.clock, (msg, err) => app.log.error({ err }, msg));
  app.decorate('ctx', ctx);
  app.decorate('stores', createInstanceState(ctx));
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
  // The control plane (app.control): fault rules, journal, fixtures, snapshots, resets.
  app.decorate('control', createControlPlane(app, rateWindows));
  app.addHook('onClose', async () => {
    ctx.clock.close();
    instances.close();
    ctx.db.close();
  });

  // 2. The request pipeline, every hook of every API in the order a request meets them.
  await registerPipeline(app, { rateWindows });

  return app;
}
