/**
 * What the emulator knows about adapter types: which properties a connection
 * needs, what a successful test reports, which operations and objects the
 * adapter exposes. Everything here is a pure function of the connection's
 * stored properties, so a connection test is deterministic.
 *
 * adapterType is free text (`oracle-db-adapter`, `MYSQL`, `rest`, ...); it is
 * matched to a family after lower-casing and dropping a trailing `adapter` and
 * every non-alphanumeric character (`oracle-db-adapter` -> `oracledb`). Unknown
 * types get the generic family: no required properties, generic details.
 */
import { isPlainObject } from './merge';

export interface AdapterFamily {
  key: string;
  /** Normalised adapterType spellings that belong to this family. */
  aliases: string[];
  /** Each entry: alternatives, one of which must be present in connectionProperties. */
  required: string[][];
  operations: string[];
  details: Record<string, unknown>;
  /** Objects every connection of this family exposes, before the ones integrations use. */
  objects: Array<{ name: string; type: string; fields: string[] }>;
  objectType: string;
}

const FAMILIES: AdapterFamily[] = [
  {
    key: 'oracle-db',
    aliases: ['oracledb', 'oracle', 'db', 'database', 'atp', 'adw', 'autonomousdatabase', 'oracleatp', 'oracleadw'],
    required: [['host'], ['port'], ['serviceName', 'sid']],
    operations: ['QUERY', 'INSERT', 'UPDATE', 'DELETE', 'MERGE', 'STORED_PROCEDURE'],
    details: { serverVersion: '19.0.0.0.0', characterSet: 'AL32UTF8', maxConnections: 300 },
    objects: [{ name: 'DUAL', type: 'TABLE', fields: ['DUMMY'] }],
    objectType: 'TABLE',
  },
  {
    key: 'mysql',
    aliases: ['mysql', 'mysqldb', 'mysqlheatwave'],
    required: [['host'], ['port']],
    operations: ['QUERY', 'INSERT', 'UPDATE', 'DELETE', 'STORED_PROCEDURE'],
    details: { serverVersion: '8.0.32', characterSet: 'utf8mb4', maxConnections: 151 },
    objects: [],
    objectType: 'TABLE',
  },
  {
    key: 'rest',
    aliases: ['rest', 'http', 'openapi', 'restapi'],
    required: [['baseUrl', 'connectionUrl', 'url']],
    operations: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    details: { httpVersion: '1.1', tlsVersion: 'TLSv1.3' },
    objects: [],
    objectType: 'RESOURCE',
  },
  {
    key: 'soap',
    aliases: ['soap', 'wsdl'],
    required: [['wsdlUrl', 'connectionUrl', 'url']],
    operations: ['INVOKE'],
    details: { soapVersion: '1.1' },
    objects: [],
    objectType: 'OPERATION',
  },
  {
    key: 'salesforce',
    aliases: ['salesforce', 'sfdc'],
    required: [['loginUrl', 'instanceUrl', 'host']],
    operations: ['QUERY', 'CREATE', 'UPDATE', 'UPSERT', 'DELETE'],
    details: { apiVersion: '59.0', organizationType: 'Enterprise Edition' },
    objects: [{ name: 'Account', type: 'SOBJECT', fields: ['Id', 'Name'] }, { name: 'Contact', type: 'SOBJECT', fields: ['Id', 'FirstName', 'LastName', 'Email'] }],
    objectType: 'SOBJECT',
  },
  {
    key: 'ftp',
    aliases: ['ftp', 'sftp'],
    required: [['host'], ['port']],
    operations: ['READ', 'WRITE', 'LIST', 'DELETE', 'MOVE'],
    details: { protocol: 'SFTP', serverSoftware: 'OpenSSH_9.6' },
    objects: [],
    objectType: 'DIRECTORY',
  },
];

const GENERIC: AdapterFamily = {
  key: 'generic',
  aliases: [],
  required: [],
  operations: ['INVOKE', 'QUERY', 'INSERT', 'UPDATE', 'DELETE'],
  details: { adapterVersion: '1.0' },
  objects: [],
  objectType: 'OBJECT',
};

export function normalizeAdapterType(type: string): string {
  return type.toLowerCase().replace(/adapter$/, '').replace(/[^a-z0-9]/g, '').replace(/adapter$/, '');
}

export function familyOf(adapterType: string): AdapterFamily {
  const n = normalizeAdapterType(adapterType);
  return FAMILIES.find((f) => f.aliases.includes(n)) ?? GENERIC;
}

export interface TestOutcome {
  status: 'SUCCESS' | 'FAILED';
  message: string;
  responseTime: number;
  details: Record<string, unknown>;
}

/** FNV-1a: a stable number from text, for simulated response times. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

const HOST_KEYS = ['host', 'hostname', 'baseUrl', 'connectionUrl', 'url', 'wsdlUrl', 'loginUrl', 'instanceUrl', 'endpoint'];

function present(v: unknown): boolean {
  return v !== undefined && v !== null && v !== '';
}

/**
 * Why a test of these properties fails, or null when it succeeds:
 *   1. a required property of the adapter family is missing;
 *   2. a host/URL property contains `invalid` (unknown host) or `unreachable` (timeout);
 *   3. a password or secret under `security` contains `invalid` or `wrong` (authentication failure).
 */
export function failureReason(adapterType: string, props: Record<string, unknown>): { code: string; reason: string } | null {
  const family = familyOf(adapterType);
  for (const alternatives of family.required) {
    if (!alternatives.some((k) => present(props[k]))) {
      return { code: 'MISSING_PROPERTY', reason: `Missing required connection property '${alternatives.join("' or '")}' for adapter type '${adapterType}'` };
    }
  }
  for (const k of HOST_KEYS) {
    const v = props[k];
    if (typeof v !== 'string') continue;
    if (/unreachable/i.test(v)) return { code: 'CONNECTION_TIMEOUT', reason: `Connection to '${v}' timed out` };
    if (/invalid/i.test(v)) return { code: 'UNKNOWN_HOST', reason: `Unknown host '${v}'` };
  }
  const security = isPlainObject(props.security) ? props.security : {};
  for (const [k, v] of Object.entries(security)) {
    if (/(password|secret|token|key)$/i.test(k) && typeof v === 'string' && /invalid|wrong/i.test(v)) {
      return { code: 'AUTHENTICATION_FAILED', reason: `Authentication failed: the ${k} was rejected by the server` };
    }
  }
  return null;
}

export function simulateTest(identifier: string, adapterType: string, props: Record<string, unknown>): TestOutcome {
  const family = familyOf(adapterType);
  const responseTime = 50 + (hash(`${identifier}|${String(props.host ?? props.baseUrl ?? '')}`) % 450);
  const failure = failureReason(adapterType, props);
  if (failure) {
    return { status: 'FAILED', message: `Connection test failed: ${failure.reason}`, responseTime, details: { errorCode: failure.code, reason: failure.reason } };
  }
  return { status: 'SUCCESS', message: 'Connection test successful', responseTime, details: { ...family.details } };
}

/** Field type guessed from its name (metadata only). */
export function fieldType(name: string): string {
  if (/(date|time|timestamp)$/i.test(name)) return 'DATETIME';
  if (/(count|amount|qty|quantity|total|price|number|num)$/i.test(name)) return 'NUMBER';
  if (/^(is|has)[A-Z_]|(flag|enabled)$/i.test(name)) return 'BOOLEAN';
  return 'STRING';
}
