/**
 * The control plane's place in the request pipeline, installed at the root of
 * the app (before any API plugin):
 *   onRequest   fault rules: add latency, or answer at once with an error in
 *               the API's own format (before auth and rate limiting, like an
 *               outage in front of the real service)
 *   onSend      note the vendor error code of error responses (for the journal)
 *   onResponse  record the request in the journal, secrets masked
 * /_emulator/* itself is never faulted or journaled, so a test can always
 * remove a fault and read the journal (nor are /docs and /openapi).
 */
import { STATUS_CODES } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, STATUS_OF, type ErrorKind } from '../../core/errors';
import { ControlPlane } from '../../control/control-plane';
import type { FaultApi, FaultRule } from '../../control/faults';
import { LazyEntry, type JournalEntry } from '../../control/journal';
import { maskForm, maskHeader, maskLooseText, maskValue } from '../../control/mask';
import { OIC_ERRORS, sendProblem } from '../oic/problem';
import { sendOciError } from '../dis/oci-error';
import type { RateWindows } from '../oic/rate-limit';
import { FixtureSet, type FixtureDeps } from '../../control/fixtures';
import type { OicRuntimeFixtures } from '../../control/fixtures/oic';
import type { Runtime } from '../../sim/runtime';
import type { Clock } from '../../core/clock';
import { wireDomainFaults, wireOicDomainFaults } from '../../control/domain-faults';

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

/** Largest body excerpt kept per journal entry (characters). */
export const BODY_EXCERPT = 4096;

export type PathApi = FaultApi | 'other';

export function apiOfPath(path: string): PathApi {
  if (path.startsWith('/ic/api/') || path === '/ic/api') return 'oic';
  if (path.startsWith('/20200430/') || path === '/20200430') return 'dis';
  // The OCI Integration control plane: OCI-signed, OCI error bodies, like DIS.
  if (path.startsWith('/20190131/') || path === '/20190131') return 'integration';
  if (path.startsWith('/oauth2/') || path.startsWith('/admin/v1/') || path.startsWith('/.well-known/')) return 'idcs';
  return 'other';
}

/** Developer routes and documentation (Swagger UI, the specs): never faulted, never journaled. */
function isControlPath(path: string): boolean {
  return path.startsWith('/_emulator') || path === '/docs' || path.startsWith('/docs/') || path.startsWith('/openapi/');
}

export function installControlPlane(app: FastifyInstance, rateWindows: RateWindows): ControlPlane {
  const control = new ControlPlane(app.ctx, { rateWindows, identities: app.identities, instances: app.instances });
  app.decorate('control', control);
  wireDomainFaults(app.stores, control.faults, app.stores.runtime.outcomes);
  // Further OIC service instances get the same OIC fault rules (their DIS is the app's, wired above).
  app.instances.eachInstance((inst) => {
    if (inst !== app.instances.default) wireOicDomainFaults(inst, control.faults, inst.runtime.outcomes);
  });

  // Fixtures are read and written once everything is registered; a bad one fails start-up.
  app.addHook('onReady', async () => {
    const dir = app.ctx.config.fixtures;
    const set = dir ? FixtureSet.load(dir, fixtureDeps(app)) : null;
    const objects = control.start(set);
    if (dir) app.log.info({ fixtures: dir, files: set!.files.length, objects }, 'fixtures loaded');
    const snapshot = app.ctx.config.snapshot;
    if (snapshot) {
      const meta = control.loadSnapshotFile(snapshot);
      app.log.info({ snapshot, name: meta.name, rows: meta.rows }, 'snapshot file restored');
    }
  });

  // Callback-style hooks (every request passes them; no promise unless a fault adds latency).
  app.addHook('onRequest', (request, reply, done) => {
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
  });

  app.addHook('onSend', (request, reply, payload, done) => {
    if (reply.statusCode >= 400 && request.journalSeq !== undefined && typeof payload === 'string' && payload.length < 65536) {
      try {
        const body = JSON.parse(payload);
        const code = body?.['o:errorCode'] ?? body?.code ?? body?.error;
        if (typeof code === 'string') request.errorCode = code;
      } catch { /* not JSON */ }
    }
    done(null, payload);
  });

  app.addHook('onResponse', (request, reply, done) => {
    if (request.journalSeq !== undefined) control.journal.record(journalEntry(app, request, reply));
    done();
  });

  return control;
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
    // OAuth 2.0 clients parse {"error","error_description"} (RFC 6749 5.2).
    const error = rule.code ?? (status === 503 ? 'temporarily_unavailable' : status >= 500 ? 'server_error' : status === 401 ? 'invalid_client' : 'invalid_request');
    reply.code(status).type('application/json').send({ error, error_description: message });
    return;
  }
  const known = OIC_ERRORS[status];
  const oci = api === 'dis' || api === 'integration';
  const err = new ApiError(kindOf(status), message, {
    status,
    retryAfter: rule.retryAfter,
    code: rule.code ?? (oci ? undefined : known ? undefined : `OIC-${status}001`),
    title: oci || known ? undefined : reason,
  });
  if (oci) sendOciError(err, request, reply);
  else sendProblem(err, request, reply);
}

/** Bodies up to this size are kept as they came until the entry is read; larger ones are excerpted at once. */
const KEEP_RAW_BODY = 16384;

/**
 * What the journal keeps of a finished request until GET /_emulator/requests
 * reads it: values and references that no longer change, in one object of a
 * fixed shape; masking and formatting happen in build(). Kept small on
 * purpose: the last 1,000 of these stay alive, so each one survives the young
 * generation and is copied by the GC; a closure with its context, a body
 * wrapper and an empty query object per entry would cost ~2 µs per request.
 */
class FinishedRequest extends LazyEntry {
  constructor(
    private readonly seq: number,
    private readonly arrivedAt: number,
    private readonly clockTime: number,
    private readonly elapsed: number,
    private readonly method: string,
    private readonly url: string,
    private readonly rawHeaders: FastifyRequest['headers'],
    /** null: the URL has no query string. */
    private readonly query: object | null,
    private readonly status: number,
    private readonly caller: string | null,
    private readonly requestId: string,
    private readonly bodyBytes: number,
    /** The raw body bytes or else the parsed body (bodyExcerpt prefers the bytes); both undefined when excerpted at once. */
    private readonly rawBody: Buffer | undefined,
    private readonly parsedBody: unknown,
    private readonly excerpt: { text: string | null; truncated: boolean } | null,
    private readonly errorCode: string | null,
  ) {
    super();
  }

  build(): JournalEntry {
    const [path] = this.url.split('?');
    const contentType = contentTypeOf(this.rawHeaders);
    const { text, truncated } = this.excerpt ?? bodyExcerpt({ rawBody: this.rawBody, body: this.parsedBody }, contentType, this.bodyBytes);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(this.rawHeaders)) {
      if (v === undefined) continue;
      headers[k] = maskHeader(k, Array.isArray(v) ? v.join(', ') : String(v));
    }
    return {
      seq: this.seq,
      time: new Date(this.arrivedAt).toISOString(),
      clockTime: new Date(this.clockTime).toISOString(),
      method: this.method,
      path,
      query: maskValue({ ...this.query }) as JournalEntry['query'],
      status: this.status,
      durationMs: Math.round(this.elapsed * 100) / 100,
      api: apiOfPath(path),
      caller: this.caller,
      requestId: this.requestId,
      headers,
      contentType,
      bodyBytes: this.bodyBytes,
      body: text,
      bodyTruncated: truncated,
      errorCode: this.errorCode,
    };
  }
}

function contentTypeOf(headers: FastifyRequest['headers']): string | null {
  return (headers['content-type'] ?? '').split(';')[0].trim().toLowerCase() || null;
}

function journalEntry(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply): FinishedRequest {
  const bodyBytes = request.rawBody?.length ?? Number(request.headers['content-length'] ?? 0);
  const excerpt = bodyBytes > KEEP_RAW_BODY ? bodyExcerpt(request, contentTypeOf(request.headers), bodyBytes) : null;
  const requestId = reply.getHeader('opc-request-id');
  const clock = app.ctx.clock;
  const elapsed = reply.elapsedTime;
  const url = request.url;
  return new FinishedRequest(
    request.journalSeq!,
    clock.wallNow() - elapsed,
    clock.now(),
    elapsed,
    request.method,
    url,
    request.headers,
    url.includes('?') ? (request.query as object) : null,
    reply.statusCode,
    request.caller?.name ?? null,
    typeof requestId === 'string' ? requestId : String(request.id),
    bodyBytes,
    excerpt ? undefined : request.rawBody,
    excerpt || request.rawBody ? undefined : request.body,
    excerpt,
    request.errorCode ?? null,
  );
}

type BodySource = { rawBody?: Buffer; body?: unknown };

function bodyExcerpt(request: BodySource, contentType: string | null, bytes: number): { text: string | null; truncated: boolean } {
  let text: string | null = null;
  if (contentType?.startsWith('multipart/')) {
    text = `(multipart/form-data, ${bytes} bytes)`;
  } else if (request.rawBody) {
    // The raw bytes, not request.body: validation may have filled in defaults the client never sent.
    const raw = request.rawBody.toString('utf8', 0, Math.min(request.rawBody.length, 262144));
    text = maskLooseText(raw);
    if (request.rawBody.length <= 262144) {
      try { text = JSON.stringify(maskValue(JSON.parse(raw))); } catch { /* not JSON: keep the loosely masked text */ }
    }
  } else if (contentType === 'application/x-www-form-urlencoded' && request.body && typeof request.body === 'object') {
    text = maskForm(new URLSearchParams(request.body as Record<string, string>).toString());
  } else if (typeof request.body === 'string') {
    text = maskLooseText(request.body);
  } else if (Buffer.isBuffer(request.body)) {
    text = `(${contentType ?? 'binary'}, ${request.body.length} bytes)`;
  } else if (request.body !== undefined && request.body !== null) {
    text = JSON.stringify(maskValue(request.body));
  }
  if (text === null) return { text: null, truncated: false };
  return text.length > BODY_EXCERPT ? { text: text.slice(0, BODY_EXCERPT), truncated: true } : { text, truncated: false };
}
