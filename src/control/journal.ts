/**
 * The request journal: the last N requests the emulator answered, so a test
 * can assert what its client actually sent. A fixed-size ring buffer (old
 * entries fall off, memory stays bounded), newest first when listed. Entries
 * are built by the HTTP layer (src/routes/emulator/journal-entry.ts) with secrets
 * already masked.
 */
import { globPattern, PatternError, type PathPattern } from './patterns';

export interface JournalEntry {
  /** Increasing number of the request since start-up (or the last clear). */
  seq: number;
  /** Wall-clock time the request arrived. */
  time: string;
  /** The emulator clock's time at the request (differs when the clock is frozen or advanced). */
  clockTime: string;
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  status: number;
  durationMs: number;
  /** Which API the path belongs to. */
  api: 'oic' | 'dis' | 'idcs' | 'integration' | 'other';
  /** Authenticated caller (OIC token subject or Basic user, DIS key owner), when known. */
  caller: string | null;
  requestId: string;
  /** Request headers, credentials masked. */
  headers: Record<string, string>;
  contentType: string | null;
  /** Size of the request body in bytes. */
  bodyBytes: number;
  /** The start of the body (masked), or a note for binary/multipart bodies; null without body. */
  body: string | null;
  bodyTruncated: boolean;
  /** The vendor error code of an error response (o:errorCode / OCI code), when there was one. */
  errorCode: string | null;
}

export interface JournalFilter {
  /** A glob (with * or **) or a path prefix. */
  path?: string;
  /** An exact status (404) or a class (4xx). */
  status?: string;
  method?: string;
  api?: string;
  limit?: number;
}

export class JournalFilterError extends Error {}

/**
 * What an entry is built from, kept until someone reads it: the HTTP layer
 * records these so that masking and formatting (most of a journal entry's
 * cost) are paid only for entries someone reads, not on every request
 * (~10-20 µs each).
 */
export abstract class LazyEntry {
  abstract build(): JournalEntry;
}

export type PendingEntry = JournalEntry | LazyEntry;

export class RequestJournal {
  private readonly ring: (PendingEntry | undefined)[];
  private next = 0;
  private count = 0;
  private seq = 0;

  constructor(readonly capacity: number) {
    this.ring = new Array(Math.max(capacity, 0));
  }

  get enabled(): boolean {
    return this.capacity > 0;
  }

  get size(): number {
    return this.count;
  }

  /** Next sequence number (taken when a request arrives, so the order is arrival order). */
  nextSeq(): number {
    return ++this.seq;
  }

  record(entry: PendingEntry): void {
    if (!this.enabled) return;
    this.ring[this.next] = entry;
    this.next = (this.next + 1) % this.capacity;
    if (this.count < this.capacity) this.count++;
  }

  /** Entries newest first, filtered. Throws JournalFilterError for a malformed filter. */
  list(filter: JournalFilter = {}): JournalEntry[] {
    const match = compileFilter(filter);
    const out: JournalEntry[] = [];
    for (let i = 1; i <= this.count; i++) {
      const at = (this.next - i + this.capacity) % this.capacity;
      let e: PendingEntry = this.ring[at]!;
      // Built once, on first read, then kept.
      if (e instanceof LazyEntry) this.ring[at] = e = e.build();
      if (match(e)) out.push(e);
    }
    // Requests finish out of arrival order (latency faults, slow handlers): newest = latest arrival.
    out.sort((a, b) => b.seq - a.seq);
    return filter.limit !== undefined ? out.slice(0, filter.limit) : out;
  }

  clear(): number {
    const n = this.count;
    this.ring.fill(undefined);
    this.next = 0;
    this.count = 0;
    return n;
  }
}

function compileFilter(f: JournalFilter): (e: JournalEntry) => boolean {
  const tests: ((e: JournalEntry) => boolean)[] = [];
  if (f.path !== undefined && f.path !== '') {
    const p = f.path;
    if (p.includes('*')) {
      let pattern: PathPattern;
      try { pattern = globPattern(p); } catch (e) {
        throw new JournalFilterError(e instanceof PatternError ? e.message : String(e));
      }
      tests.push((e) => pattern.test(e.path) || pattern.test(safeDecode(e.path)));
    } else {
      if (!p.startsWith('/')) throw new JournalFilterError(`path filter '${p}' must start with '/'`);
      tests.push((e) => e.path.startsWith(p) || safeDecode(e.path).startsWith(p));
    }
  }
  if (f.status !== undefined && f.status !== '') {
    const s = f.status.trim().toLowerCase();
    const exact = /^[1-5]\d\d$/.test(s);
    const klass = /^[1-5]xx$/.test(s);
    if (!exact && !klass) throw new JournalFilterError(`status filter '${f.status}' must be a status code (404) or a class (4xx)`);
    tests.push(exact ? (e) => e.status === Number(s) : (e) => Math.floor(e.status / 100) === Number(s[0]));
  }
  if (f.method) {
    const m = f.method.toUpperCase();
    tests.push((e) => e.method === m);
  }
  if (f.api) {
    const a = f.api;
    tests.push((e) => e.api === a);
  }
  return (e) => tests.every((t) => t(e));
}

function safeDecode(p: string): string {
  try { return decodeURIComponent(p); } catch { return p; }
}
