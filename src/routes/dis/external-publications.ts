/**
 * A task's external publications (to OCI Data Flow; PUBLISHING ->
 * SUCCESSFUL on the clock) and their validations.
 */
import type { FastifyInstance } from 'fastify';
import { op } from '../../openapi/routes';
import { loadSpec } from '../../openapi/spec';
import { actor, arrayParam, ifMatch, listQuery } from './http';
import { createOnce, docOf, sendDoc, sendList, sendRecord } from './views';

export default async function externalPublicationRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('dis');
  const { retryTokens } = app.stores.dis;
  const { externalPublications: pubs, functionValidations } = app.stores.dis.apps;
  const poke = () => app.ctx.clock.poke();

  op(app, spec, 'listExternalPublications', async (request, reply) => {
    const query = request.query;
    const q = listQuery(query);
    return sendList(reply, pubs.list(request.params.workspaceId, request.params.taskKey, { name: query.name }, q), q, 'items', docOf);
  });
  op(app, spec, 'createExternalPublication', async (request, reply) => {
    const sent = createOnce(retryTokens, request, reply, () => pubs.create(request.params.workspaceId, request.params.taskKey, request.body, actor(request)));
    poke();
    return sent;
  });
  op(app, spec, 'getExternalPublication', async (request, reply) =>
    sendRecord(reply, pubs.get(request.params.workspaceId, request.params.taskKey, request.params.externalPublicationsKey)));
  op(app, spec, 'updateExternalPublication', async (request, reply) => {
    const o = pubs.update(request.params.workspaceId, request.params.taskKey, request.params.externalPublicationsKey, request.body, actor(request), ifMatch(request));
    poke();
    return sendDoc(reply, o.doc, o.etag);
  });
  op(app, spec, 'deleteExternalPublication', async (request, reply) => {
    pubs.delete(request.params.workspaceId, request.params.taskKey, request.params.externalPublicationsKey, ifMatch(request));
    return reply.code(204).send();
  });

  const kind = 'externalPublicationValidation';
  op(app, spec, 'listExternalPublicationValidations', async (request, reply) => {
    const query = request.query;
    const q = listQuery(query);
    const filter = { name: query.name, identifier: arrayParam(query.identifier) };
    return sendList(reply, functionValidations.list(kind, request.params.workspaceId, filter, q, request.params.taskKey), q, 'items', docOf);
  });
  op(app, spec, 'createExternalPublicationValidation', async (request, reply) =>
    createOnce(retryTokens, request, reply, () => functionValidations.create(kind, request.params.workspaceId, request.body ?? {}, actor(request), request.params.taskKey)));
  op(app, spec, 'getExternalPublicationValidation', async (request, reply) =>
    sendRecord(reply, functionValidations.get(kind, request.params.workspaceId, request.params.externalPublicationValidationKey, request.params.taskKey)));
  op(app, spec, 'deleteExternalPublicationValidation', async (request, reply) => {
    functionValidations.delete(kind, request.params.workspaceId, request.params.externalPublicationValidationKey, ifMatch(request), request.params.taskKey);
    return reply.code(204).send();
  });
}
