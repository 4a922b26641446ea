/**
 * Integrations in Oracle's dialect: the wire shape of Oracle's
 * IntegrationRs (single and list items) built from the records the seed's
 * dialect shows too. `code` for the identifier, `created`/`lastUpdated`
 * with their users, Oracle's status words (src/oic/real/status.ts),
 * `dependencies` (the connections the definition and its archive name,
 * with their status; `expand=connection` embeds each connection,
 * `connection.adapter` also its adapter), `endPointURI` of a REST trigger,
 * the schedule facts and `scheduleParams`, and the archive's tracking
 * variable. `dependencies` also lists the lookups the flow calls and the
 * JavaScript libraries it uses (src/oic/archive/references.ts), each with
 * its status in the instance (NOT_FOUND when it is missing) and its link.
 */
import type { FastifyRequest } from 'fastify';
import type { ConnectionRecord } from '../../../../store/oic/connections';
import type { LookupRecord } from '../../../../store/oic/lookups';
import type { LibraryRecord } from '../../../../store/oic/libraries';
import { lookupsOfDefinition, type LibraryRef } from '../../../../oic/archive/references';
import type { IntegrationRecord, IntegrationRow } from '../../../../store/oic/integrations';
import type { RestTrigger } from '../../../../oic/archive/flow';
import { compact, connectionLinks, integrationPath, lookupLinks, OIC_BASE as BASE, type Link } from '../../../../oic/links';
import { librarySelf } from './libraries';
import { realIntegrationStatus } from '../../../../oic/real/status';
import { badRequest } from '../../../../core/errors';

const enc = encodeURIComponent;

export interface ScheduleFacts { defined: boolean; status?: string }

/** What a single integration's view needs besides the record. */
export interface IntegrationFacts {
  scoped: boolean;
  schedule?: ScheduleFacts;
  scheduleParams?: Array<{ name: string; value: string }>;
  /** The connection of an id, when it exists. */
  connection?: (id: string) => ConnectionRecord | undefined;
  /** The lookup of a name and the library of a `CODE|VERSION`, when they exist. */
  lookup?: (name: string) => LookupRecord | undefined;
  library?: (id: string) => LibraryRecord | undefined;
  expand?: Expand;
  /** scheme://host of the request, for endPointURI. */
  origin?: string;
  /** The status of an activation request (*_INPROGRESS); default: the stored one. */
  status?: string;
}

export type Expand = 'none' | 'connection' | 'connection.adapter';

/** `expand=connection|connection.adapter` (Oracle's words; anything else is a 400 naming them). */
export function expandOf(value: unknown): Expand {
  if (value === undefined || value === '') return 'none';
  if (value === 'connection' || value === 'connection.adapter') return value;
  throw badRequest(`Query parameter 'expand' must be connection or connection.adapter, got '${String(value)}'`);
}

function links(id: string, projectId?: string | null): Link[] {
  const self = integrationPath(id, projectId);
  return [
    { rel: 'self', href: self },
    { rel: 'activationStatus', href: `${self}/activationStatus` },
    { rel: 'archive', href: `${BASE}/integrations/${enc(id)}/archive` },
    { rel: 'schedule', href: `${self}/schedule` },
  ];
}

/** An integration in a list (summary columns only). */
export function oracleIntegrationSummary(row: IntegrationRow, scoped: boolean) {
  return compact({
    id: row.id,
    code: row.identifier,
    version: row.version,
    name: row.name,
    status: realIntegrationStatus(row.status),
    pattern: row.pattern,
    style: row.style,
    lockedFlag: false,
    projectCode: row.projectId,
    created: row.createdTime,
    lastUpdated: row.modifiedTime,
    scheduleApplicable: row.style === 'SCHEDULED',
    links: links(row.id, scoped ? row.projectId : undefined),
  });
}

/** `01.02.0000` -> `1.2`: the version a REST trigger's URL carries. */
export function majorMinor(version: string): string {
  const [major = '0', minor = '0'] = version.split('.');
  return `${Number(major)}.${Number(minor)}`;
}

interface ArchiveBits {
  trackingField?: string;
  trigger?: { connectionId: string; rest?: RestTrigger };
  invokes?: Array<{ connectionId: string }>;
  lookups?: string[];
  libraries?: LibraryRef[];
}

/** The REST trigger's URL (Gen3 puts a project's integrations under project/{code}/). */
export function endPointUri(rec: IntegrationRecord, origin: string): string | undefined {
  const rest = (rec.definition.archive as ArchiveBits | undefined)?.trigger?.rest;
  if (!rest && rec.definition.pattern !== 'APP_DRIVEN') return undefined;
  const project = rec.projectId ? `project/${enc(rec.projectId)}/` : '';
  return `${origin}${BASE}/flows/rest/${project}${enc(rec.identifier)}/${majorMinor(rec.version)}${rest?.resourceUri ?? '/'}`;
}

function connectionIds(rec: IntegrationRecord): Array<{ id: string; role: string }> {
  // Oracle's connection roles: SOURCE (a trigger), TARGET (an invoke), SOURCE_AND_TARGET (both).
  const out = new Map<string, string>();
  const add = (id: string, role: string) => {
    const had = out.get(id);
    out.set(id, had === undefined || had === role ? role : 'SOURCE_AND_TARGET');
  };
  for (const c of rec.definition.connections ?? []) add(c.connectionId, c.role ?? 'TARGET');
  const a = rec.definition.archive as ArchiveBits | undefined;
  if (a?.trigger && !out.has(a.trigger.connectionId)) add(a.trigger.connectionId, 'SOURCE');
  for (const i of a?.invokes ?? []) if (!out.has(i.connectionId)) add(i.connectionId, 'TARGET');
  return [...out].map(([id, role]) => ({ id, role }));
}

function dependencies(rec: IntegrationRecord, facts: IntegrationFacts) {
  const connections = connectionIds(rec).map(({ id, role }) => {
    const c = facts.connection?.(id);
    const head = compact({ id, name: c?.name, role, status: c ? c.status : 'NOT_FOUND', adapterType: c?.adapterType, links: connectionLinks(id).slice(0, 1) });
    if (!c || !facts.expand || facts.expand === 'none') return head;
    const connection = compact({ id: c.id, code: c.identifier, name: c.name, status: c.status, projectCode: c.projectId, created: c.createdTime, createdBy: c.createdBy, lastUpdated: c.modifiedTime });
    if (facts.expand === 'connection') return { ...head, connection };
    return { ...head, connection: { ...connection, adapter: { id: c.adapterType, type: c.adapterType, displayName: c.adapterType } } };
  });
  const a = rec.definition.archive as ArchiveBits | undefined;
  // An archive's maps, and the mapping expressions of a definition made through the API.
  const lookupNames = [...new Set([...(a?.lookups ?? []), ...lookupsOfDefinition(rec.definition)])].sort();
  const lookups = lookupNames.map((name) => {
    const l = facts.lookup?.(name);
    return compact({ name, displayName: l && l.name !== name ? l.name : undefined, status: l ? l.status : 'NOT_FOUND', links: lookupLinks(name).slice(0, 1) });
  });
  const libraries = (a?.libraries ?? []).map((ref) => {
    const id = `${ref.code}|${ref.version}`;
    const l = facts.library?.(id);
    return compact({ id, code: ref.code, version: ref.version, name: l?.name ?? ref.name, type: l?.type, status: l ? 'CONFIGURED' : 'NOT_FOUND', links: [{ rel: 'self', href: librarySelf(id) }] });
  });
  return { connections, lookups, libraries };
}

/** One integration in Oracle's shape. */
export function oracleIntegrationView(rec: IntegrationRecord, facts: IntegrationFacts) {
  const d = rec.definition;
  const tracking = (d.archive as ArchiveBits | undefined)?.trackingField;
  return compact({
    ...oracleIntegrationSummary(rec, facts.scoped),
    status: facts.status ?? realIntegrationStatus(rec.status),
    description: d.description,
    packageName: typeof d.packageName === 'string' ? d.packageName : undefined,
    createdBy: rec.createdBy,
    lastUpdatedBy: rec.importedBy ?? rec.createdBy,
    activated: rec.activatedTime,
    activatedBy: rec.activatedBy,
    payloadTracingEnabledFlag: d.tracing ? d.tracing.enablePayloadTracing : undefined,
    endPointURI: facts.origin !== undefined ? endPointUri(rec, facts.origin) : undefined,
    dependencies: dependencies(rec, facts),
    trackingVariables: tracking ? [{ name: 'tracking_var_1', xpath: tracking, primary: true }] : undefined,
    scheduleDefined: facts.schedule?.defined,
    scheduleStatus: facts.schedule?.status,
    scheduleParams: facts.scheduleParams,
  });
}

/** scheme://host of a request (X-Forwarded-* honoured by Fastify's trustProxy when set). */
export const originOf = (request: FastifyRequest): string => `${request.protocol}://${request.host}`;
