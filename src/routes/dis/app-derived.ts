/**
 * Views of an application derived from what it publishes and runs:
 * references (and updateReference), dependent objects, runtime pipelines and
 * their operators, composite states and task run lineages (also under
 * /disApplications/{disApplicationId}).
 */
import type { FastifyInstance } from 'fastify';
import { op } from '../../openapi/routes';
import type { Req } from '../../openapi/request-types';
import { loadSpec } from '../../openapi/spec';
import { timeBound } from '../../store/dis/run-rows';
import { arrayParam, ifMatch, listQuery } from './http';
import { createOnce, sendDoc, sendList, sendRecord } from './views';
import { etagOf } from '../../store/dis/common';


export default async function applicationDerivedRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('dis');
  const { references, runtimePipelines, runStates, retryTokens } = app.stores.dis;

  op(app, spec, 'listReferences', async (request, reply) => {
    const q = listQuery(request.query);
    return sendList(reply, references.list(request.params.workspaceId, request.params.applicationKey, { name: request.query.name }, q), q, 'items');
  });

  op(app, spec, 'getReference', async (request, reply) =>
    sendRecord(reply, references.get(request.params.workspaceId, request.params.applicationKey, request.params.referenceKey)));

  op(app, spec, 'updateReference', async (request, reply) =>
    createOnce(retryTokens, request, reply, () => references.update(request.params.workspaceId, request.params.applicationKey, request.params.referenceKey, request.body, ifMatch(request))));

  op(app, spec, 'listDependentObjects', async (request, reply) => {
    const qs = request.query;
    const q = listQuery(qs);
    const filter = { name: qs.name, nameContains: qs.nameContains, identifiers: arrayParam(qs.identifier), modelTypes: arrayParam(qs.type) };
    return sendList(reply, references.listDependents(request.params.workspaceId, request.params.applicationKey, filter, q), q, 'items');
  });

  op(app, spec, 'getDependentObject', async (request, reply) =>
    sendRecord(reply, references.getDependent(request.params.workspaceId, request.params.applicationKey, request.params.dependentObjectKey)));

  op(app, spec, 'listRuntimePipelines', async (request, reply) => {
    const qs = request.query;
    const q = listQuery(qs);
    const filter = { keys: arrayParam(qs.key), aggregatorKey: qs.aggregatorKey, name: qs.name, identifiers: arrayParam(qs.identifier), aggregatorTypes: arrayParam(qs.aggregatorType), filter: arrayParam(qs.filter) };
    return sendList(reply, runtimePipelines.list(request.params.workspaceId, request.params.applicationKey, filter, q), q, 'items');
  });

  op(app, spec, 'getRuntimePipeline', async (request, reply) => {
    const doc = runtimePipelines.get(request.params.workspaceId, request.params.applicationKey, request.params.runtimePipelineKey);
    return sendDoc(reply, doc, etagOf(doc));
  });

  op(app, spec, 'listRuntimeOperators', async (request, reply) => {
    const qs = request.query;
    const q = listQuery(qs);
    const filter = { keys: arrayParam(qs.key), name: qs.name, identifiers: arrayParam(qs.identifier), aggregatorTypes: arrayParam(qs.aggregatorType) };
    return sendList(reply, runtimePipelines.listOperators(request.params.workspaceId, request.params.applicationKey, request.params.runtimePipelineKey, filter, q), q, 'items');
  });

  op(app, spec, 'getRuntimeOperator', async (request, reply) => {
    const doc = runtimePipelines.getOperator(request.params.workspaceId, request.params.applicationKey, request.params.runtimePipelineKey, request.params.runtimeOperatorKey);
    return sendDoc(reply, doc, etagOf(doc));
  });

  op(app, spec, 'getCompositeState', async (request, reply) => {
    const r = runStates.compositeState(request.params.workspaceId, request.params.applicationKey, String(request.query.aggregatorKey ?? ''));
    return sendDoc(reply, r.doc);
  });

  const lineageFilter = (qs: Req<'dis', 'listTaskRunLineages'>['query'] | Req<'dis', 'listDisApplicationTaskRunLineages'>['query']) => ({
    filter: arrayParam(qs.filter),
    updatedAfter: timeBound(qs.timeUpdatedGreaterThan, 'timeUpdatedGreaterThan'),
    updatedFrom: timeBound(qs.timeUpdatedGreaterThanOrEqualTo, 'timeUpdatedGreaterThanOrEqualTo'),
    updatedBefore: timeBound(qs.timeUpatedLessThan, 'timeUpatedLessThan'),
    updatedUntil: timeBound(qs.timeUpatedLessThanOrEqualTo, 'timeUpatedLessThanOrEqualTo'),
  });

  op(app, spec, 'listTaskRunLineages', async (request, reply) => {
    const q = listQuery(request.query);
    return sendList(reply, runStates.lineages(request.params.workspaceId, request.params.applicationKey, lineageFilter(request.query), q), q, 'items');
  });

  // A DIS application is an application with an OCID: its runs are the application's.
  op(app, spec, 'listDisApplicationTaskRunLineages', async (request, reply) => {
    const q = listQuery(request.query);
    const { workspaceId, disApplicationId } = request.params;
    const application = app.stores.dis.apps.disApps.resolve(workspaceId, disApplicationId);
    return sendList(reply, runStates.lineages(workspaceId, application.key, lineageFilter(request.query), q), q, 'items');
  });
}
