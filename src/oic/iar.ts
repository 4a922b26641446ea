/**
 * The `.iar` integration archive: a real zip file (fflate), laid out like
 * Oracle's, with JSON where Oracle has XML:
 *
 *   icspackage/project/<IDENTIFIER>_<VERSION>/PROJECT-INF/project.json   the integration definition
 *   icspackage/appinstances/<CONNECTION_ID>.json                          each referenced connection, secrets removed
 *   META-INF/MANIFEST.json                                                format marker, exporter, time
 *
 * Reading is defensive: the upload is already bounded by the payload limit;
 * the archive may hold at most MAX_ENTRIES entries and MAX_UNCOMPRESSED bytes
 * of declared content (a lying entry cannot inflate past its declared size),
 * and entry names with `..`, absolute paths, backslashes or control
 * characters are refused. Nothing is ever written to disk.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { ApiError, badRequest } from '../core/errors';
import { isPlainObject } from './merge';
import { MAX_JSON_DEPTH, jsonErrorMessage, jsonTooDeep } from '../openapi/json-body';

export const IAR_FORMAT = 'oracle-integration-emulator/iar';
export const IAR_FORMAT_VERSION = 1;
export const MAX_ENTRIES = 1000;
export const MAX_UNCOMPRESSED = 50 * 1024 * 1024;

export interface IarContent {
  /** The integration definition (no status, timestamps or secrets). */
  definition: Record<string, unknown>;
  /** Referenced connections as they were at export (secrets removed). */
  connections: Array<Record<string, unknown>>;
}

export function iarFileName(identifier: string, version: string): string {
  return `${identifier}_${version}.iar`;
}

export function projectDir(identifier: string, version: string): string {
  return `icspackage/project/${identifier}_${version}`;
}

const json = (v: unknown) => strToU8(JSON.stringify(v, null, 2) + '\n');

export function buildIar(content: IarContent, meta: { exportedTime: string; exportedBy: string }, mtime: Date): Uint8Array {
  const def = content.definition;
  const identifier = String(def.identifier);
  const version = String(def.version);
  const files: Zippable = {
    'META-INF/MANIFEST.json': json({
      format: IAR_FORMAT,
      formatVersion: IAR_FORMAT_VERSION,
      id: `${identifier}|${version}`,
      exportedTime: meta.exportedTime,
      exportedBy: meta.exportedBy,
    }),
    [`${projectDir(identifier, version)}/PROJECT-INF/project.json`]: json(def),
  };
  for (const c of content.connections) files[`icspackage/appinstances/${String(c.identifier)}.json`] = json(c);
  // Zip timestamps only cover 1980-2099; a simulated clock may be anywhere.
  const t = Math.min(Math.max(mtime.getTime(), Date.UTC(1980, 0, 2)), Date.UTC(2099, 11, 30));
  return zipSync(files, { level: 6, mtime: new Date(t) });
}

function safeName(name: string): boolean {
  if (!name || name.length > 512) return false;
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name) || name.includes('\\')) return false;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(name)) return false;
  return !name.split('/').some((seg) => seg === '..' || seg === '.');
}

function parseJson(name: string, bytes: Uint8Array): unknown {
  // The definition goes through the same recursive validation and merge as a JSON body.
  if (jsonTooDeep(bytes)) throw badRequest(`Archive entry '${name}' is not valid JSON: nested deeper than ${MAX_JSON_DEPTH} levels`);
  try {
    return JSON.parse(strFromU8(bytes));
  } catch (e) {
    throw badRequest(`Archive entry '${name}' is not valid JSON: ${jsonErrorMessage(e)}`);
  }
}

const PROJECT_JSON = /^icspackage\/project\/([^/]+)\/PROJECT-INF\/project\.json$/;
const APP_INSTANCE = /^icspackage\/appinstances\/([^/]+)\.json$/;

/** Unpack and check an uploaded archive; every problem is a 400 naming it. */
export function readIar(data: Uint8Array): IarContent {
  if (data.length < 22 || data[0] !== 0x50 || data[1] !== 0x4b) {
    throw badRequest('The uploaded file is not an integration archive (.iar): it is not a zip file');
  }
  let entries = 0;
  let declared = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(data, {
      filter: (f) => {
        if (++entries > MAX_ENTRIES) throw badRequest(`The archive has more than ${MAX_ENTRIES} entries`);
        if (!safeName(f.name)) throw badRequest(`The archive contains an unsafe entry name '${f.name.slice(0, 200)}'`);
        declared += f.originalSize;
        if (declared > MAX_UNCOMPRESSED) throw badRequest(`The archive expands to more than ${MAX_UNCOMPRESSED / 1024 / 1024} MB`);
        // Only our own entries are inflated; anything else is ignored.
        return PROJECT_JSON.test(f.name) || APP_INSTANCE.test(f.name) || f.name === 'META-INF/MANIFEST.json';
      },
    });
  } catch (e) {
    if (e instanceof ApiError) throw e;
    throw badRequest(`The uploaded file is not a readable zip archive (${(e as Error).message}); it may be truncated`);
  }
  const projects = Object.keys(files).filter((n) => PROJECT_JSON.test(n));
  if (projects.length === 0) {
    throw badRequest('The archive does not contain an integration: expected icspackage/project/<IDENTIFIER>_<VERSION>/PROJECT-INF/project.json');
  }
  if (projects.length > 1) throw badRequest(`The archive contains ${projects.length} integrations; an .iar holds exactly one`);
  const name = projects[0];
  const definition = parseJson(name, files[name]);
  if (!isPlainObject(definition)) throw badRequest(`Archive entry '${name}' must hold a JSON object`);
  const dir = PROJECT_JSON.exec(name)![1];
  if (dir !== `${String(definition.identifier)}_${String(definition.version)}`) {
    throw badRequest(`Archive folder '${dir}' does not match the integration inside it (${String(definition.identifier)}_${String(definition.version)})`);
  }
  const connections: Array<Record<string, unknown>> = [];
  for (const n of Object.keys(files).filter((x) => APP_INSTANCE.test(x)).sort()) {
    const c = parseJson(n, files[n]);
    if (isPlainObject(c)) connections.push(c);
  }
  return { definition, connections };
}
