/**
 * The control plane's hooks, each installed by src/pipeline.ts:
 *   onReady     fixtures and the snapshot file, once every route is registered
 *   onRequest   fault rules: add latency, or answer at once with an error in
 *               the API's own format (before auth and rate limiting, like an
 *               outage in front of the real service)
 *   onSend      note the vendor error code of error responses (for the journal)
 *   onResponse  record the request in the journal, secrets masked
 * /_emulator/* itself is never faulted or journaled, so a test can always
 * remove a fault and read the journal (nor are /docs and /openapi).
 */
import { STATUS_CODES } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler, onResponseHookHandler, onSendHookHandler } from 'fastify';
import { apiOfPath, isOciApi, type PathApi } from '../../core/api-of-path';
import { ApiError, STATUS_OF, type ErrorKind } from '../../core/errors';
import { ControlPlane } from '../../control/control-plane';
import type { FaultRule } from '../../control/faults';
import { OIC_ERRORS, sendProblem } from '../oic/problem';
import { sendOciError } from '../dis/oci-error';
import { OAuthError, oauthCodeOf, sendOAuthError } from '../idcs/oauth-error';
import type { RateWindows } from '../oic/rate-limit';
import { FixtureSet, type FixtureDeps } from '../../control/fixtures';
import type { OicRuntimeFixtures } from '../../control/fixtures/oic';
import type { Runtime } from '../../sim/runtime';
import type { Clock } from '../../core/clock';
import { wireDomainFaults, wireOicDomainFaults } from '../../control/domain-faults';
import { journalEntry } from './journal-entry';

declare module 'fastify' {
  interface FastifyInstance {
    control: ControlPlane;
  }
  interface FastifyRequest {
    /** Arrival order, for the journal. */
    journalSeq?: number;
    /** o:errorCode / OCI code / OAuth error of an error response. */
    errorCode?: string;
  }
}

/** Developer routes and documentation (Swagger UI, the specs): never faulted, never journaled. */
function isControlPath(path: string): boolean {
  return path.startsWith('/_emulator') || path === '/docs' || path.startsWith('/docs/') || path.startsWith('/openapi/');
}

/** The control plane of this app (app.control), its domain fault rules wired into the stores of every OIC instance and DIS. */
export function createControlPlane(app: FastifyInstance, rateWindows: RateWindows): ControlPlane {
  const control = new ControlPlane(app.ctx, { rateWindows, identities: app.identities, instances: app.instances });
  wireDomainFaults(app.stores, control.faults, app.stores.runtime.outcomes);
  // Further OIC service instances get the same OIC fault rules (their DIS is the app's, wired above).
  app.instances.eachInstance((inst) => {
    if (inst !== app.instances.default) wireOicDomainFaults(inst, control.faults, inst.runtime.outcomes);
  });
  return control;
}

/** onReady: fixtures are read and written once everything is registered; a bad one fails start-up. */
export function loadFixtures(app: FastifyInstance): () => Promise<void> {
  return async () => {
    const dir = app.ctx.config.fixtures;
    const set = dir ? FixtureSet.load(dir, fixtureDeps(app)) : null;
    const objects = app.control.start(set);
    if (dir) app.log.info({ fixtures: dir, files: set!.files.length, objects }, 'fixtures loaded');
    const snapshot = app.ctx.config.snapshot;
    if (snapshot) {
      const meta = app.control.loadSnapshotFile(snapshot);
      app.log.info({ snapshot, name: meta.name, rows: meta.rows }, 'snapshot file restored');
    }
  };
}

/**
 * onRequest: the fault rules. Callback style, as every request passes here:
 * no promise unless a fault adds latency.
 */
export function injectFaults(control: ControlPlane): onRequestHookHandler {
  return function injectFaults(request, reply, done) {
    const path = request.url.split('?')[0];
    if (isControlPath(path)) return done();
    if (control.journal.enabled) request.journalSeq = control.journal.nextSeq();
    const api = apiOfPath(path);
    const { latencyMs, error } = control.faults.matchRequest(request.method, request.url, api === 'other' ? null : api);
    const answer = () => {
      if (!error) return done();
      request.log.info({ fault: error.id }, 'fault injected');
      // The reply is sent: Fastify stops the hook chain there.
      sendFault(error, api, request, reply);
    };
    if (latencyMs > 0) setTimeout(answer, latencyMs);
    else answer();
  };
}

/** onSend: the vendor error code of an error answer that will be journaled. */
export const noteErrorCode: onSendHookHandler = function noteErrorCode(request, reply, payload, done) {
  if (reply.statusCode >= 400 && request.journalSeq !== undefined && typeof payload === 'string' && payload.length < 65536) {
    try {
      const body = JSON.parse(payload);
      const code = body?.['o:errorCode'] ?? body?.code ?? body?.error;
      if (typeof code === 'string') request.errorCode = code;
    } catch { /* not JSON */ }
  }
  done(null, payload);
};

/** onResponse: the request into the journal (secrets are masked when the journal is read). */
export function recordInJournal(app: FastifyInstance): onResponseHookHandler {
  return function recordInJournal(request, reply, done) {
    if (request.journalSeq !== undefined) app.control.journal.record(journalEntry(app, request, reply));
    done();
  };
}

/** What fixtures may do with an OIC runtime (the default instance's, or a named one's). */
function runtimeFixtures(runtime: Runtime, clock: Clock): OicRuntimeFixtures {
  return {
    createSchedule: (integrationId, body) => void runtime.createSchedule(integrationId, body as unknown as Parameters<typeof runtime.createSchedule>[1]),
    generateExecutions: (body) => runtime.generate(body as unknown as Parameters<typeof runtime.generate>[0]).generated,
    setOutcomes: (integrationId, body) => void runtime.setOutcomes(integrationId, body as Parameters<typeof runtime.setOutcomes>[1]),
    now: () => clock.now(),
  };
}

function fixtureDeps(app: FastifyInstance): FixtureDeps {
  return {
    ctx: app.ctx,
    stores: app.stores,
    instance: (name) => {
      const inst = app.instances.create(name, 'configured');
      return { ctx: inst.ctx, stores: inst, runtime: runtimeFixtures(inst.runtime, app.ctx.clock) };
    },
    identities: app.identities,
    caller: app.ctx.config.users[0]?.username ?? 'fixtures',
    runtime: runtimeFixtures(app.stores.runtime, app.ctx.clock),
  };
}

function kindOf(status: number): ErrorKind {
  const exact = (Object.keys(STATUS_OF) as ErrorKind[]).find((k) => STATUS_OF[k] === status);
  return exact ?? (status >= 500 ? 'internal' : 'badRequest');
}

/** Answer with the fault's error in the format of the API the path belongs to. */
function sendFault(rule: FaultRule, api: PathApi, request: FastifyRequest, reply: FastifyReply): void {
  const status = rule.status ?? 503;
  const reason = STATUS_CODES[status] ?? 'Error';
  const message = rule.message ?? `${reason} (injected by emulator fault ${rule.id})`;
  if (rule.retryAfter !== undefined) reply.header('retry-after', String(rule.retryAfter));
  if (api === 'idcs') {
    sendOAuthError(new OAuthError(status, rule.code ?? oauthCodeOf(status), message), request, reply);
    return;
  }
  const known = OIC_ERRORS[status];
  const oci = isOciApi(api);
  const err = new ApiError(kindOf(status), message, {
    status,
    retryAfter: rule.retryAfter,
    code: rule.code ?? (oci ? undefined : known ? undefined : `OIC-${status}001`),
    title: oci || known ? undefined : reason,
  });
  if (oci) sendOciError(err, request, reply);
  else sendProblem(err, request, reply);
}

