/**
 * `groupBy` of the real monitoring lists: instances by integration; errors
 * by integration, by message (error code and text) or by connection (the
 * one the failing activity invoked). A group counts the matching instances
 * and names the newest of them; groups are ordered by count, then by key.
 * Oracle documents the values but not the grouped answer's shape: the
 * fields here are the emulator's (docs/oic-oracle-extras.md).
 */
import { badRequest } from '../../core/errors';

export const INSTANCE_GROUPS = ['integration'] as const;
export const ERROR_GROUPS = ['integration', 'messages', 'connection'] as const;

/** What grouping needs of a listed instance (its view, with the error facts for the errors list). */
export interface Groupable {
  id: string;
  integrationId?: string | null;
  integrationVersion?: string | null;
  integrationName?: string | null;
  projectCode?: string | null;
  lastTrackedTime?: string | null;
  errorCode?: string | null;
  errorMessage?: string | null;
  errorConnection?: string | null;
}

export function checkGroupBy(value: string, allowed: readonly string[]): string {
  const v = value.trim().toLowerCase();
  if (!allowed.includes(v)) throw badRequest(`Query parameter 'groupBy' must be one of ${allowed.join(', ')}, got '${value}'`);
  return v;
}

function keyOf(by: string, i: Groupable): Record<string, string | null | undefined> {
  if (by === 'messages') return { errorCode: i.errorCode, errorMessage: i.errorMessage };
  if (by === 'connection') return { connectionId: i.errorConnection ?? 'NONE' };
  return { integrationId: i.integrationId, integrationVersion: i.integrationVersion, integrationName: i.integrationName, projectCode: i.projectCode };
}

/** Groups of `items` (listed newest first), with their counts and instance ids. */
export function groupItems(by: string, items: Groupable[]) {
  const groups = new Map<string, { key: Record<string, string | null | undefined>; ids: string[]; lastTrackedTime?: string | null }>();
  for (const item of items) {
    const key = keyOf(by, item);
    const k = JSON.stringify(key);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { key, ids: [], lastTrackedTime: item.lastTrackedTime }));
    g.ids.push(item.id);
  }
  return [...groups.values()]
    .sort((a, b) => b.ids.length - a.ids.length || (JSON.stringify(a.key) < JSON.stringify(b.key) ? -1 : 1))
    .map((g) => ({ ...Object.fromEntries(Object.entries(g.key).filter(([, v]) => v !== undefined && v !== null)), count: g.ids.length, lastTrackedTime: g.lastTrackedTime, instanceIds: g.ids }));
}
