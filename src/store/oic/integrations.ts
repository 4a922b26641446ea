/**
 * Integrations: definitions keyed `IDENTIFIER|VERSION`, CONFIGURED or ACTIVE.
 *
 * Rules: an id exists once; a referenced project must exist; an ACTIVE
 * integration cannot be updated, replaced or deleted (deactivate first);
 * activation needs every referenced connection to exist. The runtime reads
 * `get(id).definition` (configuration, connections, tracing...) and hangs its
 * schedules and executions off `oic_integrations(id)` with ON DELETE CASCADE.
 * Every mutating method is one transaction.
 */
import type { AppContext } from '../../core/context';
import { badRequest, conflict, incorrectState, notFound } from '../../core/errors';
import { clone, deepMerge } from '../../oic/merge';
import type { ProjectStore } from './projects';
import { defaultStyle, integrationId, type IntegrationDefinition, type IntegrationInput, type IntegrationRecord, type IntegrationRow, type TracingOptions } from './integration-model';
import { COLUMNS, dbRowOf, summaryOf, toRecord, UPDATED, type DbRow, type SummaryColumns, type WritableRecord } from './integration-rows';
import { missingProperties, whatIsMissing } from '../../oic/connection-config';
import { isPreseeded } from '../../oic/archive/appinstance';

export * from './integration-model';

export class IntegrationStore {
  private readonly q;

  constructor(private readonly ctx: AppContext, private readonly projects: ProjectStore) {
    const db = ctx.db;
    this.q = {
      get: db.prepare('SELECT * FROM oic_integrations WHERE id = ?'),
      // Arrays, not objects (raw): better-sqlite3 builds a row object property
      // by property, which is about half the cost of listing a row.
      rows: db.prepare('SELECT id, identifier, version, name, status, pattern, style, project_id, created_time, modified_time FROM oic_integrations').raw(),
      rowsInProject: db.prepare('SELECT id, identifier, version, name, status, pattern, style, project_id, created_time, modified_time FROM oic_integrations WHERE project_id = ?').raw(),
      // Positional parameters, in DbRow's order (COLUMNS): binding by name cost
      // ~2 µs more per write.
      insert: db.prepare(`INSERT INTO oic_integrations (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`),
      update: db.prepare(`UPDATE oic_integrations SET ${UPDATED.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`),
      delete: db.prepare('DELETE FROM oic_integrations WHERE id = ?'),
      clearRefs: db.prepare('DELETE FROM oic_integration_connections WHERE integration_id = ?'),
      addRef: db.prepare('INSERT OR IGNORE INTO oic_integration_connections (integration_id, connection_id) VALUES (?, ?)'),
      usersOf: db.prepare('SELECT integration_id AS id FROM oic_integration_connections WHERE connection_id = ? ORDER BY integration_id'),
      connectionExists: db.prepare('SELECT 1 FROM oic_connections WHERE id = ?'),
      connectionDoc: db.prepare('SELECT adapter_type, doc FROM oic_connections WHERE id = ?'),
      versionsOf: db.prepare('SELECT version FROM oic_integrations WHERE identifier = ? ORDER BY version').pluck(),
      byIdentifier: db.prepare('SELECT id, version, status FROM oic_integrations WHERE identifier = ?'),
    };
  }

  get(id: string): IntegrationRecord | undefined {
    const r = this.q.get.get(id) as DbRow | undefined;
    return r && toRecord(r);
  }

  require(id: string): IntegrationRecord {
    const rec = this.get(id);
    if (!rec) throw notFound(this.notFoundText(id));
    return rec;
  }

  /**
   * Why an id finds nothing, told so the caller can fix it: an id is
   * IDENTIFIER|VERSION, and the versions that exist are listed (a bare
   * identifier is the usual slip).
   */
  notFoundText(id: string): string {
    const bar = id.indexOf('|');
    const identifier = bar < 0 ? id : id.slice(0, bar);
    const versions = this.q.versionsOf.all(identifier) as string[];
    const known = versions.length
      ? `; versions of ${identifier}: ${versions.slice(0, 20).join(', ')}${versions.length > 20 ? ` and ${versions.length - 20} more` : ''} (e.g. '${identifier}|${versions[0]}', URL-encoded ${encodeURIComponent(`${identifier}|${versions[0]}`)})`
      : '';
    if (bar < 0) return `Integration with ID '${id}' was not found: an integration id is IDENTIFIER|VERSION (e.g. ${id}|01.00.0000, URL-encoded ${encodeURIComponent(`${id}|01.00.0000`)})${known}`;
    return `Integration with ID '${id}' was not found${known}`;
  }

  rows(projectId?: string): IntegrationRow[] {
    const list = (projectId === undefined ? this.q.rows.all() : this.q.rowsInProject.all(projectId)) as SummaryColumns[];
    return list.map(summaryOf);
  }

  /** Every version of an identifier (REST trigger URLs name one loosely). */
  versionsOf(identifier: string): Array<{ id: string; version: string; status: string }> {
    return this.q.byIdentifier.all(identifier) as Array<{ id: string; version: string; status: string }>;
  }

  /** Integrations whose definition references a connection (sorted ids). */
  usersOfConnection(connectionId: string): string[] {
    return (this.q.usersOf.all(connectionId) as { id: string }[]).map((r) => r.id);
  }

  /** Insert or update; returns the row as stored (what a read would give back). */
  private write(rec: WritableRecord, mode: 'insert' | 'update'): DbRow {
    const d = rec.definition;
    const params = dbRowOf(rec);
    if (mode === 'insert') {
      // A new id has no references yet (deleting an integration cascades to them).
      this.q.insert.run(COLUMNS.map((c) => params[c]));
    } else {
      this.q.update.run([...UPDATED.map((c) => params[c]), rec.id]);
      this.q.clearRefs.run(rec.id);
    }
    for (const c of d.connections ?? []) this.q.addRef.run(rec.id, c.connectionId);
    return params;
  }

  private normalize(def: IntegrationInput): IntegrationDefinition {
    // A shallow copy is enough: write() stores the definition as JSON text at
    // once and records are always parsed back from that text, so nothing the
    // caller passed in is kept or shared.
    return { ...def, style: def.style || defaultStyle(def) };
  }

  create(def: IntegrationInput, caller: string, imported = false): IntegrationRecord {
    return this.ctx.db.transaction(() => {
      const now = this.ctx.clock.nowIso();
      // An id in use is found by the primary key (409), not by a lookup first;
      // the project is checked after, in the same transaction (its 404 rolls
      // the row back), so a taken id answers 409 first, as it always did.
      const row = this.insertNew({
        id: integrationId(def.identifier, def.version),
        status: 'CONFIGURED',
        createdTime: now,
        createdBy: caller,
        modifiedTime: now,
        importedTime: imported ? now : null,
        importedBy: imported ? caller : null,
        activatedTime: null,
        activatedBy: null,
        definition: this.normalize(def),
      });
      this.projects.requireExists(def.projectId);
      // The record from the row just written, not read back: a second lookup
      // would be a fifth of a create's cost.
      return toRecord(row);
    })();
  }

  private insertNew(rec: Parameters<IntegrationStore['write']>[0]): DbRow {
    try {
      return this.write(rec, 'insert');
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw conflict(`Integration with ID '${rec.id}' already exists`);
      throw e;
    }
  }

  private requireConfigured(rec: IntegrationRecord, action: string): void {
    if (rec.status === 'ACTIVE') {
      throw incorrectState(`Integration '${rec.id}' is ACTIVE; deactivate it first (POST /ic/api/integration/v1/integrations/${encodeURIComponent(rec.id)}/deactivate) before you ${action} it`);
    }
  }

  /** Deep-merge a partial definition; identifier and version cannot change. */
  update(id: string, patch: Partial<IntegrationDefinition>): IntegrationRecord {
    return this.ctx.db.transaction(() => {
      const rec = this.require(id);
      for (const key of ['identifier', 'version'] as const) {
        if (patch[key] !== undefined && patch[key] !== rec.definition[key]) {
          throw badRequest(`${key} cannot be changed (it is part of the integration id '${id}'); clone the integration to get a new ${key}`);
        }
      }
      this.requireConfigured(rec, 'update');
      const definition = this.normalize(deepMerge(rec.definition, patch));
      if (patch.projectId !== undefined) this.projects.requireExists(patch.projectId);
      this.write({ ...rec, modifiedTime: this.ctx.clock.nowIso(), definition }, 'update');
      return this.get(id)!;
    })();
  }

  delete(id: string): void {
    this.ctx.db.transaction(() => {
      const rec = this.require(id);
      this.requireConfigured(rec, 'delete');
      this.q.delete.run(id);
    })();
  }

  clone(sourceId: string, target: { name: string; identifier: string; version: string; projectId?: string; description?: string }, caller: string): IntegrationRecord {
    return this.ctx.db.transaction(() => {
      const src = this.require(sourceId);
      const { tracing: _tracing, ...design } = src.definition;
      const definition: IntegrationDefinition = { ...clone(design), name: target.name, identifier: target.identifier, version: target.version };
      if (target.projectId !== undefined) definition.projectId = target.projectId;
      if (target.description !== undefined) definition.description = target.description;
      return this.create(definition, caller);
    })();
  }

  activate(id: string, tracing: TracingOptions, caller: string): IntegrationRecord {
    return this.ctx.db.transaction(() => {
      const rec = this.require(id);
      if (rec.status === 'ACTIVE') throw incorrectState(`Integration '${id}' is already ACTIVE; deactivate it first to activate it again`);
      // Built-in connections (PRESEEDED_*) exist, configured, in every instance.
      const used = [...new Set((rec.definition.connections ?? []).map((c) => c.connectionId))].filter((c) => !isPreseeded(c));
      const missing = used.filter((c) => !this.q.connectionExists.get(c));
      if (missing.length) {
        throw incorrectState(`Integration '${id}' cannot be activated: it references connection(s) that do not exist: ${missing.join(', ')}; create them first (POST /ic/api/integration/v1/connections)`);
      }
      const unconfigured = used.flatMap((c) => {
        const row = this.q.connectionDoc.get(c) as { adapter_type: string; doc: string };
        const props = (JSON.parse(row.doc) as { definition: { connectionProperties?: unknown } }).definition.connectionProperties;
        return missingProperties(props).length ? [`${c} (${row.adapter_type}): ${whatIsMissing(props)}`] : [];
      });
      if (unconfigured.length) {
        throw incorrectState(`Integration '${id}' cannot be activated: connection(s) not configured: ${unconfigured.join('; ')}; configure them first (PUT /ic/api/integration/v1/connections/{id})`);
      }
      const now = this.ctx.clock.nowIso();
      this.write({ ...rec, status: 'ACTIVE', modifiedTime: now, activatedTime: now, activatedBy: caller, definition: { ...rec.definition, tracing } }, 'update');
      return this.get(id)!;
    })();
  }

  deactivate(id: string): IntegrationRecord {
    return this.ctx.db.transaction(() => {
      const rec = this.require(id);
      if (rec.status !== 'ACTIVE') throw incorrectState(`Integration '${id}' is not ACTIVE (status ${rec.status}); there is nothing to deactivate`);
      const { tracing: _tracing, ...definition } = rec.definition;
      this.write({ ...rec, status: 'CONFIGURED', modifiedTime: this.ctx.clock.nowIso(), activatedTime: null, activatedBy: null, definition: definition as IntegrationDefinition }, 'update');
      return this.get(id)!;
    })();
  }

  /** The design part of a definition: what an archive carries. */
  design(rec: IntegrationRecord): IntegrationDefinition {
    const { tracing: _tracing, ...design } = clone(rec.definition);
    return design as IntegrationDefinition;
  }

  /**
   * Import an archived definition. `add` refuses an existing id (409);
   * `replace` overwrites a CONFIGURED one in place (keeping its creation
   * data and whatever the runtime hangs off it) or adds it when absent.
   */
  importDefinition(def: IntegrationDefinition, caller: string, mode: 'add' | 'replace'): { record: IntegrationRecord; created: boolean } {
    return this.ctx.db.transaction(() => {
      const id = integrationId(def.identifier, def.version);
      const existing = this.get(id);
      if (!existing) return { record: this.create(def, caller, true), created: true };
      if (mode === 'add') {
        throw conflict(`Integration with ID '${id}' already exists; use PUT /ic/api/integration/v1/integrations/archive to replace it`);
      }
      this.requireConfigured(existing, 'replace');
      this.projects.requireExists(def.projectId);
      const now = this.ctx.clock.nowIso();
      this.write({ ...existing, modifiedTime: now, importedTime: now, importedBy: caller, definition: this.normalize(def) }, 'update');
      return { record: this.get(id)!, created: false };
    })();
  }
}
