/**
 * A service instance's design-time metadata as one zip (the emulator's own
 * layout; Oracle does not document the one it writes): `serviceinstance.json`
 * lists the projects, connections (secrets only with exportSecurityArtifacts),
 * lookups and integrations, each integration is its .iar under
 * `integrations/` (the bytes GET .../integrations/{id}/archive answers), and
 * connection attachments are under `attachments/<connection>/<property>`.
 *
 * Reading checks everything before anything is written, so a bad archive is
 * refused when the import job is submitted; applying it runs in the caller's
 * transaction (a problem fails the job and writes nothing).
 */
import { strToU8, strFromU8 } from 'fflate';
import { badRequest } from '../../core/errors';
import type { Stores } from '../../store';
import type { ConnectionAttachmentStore } from '../../store/oic/connection-attachments';
import type { ConnectionDefinition } from '../../store/oic/connections';
import type { LookupDefinition } from '../../store/oic/lookups';
import type { ProjectDefinition } from '../../store/oic/projects';
import { tracingOf } from '../../store/oic/integrations';
import { exportIntegrationArchive } from '../archive/exporter';
import { iarFileName, readIar, type IarContent } from '../archive/iar';
import { importIntegration } from '../archive/importer';
import { newBudget, readZip, writeZip } from '../archive/zip';
import { isPlainObject } from '../merge';
import { stripSecrets } from '../secrets';
import { validateDefinition } from '../archive/definition-check';

export const MANIFEST = 'serviceinstance.json';
export const FORMAT = 'oic-emulator-service-instance-archive';

interface ManifestIntegration { id: string; file: string; projectId: string | null; activated: boolean }
interface ManifestConnection { definition: ConnectionDefinition; attachments: Array<{ propName: string; file: string; fileName: string | null }> }
export interface Manifest {
  format: string;
  version: 1;
  instance: string;
  exportedTime: string;
  securityArtifacts: boolean;
  projects: ProjectDefinition[];
  connections: ManifestConnection[];
  lookups: LookupDefinition[];
  integrations: ManifestIntegration[];
}

export type SiaStores = Stores & { connectionAttachments: ConnectionAttachmentStore };

export interface Summary { projects: number; connections: number; lookups: number; integrations: number; attachments: number; [k: string]: number }

/** Everything of the instance, as it is now. */
export function buildInstanceArchive(stores: SiaStores, instance: string, withSecrets: boolean, now: Date): { bytes: Uint8Array; summary: Summary } {
  const files = new Map<string, Uint8Array>();
  const projects = stores.projects.rows().map((r) => stores.projects.require(r.id).definition);
  const connections: ManifestConnection[] = stores.connections.rows().map((r) => {
    const rec = stores.connections.require(r.id);
    const definition = withSecrets ? rec.definition : { ...rec.definition, connectionProperties: stripSecrets(rec.definition.connectionProperties) };
    const attachments = stores.connectionAttachments.list(r.id).map((a) => {
      const file = `attachments/${encodeURIComponent(r.id)}/${encodeURIComponent(a.propName)}`;
      files.set(file, new Uint8Array(stores.connectionAttachments.require(r.id, a.propName).data));
      return { propName: a.propName, file, fileName: a.fileName };
    });
    return { definition, attachments };
  });
  const lookups = stores.lookups.rows().map((r) => stores.lookups.require(r.id).definition);
  const integrations = stores.integrations.rows().map((r) => {
    const rec = stores.integrations.require(r.id);
    const file = `integrations/${iarFileName(rec.identifier, rec.version)}`;
    files.set(file, exportIntegrationArchive(stores, rec, now));
    return { id: rec.id, file, projectId: rec.projectId, activated: rec.status === 'ACTIVE' };
  });
  const manifest: Manifest = { format: FORMAT, version: 1, instance, exportedTime: now.toISOString(), securityArtifacts: withSecrets, projects, connections, lookups, integrations };
  files.set(MANIFEST, strToU8(JSON.stringify(manifest, null, 2)));
  const attachments = connections.reduce((n, c) => n + c.attachments.length, 0);
  return { bytes: writeZip([...files.entries()].sort(([a], [b]) => a.localeCompare(b)), now), summary: { projects: projects.length, connections: connections.length, lookups: lookups.length, integrations: integrations.length, attachments } };
}

export interface ReadArchive { manifest: Manifest; iars: Map<string, IarContent>; attachments: Map<string, Uint8Array> }

const list = (m: Record<string, unknown>, key: string): unknown[] => {
  const v = m[key];
  if (!Array.isArray(v)) throw badRequest(`The service instance archive's ${MANIFEST} has no '${key}' list`);
  return v;
};

/** Parse and check an archive (400 naming what is wrong). */
export function readInstanceArchive(bytes: Uint8Array): ReadArchive {
  const budget = newBudget();
  const entries = readZip(bytes, 'service instance archive', budget);
  const raw = entries.get(MANIFEST);
  if (!raw) throw badRequest(`Not a service instance archive: it has no ${MANIFEST}`);
  let m: unknown;
  try { m = JSON.parse(strFromU8(raw)); } catch (e) { throw badRequest(`${MANIFEST} is not JSON: ${(e as Error).message}`); }
  if (!isPlainObject(m) || m.format !== FORMAT || m.version !== 1) throw badRequest(`${MANIFEST} is not a version 1 ${FORMAT}`);
  for (const key of ['projects', 'connections', 'lookups', 'integrations']) list(m, key);
  const manifest = m as unknown as Manifest;
  const iars = new Map<string, IarContent>();
  for (const [i, item] of (manifest.integrations as unknown[]).entries()) {
    if (!isPlainObject(item) || typeof item.file !== 'string' || typeof item.id !== 'string') throw badRequest(`integrations[${i}] needs id and file`);
    const data = entries.get(item.file);
    if (!data) throw badRequest(`integrations[${i}]: the archive has no entry '${item.file}'`);
    iars.set(item.file, readIar(data, item.file, budget));
  }
  const attachments = new Map<string, Uint8Array>();
  for (const [i, c] of (manifest.connections as unknown[]).entries()) {
    if (!isPlainObject(c) || !isPlainObject(c.definition) || typeof c.definition.identifier !== 'string' || typeof c.definition.adapterType !== 'string' || !Array.isArray(c.attachments)) {
      throw badRequest(`connections[${i}] needs a definition (identifier, adapterType) and an attachments list`);
    }
    for (const a of c.attachments as unknown[]) {
      if (!isPlainObject(a) || typeof a.file !== 'string' || typeof a.propName !== 'string' || !entries.has(a.file)) throw badRequest(`connections[${i}]: an attachment names no entry of the archive`);
      attachments.set(a.file, entries.get(a.file)!);
    }
  }
  for (const [key, what] of [['projects', 'a project'], ['lookups', 'a lookup']] as const) {
    for (const [i, d] of (manifest[key] as unknown[]).entries()) {
      if (!isPlainObject(d) || typeof d.identifier !== 'string' || typeof d.name !== 'string') throw badRequest(`${key}[${i}] is not ${what} definition (identifier, name)`);
    }
  }
  return { manifest, iars, attachments };
}

/**
 * Write an archive into an instance (call inside a transaction): what
 * exists is updated or replaced, the rest created. Connection secrets come
 * only with importSecurityArtifacts; `activate` activates the integrations
 * that were active in the exported instance.
 */
export function applyInstanceArchive(stores: SiaStores, a: ReadArchive, opts: { caller: string; withSecrets: boolean; activate: boolean }): Summary {
  const { manifest } = a;
  for (const p of manifest.projects) {
    if (stores.projects.exists(p.identifier)) stores.projects.update(p.identifier, p);
    else stores.projects.create(p, opts.caller);
  }
  let attachments = 0;
  for (const c of manifest.connections) {
    const def = opts.withSecrets ? c.definition : { ...c.definition, connectionProperties: stripSecrets(c.definition.connectionProperties) };
    if (stores.connections.get(def.identifier)) stores.connections.update(def.identifier, def);
    else stores.connections.create(def, opts.caller);
    for (const at of c.attachments) {
      stores.connectionAttachments.put(def.identifier, at.propName, Buffer.from(a.attachments.get(at.file)!), at.fileName ?? undefined);
      attachments++;
    }
  }
  for (const l of manifest.lookups) {
    if (stores.lookups.get(l.identifier)) stores.lookups.update(l.identifier, l);
    else stores.lookups.create(l, opts.caller);
  }
  for (const i of manifest.integrations) {
    const content = a.iars.get(i.file)!;
    const { record } = importIntegration(stores, content.integration, { mode: 'replace', caller: opts.caller, validate: validateDefinition, ...(i.projectId ? { projectId: i.projectId } : {}) });
    if (opts.activate && i.activated && record.status !== 'ACTIVE') stores.integrations.activate(record.id, tracingOf({}), opts.caller);
  }
  return { projects: manifest.projects.length, connections: manifest.connections.length, lookups: manifest.lookups.length, integrations: manifest.integrations.length, attachments };
}
