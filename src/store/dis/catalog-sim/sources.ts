/**
 * How each kind of data asset presents its metadata: what a "schema" is
 * (a database schema, a MySQL database, an Object Storage bucket, a BICC
 * offering), what its entities are (tables and views, or files), and the
 * native type names of its columns. Picks are made with a hash of the
 * connection key, never the random generator, so a connection shows the same
 * catalog on every call and in every emulator started with the same seed.
 */
import crypto from 'node:crypto';
import type { Column } from './tables';

export type Family = 'oracle' | 'mysql' | 'jdbc' | 'files' | 'bicc' | 'rest';

const FAMILY: Record<string, Family> = {
  ORACLE_DATA_ASSET: 'oracle',
  ORACLE_ADWC_DATA_ASSET: 'oracle',
  ORACLE_ATP_DATA_ASSET: 'oracle',
  ORACLE_EBS_DATA_ASSET: 'oracle',
  ORACLE_PEOPLESOFT_DATA_ASSET: 'oracle',
  ORACLE_SIEBEL_DATA_ASSET: 'oracle',
  MYSQL_DATA_ASSET: 'mysql',
  MYSQL_HEATWAVE_DATA_ASSET: 'mysql',
  GENERIC_JDBC_DATA_ASSET: 'jdbc',
  ORACLE_OBJECT_STORAGE_DATA_ASSET: 'files',
  AMAZON_S3_DATA_ASSET: 'files',
  HDFS_DATA_ASSET: 'files',
  LAKE_DATA_ASSET: 'files',
  FUSION_APP_DATA_ASSET: 'bicc',
  REST_DATA_ASSET: 'rest',
};

export function familyOf(dataAssetType: string): Family {
  return FAMILY[dataAssetType] ?? 'jdbc';
}

/** Candidate schema names per family (a connection shows a stable subset). */
export const SCHEMA_NAMES: Record<Family, string[]> = {
  oracle: ['ADMIN', 'SALES', 'HR', 'FINANCE', 'STAGING', 'DWH', 'CRM', 'SUPPLY_CHAIN'],
  mysql: ['shop', 'inventory', 'crm', 'billing', 'analytics', 'hr'],
  jdbc: ['PUBLIC', 'SALES', 'REPORTING', 'STAGE'],
  files: ['landing-zone', 'raw-sales', 'curated', 'partner-feeds', 'exports', 'archive'],
  bicc: ['FscmTopModelAM.FinExtractAM.GlBiccExtractAM', 'FscmTopModelAM.FinExtractAM.ArBiccExtractAM', 'HcmTopModelAnalyticsGlobalAM.HcmPerformanceAM', 'CrmAnalyticsAM.CustomerAM'],
  rest: ['v1', 'v2'],
};

/** Where the type names come from (DataType.typeSystemName). GUESS for files and REST: the SDK does not list type systems. */
export const TYPE_SYSTEM: Record<Family, string> = { oracle: 'ORACLE', mysql: 'MYSQL', jdbc: 'GENERIC_JDBC', files: 'FILE', bicc: 'BICC', rest: 'JSON' };

/** A column's native type: the name, and the length/precision/scale it carries. */
export interface NativeType {
  name: string;
  text: string;
  length?: number;
  precision?: number;
  scale?: number;
}

export function nativeType(family: Family, col: Column): NativeType {
  const size = col.size ?? (col.kind === 'str' ? 100 : 10);
  const scale = col.scale ?? 0;
  const str = (name: string): NativeType => ({ name, text: `${name}(${size})`, length: size });
  const dec = (name: string): NativeType => ({ name, text: `${name}(${size},${scale})`, precision: size, scale });
  const plain = (name: string): NativeType => ({ name, text: name });
  switch (family) {
    case 'oracle':
      return { id: plain('NUMBER'), int: plain('NUMBER'), str: str('VARCHAR2'), dec: dec('NUMBER'), date: plain('DATE'), ts: { name: 'TIMESTAMP', text: 'TIMESTAMP(6)', precision: 6 }, text: plain('CLOB'), flag: { name: 'CHAR', text: 'CHAR(1)', length: 1 } }[col.kind];
    case 'mysql':
      return { id: plain('BIGINT'), int: plain('INT'), str: str('VARCHAR'), dec: dec('DECIMAL'), date: plain('DATE'), ts: plain('DATETIME'), text: plain('TEXT'), flag: plain('TINYINT') }[col.kind];
    case 'files':
      return { id: plain('INTEGER'), int: plain('INTEGER'), str: plain('VARCHAR'), dec: dec('DECIMAL'), date: plain('DATE'), ts: plain('TIMESTAMP'), text: plain('VARCHAR'), flag: plain('BOOLEAN') }[col.kind];
    case 'rest':
      return { id: plain('NUMBER'), int: plain('NUMBER'), str: plain('STRING'), dec: plain('NUMBER'), date: plain('STRING'), ts: plain('STRING'), text: plain('STRING'), flag: plain('BOOLEAN') }[col.kind];
    default:
      return { id: plain('BIGINT'), int: plain('INTEGER'), str: str('VARCHAR'), dec: dec('DECIMAL'), date: plain('DATE'), ts: plain('TIMESTAMP'), text: plain('CLOB'), flag: plain('BOOLEAN') }[col.kind];
  }
}

/** A 32-bit number from a string: the stable source of every pick. */
export function hashInt(...parts: string[]): number {
  return crypto.createHash('sha256').update(parts.join('\u0000')).digest().readUInt32BE(0);
}

/** A UUID-shaped key derived from a string (same input, same key). */
export function hashKey(...parts: string[]): string {
  const h = crypto.createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** `count` items of `from`, in a stable order decided by the seed string. */
export function stablePick<T>(from: readonly T[], count: number, seed: string, name: (x: T) => string = String): T[] {
  return [...from].sort((a, b) => hashInt(seed, name(a)) - hashInt(seed, name(b))).slice(0, Math.min(count, from.length));
}
