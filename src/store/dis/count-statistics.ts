/**
 * getCountStatistic: how many objects of each type a container holds, all
 * levels down. The container is the workspace (its OCID), a project, a
 * folder, a data asset (its connections) or an application (its published
 * tasks). Types are those of CountStatisticSummary.ObjectType.
 */
import { notFound } from '../../core/errors';
import type { DesignObjects } from './design';
import type { DisObject, ObjectKind } from './objects';
import type { DisWorkspaces } from './workspaces';

/** Object kind -> CountStatisticSummary.ObjectType (kinds of other helpers' objects included by name). */
const TYPE_OF: Partial<Record<string, string>> = {
  project: 'PROJECT',
  folder: 'FOLDER',
  dataFlow: 'DATA_FLOW',
  dataAsset: 'DATA_ASSET',
  connection: 'CONNECTION',
  task: 'TASK',
  application: 'APPLICATION',
  functionLibrary: 'FUNCTION_LIBRARY',
  userDefinedFunction: 'USER_DEFINED_FUNCTION',
};

const WORKSPACE_TYPES = ['PROJECT', 'FOLDER', 'DATA_FLOW', 'DATA_ASSET', 'CONNECTION', 'TASK', 'APPLICATION', 'FUNCTION_LIBRARY', 'USER_DEFINED_FUNCTION'];
const CONTAINER_TYPES: Record<string, string[]> = {
  project: ['FOLDER', 'DATA_FLOW', 'TASK', 'FUNCTION_LIBRARY', 'USER_DEFINED_FUNCTION'],
  folder: ['FOLDER', 'DATA_FLOW', 'TASK', 'FUNCTION_LIBRARY', 'USER_DEFINED_FUNCTION'],
  functionLibrary: ['USER_DEFINED_FUNCTION'],
  dataAsset: ['CONNECTION'],
  application: ['TASK'],
};

export interface CountStatistic {
  objectTypeCountList: Array<{ objectType: string; objectCount: number }>;
}

export class DisCountStatistics {
  constructor(private readonly workspaces: DisWorkspaces, private readonly design: DesignObjects) {}

  get(workspaceId: string, key: string): CountStatistic {
    this.workspaces.requireReadable(workspaceId);
    const objects = this.design.objects;
    if (key === workspaceId) {
      const all = Object.keys(TYPE_OF).flatMap((kind) => objects.list(workspaceId, kind as ObjectKind));
      return tally(all, WORKSPACE_TYPES);
    }
    const container = objects.byKey(workspaceId, key);
    if (container && CONTAINER_TYPES[container.kind]) {
      if (container.kind === 'application') {
        const published = objects.list(workspaceId, 'publishedObject', container.key).map((p) => ({ ...p, kind: 'task' as ObjectKind }));
        return tally(published, CONTAINER_TYPES.application);
      }
      return tally(this.subtree(workspaceId, key), CONTAINER_TYPES[container.kind]);
    }
    throw notFound(`No container with key ${key} in workspace ${workspaceId}: count statistics are kept for the workspace (its OCID), projects, folders, function libraries, data assets and applications`);
  }

  private subtree(workspaceId: string, key: string, depth = 0): DisObject[] {
    if (depth > 64) return [];
    return this.design.objects.children(workspaceId, key).flatMap((c) => [c, ...this.subtree(workspaceId, c.key, depth + 1)]);
  }
}

function tally(objects: DisObject[], types: string[]): CountStatistic {
  const counts = new Map(types.map((t) => [t, 0]));
  for (const o of objects) {
    const type = TYPE_OF[o.kind];
    if (type && counts.has(type)) counts.set(type, counts.get(type)! + 1);
  }
  return { objectTypeCountList: [...counts].map(([objectType, objectCount]) => ({ objectType, objectCount })) };
}
