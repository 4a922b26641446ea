/**
 * The package archive (.par): ics_package_attributes.properties
 * (package_name, smart_tags, keywords, built_by...) and one nested .iar per
 * integration (`icspackage_<Name>_<VERSION>_<uuid>.iar`). Each nested
 * archive is read by readIar with one budget shared with the outer one, so
 * nesting cannot multiply the entry and size limits.
 */
import { strToU8 } from 'fflate';
import { badRequest } from '../../core/errors';
import { readIar, type IarContent } from './iar';
import { parseProperties, writeProperties } from './properties';
import { newBudget, readZip, writeZip } from './zip';

export const PACKAGE_ATTRIBUTES = 'ics_package_attributes.properties';

export interface ParContent { name: string; attributes: Record<string, string>; archives: IarContent[] }

export function readPar(data: Uint8Array): ParContent {
  const budget = newBudget();
  const entries = readZip(data, 'uploaded file', budget);
  const attrs = entries.get(PACKAGE_ATTRIBUTES);
  if (!attrs) throw badRequest(`The uploaded file is not a package archive (.par): it has no ${PACKAGE_ATTRIBUTES}`);
  const attributes = Object.fromEntries(parseProperties(PACKAGE_ATTRIBUTES, attrs));
  const name = attributes.package_name;
  if (!name) throw badRequest(`${PACKAGE_ATTRIBUTES} has no package_name`);
  if (name.length > 256 || /[/\\\u0000-\u001f]/.test(name)) throw badRequest(`${PACKAGE_ATTRIBUTES}: package_name '${name.slice(0, 100)}' is not a usable package name`);
  const nested = [...entries.keys()].filter((n) => n.toLowerCase().endsWith('.iar')).sort();
  if (!nested.length) throw badRequest('The package archive holds no integration archive (.iar)');
  const archives = nested.map((n) => readIar(entries.get(n)!, `nested archive '${n}'`, budget));
  const ids = new Set<string>();
  for (const a of archives) {
    const id = a.integration.folder;
    if (ids.has(id)) throw badRequest(`The package archive holds integration ${id} twice`);
    ids.add(id);
  }
  return { name, attributes, archives };
}

/** A stable uuid-shaped name part from text (nested archive names must not change between exports). */
function uuidOf(text: string): string {
  let h1 = 0x811c9dc5, h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    h1 = Math.imul(h1 ^ text.charCodeAt(i), 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ text.charCodeAt(i), 0x811c9dc5) >>> 0;
  }
  const hex = (h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0')).repeat(2);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function buildPar(name: string, attributes: Record<string, string>, iars: Array<{ name: string; version: string; bytes: Uint8Array }>, now: Date): Uint8Array {
  const out: Array<[string, Uint8Array]> = [[PACKAGE_ATTRIBUTES, strToU8(writeProperties(Object.entries({ ...attributes, package_name: name })))]];
  for (const i of iars) out.push([`icspackage_${i.name.replace(/[^A-Za-z0-9_-]/g, '_')}_${i.version}_${uuidOf(`${name}|${i.name}|${i.version}`)}.iar`, i.bytes]);
  return writeZip(out, now, 0);
}
