/**
 * Application templates: the ready-made integration patterns a workspace
 * offers (Oracle ships such templates with the service). The catalog is
 * fixed; each template's key and OCID are derived from the workspace id, so
 * they are stable and differ between workspaces as real OCIDs do.
 */
import { notFound } from '../../core/errors';
import { MODEL_VERSION, OBJECT_STATUS, OCID_REGION, sortAndPage, type ListQuery, type ListResult } from './common';
import { hashInt, hashKey } from './catalog-sim/sources';
import type { Doc } from './objects';
import type { Workspace, DisWorkspaces } from './workspaces';

interface TemplateSpec {
  identifier: string;
  name: string;
  description: string;
  /** The tasks the template publishes: [identifier, modelType]. */
  tasks: Array<[string, string]>;
}

const CATALOG: TemplateSpec[] = [
  { identifier: 'FILE_TO_ADW', name: 'Load files from Object Storage into Autonomous Data Warehouse', description: 'Reads CSV, JSON or Parquet files from a bucket and loads them into ADW tables, with a data loader task per file pattern.', tasks: [['LOAD_FILES', 'DATA_LOADER_TASK']] },
  { identifier: 'FUSION_BICC_TO_ADW', name: 'Incremental extract from Oracle Fusion Applications (BICC) to ADW', description: 'Extracts BICC view objects incrementally and merges them into ADW staging tables.', tasks: [['EXTRACT_BICC', 'INTEGRATION_TASK'], ['ORCHESTRATE_EXTRACT', 'PIPELINE_TASK']] },
  { identifier: 'DB_TO_DB_REPLICATION', name: 'Replicate tables between Oracle databases', description: 'Copies a set of tables from a source Oracle database to a target, full or incremental by a watermark column.', tasks: [['REPLICATE_TABLES', 'INTEGRATION_TASK']] },
  { identifier: 'REST_TO_OBJECT_STORAGE', name: 'Land REST API data in Object Storage', description: 'Calls a REST endpoint on a schedule and writes each response to a bucket as JSON.', tasks: [['CALL_API', 'REST_TASK'], ['LAND_RESPONSES', 'INTEGRATION_TASK']] },
  { identifier: 'SQL_TRANSFORM_PIPELINE', name: 'Run SQL transformations in order', description: 'A pipeline of SQL tasks (stored procedures) that rebuild reporting tables after a load.', tasks: [['RUN_TRANSFORMS', 'PIPELINE_TASK'], ['REFRESH_REPORTING', 'SQL_TASK']] },
];

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

function templateOcid(workspaceId: string, identifier: string): string {
  let tail = '';
  for (let i = 0; i < 52; i++) tail += BASE32[hashInt(workspaceId, identifier, String(i)) % 32];
  return `ocid1.disapplication.oc1.${OCID_REGION}.amaaaaaa${tail}`;
}

const title = (identifier: string) => identifier.toLowerCase().replace(/(^|_)([a-z])/g, (_m, s: string, ch: string) => `${s ? ' ' : ''}${ch.toUpperCase()}`);

export class DisTemplates {
  constructor(private readonly workspaces: DisWorkspaces) {}

  private all(ws: Workspace): Doc[] {
    const created = String(ws.timeCreated);
    return CATALOG.map((t) => {
      const key = hashKey('template', ws.id, t.identifier);
      const meta = (identifier: string, type: string, action: string) => ({ key: hashKey(key, identifier), name: title(identifier), namePath: `${t.name}/${title(identifier)}`, type, objectVersion: 1, identifier, action });
      return {
        key,
        modelType: 'INTEGRATION_APPLICATION',
        modelVersion: MODEL_VERSION,
        name: t.name,
        description: t.description,
        applicationVersion: 1,
        objectStatus: OBJECT_STATUS,
        identifier: t.identifier,
        parentRef: { parent: ws.id, rootDocId: null },
        objectVersion: 1,
        // PatchObjectMetadata types are task types only: what the tasks use is not listed here.
        dependentObjectMetadata: [],
        publishedObjectMetadata: Object.fromEntries(t.tasks.map(([id, type]) => [hashKey(key, id), meta(id, type, 'CREATED')])),
        sourceApplicationInfo: null,
        timePatched: created,
        id: templateOcid(ws.id, t.identifier),
        compartmentId: ws.compartmentId,
        displayName: t.name,
        timeCreated: created,
        timeUpdated: created,
        freeformTags: {},
        definedTags: {},
        lifecycleState: 'ACTIVE',
        metadata: { createdBy: 'Oracle', createdByName: 'Oracle', updatedBy: 'Oracle', updatedByName: 'Oracle', timeCreated: created, timeUpdated: created, aggregatorKey: null, identifierPath: t.identifier, infoFields: {}, registryVersion: 0, labels: ['template'], isFavorite: false },
        keyMap: {},
      };
    });
  }

  list(workspaceId: string, f: { name?: string; identifiers?: string[] }, q: ListQuery): ListResult<Doc> {
    const docs = this.all(this.workspaces.requireReadable(workspaceId)).filter((d) => (f.name === undefined || d.name === f.name) && (!f.identifiers?.length || f.identifiers.includes(d.identifier)));
    const seq = new Map(docs.map((d, i) => [d.key, i]));
    const page = sortAndPage(docs, q, (d) => ({ seq: seq.get(d.key)!, created: d.timeCreated, updated: d.timeUpdated, name: d.name }));
    return page;
  }

  /** A template by its OCID (templateId), or by its key. */
  get(workspaceId: string, templateId: string): Doc {
    const found = this.all(this.workspaces.requireReadable(workspaceId)).find((d) => d.id === templateId || d.key === templateId);
    if (!found) throw notFound(`Template ${templateId} not found in workspace ${workspaceId}`);
    return found;
  }
}
