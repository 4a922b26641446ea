/**
 * Projects: a named container for integrations and connections. Counts are
 * computed on every read, so they are always live. Deleting a project that
 * still holds anything is refused unless the caller asks for a cascade, which
 * removes its integrations (none may be ACTIVE) and connections (none may be
 * used by an integration outside the project) in the same transaction.
 */
import type { AppContext } from '../../core/context';
import { conflict, incorrectState, notFound } from '../../core/errors';
import { deepMerge } from '../../oic/merge';
import { prepareAll } from '../statements';
import { designRow, found, type DesignDbRow, type DesignDefinition, type DesignRow } from './design-rows';

export interface ProjectDefinition extends DesignDefinition {
  owner?: string;
  status?: string;
  configuration?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
}

export interface ProjectRow extends DesignRow {
  integrationCount: number;
  connectionCount: number;
}

export interface ProjectRecord extends ProjectRow {
  definition: ProjectDefinition;
}

interface DbRow extends DesignDbRow {
  doc?: string;
  integration_count: number;
  connection_count: number;
}

const COUNTS = `(SELECT COUNT(*) FROM oic_integrations i WHERE i.project_id = p.id) AS integration_count,
  (SELECT COUNT(*) FROM oic_connections c WHERE c.project_id = p.id) AS connection_count`;

export const DEFAULT_PROJECT_STATUS = 'ACTIVE';

/** Every statement of the store, by name. */
const SQL = {
  get: `SELECT p.*, ${COUNTS} FROM oic_projects p WHERE p.id = ?`,
  exists: 'SELECT 1 FROM oic_projects WHERE id = ?',
  list: `SELECT p.id, p.name, p.status, p.created_time, p.created_by, p.modified_time, ${COUNTS} FROM oic_projects p`,
  insert: 'INSERT INTO oic_projects (id, name, status, created_time, created_by, modified_time, doc) VALUES (?, ?, ?, ?, ?, ?, ?)',
  update: 'UPDATE oic_projects SET name = ?, status = ?, modified_time = ?, doc = ? WHERE id = ?',
  delete: 'DELETE FROM oic_projects WHERE id = ?',
  activeIntegrations: "SELECT id FROM oic_integrations WHERE project_id = ? AND status = 'ACTIVE' ORDER BY id",
  outsideUsers: `SELECT ic.connection_id AS conn, ic.integration_id AS integ FROM oic_integration_connections ic
    JOIN oic_connections c ON c.id = ic.connection_id
    JOIN oic_integrations i ON i.id = ic.integration_id
    WHERE c.project_id = ? AND (i.project_id IS NULL OR i.project_id <> c.project_id) ORDER BY 1, 2`,
  deleteIntegrations: 'DELETE FROM oic_integrations WHERE project_id = ?',
  deleteConnections: 'DELETE FROM oic_connections WHERE project_id = ?',
} as const;

export class ProjectStore {
  private readonly q;

  constructor(private readonly ctx: AppContext) {
    this.q = prepareAll(ctx.db, SQL);
  }

  private toRecord(r: DbRow): ProjectRecord {
    const definition = JSON.parse(r.doc!) as ProjectDefinition;
    return { ...this.toRow(r), definition };
  }

  private toRow(r: DbRow): ProjectRow {
    return { ...designRow(r), integrationCount: r.integration_count, connectionCount: r.connection_count };
  }

  exists(id: string): boolean {
    return this.q.exists.get(id) !== undefined;
  }

  /** For other stores: a referenced project must exist (404 naming it). */
  requireExists(id: string | undefined | null): void {
    if (id === undefined || id === null) return;
    if (!this.exists(id)) {
      throw notFound(`Project with ID '${id}' was not found; create it first (POST /ic/api/projects/v1/projects) or leave projectId out`);
    }
  }

  get(id: string): ProjectRecord | undefined {
    const r = this.q.get.get(id) as DbRow | undefined;
    return r && this.toRecord(r);
  }

  require(id: string): ProjectRecord {
    return found(this.get(id), 'Project', id);
  }

  rows(): ProjectRow[] {
    return (this.q.list.all() as DbRow[]).map((r) => this.toRow(r));
  }

  create(body: ProjectDefinition, caller: string): ProjectRecord {
    return this.ctx.db.transaction(() => {
      const id = body.identifier;
      if (this.exists(id)) throw conflict(`Project with ID '${id}' already exists`);
      const definition: ProjectDefinition = { ...body, status: body.status ?? DEFAULT_PROJECT_STATUS };
      const now = this.ctx.clock.nowIso();
      this.q.insert.run(id, definition.name, definition.status, now, caller, now, JSON.stringify(definition));
      return this.get(id)!;
    })();
  }

  /** Deep-merge `patch` into the stored definition; the identifier cannot change. */
  update(id: string, patch: Partial<ProjectDefinition>): ProjectRecord {
    return this.ctx.db.transaction(() => {
      const current = this.require(id);
      const definition = deepMerge(current.definition, patch);
      definition.identifier = current.definition.identifier;
      this.q.update.run(definition.name, definition.status ?? DEFAULT_PROJECT_STATUS, this.ctx.clock.nowIso(), JSON.stringify(definition), id);
      return this.get(id)!;
    })();
  }

  delete(id: string, cascade: boolean): void {
    this.ctx.db.transaction(() => {
      const p = this.require(id);
      if (!cascade && (p.integrationCount > 0 || p.connectionCount > 0)) {
        throw incorrectState(
          `Project '${id}' still holds ${p.integrationCount} integration(s) and ${p.connectionCount} connection(s); ` +
            'delete or move them first, or delete the project with its contents: DELETE /ic/api/projects/v1/projects/' +
            `${encodeURIComponent(id)}?cascade=true`,
        );
      }
      if (cascade) {
        const active = (this.q.activeIntegrations.all(id) as { id: string }[]).map((r) => r.id);
        if (active.length) throw incorrectState(`Project '${id}' holds ACTIVE integrations (${active.join(', ')}); deactivate them before deleting the project`);
        const outside = this.q.outsideUsers.all(id) as { conn: string; integ: string }[];
        if (outside.length) {
          throw incorrectState(`Project '${id}' holds connections used by integrations outside it: ${outside.map((o) => `${o.conn} (used by ${o.integ})`).join(', ')}`);
        }
        this.q.deleteIntegrations.run(id);
        this.q.deleteConnections.run(id);
      }
      this.q.delete.run(id);
    })();
  }
}
