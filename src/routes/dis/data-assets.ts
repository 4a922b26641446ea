/**
 * Data assets (each returned with its default connection) and connections
 * (listConnections requires dataAssetKey).
 */
import type { FastifyInstance } from 'fastify';
import { op } from '../../openapi/routes';
import { loadSpec } from '../../openapi/spec';
import { recordRoutes } from './record-routes';
import { actor, arrayParam, ifMatch, listQuery } from './http';
import { createOnce, sendList } from './views';

export default async function dataAssetRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('dis');
  const { dataAssets, retryTokens } = app.stores.dis;
  // A data asset answers with its default connection.
  const wired = (o: Parameters<typeof dataAssets.wire>[0]) => ({ doc: dataAssets.wire(o), etag: o.etag });

  op(app, spec, 'listDataAssets', async (request, reply) => {
    const query = request.query;
    const q = listQuery(query);
    const result = dataAssets.list(request.params.workspaceId, { name: query.name, modelTypes: arrayParam(query.type) }, q);
    // Summaries carry the default connection too (the SDK's summary models of several types require it).
    return sendList(reply, result, q, 'items', (o) => dataAssets.wire(o));
  });

  op(app, spec, 'createDataAsset', async (request, reply) =>
    createOnce(retryTokens, request, reply, () => wired(dataAssets.create(request.params.workspaceId, request.body, actor(request)))));

  recordRoutes(app, {
    get: ['getDataAsset', (request) => wired(dataAssets.get(request.params.workspaceId, request.params.dataAssetKey))],
    update: ['updateDataAsset', (request) => wired(dataAssets.update(request.params.workspaceId, request.params.dataAssetKey, request.body, actor(request), ifMatch(request)))],
    delete: ['deleteDataAsset', (request) => dataAssets.delete(request.params.workspaceId, request.params.dataAssetKey, ifMatch(request))],
  });

  recordRoutes(app, {
    list: ['listConnections', (request, q) => dataAssets.listConnections(request.params.workspaceId, request.query.dataAssetKey, { name: request.query.name, modelTypes: arrayParam(request.query.type) }, q)],
    create: ['createConnection', (request) => dataAssets.createConnection(request.params.workspaceId, request.body, actor(request))],
    get: ['getConnection', (request) => dataAssets.getConnection(request.params.workspaceId, request.params.connectionKey)],
    update: ['updateConnection', (request) => dataAssets.updateConnection(request.params.workspaceId, request.params.connectionKey, request.body, actor(request), ifMatch(request))],
    delete: ['deleteConnection', (request) => dataAssets.deleteConnection(request.params.workspaceId, request.params.connectionKey, ifMatch(request))],
  });
}
