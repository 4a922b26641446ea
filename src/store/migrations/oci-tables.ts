/**
 * The DDL every OCI API keeps the same way: its work requests
 * (src/store/work-request-table.ts reads them), a row per request whose
 * due_at is the next lifecycle step (clock ms) and its numbered log and error
 * entries; and its opc-retry-token answers (src/store/dis/retry-tokens.ts).
 * Each area's migration calls these with its table prefix; the text they
 * return is what those migrations shipped.
 */

/**
 * `owner`: the column lines between compartment_id and time_accepted (what
 * the request acts on, its action and status); `payloadDefault`: the
 * payload column's DEFAULT clause, if any.
 */
export function workRequestTables(prefix: string, owner: string[], payloadDefault = ''): string {
  const lines = (cols: string[]) => cols.map((c) => `        ${c},`).join('\n');
  return `CREATE TABLE ${prefix}_work_requests (
        id TEXT PRIMARY KEY,
        compartment_id TEXT NOT NULL,
${lines(owner)}
        time_accepted TEXT NOT NULL,
        due_at INTEGER,
        payload TEXT NOT NULL${payloadDefault},
        doc TEXT NOT NULL
      );
      CREATE INDEX ${prefix}_work_requests_compartment ON ${prefix}_work_requests (compartment_id);
      CREATE INDEX ${prefix}_work_requests_due ON ${prefix}_work_requests (due_at) WHERE due_at IS NOT NULL;

      CREATE TABLE ${prefix}_work_request_entries (
        work_request_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('log', 'error')),
        seq INTEGER NOT NULL,
        timestamp TEXT NOT NULL,
        code TEXT,
        message TEXT NOT NULL,
        PRIMARY KEY (work_request_id, kind, seq)
      );`;
}

/** opc-retry-token idempotency: the first answer is replayed for the same request. */
export function retryTokenTable(prefix: string): string {
  return `CREATE TABLE ${prefix}_retry_tokens (
        token TEXT PRIMARY KEY,
        request_hash TEXT NOT NULL,
        request_line TEXT NOT NULL,
        status INTEGER NOT NULL,
        headers TEXT NOT NULL,
        body TEXT,
        expires_at INTEGER NOT NULL
      );`;
}
