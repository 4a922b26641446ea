/**
 * One integration's folder of an archive (`<CODE>_<VERSION>/` with
 * PROJECT-INF/project.xml, ics_project_attributes.properties or, in a
 * project archive, info.json, and resources/**), read into the emulator's
 * integration definition: code, version, name, description, style and
 * pattern, the trigger (role `source`) and invokes (role `target`) with
 * their connection codes, the steps in the order the flow runs them, the
 * tracking field, the Oracle Integration version that wrote it, and the REST
 * trigger's verb, resource and response sample from its `.jca`, and the
 * lookups and libraries the flow uses (./references.ts).
 * What the emulator keeps beyond the seed's fields is under `archive`.
 */
import { strFromU8 } from 'fflate';
import { badRequest } from '../../core/errors';
import type { ConnectionRef, IntegrationDefinition } from '../../store/oic/integrations';
import { parseProperties } from './properties';
import { child, childrenOf, descendants, parseXml, textOf, type XmlNode } from './xml';
import { orderedSteps, type FlowApplication, type FlowStep } from './orchestration';
import { libraryRefsOf, lookupsOfFolder, type LibraryRef } from './references';
import { isPlainObject } from '../merge';

export const PROJECT_XML = 'PROJECT-INF/project.xml';
export const ATTRIBUTES = 'ics_project_attributes.properties';
export const INFO_JSON = 'info.json';
/** The JSON definition riding along in archives the emulator writes for integrations made through the API. */
export const DEFINITION_JSON = 'PROJECT-INF/emulator-definition.json';

export const CODE = /^[A-Z][A-Z0-9_]{0,63}$/;
export const VERSION = /^\d{2}\.\d{2}\.\d{4}$/;

export interface RestTrigger {
  verb: string;
  resourceUri: string;
  queryParameters: string[];
  requestMediaType?: string;
  responseMediaType?: string;
  responseSample?: string;
}

export interface ArchiveFacts {
  mepType?: string;
  smartTags?: string;
  trackingField?: string;
  icsVersion?: string;
  originalIcsVersion?: string;
  trigger?: { name: string; connectionId: string; rest?: RestTrigger };
  invokes: Array<{ name: string; connectionId: string; operation?: string }>;
  /** In the order the flow runs them (its orchestration), else as project.xml lists them. */
  steps: FlowStep[];
  /** Lookups its maps and expressions call (./references.ts). */
  lookups?: string[];
  /** JavaScript libraries its function calls use. */
  libraries?: LibraryRef[];
}

export interface FolderContent {
  definition: IntegrationDefinition;
  /** Connection codes the flow uses, in order (PRESEEDED_* included). */
  connectionCodes: string[];
}

const STYLES: Array<[RegExp, string, string]> = [
  [/schedul/, 'SCHEDULED_ORCHESTRATION', 'SCHEDULED'],
  [/event|subscri/, 'SUBSCRIBE_TO_OIC', 'EVENT_DRIVEN'],
  [/publish/, 'PUBLISH_TO_OIC', 'APP_DRIVEN'],
  [/file transfer/, 'FILE_TRANSFER', 'SCHEDULED'],
  [/basic routing|map/, 'MAP_MY_DATA', 'APP_DRIVEN'],
  [/app driven|orchestration/, 'APP_DRIVEN_ORCHESTRATION', 'APP_DRIVEN'],
];
const MEP_STYLES: Record<string, [string, string]> = {
  MEP07: ['SCHEDULED_ORCHESTRATION', 'SCHEDULED'],
  MEP08: ['SUBSCRIBE_TO_OIC', 'EVENT_DRIVEN'],
};

/** Pattern and style from `smartTags` (`style:scheduled orchestration,app:rest`), else from `mep_type`. */
export function styleOf(smartTags: string | undefined, mepType: string | undefined): [string, string] {
  const tag = (smartTags ?? '').split(',').map((s) => s.trim()).find((s) => s.toLowerCase().startsWith('style:'));
  if (tag) {
    const v = tag.slice(6).trim().toLowerCase();
    const hit = STYLES.find(([re]) => re.test(v));
    if (hit) return [hit[1], hit[2]];
  }
  return MEP_STYLES[mepType ?? ''] ?? ['APP_DRIVEN_ORCHESTRATION', 'APP_DRIVEN'];
}

interface Attributes { code?: string; version?: string; name?: string; description?: string; mepType?: string; smartTags?: string; tracking?: string; icsVersion?: string; originalIcsVersion?: string; packageName?: string }

function attributesOf(files: Map<string, Uint8Array>, prefix: string): Attributes {
  const props = files.get(ATTRIBUTES);
  if (props) {
    const p = parseProperties(prefix + ATTRIBUTES, props);
    return {
      code: p.get('project_code'), version: p.get('project_version'), name: p.get('project_name'), description: p.get('project_description'),
      mepType: p.get('mep_type'), smartTags: p.get('smartTags'), tracking: p.get('tracking_instance_name'),
      icsVersion: p.get('lastUpdatedICSVersion'), originalIcsVersion: p.get('originalICSVersion'), packageName: p.get('package_name') || undefined,
    };
  }
  const info = files.get(INFO_JSON);
  if (!info) return {};
  let doc: unknown;
  try {
    doc = JSON.parse(strFromU8(info));
  } catch (e) {
    throw badRequest(`Archive entry '${prefix}${INFO_JSON}' is not valid JSON: ${(e as Error).message}`);
  }
  const p = isPlainObject(doc) && isPlainObject(doc.properties) ? doc.properties : {};
  const s = (k: string) => (typeof p[k] === 'string' && p[k] !== '' ? (p[k] as string) : undefined);
  return {
    code: s('code'), version: s('version'), name: s('name'), description: s('description'), mepType: s('mepType'),
    smartTags: s('smartTags'), tracking: s('trackingInstanceName'), icsVersion: s('lastUpdatedICSVersion') ?? s('icsVersion'), originalIcsVersion: s('originalICSVersion'),
  };
}

/** `../resources/x/y.jca` (relative to PROJECT-INF) -> `resources/x/y.jca`. */
const resolveLocation = (loc: string) => (loc.startsWith('../') ? loc.slice(3) : loc);

function restTriggerOf(app: XmlNode, files: Map<string, Uint8Array>, prefix: string): RestTrigger | undefined {
  const jca = descendants(app, new Set(['resource'])).find((r) => r.attrs.type === 'jca' && r.attrs.location);
  const bytes = jca && files.get(resolveLocation(jca.attrs.location));
  if (!jca || !bytes) return undefined;
  const root = parseXml(prefix + resolveLocation(jca.attrs.location), bytes);
  if ((root.attrs.adapter ?? '').toLowerCase() !== 'rest') return undefined;
  const props = new Map<string, string>();
  for (const spec of descendants(root, new Set(['activation-spec', 'interaction-spec']))) {
    for (const p of childrenOf(spec, 'property')) if (p.attrs.name) props.set(p.attrs.name, p.attrs.value ?? '');
  }
  const uri = props.get('ResourceURI');
  if (!uri) return undefined;
  const query = (props.get('QueryParameters') ?? '').split(/[,;&\s]+/).map((q) => q.split('=')[0].trim()).filter(Boolean);
  const out: RestTrigger = { verb: (props.get('HttpVerb') || 'POST').toUpperCase(), resourceUri: uri.startsWith('/') ? uri : `/${uri}`, queryParameters: query };
  if (props.get('RequestMediaType')) out.requestMediaType = props.get('RequestMediaType');
  if (props.get('ResponseMediaType')) out.responseMediaType = props.get('ResponseMediaType');
  if (props.get('ResponseSample')) out.responseSample = props.get('ResponseSample');
  return out;
}

/**
 * Read one integration folder. `files` are the folder's entries by their
 * path inside it; `prefix` is the folder's path in the archive (messages).
 */
export function readFolder(folder: string, files: Map<string, Uint8Array>, prefix: string): FolderContent {
  const xml = files.get(PROJECT_XML);
  if (!xml) throw badRequest(`The archive's integration folder '${prefix}' has no ${PROJECT_XML}`);
  const root = parseXml(prefix + PROJECT_XML, xml);
  if (root.name !== 'icsproject') throw badRequest(`Archive entry '${prefix}${PROJECT_XML}' is not an integration: its root element is '${root.name}', expected icsproject`);
  const attrs = attributesOf(files, prefix);
  const code = textOf(root, 'projectCode') ?? attrs.code;
  const version = textOf(root, 'projectVersion') ?? attrs.version;
  if (!code || !version) throw badRequest(`Archive entry '${prefix}${PROJECT_XML}' has no projectCode or projectVersion`);
  if (!CODE.test(code)) throw badRequest(`Archive entry '${prefix}${PROJECT_XML}': projectCode '${code.slice(0, 100)}' is not an integration code (A-Z, 0-9, _; at most 64)`);
  if (!VERSION.test(version)) throw badRequest(`Archive entry '${prefix}${PROJECT_XML}': projectVersion '${version.slice(0, 40)}' is not NN.NN.NNNN`);
  if (folder !== `${code}_${version}`) throw badRequest(`Archive folder '${folder}' does not match the integration inside it (${code}_${version})`);
  for (const [k, v] of [['project_code', attrs.code], ['project_version', attrs.version]] as const) {
    const want = k === 'project_code' ? code : version;
    if (v !== undefined && v !== want) throw badRequest(`${prefix}${files.has(ATTRIBUTES) ? ATTRIBUTES : INFO_JSON} says ${k} '${v}', but ${PROJECT_XML} says '${want}'`);
  }

  const facts: ArchiveFacts = { invokes: [], steps: [] };
  const connections: ConnectionRef[] = [];
  const codes: string[] = [];
  const flow = child(root, 'icsflow') ?? root;
  const apps = new Map<string, FlowApplication>();
  const procs = new Map<string, FlowStep>();
  for (const el of descendants(flow, new Set(['application', 'processor']))) {
    if (el.name === 'processor') {
      const step = { name: textOf(el, 'name') || el.attrs.name || `processor_${facts.steps.length + 1}`, type: textOf(el, 'type') || 'processor' };
      facts.steps.push(step);
      if (el.attrs.name) procs.set(el.attrs.name, step);
      continue;
    }
    const role = textOf(el, 'role');
    const adapter = child(el, 'adapter');
    const conn = textOf(adapter, 'code');
    if ((role !== 'source' && role !== 'target') || !conn) continue;
    const name = textOf(adapter, 'name') || conn;
    const bound = child(el, 'inbound') ?? child(el, 'outbound');
    const operation = textOf(bound, 'operation');
    if (!codes.includes(conn)) codes.push(conn);
    if (role === 'source') {
      if (facts.trigger) continue;
      const rest = restTriggerOf(el, files, prefix);
      facts.trigger = { name, connectionId: conn, ...(rest ? { rest } : {}) };
      connections.push({ role: 'SOURCE', connectionId: conn, operations: [{ operationType: 'TRIGGER', objectName: name }] });
    } else {
      facts.invokes.push({ name, connectionId: conn, ...(operation ? { operation } : {}) });
      const step: FlowStep = { name, type: 'invoke', connectionId: conn, ...(operation ? { operation } : {}) };
      facts.steps.push(step);
      if (el.attrs.name) apps.set(el.attrs.name, { role, step });
      const ref = connections.find((c) => c.role === 'TARGET' && c.connectionId === conn);
      const op = { operationType: (operation ?? 'INVOKE').toUpperCase(), objectName: name };
      if (ref) ref.operations!.push(op);
      else connections.push({ role: 'TARGET', connectionId: conn, operations: [op] });
    }
  }
  const orchestration = descendants(flow, new Set(['orchestration']))[0];
  if (orchestration) {
    const ordered = orderedSteps(orchestration, apps, procs);
    if (ordered.length) facts.steps = ordered;
  }
  const lookups = lookupsOfFolder(files);
  if (lookups.length) facts.lookups = lookups;
  const libraries = libraryRefsOf(root);
  if (libraries.length) facts.libraries = libraries;
  const [pattern, style] = styleOf(attrs.smartTags, attrs.mepType);
  for (const [k, v] of [['mepType', attrs.mepType], ['smartTags', attrs.smartTags], ['trackingField', attrs.tracking], ['icsVersion', attrs.icsVersion], ['originalIcsVersion', attrs.originalIcsVersion]] as const) {
    if (v !== undefined) facts[k] = v;
  }
  const definition: IntegrationDefinition = {
    name: textOf(root, 'projectName') || attrs.name || code,
    identifier: code,
    version,
    pattern,
    style,
    connections,
    archive: facts,
  };
  const description = textOf(root, 'projectDescription') || attrs.description;
  if (description) definition.description = description;
  if (attrs.packageName) definition.packageName = attrs.packageName;
  return { definition, connectionCodes: codes };
}
