/**
 * What an application's published tasks depend on: the data flows,
 * pipelines, nested tasks, data assets and connections their documents name
 * by key, followed transitively (a task names its data flow, the data flow's
 * operators name data assets and connections, or entities read from a
 * connection, whose keys start with dataref:<connectionKey>/). Read live from the workspace,
 * so a dependency deleted since publishing drops out.
 */
import type { DisObject, DisObjects, Doc } from './objects';

const DEPENDENCY_KINDS = new Set(['task', 'dataFlow', 'pipeline', 'dataAsset', 'connection']);
/** Bounds on untrusted documents: nesting depth of one document, and objects followed. */
const MAX_DEPTH = 64;
const MAX_OBJECTS = 10_000;
const DATAREF = 'dataref:';

export interface Dependency {
  object: DisObject;
  /** The published tasks that reach it. */
  usedBy: DisObject[];
}

export function dependenciesOf(objects: DisObjects, workspaceId: string, applicationKey: string): { published: DisObject[]; dependencies: Dependency[] } {
  const published = objects.list(workspaceId, 'publishedObject', applicationKey).sort((a, b) => a.seq - b.seq);
  const byKey = new Map<string, DisObject>();
  for (const kind of DEPENDENCY_KINDS) for (const o of objects.list(workspaceId, kind as DisObject['kind'])) byKey.set(o.key, o);
  const found = new Map<string, Dependency>();
  for (const root of published) {
    const seen = new Set<string>([root.key]);
    const queue: Doc[] = [root.doc];
    while (queue.length && seen.size < MAX_OBJECTS) {
      for (const key of keysIn(queue.shift(), byKey)) {
        if (seen.has(key)) continue;
        seen.add(key);
        const o = byKey.get(key)!;
        const dep = found.get(key) ?? { object: o, usedBy: [] };
        if (!dep.usedBy.includes(root)) dep.usedBy.push(root);
        found.set(key, dep);
        queue.push(o.doc);
      }
    }
  }
  return { published, dependencies: [...found.values()].sort((a, b) => a.object.seq - b.object.seq) };
}

/** Every string in the document that is the key of a workspace object of a dependency kind. */
function keysIn(doc: unknown, byKey: Map<string, DisObject>): string[] {
  const out: string[] = [];
  const walk = (v: unknown, depth: number) => {
    if (depth > MAX_DEPTH) return;
    if (typeof v === 'string') {
      if (byKey.has(v)) out.push(v);
      // Keys of schemas and data entities read from a connection (dataref:<connectionKey>/...) name that connection.
      else if (v.startsWith(DATAREF)) {
        const conn = v.slice(DATAREF.length).split('/')[0];
        if (byKey.has(conn)) out.push(conn);
      }
    } else if (Array.isArray(v)) {
      for (const x of v) walk(x, depth + 1);
    } else if (v && typeof v === 'object') {
      for (const x of Object.values(v)) walk(x, depth + 1);
    }
  };
  walk(doc, 0);
  return out;
}
