/**
 * Views of an application derived from what it publishes and runs:
 * references (and updateReference), dependent objects, runtime pipelines and
 * their operators, composite states and task run lineages (also under
 * /disApplications/{disApplicationId}).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { op } from '../../openapi/routes';
import { loadSpec } from '../../openapi/spec';
import type { Doc } from '../../store/dis/objects';
import { timeBound } from '../../store/dis/run-rows';
import { arrayParam, ifMatch, listQuery } from './http';
import { idempotent, sendDoc, sendList } from './views';
import { etagOf } from '../../store/dis/common';

type P = { workspaceId: string; applicationKey: string; referenceKey: string; dependentObjectKey: string; runtimePipelineKey: string; runtimeOperatorKey: string };

export default async function applicationDerivedRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('dis');
  const { references, runtimePipelines, runStates, retryTokens } = app.stores.dis;
  const p = (r: FastifyRequest) => r.params as P;
  const query = (r: FastifyRequest) => r.query as Record<string, unknown>;

  op(app, spec, 'listReferences', async (request, reply) => {
    const q = listQuery(query(request));
    return sendList(reply, references.list(p(request).workspaceId, p(request).applicationKey, { name: query(request).name as string | undefined }, q), q, 'items');
  });

  op(app, spec, 'getReference', async (request, reply) => {
    const r = references.get(p(request).workspaceId, p(request).applicationKey, p(request).referenceKey);
    return sendDoc(reply, r.doc, r.etag);
  });

  op(app, spec, 'updateReference', async (request, reply) =>
    idempotent(retryTokens, request, reply, () => {
      const r = references.update(p(request).workspaceId, p(request).applicationKey, p(request).referenceKey, request.body as Doc, ifMatch(request));
      return { status: 200, headers: { etag: r.etag }, body: r.doc };
    }));

  op(app, spec, 'listDependentObjects', async (request, reply) => {
    const qs = query(request);
    const q = listQuery(qs);
    const filter = { name: qs.name as string | undefined, nameContains: qs.nameContains as string | undefined, identifiers: arrayParam(qs.identifier), modelTypes: arrayParam(qs.type) };
    return sendList(reply, references.listDependents(p(request).workspaceId, p(request).applicationKey, filter, q), q, 'items');
  });

  op(app, spec, 'getDependentObject', async (request, reply) => {
    const r = references.getDependent(p(request).workspaceId, p(request).applicationKey, p(request).dependentObjectKey);
    return sendDoc(reply, r.doc, r.etag);
  });

  op(app, spec, 'listRuntimePipelines', async (request, reply) => {
    const qs = query(request);
    const q = listQuery(qs);
    const filter = { keys: arrayParam(qs.key), aggregatorKey: qs.aggregatorKey as string | undefined, name: qs.name as string | undefined, identifiers: arrayParam(qs.identifier), aggregatorTypes: arrayParam(qs.aggregatorType), filter: arrayParam(qs.filter) };
    return sendList(reply, runtimePipelines.list(p(request).workspaceId, p(request).applicationKey, filter, q), q, 'items');
  });

  op(app, spec, 'getRuntimePipeline', async (request, reply) => {
    const doc = runtimePipelines.get(p(request).workspaceId, p(request).applicationKey, p(request).runtimePipelineKey);
    return sendDoc(reply, doc, etagOf(doc));
  });

  op(app, spec, 'listRuntimeOperators', async (request, reply) => {
    const qs = query(request);
    const q = listQuery(qs);
    const filter = { keys: arrayParam(qs.key), name: qs.name as string | undefined, identifiers: arrayParam(qs.identifier), aggregatorTypes: arrayParam(qs.aggregatorType) };
    return sendList(reply, runtimePipelines.listOperators(p(request).workspaceId, p(request).applicationKey, p(request).runtimePipelineKey, filter, q), q, 'items');
  });

  op(app, spec, 'getRuntimeOperator', async (request, reply) => {
    const doc = runtimePipelines.getOperator(p(request).workspaceId, p(request).applicationKey, p(request).runtimePipelineKey, p(request).runtimeOperatorKey);
    return sendDoc(reply, doc, etagOf(doc));
  });

  op(app, spec, 'getCompositeState', async (request, reply) => {
    const r = runStates.compositeState(p(request).workspaceId, p(request).applicationKey, String(query(request).aggregatorKey ?? ''));
    return sendDoc(reply, r.doc);
  });

  const lineageFilter = (qs: Record<string, unknown>) => ({
    filter: arrayParam(qs.filter),
    updatedAfter: timeBound(qs.timeUpdatedGreaterThan, 'timeUpdatedGreaterThan'),
    updatedFrom: timeBound(qs.timeUpdatedGreaterThanOrEqualTo, 'timeUpdatedGreaterThanOrEqualTo'),
    updatedBefore: timeBound(qs.timeUpatedLessThan, 'timeUpatedLessThan'),
    updatedUntil: timeBound(qs.timeUpatedLessThanOrEqualTo, 'timeUpatedLessThanOrEqualTo'),
  });

  op(app, spec, 'listTaskRunLineages', async (request, reply) => {
    const q = listQuery(query(request));
    return sendList(reply, runStates.lineages(p(request).workspaceId, p(request).applicationKey, lineageFilter(query(request)), q), q, 'items');
  });

  // A DIS application is an application with an OCID: its runs are the application's.
  op(app, spec, 'listDisApplicationTaskRunLineages', async (request, reply) => {
    const q = listQuery(query(request));
    const { workspaceId, disApplicationId } = request.params as { workspaceId: string; disApplicationId: string };
    const application = app.stores.dis.apps.disApps.resolve(workspaceId, disApplicationId);
    return sendList(reply, runStates.lineages(workspaceId, application.key, lineageFilter(query(request)), q), q, 'items');
  });
}
