/**
 * The seed's "1000 requests per hour per user" limit, enforced by
 * @fastify/rate-limit with a small fixed-window store of our own: it can be
 * cleared by /_emulator/reset and it knows each window's exact end, which the
 * seed's X-RateLimit-Reset header wants as epoch seconds (the plugin itself
 * sends seconds-remaining).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { tooManyRequests } from '../../core/errors';

const HOUR_MS = 3600_000;

interface Window { current: number; startMs: number }

export class RateWindows {
  private windows = new Map<string, Window>();
  constructor(private readonly now: () => number, readonly windowMs = HOUR_MS) {}

  incr(key: string): { current: number; ttl: number } {
    const now = this.now();
    let w = this.windows.get(key);
    if (!w || w.startMs + this.windowMs <= now) {
      if (this.windows.size > 100_000) this.windows.clear();
      w = { current: 0, startMs: now };
      this.windows.set(key, w);
    }
    w.current++;
    return { current: w.current, ttl: w.startMs + this.windowMs - now };
  }

  /** Epoch seconds at which the key's window ends. */
  resetAt(key: string): number {
    const w = this.windows.get(key);
    return Math.ceil(((w?.startMs ?? this.now()) + this.windowMs) / 1000);
  }

  clear(): void {
    this.windows.clear();
  }

  /** Forget one service instance's windows (it was emptied or deleted). */
  clearInstance(name: string): void {
    const prefix = `${name}|`;
    for (const key of this.windows.keys()) if (key.startsWith(prefix)) this.windows.delete(key);
  }
}

declare module 'fastify' {
  interface FastifyRequest { rateKey?: string }
}

/** The rate-limit key: the authenticated caller, else the client IP; per service instance (the default one unprefixed). */
function keyOf(request: FastifyRequest): string {
  const who = request.caller ? `user:${request.caller.name}` : `ip:${request.ip}`;
  return request.oic && request.oic.origin !== 'default' ? `${request.oic.name}|${who}` : who;
}

export async function registerOicRateLimit(app: FastifyInstance, windows: RateWindows, max: number): Promise<void> {
  await app.register(rateLimit, {
    max,
    timeWindow: windows.windowMs,
    hook: 'onRequest',
    keyGenerator: (request) => (request.rateKey = keyOf(request)),
    store: class {
      incr(key: string, cb: (err: Error | null, res: { current: number; ttl: number }) => void) {
        cb(null, windows.incr(key));
      }
      child() {
        return this;
      }
    } as any,
    errorResponseBuilder: (request, context) => {
      const retryAfter = Math.ceil(context.ttl / 1000);
      const resetAt = new Date(windows.resetAt(request.rateKey ?? keyOf(request)) * 1000).toISOString();
      return tooManyRequests(
        `API rate limit of ${context.max} requests per hour per user exceeded (${request.caller ? `user '${request.caller.name}'` : `client ${request.ip}`}); ` +
          `the window resets at ${resetAt} (in ${retryAfter} s; Retry-After and X-RateLimit-Reset say the same). ` +
          'Start the emulator with --rate-limit N (or EMULATOR_RATE_LIMIT=N) to allow more; POST /_emulator/reset clears the windows',
        { retryAfter, extra: { limit: context.max, resetTime: resetAt } },
      );
    },
  });
  // The plugin sends seconds-remaining; the seed wants the window's end in epoch seconds.
  app.addHook('onSend', function rateLimitReset(request, reply, payload, done) {
    if (request.rateKey && reply.hasHeader('x-ratelimit-reset')) reply.header('x-ratelimit-reset', windows.resetAt(request.rateKey));
    done(null, payload);
  });
}
