/**
 * Links and small wire-shape helpers shared by the design-time routes.
 * Ids are URL-encoded in links (`CODE|VERSION` -> `CODE%7CVERSION`), as in
 * the seed.
 */
import { badRequest } from '../core/errors';

export interface Link { rel: string; href: string }

/** The integration API's base; every path constant of it is defined here, once. */
export const OIC_BASE = '/ic/api/integration/v1';
export const INTEGRATIONS = `${OIC_BASE}/integrations`;
export const CONNECTIONS = `${OIC_BASE}/connections`;
export const LOOKUPS = `${OIC_BASE}/lookups`;
export const PROJECTS = '/ic/api/projects/v1/projects';
/** The seed's top-level schedules and its monitoring API (executions). */
export const SCHEDULES = `${OIC_BASE}/schedules`;
export const SEED_MONITORING = '/ic/api/monitoring/v1';
/** Oracle's paths: projects and monitoring live under the integration API's base. */
export const ORACLE_PROJECTS = `${OIC_BASE}/projects`;
export const ORACLE_MONITORING = `${OIC_BASE}/monitoring`;
export const LIBRARIES = `${OIC_BASE}/libraries`;
export const CERTIFICATES = `${OIC_BASE}/certificates`;
export const FILE_SERVER = '/ic/api/fileserver/v1';
export const OIC_COMMON = '/ic/api/common/v1';

const enc = encodeURIComponent;

/** The fields a seed list item starts with. */
export function rowHead(r: { id: string; name: string; identifier: string; status: string }) {
  return { id: r.id, name: r.name, identifier: r.identifier, status: r.status };
}

/** Who made a record and when, and when it last changed: the seed's three audit fields, in its order. */
export function auditStamps(r: { createdTime: string; createdBy: string; modifiedTime: string }) {
  return { createdTime: r.createdTime, createdBy: r.createdBy, modifiedTime: r.modifiedTime };
}

export const link = (rel: string, href: string): Link => ({ rel, href });

/** Where an integration lives on Oracle's paths: global, or inside its project. */
export function integrationPath(id: string, projectId?: string | null): string {
  return projectId ? `${ORACLE_PROJECTS}/${enc(projectId)}/integrations/${enc(id)}` : `${INTEGRATIONS}/${enc(id)}`;
}

export function integrationLinks(id: string, status: string, withExport = true): Link[] {
  const self = `${INTEGRATIONS}/${enc(id)}`;
  const out = [link('self', self), status === 'ACTIVE' ? link('deactivate', `${self}/deactivate`) : link('activate', `${self}/activate`)];
  if (withExport) out.push(link('export', `${self}/archive`));
  return out;
}

export function connectionLinks(id: string): Link[] {
  const self = `${CONNECTIONS}/${enc(id)}`;
  return [link('self', self), link('test', `${self}/test`), link('metadata', `${self}/metadata`)];
}

export function projectLinks(id: string): Link[] {
  return [
    link('self', `${PROJECTS}/${enc(id)}`),
    link('integrations', `${INTEGRATIONS}?projectId=${enc(id)}`),
    link('connections', `${CONNECTIONS}?projectId=${enc(id)}`),
  ];
}

export function lookupLinks(id: string): Link[] {
  const self = `${LOOKUPS}/${enc(id)}`;
  return [link('self', self), link('data', `${self}/data`)];
}

/**
 * Drop null/undefined values (optional fields are left out rather than null).
 * Copies instead of `delete`: deleting turns an object into a slow dictionary,
 * which halves JSON.stringify's speed on every response.
 */
export function compact<T extends Record<string, unknown>>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const k in o) {
    const v = o[k];
    if (v !== null && v !== undefined) out[k] = v;
  }
  return out as T;
}

/**
 * A PUT body may echo read-only fields from a GET (clients often send the
 * whole resource back). They are dropped, but an echoed `id` that names
 * another resource is a 400 rather than silently ignored.
 */
export function withoutReadOnly<T extends Record<string, unknown>, K extends string>(body: T, readOnly: readonly K[], id: string, kind: string): Partial<Omit<T, K>> {
  if (body.id !== undefined && body.id !== id) throw badRequest(`id cannot be changed: the body says '${String(body.id)}' but this is ${kind} '${id}'`);
  const skip: readonly string[] = readOnly;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) if (!skip.includes(k)) out[k] = v;
  return out as Partial<Omit<T, K>>;
}

export function callerName(request: { caller?: { name: string } }): string {
  return request.caller?.name ?? 'anonymous';
}
