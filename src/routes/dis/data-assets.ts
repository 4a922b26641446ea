/**
 * Data assets (each returned with its default connection) and connections
 * (listConnections requires dataAssetKey).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { op } from '../../openapi/routes';
import { loadSpec } from '../../openapi/spec';
import type { Doc } from '../../store/dis/objects';
import { actor, arrayParam, ifMatch, listQuery } from './http';
import { idempotent, sendDoc, sendList } from './views';

type P = { workspaceId: string; dataAssetKey: string; connectionKey: string };

export default async function dataAssetRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('dis');
  const { dataAssets, retryTokens } = app.stores.dis;
  const p = (r: FastifyRequest) => r.params as P;

  op(app, spec, 'listDataAssets', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const q = listQuery(query);
    const result = dataAssets.list(p(request).workspaceId, { name: query.name as string | undefined, modelTypes: arrayParam(query.type) }, q);
    // Summaries carry the default connection too (the SDK's summary models of several types require it).
    return sendList(reply, result, q, 'items', (o) => dataAssets.wire(o));
  });

  op(app, spec, 'createDataAsset', async (request, reply) =>
    idempotent(retryTokens, request, reply, () => {
      const o = dataAssets.create(p(request).workspaceId, request.body as Doc, actor(request));
      return { status: 200, headers: { etag: o.etag }, body: dataAssets.wire(o) };
    }));

  op(app, spec, 'getDataAsset', async (request, reply) => {
    const o = dataAssets.get(p(request).workspaceId, p(request).dataAssetKey);
    return sendDoc(reply, dataAssets.wire(o), o.etag);
  });

  op(app, spec, 'updateDataAsset', async (request, reply) => {
    const o = dataAssets.update(p(request).workspaceId, p(request).dataAssetKey, request.body as Doc, actor(request), ifMatch(request));
    return sendDoc(reply, dataAssets.wire(o), o.etag);
  });

  op(app, spec, 'deleteDataAsset', async (request, reply) => {
    dataAssets.delete(p(request).workspaceId, p(request).dataAssetKey, ifMatch(request));
    return reply.code(204).send();
  });

  op(app, spec, 'listConnections', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const q = listQuery(query);
    const result = dataAssets.listConnections(p(request).workspaceId, String(query.dataAssetKey), { name: query.name as string | undefined, modelTypes: arrayParam(query.type) }, q);
    return sendList(reply, result, q, 'items', (o) => o.doc);
  });

  op(app, spec, 'createConnection', async (request, reply) =>
    idempotent(retryTokens, request, reply, () => {
      const o = dataAssets.createConnection(p(request).workspaceId, request.body as Doc, actor(request));
      return { status: 200, headers: { etag: o.etag }, body: o.doc };
    }));

  op(app, spec, 'getConnection', async (request, reply) => {
    const o = dataAssets.getConnection(p(request).workspaceId, p(request).connectionKey);
    return sendDoc(reply, o.doc, o.etag);
  });

  op(app, spec, 'updateConnection', async (request, reply) => {
    const o = dataAssets.updateConnection(p(request).workspaceId, p(request).connectionKey, request.body as Doc, actor(request), ifMatch(request));
    return sendDoc(reply, o.doc, o.etag);
  });

  op(app, spec, 'deleteConnection', async (request, reply) => {
    dataAssets.deleteConnection(p(request).workspaceId, p(request).connectionKey, ifMatch(request));
    return reply.code(204).send();
  });
}
