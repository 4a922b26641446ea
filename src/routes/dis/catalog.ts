/**
 * Projects, folders, tasks, data flows and pipelines of a workspace: the same
 * five operations each (list as {"items": [...]}, create with opc-retry-token,
 * get/update/delete with etag and if-match). Also the seed's singular alias
 * /20200430/workspace/{workspaceId}/projects, which `oci raw-request` posts to.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { op, opDynamic } from '../../openapi/routes';
import { loadSpec } from '../../openapi/spec';
import type { ListFilter } from '../../store/dis/design';
import type { SimpleKind } from '../../store/dis/kinds';
import type { Doc } from '../../store/dis/objects';
import { actor, arrayParam, ifMatch, listQuery } from './http';
import { idempotent, sendDoc, sendList } from './views';

interface KindRoutes {
  kind: SimpleKind;
  ops: { list: string; create: string; get: string; update: string; delete: string };
  keyParam: string;
  filter: (q: Record<string, unknown>) => ListFilter;
  /** getProject / getFolder accept projection=CHILD_COUNT_STATISTICS. */
  projection?: boolean;
}

const common = (q: Record<string, unknown>): ListFilter => ({
  name: q.name as string | undefined,
  nameContains: q.nameContains as string | undefined,
  identifiers: arrayParam(q.identifier),
});

const KINDS: KindRoutes[] = [
  { kind: 'project', keyParam: 'projectKey', projection: true, ops: { list: 'listProjects', create: 'createProject', get: 'getProject', update: 'updateProject', delete: 'deleteProject' }, filter: common },
  { kind: 'folder', keyParam: 'folderKey', projection: true, ops: { list: 'listFolders', create: 'createFolder', get: 'getFolder', update: 'updateFolder', delete: 'deleteFolder' }, filter: (q) => ({ ...common(q), aggregatorKey: q.aggregatorKey as string | undefined }) },
  {
    kind: 'task',
    keyParam: 'taskKey',
    ops: { list: 'listTasks', create: 'createTask', get: 'getTask', update: 'updateTask', delete: 'deleteTask' },
    filter: (q) => ({ ...common(q), aggregatorKey: q.folderId as string | undefined, keys: arrayParam(q.key), modelTypes: arrayParam(q.type) }),
  },
  { kind: 'dataFlow', keyParam: 'dataFlowKey', ops: { list: 'listDataFlows', create: 'createDataFlow', get: 'getDataFlow', update: 'updateDataFlow', delete: 'deleteDataFlow' }, filter: (q) => ({ ...common(q), aggregatorKey: q.folderId as string | undefined }) },
  { kind: 'pipeline', keyParam: 'pipelineKey', ops: { list: 'listPipelines', create: 'createPipeline', get: 'getPipeline', update: 'updatePipeline', delete: 'deletePipeline' }, filter: (q) => ({ ...common(q), aggregatorKey: q.aggregatorKey as string | undefined }) },
];

export default async function catalogRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('dis');
  const { catalog, retryTokens } = app.stores.dis;
  const ws = (r: FastifyRequest) => (r.params as { workspaceId: string }).workspaceId;

  for (const k of KINDS) {
    const key = (r: FastifyRequest) => (r.params as Record<string, string>)[k.keyParam];
    const list = async (request: FastifyRequest, reply: any) => {
      const query = request.query as Record<string, unknown>;
      const q = listQuery(query);
      return sendList(reply, catalog.list(k.kind, ws(request), k.filter(query), q), q, 'items', (o) => o.doc);
    };
    const create = async (request: FastifyRequest, reply: any) =>
      idempotent(retryTokens, request, reply, () => {
        const o = catalog.create(k.kind, ws(request), request.body as Doc, actor(request));
        return { status: 200, headers: { etag: o.etag }, body: o.doc };
      });
    opDynamic(app, spec, k.ops.list, list);
    opDynamic(app, spec, k.ops.create, create);
    if (k.kind === 'project') {
      op(app, spec, 'listProjectsAlias', list);
      op(app, spec, 'createProjectAlias', create);
    }
    opDynamic(app, spec, k.ops.get, async (request, reply) => {
      const o = catalog.get(k.kind, ws(request), key(request));
      const projection = arrayParam((request.query as Record<string, unknown>).projection) ?? [];
      const doc = k.projection && projection.includes('CHILD_COUNT_STATISTICS') ? { ...o.doc, metadata: { ...o.doc.metadata, countStatistics: catalog.countStatistics(o.workspaceId, o.key) } } : o.doc;
      return sendDoc(reply, doc, o.etag);
    });
    opDynamic(app, spec, k.ops.update, async (request, reply) => {
      const o = catalog.update(k.kind, ws(request), key(request), request.body as Doc, actor(request), ifMatch(request));
      return sendDoc(reply, o.doc, o.etag);
    });
    opDynamic(app, spec, k.ops.delete, async (request, reply) => {
      catalog.delete(k.kind, ws(request), key(request), ifMatch(request));
      return reply.code(204).send();
    });
  }
}
