/**
 * The journal's record of one finished request (GET /_emulator/requests):
 * what the onResponse hook keeps, and how it becomes a JournalEntry (secrets
 * masked, the body excerpted) only when the journal is read.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { apiOfPath } from '../../core/api-of-path';
import { LazyEntry, type JournalEntry } from '../../control/journal';
import { maskForm, maskHeader, maskLooseText, maskValue } from '../../control/mask';

/** Largest body excerpt kept per journal entry (characters). */
export const BODY_EXCERPT = 4096;

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

export function journalEntry(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply): FinishedRequest {
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
