/**
 * Writing what an archive holds, in the caller's transaction (so a problem
 * anywhere writes nothing): the connections the instance does not have yet
 * are created from their descriptors (existing ones are left as they are;
 * built-in PRESEEDED_* ones exist everywhere), then each integration is
 * added or replaced and its archive entries kept for export.
 */
import { badRequest } from '../../core/errors';
import type { Stores } from '../../store';
import type { ConnectionDefinition } from '../../store/oic/connections';
import type { IntegrationDefinition, IntegrationRecord } from '../../store/oic/integrations';
import { isPreseeded } from './appinstance';
import type { ImportedIntegration } from './iar';

export interface ImportOptions {
  mode: 'add' | 'replace';
  caller: string;
  projectId?: string;
  packageName?: string;
  /** Checks an emulator export's JSON definition (as a create request would) and returns it. */
  validate: (json: unknown, where: string) => IntegrationDefinition;
}

export interface ImportResult { record: IntegrationRecord; created: boolean }

export function createConnections(stores: Stores, connections: ConnectionDefinition[], caller: string, projectId?: string): string[] {
  const created: string[] = [];
  for (const c of connections) {
    if (isPreseeded(c.identifier) || stores.connections.get(c.identifier)) continue;
    stores.connections.create(projectId ? { ...c, projectId } : c, caller);
    created.push(c.identifier);
  }
  return created;
}

export function importIntegration(stores: Stores, item: ImportedIntegration, opts: ImportOptions): ImportResult {
  let def = item.jsonDefinition !== undefined ? opts.validate(item.jsonDefinition, item.folder) : item.definition;
  if (item.jsonDefinition !== undefined && `${def.identifier}_${def.version}` !== item.folder) {
    throw badRequest(`Archive folder '${item.folder}' does not match the integration inside it (${def.identifier}_${def.version})`);
  }
  if (opts.projectId !== undefined) def = { ...def, projectId: opts.projectId };
  // An .iar carries no project membership in Oracle Integration; the
  // emulator's own definition does, and keeps it only where that project
  // exists, so an export imports into another instance as a standalone flow.
  else if (def.projectId && !stores.projects.exists(def.projectId)) def = { ...def, projectId: undefined };
  if (opts.packageName !== undefined) def = { ...def, packageName: opts.packageName };
  const result = stores.integrations.importDefinition(def, opts.caller, opts.mode);
  stores.archives.keep(result.record.id, item.kept);
  return result;
}
