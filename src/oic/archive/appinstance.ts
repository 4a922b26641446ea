/**
 * Connection descriptors (`appinstances/<CODE>.xml` in an .iar,
 * `connections/<CODE>.xml` in a .car): Oracle's ApplicationInstance, read
 * into the emulator's connection definition and written back from it.
 * A property whose value is still the `%%<CODE>_<name>` placeholder Oracle
 * exports, or that has no value in a connection that was not complete where
 * it was exported, leaves the connection not configured
 * (src/oic/connection-config.ts) until a client sets a value.
 * Credentials are never in a descriptor (Oracle leaves them out too).
 */
import { strToU8 } from 'fflate';
import { badRequest } from '../../core/errors';
import type { ConnectionDefinition } from '../../store/oic/connections';
import { stripSecrets } from '../secrets';
import { child, childrenOf, escapeXml, parseXml, textOf } from './xml';

const NS = 'http://xmlns.oracle.com/adapters/cloud';
const CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

/** Codes of the connections every Oracle Integration instance has built in. */
export const isPreseeded = (code: string) => code.startsWith('PRESEEDED_');

export function readAppInstance(entry: string, bytes: Uint8Array, expectedCode: string): ConnectionDefinition {
  const root = parseXml(entry, bytes);
  if (root.name !== 'ApplicationInstance') throw badRequest(`Archive entry '${entry}' is not a connection descriptor: its root element is '${root.name}', expected ApplicationInstance`);
  const code = textOf(root, 'instanceCode');
  if (!code) throw badRequest(`Archive entry '${entry}' has no instanceCode`);
  if (!CODE.test(code)) throw badRequest(`Archive entry '${entry}': instanceCode '${code.slice(0, 100)}' is not a valid connection code`);
  if (code !== expectedCode) throw badRequest(`Archive entry '${entry}' describes connection '${code}', but its file name says '${expectedCode}'`);
  const adapterType = textOf(root, 'applicationTypeRef');
  if (!adapterType) throw badRequest(`Archive entry '${entry}' has no applicationTypeRef (the adapter type of connection '${code}')`);
  // A property without a value in a descriptor whose connection was CONFIGURED where it was
  // exported is an optional one left empty (tlsVersion, sslCertificateAlias...): kept as ''.
  // In a connection that was not complete there, it is a value still to give (null).
  const complete = textOf(root, 'status') === 'CONFIGURED';
  const props: Record<string, unknown> = {};
  for (const p of childrenOf(child(root, 'connectionProperties'), 'connectionProperty')) {
    const name = textOf(p, 'name');
    if (!name) throw badRequest(`Archive entry '${entry}' has a connectionProperty without a name`);
    const value = child(p, 'value');
    props[name] = value === undefined ? (complete ? '' : null) : value.text;
  }
  const def: ConnectionDefinition = {
    name: textOf(root, 'displayName') || code,
    identifier: code,
    adapterType,
    connectionProperties: props,
  };
  const description = textOf(root, 'description');
  if (description) def.description = description;
  const policy = textOf(root, 'securityPolicy');
  if (policy) def.securityPolicy = policy;
  const agent = textOf(root, 'agentGroupId');
  if (agent) def.agentGroupId = agent;
  return def;
}

function flat(props: Record<string, unknown>, prefix = '', out: Array<[string, unknown]> = []): Array<[string, unknown]> {
  for (const [k, v] of Object.entries(props)) {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) flat(v as Record<string, unknown>, `${prefix}${k}.`, out);
    else out.push([`${prefix}${k}`, v]);
  }
  return out;
}

/** The descriptor of a connection as it is now (secrets left out; nested properties as dotted names). */
export function writeAppInstance(id: string, def: ConnectionDefinition, status: string): Uint8Array {
  const props = flat((stripSecrets(def.connectionProperties ?? {}) ?? {}) as Record<string, unknown>);
  const el = (name: string, v: unknown) => (v === undefined || v === null || v === '' ? '' : `  <${name}>${escapeXml(String(v))}</${name}>\n`);
  const propXml = props.map(([k, v]) => `    <connectionProperty>\n      <name>${escapeXml(k)}</name>\n${v === null || v === undefined ? '' : `      <value>${escapeXml(typeof v === 'string' ? v : JSON.stringify(v))}</value>\n`}    </connectionProperty>\n`).join('');
  return strToU8(`<?xml version = '1.0' encoding = 'UTF-8'?>\n<ns0:ApplicationInstance xmlns:ns0="${NS}">\n` +
    el('id', id) + el('instanceCode', def.identifier) + el('displayName', def.name) + el('applicationTypeRef', def.adapterType) + el('description', def.description) +
    `  <connectionProperties>\n${propXml}  </connectionProperties>\n` +
    el('securityPolicy', def.securityPolicy) + el('revision', def.version ?? '01.00.0000') + el('status', status) +
    '</ns0:ApplicationInstance>\n');
}
