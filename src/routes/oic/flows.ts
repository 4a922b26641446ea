/**
 * REST triggers (/ic/api/integration/v1/flows/rest/{IDENTIFIER}/{VERSION}/...):
 * a client application calls "its" integration and gets the execution back
 * (202). The spec declares the one-segment resource form; the same handler
 * also serves deeper resource paths (orders/42/lines) under the same
 * operationId, because OpenAPI cannot express a multi-segment parameter.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { op } from '../../openapi/routes';
import { loadSpec } from '../../openapi/spec';
import { ApiError } from '../../core/errors';

interface TriggerParams { identifier: string; version: string; resource?: string; '*'?: string }

export default async function flowRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('oic');

  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const p = request.params as TriggerParams;
    const resource = p.resource ?? p['*'] ?? '';
    const view = request.oic.runtime.trigger(p.identifier, p.version, request.method, `/${resource}`, request.body);
    return reply.code(202).header('location', view.links[0].href).send(view);
  };

  op(app, spec, 'invokeRestTrigger', handler);
  const o = spec.operations.get('invokeRestTrigger')!;
  const { params: _params, ...schema } = o.schema;
  app.route({
    method: 'POST',
    url: '/ic/api/integration/v1/flows/rest/:identifier/:version/*',
    schema,
    config: { operationId: 'invokeRestTrigger', api: 'oic' },
    // The same content-type rule op() applies to the declared route.
    preValidation: async (request: FastifyRequest) => {
      const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      if (request.body !== undefined && type !== 'application/json') {
        throw new ApiError('unsupportedMediaType', `Content-Type '${type || '(none)'}' is not accepted here; use application/json`);
      }
    },
    handler,
  });
}
