/**
 * Certificates (table oic_extra_certificates, area oic-extra), HTTP-free.
 * A certificate is known by its alias (`name` on upload); the uploaded file
 * is kept as sent. Passwords that come with an upload (keystore, key,
 * passphrase) are never stored: the emulator does not open keystores.
 */
import type { AppContext } from '../../core/context';
import { conflict, notFound } from '../../core/errors';
import { prepareAll } from '../statements';

export interface CertificateInput {
  alias: string;
  type: string;
  category: string;
  description: string | null;
  fileName: string | null;
  content: Buffer;
}

export interface CertificateRecord extends CertificateInput { created: number; createdBy: string }

interface Row { id: string; type: string; category: string; description: string | null; file_name: string | null; content: Buffer; created: number; created_by: string }

const toRecord = (r: Row): CertificateRecord => ({
  alias: r.id, type: r.type, category: r.category, description: r.description, fileName: r.file_name, content: r.content, created: r.created, createdBy: r.created_by,
});

/** Every statement of the store, by name. */
const SQL = {
  insert: `INSERT INTO oic_extra_certificates (id, type, category, description, file_name, content, created, created_by)
    VALUES (@alias, @type, @category, @description, @fileName, @content, @now, @user)`,
  get: 'SELECT * FROM oic_extra_certificates WHERE id = ?',
  all: 'SELECT * FROM oic_extra_certificates ORDER BY id',
  delete: 'DELETE FROM oic_extra_certificates WHERE id = ?',
} as const;

export class CertificateStore {
  private readonly q;

  constructor(private readonly ctx: AppContext) {
    this.q = prepareAll(ctx.db, SQL);
  }

  create(input: CertificateInput, user: string): CertificateRecord {
    if (this.q.get.get(input.alias)) throw conflict(`Certificate '${input.alias}' already exists; delete it first or upload under another name`);
    this.q.insert.run({ ...input, now: this.ctx.clock.now(), user });
    return this.require(input.alias);
  }

  get(alias: string): CertificateRecord | undefined {
    const r = this.q.get.get(alias) as Row | undefined;
    return r && toRecord(r);
  }

  require(alias: string): CertificateRecord {
    const rec = this.get(alias);
    if (!rec) throw notFound(`Certificate '${alias}' was not found`);
    return rec;
  }

  all(): CertificateRecord[] {
    return (this.q.all.all() as Row[]).map(toRecord);
  }

  delete(alias: string): void {
    this.require(alias);
    this.q.delete.run(alias);
  }
}
