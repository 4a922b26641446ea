/**
 * Read access to an application's task runs for the views derived from them
 * (runtime pipelines and operators, composite states, lineages), and the
 * published task or workspace object a run's documents point to.
 */
import type { AppContext } from '../../core/context';
import { badRequest } from '../../core/errors';
import type { DesignObjects } from './design';
import type { Doc } from './objects';
import { parseFilter } from './task-run-doc';
import type { TaskRunRow } from './task-runs';

export interface RunFilter {
  keys?: string[];
  aggregatorKey?: string;
  name?: string;
  identifiers?: string[];
  aggregatorTypes?: string[];
  filter?: string[];
}

export class DisRunRows {
  private readonly sql;

  constructor(ctx: AppContext, private readonly design: DesignObjects) {
    this.sql = {
      list: ctx.db.prepare('SELECT rowid AS seq, * FROM dis_task_runs WHERE workspace_id = ? AND application_key = ?'),
    };
  }

  rows(workspaceId: string, applicationKey: string, f: RunFilter = {}): TaskRunRow[] {
    const predicates = (f.filter ?? []).map(parseFilter);
    return (this.sql.list.all(workspaceId, applicationKey) as TaskRunRow[]).filter((r) => {
      if (f.keys?.length && !f.keys.includes(r.key)) return false;
      if (f.aggregatorKey !== undefined && r.task_key !== f.aggregatorKey) return false;
      if (f.name !== undefined && r.name !== f.name) return false;
      if (f.identifiers?.length && !f.identifiers.includes(r.identifier)) return false;
      if (f.aggregatorTypes?.length && !f.aggregatorTypes.includes(r.task_type)) return false;
      return predicates.every((p) => p(r));
    });
  }

  /** The published task a run ran (its snapshot), or null once unpublished. */
  task(workspaceId: string, applicationKey: string, taskKey: string): Doc | null {
    return this.design.objects.get(workspaceId, 'publishedObject', applicationKey, taskKey)?.doc ?? null;
  }

  /**
   * A document a task names (its pipeline, its data flow): the workspace
   * object when the reference carries the key of one, else the inline copy.
   */
  resolve(workspaceId: string, kind: 'pipeline' | 'dataFlow', ref: unknown): Doc | null {
    if (!ref || typeof ref !== 'object') return null;
    const key = (ref as Doc).key;
    const stored = typeof key === 'string' ? this.design.objects.get(workspaceId, kind, '', key) : null;
    // registryMetadata and keyMap are fields of the create/update bodies, not of the Pipeline and DataFlow models.
    const { registryMetadata: _r, keyMap: _k, ...doc } = stored?.doc ?? (ref as Doc);
    return doc;
  }
}

/**
 * A query time bound in epoch ms. The TypeScript SDK formats Date query
 * parameters its own way (2026-03-02T8:01:24Z: hours not zero-padded, no
 * milliseconds), so both that and ISO 8601 are read.
 */
const SDK_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})T(\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})$/;

export function timeBound(value: unknown, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const m = SDK_DATE.exec(String(value));
  const pad = (x: string) => x.padStart(2, '0');
  const ms = m ? Date.parse(`${m[1]}-${pad(m[2])}-${pad(m[3])}T${pad(m[4])}:${pad(m[5])}:${pad(m[6])}${m[7] ?? ''}${m[8]}`) : NaN;
  if (Number.isNaN(ms)) throw badRequest(`${name} '${String(value)}' is not a date-time (use the format YYYY-MM-ddTHH:mm:ss.SSSZ)`);
  return ms;
}
