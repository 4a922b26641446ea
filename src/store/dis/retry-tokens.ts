/**
 * opc-retry-token idempotency. The first successful answer to a request with a
 * token is kept for 24 hours (clock time); the same request with the same
 * token gets that answer again and changes nothing, while a different request
 * (other path or body) with the token is a 409. Failed requests keep nothing.
 */
import type { AppContext } from '../../core/context';
import { conflict } from '../../core/errors';

export interface StoredReply {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export const RETRY_TOKEN_TTL_MS = 24 * 3600 * 1000;

export class DisRetryTokens {
  private readonly sql;

  /** `table`: the OCI Integration control plane keeps its tokens apart (oci_int_retry_tokens, same columns). */
  constructor(private readonly ctx: AppContext, table: 'dis_retry_tokens' | 'oci_int_retry_tokens' = 'dis_retry_tokens') {
    const db = ctx.db;
    this.sql = {
      get: db.prepare(`SELECT * FROM ${table} WHERE token = ?`),
      remove: db.prepare(`DELETE FROM ${table} WHERE token = ?`),
      insert: db.prepare(`INSERT INTO ${table} (token, request_hash, request_line, status, headers, body, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)`),
    };
  }

  /** Run `fn` once per token; `requestHash` identifies the request (method, path, body). */
  run(token: string, requestHash: string, requestLine: string, fn: () => StoredReply): StoredReply & { replayed: boolean } {
    return this.ctx.db.transaction(() => {
      const now = this.ctx.clock.now();
      const row = this.sql.get.get(token) as { request_hash: string; request_line: string; status: number; headers: string; body: string | null; expires_at: number } | undefined;
      if (row && row.expires_at > now) {
        if (row.request_hash !== requestHash) {
          throw conflict(`opc-retry-token '${token}' was already used for a different request (${row.request_line}); a retried request must be identical, and a new request needs a new token`);
        }
        return { status: row.status, headers: JSON.parse(row.headers), body: row.body === null ? undefined : JSON.parse(row.body), replayed: true };
      }
      if (row) this.sql.remove.run(token);
      const reply = fn();
      this.sql.insert.run(token, requestHash, requestLine, reply.status, JSON.stringify(reply.headers), reply.body === undefined ? null : JSON.stringify(reply.body), now + RETRY_TOKEN_TTL_MS);
      return { ...reply, replayed: false };
    })();
  }
}
