/**
 * What an integration uses besides its connections, as Oracle's archives
 * record it:
 * - lookups: Oracle's mapper writes a lookup call as
 *   `dvm:lookupValue("tenant/resources/dvms/<NAME>", srcColumn, value, tgtColumn, default)`
 *   in the flow's .xsl maps and in the expressions of assignments
 *   (expr.properties); the first argument names the lookup. The emulator's
 *   JSON definitions may write the same call in a mapping's `expression`.
 * - JavaScript libraries: a function call step carries an `apiid` property
 *   `CODE:VERSION:file:function:params` in project.xml, and the archive holds
 *   the library's descriptor (`icspackage/apilibrary/<Name>/<Name>.xml`, root
 *   `api-library` with `name`, `code`, `version`).
 * Only names are read here; nothing is evaluated.
 */
import { strFromU8 } from 'fflate';
import type { IntegrationDefinition } from '../../store/oic/integrations';
import { isPlainObject } from '../merge';
import { decodeEntities, descendants, parseXml, textOf, type XmlNode } from './xml';

export interface LibraryRef { code: string; version: string; name?: string }

const LOOKUP_CALL = /lookupValue(?:1M)?\s*\(\s*["']\s*([^"'\s][^"']*?)\s*["']/g;
const LOOKUP_NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,127}$/;
const API_ID = /^([A-Z][A-Z0-9_]{0,49}):(\d{2}\.\d{2}\.\d{4}):/;
/** Resource files a lookup call can sit in (maps, expressions, their state files). */
const SCANNED = /\.(xsl|xslt|properties|xml|json)$/i;

/**
 * The lookup a reference names: "tenant/resources/dvms/NAME" (Oracle
 * Integration), "oramds:/apps/.../NAME.dvm" (the older SOA form), a file
 * NAME.dvm or a bare name; undefined when it is no lookup name.
 */
export function lookupNameOf(ref: string): string | undefined {
  const name = ref.split('/').pop()!.replace(/\.dvm$/i, '');
  return LOOKUP_NAME.test(name) ? name : undefined;
}

/** The lookup names called in a text (entities decoded first: .xsl maps write the quotes as &quot;). */
export function lookupCallsIn(text: string, into: Set<string> = new Set()): Set<string> {
  if (!text.includes('lookupValue')) return into;
  for (const m of decodeEntities(text).matchAll(LOOKUP_CALL)) {
    const name = lookupNameOf(m[1]);
    if (name) into.add(name);
  }
  return into;
}

/** The lookups an integration folder's resources call (`files` by their path inside the folder), sorted. */
export function lookupsOfFolder(files: Map<string, Uint8Array>): string[] {
  const names = new Set<string>();
  for (const [path, bytes] of files) {
    if (path.startsWith('resources/') && SCANNED.test(path)) lookupCallsIn(strFromU8(bytes), names);
  }
  return [...names].sort();
}

/** The libraries the flow's function calls name (`apiid` properties), in first-use order. */
export function libraryRefsOf(projectXml: XmlNode): LibraryRef[] {
  const out = new Map<string, LibraryRef>();
  for (const p of descendants(projectXml, new Set(['property']))) {
    if (p.attrs.name !== 'apiid') continue;
    const m = API_ID.exec(p.attrs.value ?? '');
    if (m && !out.has(`${m[1]}|${m[2]}`)) out.set(`${m[1]}|${m[2]}`, { code: m[1], version: m[2] });
  }
  return [...out.values()];
}

/** A library descriptor of an archive (`api-library`), or undefined when the entry is another file. */
export function readLibraryDescriptor(entry: string, bytes: Uint8Array): LibraryRef | undefined {
  let root: XmlNode;
  try {
    root = parseXml(entry, bytes);
  } catch {
    // The descriptor only names the library; an archive whose descriptor the emulator cannot read still imports.
    return undefined;
  }
  if (root.name !== 'api-library') return undefined;
  const code = textOf(root, 'code');
  const version = textOf(root, 'version');
  if (!code || !version || !API_ID.test(`${code}:${version}:`)) return undefined;
  const name = textOf(root, 'name');
  return { code, version, ...(name ? { name } : {}) };
}

/** Add the archive's library descriptors to the flow's references: names for those it calls, and those it carries but no step names. */
export function withDescriptors(refs: LibraryRef[], descriptors: LibraryRef[]): LibraryRef[] {
  const out = refs.map((r) => ({ ...r }));
  for (const d of descriptors) {
    const hit = out.find((r) => r.code === d.code && r.version === d.version);
    if (hit) Object.assign(hit, d);
    else out.push(d);
  }
  return out;
}

/** The lookups a JSON definition's mapping expressions call (connections' operations and transformations), sorted. */
export function lookupsOfDefinition(def: IntegrationDefinition): string[] {
  const names = new Set<string>();
  const mappings = (list: unknown) => (Array.isArray(list) ? list : []).filter(isPlainObject);
  const scan = (holder: Record<string, unknown>) => {
    for (const m of mappings(holder.mappings)) if (typeof m.expression === 'string') lookupCallsIn(m.expression, names);
  };
  for (const c of mappings(def.connections)) for (const op of mappings(c.operations)) scan(op);
  for (const tr of mappings(def.transformations)) scan(tr);
  return [...names].sort();
}
