/**
 * The project archive (.car, Oracle Integration 3):
 *
 *   project/project.yaml                           code, name, description, assets (libraries...)
 *   project/integrations/<CODE>_<VERSION>/...      as in an .iar (info.json instead of the attributes file)
 *   project/connections/<CODE>.xml                 ApplicationInstance descriptors
 *   project/lookups/<NAME>.dvm                     domain value maps
 *   project/schedules/Schedule_<CODE>_<VERSION>.xml
 *   project/libraries/<CODE>_<VERSION>/*           JavaScript libraries (listed, not run)
 *
 * Read with the same pieces as an .iar (readFolder, readAppInstance,
 * parseXml); project.yaml with the yaml library (no aliases, unique keys).
 */
import { strFromU8 } from 'fflate';
import { badRequest } from '../../core/errors';
import type { ConnectionDefinition } from '../../store/oic/connections';
import type { LookupDefinition } from '../../store/oic/lookups';
import { isPlainObject } from '../merge';
import { DEFINITION_JSON, readFolder } from './flow';
import { parseJsonEntry, readConnections, type ImportedIntegration } from './iar';
import { child, childrenOf, parseXml, textOf } from './xml';
import { readZipEntries, newBudget, type ZipContent } from './zip';

export const PROJECT_CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export interface CarSchedule { integrationId: string; timeZone: string; icalExpression: string }

export interface CarContent {
  code: string;
  name: string;
  description?: string;
  libraries: string[];
  integrations: ImportedIntegration[];
  connections: ConnectionDefinition[];
  lookups: LookupDefinition[];
  schedules: CarSchedule[];
}

const YAML_ENTRY = 'project/project.yaml';

function readProjectYaml(bytes: Uint8Array): Record<string, unknown> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const YAML = require('yaml') as typeof import('yaml');
  let doc: unknown;
  try {
    doc = YAML.parse(strFromU8(bytes), { maxAliasCount: 0, uniqueKeys: true, prettyErrors: false });
  } catch (e) {
    throw badRequest(`Archive entry '${YAML_ENTRY}' is not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  if (!isPlainObject(doc)) throw badRequest(`Archive entry '${YAML_ENTRY}' must be a YAML mapping (code, name, assets...)`);
  return doc;
}

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined);

function readDvm(entry: string, bytes: Uint8Array, fileName: string): LookupDefinition {
  const root = parseXml(entry, bytes);
  if (root.name !== 'dvm') throw badRequest(`Archive entry '${entry}' is not a lookup: its root element is '${root.name}', expected dvm`);
  const name = root.attrs.name || fileName;
  if (name !== fileName) throw badRequest(`Archive entry '${entry}' holds lookup '${name}', but its file name says '${fileName}'`);
  const columns = childrenOf(child(root, 'columns'), 'column').map((c) => c.attrs.name);
  if (!columns.length || columns.some((c) => !c)) throw badRequest(`Archive entry '${entry}' must name its columns (<columns><column name=".."/></columns>)`);
  if (new Set(columns).size !== columns.length) throw badRequest(`Archive entry '${entry}' names a column twice`);
  const data = childrenOf(child(root, 'rows'), 'row').map((row, i) => {
    const cells = childrenOf(row, 'cell').map((c) => c.text);
    if (cells.length !== columns.length) throw badRequest(`Archive entry '${entry}': row ${i + 1} has ${cells.length} cells for ${columns.length} columns`);
    return Object.fromEntries(columns.map((c, k) => [c, cells[k]]));
  });
  const def: LookupDefinition = { name, identifier: name, columns: columns.map((c) => ({ name: c, type: 'STRING' })), data };
  const description = textOf(root, 'description');
  if (description) def.description = description;
  return def;
}

function readSchedule(entry: string, bytes: Uint8Array, folder: string): CarSchedule {
  const root = parseXml(entry, bytes);
  if (root.name !== 'schedule') throw badRequest(`Archive entry '${entry}' is not a schedule: its root element is '${root.name}'`);
  const ical = textOf(child(root, 'recurrence'), 'ical-expression')?.replace(/;+$/, '');
  if (!ical) throw badRequest(`Archive entry '${entry}' has no recurrence/ical-expression`);
  const m = /^(.+)_(\d{2}\.\d{2}\.\d{4})$/.exec(folder);
  if (!m) throw badRequest(`Archive entry '${entry}' is not named Schedule_<CODE>_<VERSION>.xml`);
  return { integrationId: `${m[1]}|${m[2]}`, timeZone: textOf(root, 'time-zone') || 'UTC', icalExpression: ical };
}

/** Unpack and check an uploaded .car; every problem is a 400 naming it. */
export function readCar(data: Uint8Array): CarContent {
  const raw = readZipEntries(data, 'uploaded file', newBudget(), true);
  const entries = new Map([...raw].map(([n, e]) => [n, e.bytes!]));
  const yaml = entries.get(YAML_ENTRY);
  if (!yaml) throw badRequest(`The uploaded file is not a project archive (.car): it has no ${YAML_ENTRY}`);
  const doc = readProjectYaml(yaml);
  const code = str(doc.code) ?? str(doc.id);
  if (!code || !PROJECT_CODE.test(code)) throw badRequest(`${YAML_ENTRY}: code '${String(code ?? '')}' is not a project code (letters, digits, _ and -; at most 64)`);
  const folders = new Map<string, Map<string, Uint8Array>>();
  const descriptors: Array<[string, string, Uint8Array]> = [];
  const lookups: LookupDefinition[] = [];
  const schedules: CarSchedule[] = [];
  const libraries = new Set<string>();
  for (const [name, bytes] of entries) {
    let m: RegExpExecArray | null;
    if ((m = /^project\/integrations\/([^/]+)\/(.+)$/.exec(name))) {
      let f = folders.get(m[1]);
      if (!f) folders.set(m[1], (f = new Map()));
      f.set(m[2], bytes);
    } else if ((m = /^project\/connections\/([^/]+)\.xml$/.exec(name))) descriptors.push([m[1], name, bytes]);
    else if ((m = /^project\/lookups\/([^/]+)\.dvm$/.exec(name))) lookups.push(readDvm(name, bytes, m[1]));
    else if ((m = /^project\/schedules\/Schedule_([^/]+)\.xml$/.exec(name))) schedules.push(readSchedule(name, bytes, m[1]));
    else if ((m = /^project\/libraries\/([^/]+)\//.exec(name))) libraries.add(m[1]);
  }
  const integrations = [...folders].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([folder, files]): ImportedIntegration => {
    const prefix = `project/integrations/${folder}/`;
    const { definition, connectionCodes } = readFolder(folder, files, prefix);
    const kept = new Map<string, ZipContent>([...files.keys()].map((rel) => [`project/${folder}/${rel}`, raw.get(prefix + rel)!]));
    const json = files.get(DEFINITION_JSON);
    return { folder, definition, connectionCodes, kept: json ? new Map() : kept, ...(json ? { jsonDefinition: parseJsonEntry(prefix + DEFINITION_JSON, json) } : {}) };
  });
  const ids = new Set(integrations.map((i) => `${i.definition.identifier}|${i.definition.version}`));
  for (const s of schedules) {
    if (!ids.has(s.integrationId)) throw badRequest(`The archive has a schedule for '${s.integrationId}', which is not among its integrations`);
  }
  const assets = isPlainObject(doc.assets) ? doc.assets : {};
  if (Array.isArray(assets.libraries)) for (const l of assets.libraries) if (isPlainObject(l) && str(l.id)) libraries.add(str(l.id)!.replace('|', '_'));
  return {
    code,
    name: str(doc.name) ?? code,
    ...(str(doc.description) ? { description: str(doc.description) } : {}),
    libraries: [...libraries].sort(),
    integrations,
    connections: readConnections(descriptors),
    lookups: lookups.sort((a, b) => (a.name < b.name ? -1 : 1)),
    schedules,
  };
}
