/**
 * The JSON text and ETag of single-resource views, reused while the database
 * has not changed. GET of one resource is the call clients repeat most (a
 * pipeline polls its integration's status after activate), and building its
 * view (row read, JSON definition parsed, view assembled, serialized, hashed
 * for the ETag) was most of that request's own cost in the throughput benchmark.
 *
 * Validity: SQLite's total_changes() counts every row this connection has
 * inserted, updated or deleted, whatever did it: stores, triggers,
 * /_emulator/reset and snapshot restore (all DML on the one connection the
 * emulator has). An unchanged count means unchanged tables. So only views
 * computed from SQLite alone may come through here: no clock, no caller, no
 * in-memory state. An entry is kept only if nothing was written while its
 * view was built (a read can apply pending work, as the runtime does with new
 * activations, and that write must be seen by the next read).
 */
import { changeCounter, type Db } from '../store/db';
import { etagOf } from './etag';

export interface CachedView {
  /** The body exactly as sent (JSON.stringify of the view, as Fastify would send it). */
  readonly text: string;
  /** etagOf(text). */
  readonly etag: string;
}

interface Entry extends CachedView {
  readonly version: number;
}

export class ViewCache {
  private readonly entries = new Map<string, Entry>();
  private readonly changes: () => number;

  /** capacity: entries kept before the cache starts over (bounded memory). */
  constructor(db: Db, private readonly capacity = 5000) {
    this.changes = changeCounter(db);
  }

  /** The view under `key` (resource kind and id), built by `build` when missing or stale. Errors from build propagate. */
  get(key: string, build: () => unknown): CachedView {
    const version = this.changes();
    const hit = this.entries.get(key);
    if (hit !== undefined && hit.version === version) return hit;
    const text = JSON.stringify(build());
    const entry: Entry = { text, etag: etagOf(text), version };
    if (this.changes() === version) {
      if (this.entries.size >= this.capacity) this.entries.clear();
      this.entries.set(key, entry);
    }
    return entry;
  }

  get size(): number {
    return this.entries.size;
  }
}
