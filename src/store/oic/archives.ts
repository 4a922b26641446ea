/**
 * What archives leave behind beyond the design-time records: the entries of
 * the archive an integration was imported from (export returns them byte
 * for byte; one stored zip per integration, deleted with it), and the
 * packages imported from .par files.
 */
import type { AppContext } from '../../core/context';
import { notFound } from '../../core/errors';
import { newBudget, readZipEntries, writeZip, type ZipContent } from '../../oic/archive/zip';
import { prepareAll } from '../statements';

export interface PackageRecord {
  name: string;
  importedTime: string;
  importedBy: string;
  /** Attributes from ics_package_attributes.properties and the integration ids. */
  doc: { attributes: Record<string, string>; integrations: string[] };
}

/** Every statement of the store, by name. */
const SQL = {
  getSource: 'SELECT files FROM oic_archive_sources WHERE integration_id = ?',
  putSource: 'INSERT INTO oic_archive_sources (integration_id, files) VALUES (?, ?) ON CONFLICT(integration_id) DO UPDATE SET files = excluded.files',
  dropSource: 'DELETE FROM oic_archive_sources WHERE integration_id = ?',
  getPackage: 'SELECT * FROM oic_archive_packages WHERE name = ?',
  listPackages: 'SELECT * FROM oic_archive_packages ORDER BY name',
  putPackage: 'INSERT INTO oic_archive_packages (name, imported_time, imported_by, doc) VALUES (?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET imported_time = excluded.imported_time, imported_by = excluded.imported_by, doc = excluded.doc',
  deletePackage: 'DELETE FROM oic_archive_packages WHERE name = ?',
} as const;

export class ArchiveStore {
  private readonly q;

  constructor(private readonly ctx: AppContext) {
    this.q = prepareAll(ctx.db, SQL);
  }

  /** Keep an integration's archive entries (none: forget them, its definition is its source). */
  keep(integrationId: string, files: Map<string, ZipContent>): void {
    if (files.size === 0) this.q.dropSource.run(integrationId);
    // The entries as they came (compressed as they were): copied, never deflated again.
    else this.q.putSource.run(integrationId, Buffer.from(writeZip(files, new Date(0), 0)));
  }

  /** The kept entries in their compressed form (the emulator wrote this zip: not inflated). */
  sourceOf(integrationId: string): Map<string, ZipContent> | undefined {
    const row = this.q.getSource.get(integrationId) as { files: Buffer } | undefined;
    return row ? new Map(readZipEntries(new Uint8Array(row.files), 'stored archive', newBudget(), false)) : undefined;
  }

  putPackage(name: string, doc: PackageRecord['doc'], caller: string): void {
    this.q.putPackage.run(name, this.ctx.clock.nowIso(), caller, JSON.stringify(doc));
  }

  private toPackage(r: { name: string; imported_time: string; imported_by: string; doc: string }): PackageRecord {
    return { name: r.name, importedTime: r.imported_time, importedBy: r.imported_by, doc: JSON.parse(r.doc) as PackageRecord['doc'] };
  }

  getPackage(name: string): PackageRecord | undefined {
    const r = this.q.getPackage.get(name) as Parameters<ArchiveStore['toPackage']>[0] | undefined;
    return r && this.toPackage(r);
  }

  requirePackage(name: string): PackageRecord {
    const p = this.getPackage(name);
    if (!p) throw notFound(`Package '${name}' was not found`);
    return p;
  }

  packages(): PackageRecord[] {
    return (this.q.listPackages.all() as Array<Parameters<ArchiveStore['toPackage']>[0]>).map((r) => this.toPackage(r));
  }

  deletePackage(name: string): void {
    this.q.deletePackage.run(name);
  }
}
