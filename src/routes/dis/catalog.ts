/**
 * Projects, folders, tasks, data flows and pipelines of a workspace: the same
 * five operations each (list as {"items": [...]}, create with opc-retry-token,
 * get/update/delete with etag and if-match). Also the seed's singular alias
 * /20200430/workspace/{workspaceId}/projects, which `oci raw-request` posts to.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { op } from '../../openapi/routes';
import { loadSpec } from '../../openapi/spec';
import type { ListFilter } from '../../store/dis/design';
import type { SimpleKind } from '../../store/dis/kinds';
import type { Doc } from '../../store/dis/objects';
import { actor, arrayParam, type FamilyRequest, ifMatch, listQuery } from './http';
import { createOnce, docOf, sendDoc, sendList, sendRecord } from './views';

type CatalogOps = { list: `list${string}`; create: `create${string}`; get: `get${string}`; update: `update${string}`; delete: `delete${string}` };

/** What the five operations of a kind accept, as one type every kind's spec types satisfy (op() checks it). */
type CatalogQuery = {
  name?: string;
  nameContains?: string;
  identifier?: string[];
  aggregatorKey?: string;
  folderId?: string;
  key?: string[];
  type?: string[];
  projection?: string[];
  expandReferences?: string;
};
type CatalogRequest<Body = unknown> = FamilyRequest<CatalogQuery, Body>;

interface KindRoutes {
  kind: SimpleKind;
  ops: CatalogOps;
  keyParam: string;
  filter: (q: CatalogQuery) => ListFilter;
  /** getProject / getFolder accept projection=CHILD_COUNT_STATISTICS. */
  projection?: boolean;
}

const common = (q: CatalogQuery): ListFilter => ({
  name: q.name,
  nameContains: q.nameContains,
  identifiers: arrayParam(q.identifier),
});

const KINDS = [
  { kind: 'project', keyParam: 'projectKey', projection: true, ops: { list: 'listProjects', create: 'createProject', get: 'getProject', update: 'updateProject', delete: 'deleteProject' }, filter: common },
  { kind: 'folder', keyParam: 'folderKey', projection: true, ops: { list: 'listFolders', create: 'createFolder', get: 'getFolder', update: 'updateFolder', delete: 'deleteFolder' }, filter: (q) => ({ ...common(q), aggregatorKey: q.aggregatorKey }) },
  {
    kind: 'task',
    keyParam: 'taskKey',
    ops: { list: 'listTasks', create: 'createTask', get: 'getTask', update: 'updateTask', delete: 'deleteTask' },
    filter: (q) => ({ ...common(q), aggregatorKey: q.folderId, keys: arrayParam(q.key), modelTypes: arrayParam(q.type) }),
  },
  { kind: 'dataFlow', keyParam: 'dataFlowKey', ops: { list: 'listDataFlows', create: 'createDataFlow', get: 'getDataFlow', update: 'updateDataFlow', delete: 'deleteDataFlow' }, filter: (q) => ({ ...common(q), aggregatorKey: q.folderId }) },
  { kind: 'pipeline', keyParam: 'pipelineKey', ops: { list: 'listPipelines', create: 'createPipeline', get: 'getPipeline', update: 'updatePipeline', delete: 'deletePipeline' }, filter: (q) => ({ ...common(q), aggregatorKey: q.aggregatorKey }) },
] as const satisfies readonly KindRoutes[];

export default async function catalogRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('dis');
  const { catalog, retryTokens } = app.stores.dis;

  for (const k of KINDS) {
    const key = (r: CatalogRequest) => r.params[k.keyParam];
    const list = async (request: CatalogRequest, reply: FastifyReply) => {
      const q = listQuery(request.query);
      return sendList(reply, catalog.list(k.kind, request.params.workspaceId, k.filter(request.query), q), q, 'items', docOf);
    };
    const create = async (request: CatalogRequest<Doc>, reply: FastifyReply) =>
      createOnce(retryTokens, request, reply, () => catalog.create(k.kind, request.params.workspaceId, request.body, actor(request)));
    op(app, spec, k.ops.list, list);
    op(app, spec, k.ops.create, create);
    if (k.kind === 'project') {
      op(app, spec, 'listProjectsAlias', list);
      op(app, spec, 'createProjectAlias', create);
    }
    op(app, spec, k.ops.get, async (request: CatalogRequest, reply: FastifyReply) => {
      const o = catalog.get(k.kind, request.params.workspaceId, key(request));
      const projection = arrayParam(request.query.projection) ?? [];
      const doc = 'projection' in k && projection.includes('CHILD_COUNT_STATISTICS') ? { ...o.doc, metadata: { ...o.doc.metadata, countStatistics: catalog.countStatistics(o.workspaceId, o.key) } } : o.doc;
      return sendDoc(reply, doc, o.etag);
    });
    op(app, spec, k.ops.update, async (request: CatalogRequest<Doc>, reply: FastifyReply) => {
      return sendRecord(reply, catalog.update(k.kind, request.params.workspaceId, key(request), request.body, actor(request), ifMatch(request)));
    });
    op(app, spec, k.ops.delete, async (request: CatalogRequest, reply: FastifyReply) => {
      catalog.delete(k.kind, request.params.workspaceId, key(request), ifMatch(request));
      return reply.code(204).send();
    });
  }
}
