/**
 * CLI flags and environment variables -> one frozen Config object.
 *
 * Precedence: command-line flag > environment variable > default.
 * Every option is listed once in OPTIONS so that `--help`, the README table
 * and `GET /_emulator/config` cannot drift apart.
 */
import fs from 'node:fs';
import path from 'node:path';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
export type LogFormat = 'auto' | 'pretty' | 'json';

export interface DeclaredClient {
  clientId: string;
  clientSecret: string;
  /** Scopes the client may ask for; empty = any. */
  scopes?: string[];
}

export interface DeclaredUser {
  username: string;
  password: string;
}

export interface Config {
  host: string;
  port: number;
  /** SQLite file, or ':memory:' */
  db: string;
  /** Folder of fixture files, or null for none. */
  fixtures: string | null;
  seed: number;
  /** OIC requests per user per hour. */
  rateLimit: number;
  /** Maximum request body in bytes (JSON and multipart alike). */
  maxPayload: number;
  /** Only declared clients/users (OIC) and registered keys (DIS) are accepted. */
  strictAuth: boolean;
  logLevel: LogLevel;
  /** Name of the emulated OIC service instance (`integrationInstance`). */
  instanceName: string;
  /** Further OIC service instances that exist from start-up (besides --instance-name); see docs/service-instances.md. */
  instances: string[];
  /** Token issuer (`iss`) and the base of the IDCS endpoints. */
  issuer: string;
  tokenTtlSeconds: number;
  /** Allowed distance between a DIS signed date and real time. */
  signatureSkewSeconds: number;
  clients: DeclaredClient[];
  users: DeclaredUser[];
  /** Requests kept by the request journal (GET /_emulator/requests); 0 turns it off. */
  journalSize: number;
  /** Log lines: pretty (human) or json; auto = pretty when stdout is a terminal. */
  logFormat: LogFormat;
  /** A snapshot file imported and restored at start-up (after the fixtures), or null. */
  snapshot: string | null;
  /** Browser origins allowed by CORS: '' = off, '*' = any, else a comma-separated list. */
  corsOrigins: string;
  /** OIC dialect of a request without `integrationInstance` (docs/oic-dialects.md). */
  oicDialect: 'seed' | 'oracle';
}

interface OptionSpec {
  key: keyof Config;
  flag: string;
  env: string;
  type: 'string' | 'int' | 'bool' | 'bytes' | 'list';
  help: string;
}

export const OPTIONS: OptionSpec[] = [
  { key: 'port', flag: '--port', env: 'PORT', type: 'int', help: 'TCP port (0 = any free port)' },
  { key: 'host', flag: '--host', env: 'HOST', type: 'string', help: 'interface to listen on' },
  { key: 'db', flag: '--db', env: 'EMULATOR_DB', type: 'string', help: "SQLite database file (WAL mode); ':memory:' keeps state in memory" },
  { key: 'fixtures', flag: '--fixtures', env: 'EMULATOR_FIXTURES', type: 'string', help: 'folder of JSON/YAML fixture files loaded at start-up and on reset' },
  { key: 'snapshot', flag: '--snapshot', env: 'EMULATOR_SNAPSHOT', type: 'string', help: 'snapshot file (GET /_emulator/snapshots/{name}/file) restored at start-up, after the fixtures' },
  { key: 'seed', flag: '--seed', env: 'EMULATOR_SEED', type: 'int', help: 'seed of the random generator behind simulated outcomes and ids' },
  { key: 'rateLimit', flag: '--rate-limit', env: 'EMULATOR_RATE_LIMIT', type: 'int', help: 'OIC API requests per user per hour' },
  { key: 'maxPayload', flag: '--max-payload', env: 'EMULATOR_MAX_PAYLOAD', type: 'bytes', help: 'largest accepted request body (bytes, or 10MB / 512KB)' },
  { key: 'strictAuth', flag: '--strict-auth', env: 'EMULATOR_STRICT_AUTH', type: 'bool', help: 'accept only declared OAuth clients/users and registered DIS keys' },
  { key: 'logLevel', flag: '--log-level', env: 'LOG_LEVEL', type: 'string', help: 'fatal|error|warn|info|debug|trace|silent' },
  { key: 'instanceName', flag: '--instance-name', env: 'EMULATOR_INSTANCE', type: 'string', help: 'OIC service instance name (integrationInstance)' },
  { key: 'instances', flag: '--instances', env: 'EMULATOR_INSTANCES', type: 'list', help: 'more OIC service instances that exist from start-up (comma-separated names)' },
  { key: 'issuer', flag: '--issuer', env: 'EMULATOR_ISSUER', type: 'string', help: 'issuer (iss) of the access tokens' },
  { key: 'tokenTtlSeconds', flag: '--token-ttl', env: 'EMULATOR_TOKEN_TTL', type: 'int', help: 'access token lifetime in seconds' },
  { key: 'journalSize', flag: '--journal-size', env: 'EMULATOR_JOURNAL_SIZE', type: 'int', help: 'requests kept by the request journal (0 = off)' },
  { key: 'corsOrigins', flag: '--cors-origins', env: 'EMULATOR_CORS_ORIGINS', type: 'string', help: "browser origins allowed by CORS: '*' or a comma-separated list (e.g. http://localhost:3000); empty = CORS off" },
  { key: 'oicDialect', flag: '--oic-dialect', env: 'EMULATOR_OIC_DIALECT', type: 'string', help: "seed|oracle: the OIC dialect of requests without integrationInstance (those with it always get Oracle's)" },
  { key: 'logFormat', flag: '--log-format', env: 'LOG_FORMAT', type: 'string', help: 'auto|pretty|json (auto: pretty in a terminal, JSON otherwise)' },
];

export const DEFAULT_CLIENT: DeclaredClient = {
  clientId: 'oic-emulator-client',
  clientSecret: 'oic-emulator-secret',
};

export const DEFAULT_USER: DeclaredUser = {
  username: 'user@example.com',
  password: 'Welcome1',
};

export const DEFAULTS: Config = {
  host: '127.0.0.1',
  port: 8080,
  db: ':memory:',
  fixtures: null,
  snapshot: null,
  seed: 42,
  rateLimit: 1000,
  maxPayload: 10 * 1024 * 1024,
  strictAuth: false,
  logLevel: 'info',
  instanceName: 'emulator',
  oicDialect: 'seed',
  instances: [],
  issuer: 'https://identity.oraclecloud.com/',
  tokenTtlSeconds: 3600,
  signatureSkewSeconds: 300,
  clients: [DEFAULT_CLIENT],
  users: [DEFAULT_USER],
  journalSize: 1000,
  logFormat: 'auto',
  corsOrigins: '',
};

const LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export class ConfigError extends Error {}

export function parseBytes(text: string): number {
  const m = /^(\d+)\s*(b|kb|k|mb|m|gb|g)?$/i.exec(text.trim());
  if (!m) throw new ConfigError(`not a size: '${text}' (use bytes or e.g. 10MB, 512KB)`);
  const n = Number(m[1]);
  const unit = (m[2] ?? 'b').toLowerCase()[0];
  const mult = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  return n * mult;
}

function convert(spec: OptionSpec, raw: string): unknown {
  switch (spec.type) {
    case 'int': {
      if (!/^-?\d+$/.test(raw)) throw new ConfigError(`${spec.flag} expects an integer, got '${raw}'`);
      const n = Number(raw);
      if (n < 0) throw new ConfigError(`${spec.flag} must not be negative`);
      return n;
    }
    case 'bool':
      if (/^(1|true|yes|on)$/i.test(raw)) return true;
      if (/^(0|false|no|off)$/i.test(raw)) return false;
      throw new ConfigError(`${spec.flag} expects true or false, got '${raw}'`);
    case 'bytes':
      return parseBytes(raw);
    case 'list':
      return raw.split(',').map((x) => x.trim()).filter((x) => x !== '');
    default:
      return raw;
  }
}

export interface ParsedArgs {
  config: Config;
  help: boolean;
}

/** Parse argv (without node and script) and an environment into a Config. */
export function parseArgs(argv: string[], env: NodeJS.ProcessEnv = {}): ParsedArgs {
  const values: Partial<Record<keyof Config, unknown>> = {};
  for (const spec of OPTIONS) {
    const raw = env[spec.env];
    if (raw !== undefined && raw !== '') values[spec.key] = convert(spec, raw);
  }
  let help = false;
  let noFixtures = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') { help = true; continue; }
    if (arg === '--no-fixtures') { noFixtures = true; continue; }
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const spec = OPTIONS.find((o) => o.flag === flag);
    if (!spec) throw new ConfigError(`unknown option '${arg}' (see --help)`);
    if (spec.type === 'bool' && inline === undefined) {
      const next = argv[i + 1];
      if (next !== undefined && /^(true|false)$/i.test(next)) { values[spec.key] = convert(spec, next); i++; } else values[spec.key] = true;
      continue;
    }
    const raw = inline ?? argv[++i];
    if (raw === undefined) throw new ConfigError(`${spec.flag} needs a value`);
    values[spec.key] = convert(spec, raw);
  }
  const config: Config = { ...DEFAULTS, ...(values as Partial<Config>) };
  if (noFixtures) config.fixtures = null;
  if (!LOG_LEVELS.includes(config.logLevel)) throw new ConfigError(`--log-level must be one of ${LOG_LEVELS.join(', ')}`);
  if (!['auto', 'pretty', 'json'].includes(config.logFormat)) throw new ConfigError('--log-format must be one of auto, pretty, json');
  if (!['seed', 'oracle'].includes(config.oicDialect)) throw new ConfigError(`--oic-dialect must be seed or oracle, got '${config.oicDialect}'`);
  if (config.journalSize > 100_000) throw new ConfigError('--journal-size must be at most 100000');
  if (config.port > 65535) throw new ConfigError('--port must be at most 65535');
  if (config.maxPayload < 1024) throw new ConfigError('--max-payload must be at least 1KB');
  if (config.rateLimit < 1) throw new ConfigError('--rate-limit must be at least 1');
  if (config.fixtures) config.fixtures = path.resolve(config.fixtures);
  if (config.snapshot) config.snapshot = path.resolve(config.snapshot);
  corsOriginList(config.corsOrigins);
  return { config: Object.freeze(config), help };
}

/** --cors-origins as a list ('*' alone: any origin; empty: CORS off). Throws ConfigError for an entry that is not an origin. */
export function corsOriginList(raw: string): string[] {
  const list = raw.split(',').map((o) => o.trim()).filter(Boolean);
  for (const o of list) {
    if (o !== '*' && !/^https?:\/\/[^/\s]+$/.test(o)) throw new ConfigError(`--cors-origins: '${o}' is not an origin (scheme://host[:port], no path, e.g. http://localhost:3000) nor '*'`);
  }
  return list;
}

/**
 * The --db file must be creatable: its folder has to exist (SQLite only
 * says "unable to open database file"). Checked at start-up, before anything
 * is opened, so the error names the path and the way out.
 */
export function checkDbPath(config: Pick<Config, 'db'>, exists: (p: string) => boolean = fs.existsSync): void {
  if (config.db === ':memory:' || config.db === '') return;
  const dir = path.dirname(path.resolve(config.db));
  if (!exists(dir)) {
    throw new ConfigError(`--db ${config.db}: the folder ${dir} does not exist; create it first (mkdir -p ${dir}) or leave --db out to keep the state in memory`);
  }
}

/** A Config for tests and in-process use: defaults plus overrides, quiet logs. */
export function makeConfig(overrides: Partial<Config> = {}): Config {
  return Object.freeze({ ...DEFAULTS, logLevel: 'silent' as LogLevel, ...overrides });
}

export function helpText(): string {
  const lines = [
    'Usage: oracle-integration-emulator [options]',
    '',
    'Local emulator of the Oracle Integration Cloud REST API and the OCI Data Integration API.',
    '',
    'Options (flag / environment variable / default):',
  ];
  for (const o of OPTIONS) {
    const def = o.key === 'maxPayload' ? '10MB' : String(DEFAULTS[o.key] ?? '');
    lines.push(`  ${(o.flag + (o.type === 'bool' ? '' : ' <value>')).padEnd(24)} ${o.env.padEnd(22)} ${o.help} (default: ${def || 'none'})`);
  }
  lines.push(`  ${'--no-fixtures'.padEnd(24)} ${''.padEnd(22)} start with no fixtures even if --fixtures is set`);
  lines.push(`  ${'--help'.padEnd(24)} ${''.padEnd(22)} show this text`);
  return lines.join('\n');
}

/** The configuration without secrets, as GET /_emulator/config shows it. */
export function publicConfig(config: Config): Record<string, unknown> {
  const { clients, users, ...rest } = config;
  return {
    ...rest,
    clients: clients.map((c) => ({ clientId: c.clientId, scopes: c.scopes ?? [] })),
    users: users.map((u) => ({ username: u.username })),
  };
}
