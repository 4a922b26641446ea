/**
 * A task's external publications (to OCI Data Flow; PUBLISHING ->
 * SUCCESSFUL on the clock) and their validations.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { op } from '../../openapi/routes';
import { loadSpec } from '../../openapi/spec';
import type { Doc } from '../../store/dis/objects';
import { actor, arrayParam, ifMatch, listQuery } from './http';
import { idempotent, sendDoc, sendList } from './views';

type P = { workspaceId: string; taskKey: string; externalPublicationsKey: string; externalPublicationValidationKey: string };

export default async function externalPublicationRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('dis');
  const { retryTokens } = app.stores.dis;
  const { externalPublications: pubs, functionValidations } = app.stores.dis.apps;
  const p = (r: FastifyRequest) => r.params as P;
  const poke = () => app.ctx.clock.poke();

  op(app, spec, 'listExternalPublications', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const q = listQuery(query);
    return sendList(reply, pubs.list(p(request).workspaceId, p(request).taskKey, { name: query.name as string | undefined }, q), q, 'items', (o) => o.doc);
  });
  op(app, spec, 'createExternalPublication', async (request, reply) => {
    const sent = idempotent(retryTokens, request, reply, () => {
      const o = pubs.create(p(request).workspaceId, p(request).taskKey, request.body as Doc, actor(request));
      return { status: 200, headers: { etag: o.etag }, body: o.doc };
    });
    poke();
    return sent;
  });
  op(app, spec, 'getExternalPublication', async (request, reply) => {
    const o = pubs.get(p(request).workspaceId, p(request).taskKey, p(request).externalPublicationsKey);
    return sendDoc(reply, o.doc, o.etag);
  });
  op(app, spec, 'updateExternalPublication', async (request, reply) => {
    const o = pubs.update(p(request).workspaceId, p(request).taskKey, p(request).externalPublicationsKey, request.body as Doc, actor(request), ifMatch(request));
    poke();
    return sendDoc(reply, o.doc, o.etag);
  });
  op(app, spec, 'deleteExternalPublication', async (request, reply) => {
    pubs.delete(p(request).workspaceId, p(request).taskKey, p(request).externalPublicationsKey, ifMatch(request));
    return reply.code(204).send();
  });

  const kind = 'externalPublicationValidation';
  op(app, spec, 'listExternalPublicationValidations', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const q = listQuery(query);
    const filter = { name: query.name as string | undefined, identifier: arrayParam(query.identifier) };
    return sendList(reply, functionValidations.list(kind, p(request).workspaceId, filter, q, p(request).taskKey), q, 'items', (o) => o.doc);
  });
  op(app, spec, 'createExternalPublicationValidation', async (request, reply) =>
    idempotent(retryTokens, request, reply, () => {
      const o = functionValidations.create(kind, p(request).workspaceId, (request.body as Doc | undefined) ?? {}, actor(request), p(request).taskKey);
      return { status: 200, headers: { etag: o.etag }, body: o.doc };
    }));
  op(app, spec, 'getExternalPublicationValidation', async (request, reply) => {
    const o = functionValidations.get(kind, p(request).workspaceId, p(request).externalPublicationValidationKey, p(request).taskKey);
    return sendDoc(reply, o.doc, o.etag);
  });
  op(app, spec, 'deleteExternalPublicationValidation', async (request, reply) => {
    functionValidations.delete(kind, p(request).workspaceId, p(request).externalPublicationValidationKey, ifMatch(request), p(request).taskKey);
    return reply.code(204).send();
  });
}
