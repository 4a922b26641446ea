/**
 * The OIC API (/ic/api/...). Request flow, in order:
 *   onRequest   identify the caller (Bearer JWT or declared Basic user)
 *   onRequest   rate limit per caller (@fastify/rate-limit), headers on every reply
 *   preParsing  reject unauthenticated calls (401 OIC-401001), before reading the body
 *   (parse, validate against openapi/oic.yaml, handler -> store)
 *   errors      every failure as the seed's problem JSON (problem.ts)
 */
import type { FastifyInstance } from 'fastify';
import { authenticationError, identifyOicCaller } from '../../auth/oic-auth';
import { registerOicRateLimit, type RateWindows } from './rate-limit';
import { sendProblem } from './problem';
import multipart from '@fastify/multipart';
import integrationRoutes from './integrations';
import archiveRoutes from './archive';
import connectionRoutes from './connections';
import projectRoutes from './projects';
import lookupRoutes from './lookups';
import scheduleRoutes from './schedules';
import monitoringRoutes from './monitoring';
import flowRoutes from './flows';
import bulkRoutes from './bulk';
import { installBestPractices } from './best-practices';
import realOicRoutes, { installAudit, integrationInstanceError } from './real';
import { installInstanceSelection } from '../../instances/select';

export interface OicOptions {
  rateWindows: RateWindows;
}

/**
 * Writes that cannot give the runtime anything new to do: after them the
 * clock only catches up with the wall clock (runs what is already due, if
 * anything is) instead of re-planning, which asks every ticker (~4 µs, a tenth
 * of a create; bench/). A created integration is always CONFIGURED, and
 * connections, lookups and projects carry no schedules or runs. Deletes are
 * not listed only because they are rare: removing due work never needs a
 * re-plan.
 */
export const NO_RUNTIME_EFFECT = new Set([
  'createIntegration', 'createConnection', 'updateConnection', 'realUpdateConnection', 'testConnection',
  'createLookup', 'updateLookup', 'realImportLookup', 'realReplaceLookup', 'createProject', 'updateProject',
]);

export default async function oicApi(app: FastifyInstance, opts: OicOptions): Promise<void> {
  app.setErrorHandler(sendProblem);
  // The service instance of the request (its integrationInstance), chosen once: request.oic.
  installInstanceSelection(app);
  // Callback-style hooks: no promise per request unless there is async work (see oic-auth.ts).
  app.addHook('onRequest', (request, _reply, done) => {
    const verifying = identifyOicCaller(request, app.tokens, app.identities);
    if (verifying === undefined) done();
    else verifying.then(() => done(), done);
  });
  await registerOicRateLimit(app, opts.rateWindows, app.ctx.config.rateLimit);
  // Unauthenticated calls are refused here; then a bad `integrationInstance`
  // (unknown in strict mode, stopped, malformed).
  app.addHook('preParsing', (request, reply, payload, done) => {
    const error = authenticationError(request, reply) ?? integrationInstanceError(request);
    if (error) done(error);
    else done(null, payload);
  });

  // Runtime: added before the routes so that it applies to all of them.
  // A write (activation, deactivation, ...) may change what the runtime has
  // due: let the clock re-plan (in real mode it also runs what is due now).
  app.addHook('onResponse', (request, reply, done) => {
    if (request.method !== 'GET' && request.method !== 'HEAD' && reply.statusCode < 400) {
      if (NO_RUNTIME_EFFECT.has(request.routeOptions.config.operationId as string)) app.ctx.clock.catchUp();
      else app.stores.runtime.poke();
    }
    done();
  });
  // The audit trail of design-time changes (GET /monitoring/auditRecords), recorded from one hook.
  installAudit(app);
  // Best practices: `fields` projections, ETag/304 and Cache-Control
  // on every GET; before the route groups so that all of them inherit it.
  installBestPractices(app);
  // Resource groups (one plugin each).
  // .iar uploads: a file over the payload limit is a 413; at most a few files per request.
  // Plain fields are ignored by every upload route but were kept in memory until the request
  // ended (up to 1000 parts of 1 MB each, whatever the payload limit): bounded to a few small ones.
  await app.register(multipart, { limits: { fileSize: app.ctx.config.maxPayload, files: 10, fields: 20, fieldSize: 64 * 1024, parts: 40 } });
  await app.register(integrationRoutes);
  await app.register(archiveRoutes);
  await app.register(connectionRoutes);
  await app.register(projectRoutes);
  await app.register(lookupRoutes);
  // Runtime: schedules, REST triggers, monitoring.
  await app.register(scheduleRoutes);
  await app.register(flowRoutes);
  await app.register(monitoringRoutes);
  // Bulk operations.
  await app.register(bulkRoutes);
  // Real Oracle Integration 3 paths and verbs, on the same state;
  // where path and verb are the same, the seed's route above answers in the request's dialect.
  await app.register(realOicRoutes);
}
