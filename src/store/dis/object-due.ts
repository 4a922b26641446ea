/**
 * When the next lifecycle step of an asynchronous design object is due
 * (copy/export/import requests, external publications), for the clock's
 * ticker (src/sim/dis-simulation.ts). The objects themselves stay in dis_objects.
 */
import type { AppContext } from '../../core/context';
import type { ObjectKind } from './objects';

export interface DueRow {
  workspace_id: string;
  kind: ObjectKind;
  scope_key: string;
  key: string;
  due_at: number;
}

export class DisObjectDue {
  private readonly sql;

  constructor(ctx: AppContext) {
    const db = ctx.db;
    this.sql = {
      upsert: db.prepare(`INSERT INTO dis_object_due (workspace_id, kind, scope_key, key, due_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (workspace_id, kind, scope_key, key) DO UPDATE SET due_at = excluded.due_at`),
      clear: db.prepare('DELETE FROM dis_object_due WHERE workspace_id = ? AND kind = ? AND scope_key = ? AND key = ?'),
      nextDue: db.prepare('SELECT MIN(due_at) AS at FROM dis_object_due'),
      due: db.prepare('SELECT * FROM dis_object_due WHERE due_at <= ? ORDER BY due_at, rowid'),
    };
  }

  schedule(o: { workspaceId: string; kind: ObjectKind; scopeKey: string; key: string }, at: number): void {
    this.sql.upsert.run(o.workspaceId, o.kind, o.scopeKey, o.key, at);
  }

  clear(o: { workspaceId: string; kind: ObjectKind; scopeKey: string; key: string }): void {
    this.sql.clear.run(o.workspaceId, o.kind, o.scopeKey, o.key);
  }

  nextDue(): number | null {
    return (this.sql.nextDue.get() as { at: number | null }).at;
  }

  dueRows(until: number): DueRow[] {
    return this.sql.due.all(until) as DueRow[];
  }
}
