/**
 * The kinds of DIS design objects, with their modelTypes and parents.
 * modelType strings of single-type objects (PROJECT, FOLDER, ...) are GUESSES:
 * the SDK types them as free strings.
 */
import type { KindRules } from './design';

export const TASK_TYPES = ['INTEGRATION_TASK', 'DATA_LOADER_TASK', 'PIPELINE_TASK', 'SQL_TASK', 'OCI_DATAFLOW_TASK', 'REST_TASK'] as const;

/** Data asset modelType -> the connection modelTypes it accepts. */
export const CONNECTION_TYPES: Record<string, string[]> = {
  ORACLE_OBJECT_STORAGE_DATA_ASSET: ['ORACLE_OBJECT_STORAGE_CONNECTION'],
  ORACLE_ADWC_DATA_ASSET: ['ORACLE_ADWC_CONNECTION'],
  ORACLE_ATP_DATA_ASSET: ['ORACLE_ATP_CONNECTION'],
  ORACLE_DATA_ASSET: ['ORACLEDB_CONNECTION'],
  MYSQL_DATA_ASSET: ['MYSQL_CONNECTION'],
  MYSQL_HEATWAVE_DATA_ASSET: ['MYSQL_HEATWAVE_CONNECTION'],
  GENERIC_JDBC_DATA_ASSET: ['GENERIC_JDBC_CONNECTION'],
  AMAZON_S3_DATA_ASSET: ['AMAZON_S3_CONNECTION'],
  HDFS_DATA_ASSET: ['HDFS_CONNECTION'],
  LAKE_DATA_ASSET: ['LAKE_CONNECTION'],
  REST_DATA_ASSET: ['REST_NO_AUTH_CONNECTION', 'REST_BASIC_AUTH_CONNECTION', 'OAUTH2_CONNECTION'],
  FUSION_APP_DATA_ASSET: ['BICC_CONNECTION', 'BIP_CONNECTION'],
  ORACLE_EBS_DATA_ASSET: ['ORACLE_EBS_CONNECTION'],
  ORACLE_PEOPLESOFT_DATA_ASSET: ['ORACLE_PEOPLESOFT_CONNECTION'],
  ORACLE_SIEBEL_DATA_ASSET: ['ORACLE_SIEBEL_CONNECTION'],
};

export const DATA_ASSET_TYPES = Object.keys(CONNECTION_TYPES);
export const ALL_CONNECTION_TYPES = [...new Set(Object.values(CONNECTION_TYPES).flat())];

const IN_PROJECT_OR_FOLDER: KindRules['parent'] = { kinds: ['project', 'folder'], required: true, what: 'project or folder' };

export const RULES = {
  project: { kind: 'project', label: 'Project', modelType: 'PROJECT', clientKey: true },
  folder: { kind: 'folder', label: 'Folder', modelType: 'FOLDER', clientKey: false, parent: IN_PROJECT_OR_FOLDER },
  task: { kind: 'task', label: 'Task', modelType: TASK_TYPES, clientKey: true, parent: IN_PROJECT_OR_FOLDER },
  dataFlow: { kind: 'dataFlow', label: 'Data flow', modelType: 'DATA_FLOW', clientKey: true, parent: IN_PROJECT_OR_FOLDER },
  pipeline: { kind: 'pipeline', label: 'Pipeline', modelType: 'PIPELINE', clientKey: true, parent: IN_PROJECT_OR_FOLDER },
  dataAsset: { kind: 'dataAsset', label: 'Data asset', modelType: DATA_ASSET_TYPES, clientKey: false },
  connection: { kind: 'connection', label: 'Connection', modelType: ALL_CONNECTION_TYPES, clientKey: true, parent: { kinds: ['dataAsset'], required: true, what: 'data asset' } },
  application: { kind: 'application', label: 'Application', modelType: 'INTEGRATION_APPLICATION', clientKey: false },
  patch: { kind: 'patch', label: 'Patch', modelType: 'PATCH', clientKey: false, applicationScoped: true },
  publishedObject: { kind: 'publishedObject', label: 'Published object', modelType: TASK_TYPES, clientKey: true, applicationScoped: true },
  schedule: { kind: 'schedule', label: 'Schedule', modelType: 'SCHEDULE', clientKey: true, applicationScoped: true },
  taskSchedule: { kind: 'taskSchedule', label: 'Task schedule', modelType: 'TASK_SCHEDULE', clientKey: true, applicationScoped: true },
} satisfies Record<string, KindRules>;

export type SimpleKind = 'project' | 'folder' | 'task' | 'dataFlow' | 'pipeline';
