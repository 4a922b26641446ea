/**
 * The "Object Storage" of export and import requests: exported files, named
 * by bucket and file name, held in SQLite. Tenancy and region are recorded as
 * the export gave them; an import that names others does not find the file.
 */
import type { AppContext } from '../../core/context';
import type { Bundle } from './transfer-bundle';
import { prepareAll } from '../statements';

export interface ExportFile {
  tenancyId: string;
  region: string;
  bucket: string;
  fileName: string;
  workspaceId: string;
  exportKey: string;
  timeCreated: string;
  content: Bundle;
}

interface Row {
  tenancy_id: string;
  region: string;
  bucket: string;
  file_name: string;
  workspace_id: string;
  export_key: string;
  time_created: string;
  content: string;
}

/** Every statement of the store, by name. */
const SQL = {
  get: 'SELECT * FROM dis_export_files WHERE bucket = ? AND file_name = ?',
  list: 'SELECT tenancy_id, region, bucket, file_name, workspace_id, export_key, time_created, json_array_length(content, \'$.objects\') AS object_count FROM dis_export_files ORDER BY bucket, file_name',
  remove: 'DELETE FROM dis_export_files WHERE bucket = ? AND file_name = ?',
  put: `INSERT INTO dis_export_files (tenancy_id, region, bucket, file_name, workspace_id, export_key, time_created, content)
    VALUES (@tenancyId, @region, @bucket, @fileName, @workspaceId, @exportKey, @timeCreated, @content)
    ON CONFLICT (bucket, file_name) DO UPDATE SET tenancy_id = excluded.tenancy_id, region = excluded.region,
      workspace_id = excluded.workspace_id, export_key = excluded.export_key, time_created = excluded.time_created, content = excluded.content`,
} as const;

export class DisExportFiles {
  private readonly sql;

  constructor(ctx: AppContext) {
    this.sql = prepareAll(ctx.db, SQL);
  }

  /** The file, when it exists where the request looks (empty tenancy/region: anywhere). */
  find(where: { bucket: string; fileName: string; tenancyId?: string; region?: string }): ExportFile | null {
    const row = this.sql.get.get(where.bucket, where.fileName) as Row | undefined;
    if (!row) return null;
    if (where.tenancyId && row.tenancy_id && where.tenancyId !== row.tenancy_id) return null;
    if (where.region && row.region && where.region !== row.region) return null;
    return {
      tenancyId: row.tenancy_id,
      region: row.region,
      bucket: row.bucket,
      fileName: row.file_name,
      workspaceId: row.workspace_id,
      exportKey: row.export_key,
      timeCreated: row.time_created,
      content: JSON.parse(row.content) as Bundle,
    };
  }

  put(file: ExportFile): void {
    this.sql.put.run({ ...file, content: JSON.stringify(file.content) });
  }

  /** Every file, without its content. */
  list(): Array<Omit<ExportFile, 'content'> & { objectCount: number }> {
    return (this.sql.list.all() as Array<Omit<Row, 'content'> & { object_count: number }>).map((r) => ({
      tenancyId: r.tenancy_id,
      region: r.region,
      bucket: r.bucket,
      fileName: r.file_name,
      workspaceId: r.workspace_id,
      exportKey: r.export_key,
      timeCreated: r.time_created,
      objectCount: r.object_count,
    }));
  }

  remove(bucket: string, fileName: string): boolean {
    return this.sql.remove.run(bucket, fileName).changes > 0;
  }
}
