/**
 * The integration archive (.iar) in Oracle's layout:
 *
 *   icspackage/project/<CODE>_<VERSION>/PROJECT-INF/project.xml     the flow
 *   icspackage/project/<CODE>_<VERSION>/ics_project_attributes.properties
 *   icspackage/project/<CODE>_<VERSION>/resources/**                 kept as they are
 *   icspackage/appinstances/<CONNECTION_CODE>.xml                     one per connection
 *   icspackage/eventtypes/**, b2bartifacts/**, apilibrary/** ...      kept as they are
 *
 * The one reader of every archive the emulator takes: a .car's integration
 * folders and a .par's nested .iar files go through readFolder and
 * readAppInstance too. What is kept of an archive (everything but the
 * connection descriptors, which are written from the connections as they
 * are at export) is its entries by their path below `icspackage/`.
 */
import { strFromU8 } from 'fflate';
import { badRequest } from '../../core/errors';
import type { ConnectionDefinition } from '../../store/oic/connections';
import type { IntegrationDefinition } from '../../store/oic/integrations';
import { MAX_JSON_DEPTH, jsonErrorMessage, jsonTooDeep } from '../../openapi/json-body';
import { readAppInstance, writeAppInstance } from './appinstance';
import { DEFINITION_JSON, readFolder, type ArchiveFacts } from './flow';
import { lookupNameOf, readLibraryDescriptor, withDescriptors, type LibraryRef } from './references';
import { readZipEntries, writeZip, newBudget, type ZipBudget, type ZipContent } from './zip';

export interface ImportedIntegration {
  folder: string;
  definition: IntegrationDefinition;
  /** The JSON definition an emulator export carries (validated by the caller), if any. */
  jsonDefinition?: unknown;
  connectionCodes: string[];
  /** Entries to keep, by their path below `icspackage/` (none for an emulator export: its definition is its source). */
  kept: Map<string, ZipContent>;
}

export interface IarContent {
  integration: ImportedIntegration;
  connections: ConnectionDefinition[];
}

const ROOT = 'icspackage/';
const PROJECT = /^icspackage\/project\/([^/]+)\/(.+)$/;
const APP_INSTANCE = /^icspackage\/appinstances\/([^/]+)\.xml$/;
const LIBRARY_DESCRIPTOR = /^icspackage\/apilibrary\/[^/]+\/[^/]+\.xml$/;
const LOOKUP_FILE = /^icspackage\/(?:.+\/)?([^/]+)\.dvm$/;

export const iarFileName = (code: string, version: string) => `${code}_${version}.iar`;

export function parseJsonEntry(name: string, bytes: Uint8Array): unknown {
  if (jsonTooDeep(bytes)) throw badRequest(`Archive entry '${name}' is not valid JSON: nested deeper than ${MAX_JSON_DEPTH} levels`);
  try {
    return JSON.parse(strFromU8(bytes));
  } catch (e) {
    throw badRequest(`Archive entry '${name}' is not valid JSON: ${jsonErrorMessage(e)}`);
  }
}

/** Read connection descriptors: `entries` maps the descriptor's code (from its file name) to [entry name, bytes]. */
export function readConnections(entries: Array<[string, string, Uint8Array]>): ConnectionDefinition[] {
  return entries.sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([code, name, bytes]) => readAppInstance(name, bytes, code));
}

/** Unpack and check an uploaded .iar; every problem is a 400 naming it. */
export function readIar(data: Uint8Array, what = 'uploaded file', budget: ZipBudget = newBudget()): IarContent {
  const entries = readZipEntries(data, what, budget, true);
  const folders = new Map<string, Map<string, Uint8Array>>();
  const kept = new Map<string, ZipContent>();
  const descriptors: Array<[string, string, Uint8Array]> = [];
  const libraries: LibraryRef[] = [];
  const lookups = new Set<string>();
  for (const [name, entry] of entries) {
    const bytes = entry.bytes!;
    // The libraries and lookups an export carries are those its flow uses.
    if (LIBRARY_DESCRIPTOR.test(name)) {
      const lib = readLibraryDescriptor(name, bytes);
      if (lib) libraries.push(lib);
    }
    const dvm = LOOKUP_FILE.exec(name);
    const lookup = dvm && lookupNameOf(dvm[1]);
    if (lookup) lookups.add(lookup);
    const app = APP_INSTANCE.exec(name);
    if (app) {
      descriptors.push([app[1], name, bytes]);
      continue;
    }
    const m = PROJECT.exec(name);
    if (m) {
      let f = folders.get(m[1]);
      if (!f) folders.set(m[1], (f = new Map()));
      f.set(m[2], bytes);
    }
    // Kept in its compressed form: stored and exported again without deflating it.
    if (name.startsWith(ROOT)) kept.set(name.slice(ROOT.length), entry);
  }
  if (folders.size === 0) {
    throw badRequest(`The ${what} does not contain an integration: expected icspackage/project/<CODE>_<VERSION>/PROJECT-INF/project.xml`);
  }
  if (folders.size > 1) throw badRequest(`The ${what} contains ${folders.size} integrations (${[...folders.keys()].sort().join(', ')}); an .iar holds exactly one`);
  const [folder, files] = [...folders][0];
  const prefix = `icspackage/project/${folder}/`;
  const { definition, connectionCodes } = readFolder(folder, files, prefix);
  const facts = definition.archive as ArchiveFacts;
  if (libraries.length) facts.libraries = withDescriptors(facts.libraries ?? [], libraries);
  if (lookups.size) facts.lookups = [...new Set([...(facts.lookups ?? []), ...lookups])].sort();
  const connections = readConnections(descriptors);
  const json = files.get(DEFINITION_JSON);
  const integration: ImportedIntegration = { folder, definition, connectionCodes, kept: json ? new Map() : kept };
  if (json) integration.jsonDefinition = parseJsonEntry(prefix + DEFINITION_JSON, json);
  return { integration, connections };
}

export interface ExportConnection { id: string; definition: ConnectionDefinition; status: string }

/**
 * An .iar from the kept entries (paths below `icspackage/`) and the
 * connections as they are now.
 */
export function buildIar(kept: Map<string, ZipContent>, connections: ExportConnection[], mtime: Date): Uint8Array {
  const out: Array<[string, ZipContent]> = [];
  for (const [name, bytes] of kept) out.push([ROOT + name, bytes]);
  for (const c of connections) out.push([`${ROOT}appinstances/${c.definition.identifier}.xml`, writeAppInstance(c.id, c.definition, c.status)]);
  return writeZip(out, mtime);
}
