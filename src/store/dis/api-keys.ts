/**
 * Public keys that DIS clients sign with. Kept in SQLite (dis_api_keys) so
 * reset and snapshots cover them; parsed KeyObjects are cached per instance.
 */
import type crypto from 'node:crypto';
import type { AppContext } from '../../core/context';
import { parsePublicKey } from '../../auth/oci-keys';

export interface ApiKeyRecord {
  fingerprint: string;
  publicKey: string;
  tenancyId: string | null;
  userId: string | null;
  label: string | null;
  timeCreated: string;
}

export interface RegisterKey {
  publicKey: string;
  tenancyId?: string | null;
  userId?: string | null;
  label?: string | null;
}

interface Row {
  fingerprint: string;
  public_key: string;
  tenancy_id: string | null;
  user_id: string | null;
  label: string | null;
  time_created: string;
}

const toRecord = (r: Row): ApiKeyRecord => ({
  fingerprint: r.fingerprint,
  publicKey: r.public_key,
  tenancyId: r.tenancy_id,
  userId: r.user_id,
  label: r.label,
  timeCreated: r.time_created,
});

export class DisApiKeys {
  private readonly cache = new Map<string, crypto.KeyObject>();
  /** Fingerprints of unregistered keys already reported in the log (said once, then at debug). */
  readonly reportedUnknown = new Set<string>();
  private readonly sql;

  constructor(private readonly ctx: AppContext) {
    const db = ctx.db;
    this.sql = {
      upsert: db.prepare(`INSERT INTO dis_api_keys (fingerprint, public_key, tenancy_id, user_id, label, time_created) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (fingerprint) DO UPDATE SET public_key = excluded.public_key, tenancy_id = excluded.tenancy_id, user_id = excluded.user_id, label = excluded.label`),
      get: db.prepare('SELECT * FROM dis_api_keys WHERE fingerprint = ?'),
      list: db.prepare('SELECT * FROM dis_api_keys ORDER BY time_created, fingerprint'),
      remove: db.prepare('DELETE FROM dis_api_keys WHERE fingerprint = ?'),
    };
  }

  /** Register (or re-register) a key; returns the record with its fingerprint. */
  register(input: RegisterKey): ApiKeyRecord {
    const parsed = parsePublicKey(input.publicKey);
    this.sql.upsert.run(parsed.fingerprint, parsed.pem, input.tenancyId ?? null, input.userId ?? null, input.label ?? null, this.ctx.clock.nowIso());
    this.cache.set(parsed.fingerprint, parsed.key);
    return this.get(parsed.fingerprint)!;
  }

  get(fingerprint: string): ApiKeyRecord | null {
    const row = this.sql.get.get(fingerprint) as Row | undefined;
    return row ? toRecord(row) : null;
  }

  /** The parsed key of a registered fingerprint (null when not registered). */
  keyObject(fingerprint: string): { record: ApiKeyRecord; key: crypto.KeyObject } | null {
    const record = this.get(fingerprint);
    if (!record) {
      this.cache.delete(fingerprint);
      return null;
    }
    let key = this.cache.get(fingerprint);
    if (!key) {
      key = parsePublicKey(record.publicKey).key;
      this.cache.set(fingerprint, key);
    }
    return { record, key };
  }

  list(): ApiKeyRecord[] {
    return (this.sql.list.all() as Row[]).map(toRecord);
  }

  remove(fingerprint: string): boolean {
    this.cache.delete(fingerprint);
    return this.sql.remove.run(fingerprint).changes > 0;
  }
}
