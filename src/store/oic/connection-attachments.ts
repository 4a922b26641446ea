/**
 * Files attached to a connection property (a WSDL, a zip of schemas, a
 * keystore) and the instant of a connection's last metadata refresh. Kept
 * byte for byte; both go with the connection (foreign keys cascade).
 */
import type { AppContext } from '../../core/context';
import { notFound } from '../../core/errors';
import { prepareAll } from '../statements';

export interface AttachmentRow {
  connectionId: string;
  propName: string;
  fileName: string | null;
  serviceWsdl: string | null;
  size: number;
  uploadedTime: string;
}

interface DbRow { connection_id: string; prop_name: string; file_name: string | null; service_wsdl: string | null; size: number; uploaded_time: string; data?: Buffer }

const toRow = (r: DbRow): AttachmentRow => ({ connectionId: r.connection_id, propName: r.prop_name, fileName: r.file_name, serviceWsdl: r.service_wsdl, size: r.size, uploadedTime: r.uploaded_time });

/** Every statement of the store, by name. */
const SQL = {
  get: 'SELECT * FROM oic_connection_attachments WHERE connection_id = ? AND prop_name = ?',
  list: 'SELECT connection_id, prop_name, file_name, service_wsdl, size, uploaded_time FROM oic_connection_attachments WHERE connection_id = ? ORDER BY prop_name',
  put: `INSERT INTO oic_connection_attachments (connection_id, prop_name, file_name, service_wsdl, size, uploaded_time, data) VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT(connection_id, prop_name) DO UPDATE SET file_name = excluded.file_name, service_wsdl = excluded.service_wsdl, size = excluded.size, uploaded_time = excluded.uploaded_time, data = excluded.data`,
  drop: 'DELETE FROM oic_connection_attachments WHERE connection_id = ? AND prop_name = ?',
  dropAll: 'DELETE FROM oic_connection_attachments WHERE connection_id = ?',
  getRefresh: 'SELECT refreshed_time FROM oic_connection_refreshes WHERE connection_id = ?',
  putRefresh: 'INSERT INTO oic_connection_refreshes (connection_id, refreshed_time) VALUES (?, ?) ON CONFLICT(connection_id) DO UPDATE SET refreshed_time = excluded.refreshed_time',
} as const;

export class ConnectionAttachmentStore {
  private readonly q;

  constructor(private readonly ctx: AppContext) {
    this.q = prepareAll(ctx.db, SQL);
  }

  list(connectionId: string): AttachmentRow[] {
    return (this.q.list.all(connectionId) as DbRow[]).map(toRow);
  }

  /** The attachment's bytes and facts; 404 naming the property when there is none. */
  require(connectionId: string, propName: string): AttachmentRow & { data: Buffer } {
    const r = this.q.get.get(connectionId, propName) as DbRow | undefined;
    if (!r) throw notFound(`Connection '${connectionId}' has no attachment for property '${propName}'`);
    return { ...toRow(r), data: r.data! };
  }

  put(connectionId: string, propName: string, data: Buffer, fileName: string | undefined, serviceWsdl?: string): AttachmentRow {
    const now = this.ctx.clock.nowIso();
    this.q.put.run(connectionId, propName, fileName ?? null, serviceWsdl ?? null, data.length, now, data);
    return { connectionId, propName, fileName: fileName ?? null, serviceWsdl: serviceWsdl ?? null, size: data.length, uploadedTime: now };
  }

  delete(connectionId: string, propName: string): void {
    if (this.q.drop.run(connectionId, propName).changes === 0) throw notFound(`Connection '${connectionId}' has no attachment for property '${propName}'`);
  }

  /** Replace every attachment of a connection by these (a full update of its attachments). */
  replaceAll(connectionId: string, files: Array<{ propName: string; data: Buffer; fileName?: string }>): void {
    this.q.dropAll.run(connectionId);
    for (const f of files) this.put(connectionId, f.propName, f.data, f.fileName);
  }

  refreshed(connectionId: string): string | null {
    return (this.q.getRefresh.get(connectionId) as { refreshed_time: string } | undefined)?.refreshed_time ?? null;
  }

  markRefreshed(connectionId: string): string {
    const now = this.ctx.clock.nowIso();
    this.q.putRefresh.run(connectionId, now);
    return now;
  }
}
