/**
 * Data assets (each returned with its default connection) and connections
 * (listConnections requires dataAssetKey).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { op } from '../../openapi/routes';
import { loadSpec } from '../../openapi/spec';
import type { Doc } from '../../store/dis/objects';
import { actor, arrayParam, ifMatch, listQuery } from './http';
import { createOnce, docOf, idempotent, sendDoc, sendList, sendRecord } from './views';

type P = { workspaceId: string; dataAssetKey: string; connectionKey: string };

export default async function dataAssetRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('dis');
  const { dataAssets, retryTokens } = app.stores.dis;

  op(app, spec, 'listDataAssets', async (request, reply) => {
    const query = request.query;
    const q = listQuery(query);
    const result = dataAssets.list(request.params.workspaceId, { name: query.name, modelTypes: arrayParam(query.type) }, q);
    // Summaries carry the default connection too (the SDK's summary models of several types require it).
    return sendList(reply, result, q, 'items', (o) => dataAssets.wire(o));
  });

  op(app, spec, 'createDataAsset', async (request, reply) =>
    idempotent(retryTokens, request, reply, () => {
      const o = dataAssets.create(request.params.workspaceId, request.body, actor(request));
      return { status: 200, headers: { etag: o.etag }, body: dataAssets.wire(o) };
    }));

  op(app, spec, 'getDataAsset', async (request, reply) => {
    const o = dataAssets.get(request.params.workspaceId, request.params.dataAssetKey);
    return sendDoc(reply, dataAssets.wire(o), o.etag);
  });

  op(app, spec, 'updateDataAsset', async (request, reply) => {
    const o = dataAssets.update(request.params.workspaceId, request.params.dataAssetKey, request.body, actor(request), ifMatch(request));
    return sendDoc(reply, dataAssets.wire(o), o.etag);
  });

  op(app, spec, 'deleteDataAsset', async (request, reply) => {
    dataAssets.delete(request.params.workspaceId, request.params.dataAssetKey, ifMatch(request));
    return reply.code(204).send();
  });

  op(app, spec, 'listConnections', async (request, reply) => {
    const query = request.query;
    const q = listQuery(query);
    const result = dataAssets.listConnections(request.params.workspaceId, String(query.dataAssetKey), { name: query.name, modelTypes: arrayParam(query.type) }, q);
    return sendList(reply, result, q, 'items', docOf);
  });

  op(app, spec, 'createConnection', async (request, reply) =>
    createOnce(retryTokens, request, reply, () => dataAssets.createConnection(request.params.workspaceId, request.body, actor(request))));

  op(app, spec, 'getConnection', async (request, reply) => {
    return sendRecord(reply, dataAssets.getConnection(request.params.workspaceId, request.params.connectionKey));
  });

  op(app, spec, 'updateConnection', async (request, reply) => {
    return sendRecord(reply, dataAssets.updateConnection(request.params.workspaceId, request.params.connectionKey, request.body, actor(request), ifMatch(request)));
  });

  op(app, spec, 'deleteConnection', async (request, reply) => {
    dataAssets.deleteConnection(request.params.workspaceId, request.params.connectionKey, ifMatch(request));
    return reply.code(204).send();
  });
}
