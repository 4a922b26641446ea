/**
 * REST triggers (/ic/api/integration/v1/flows/rest/[project/{projectCode}/]{IDENTIFIER}/{VERSION}/...):
 * a client application calls "its" integration.
 *
 * An integration imported from an archive whose trigger is REST answers as
 * its trigger's .jca says: only its HttpVerb (405 otherwise, with Allow),
 * only on its ResourceURI (`{params}` allowed; 404 otherwise), with its
 * ResponseSample as the body (200) when it has one, else the execution
 * (202). Path and declared query parameters, then body fields, become the
 * execution's tracking fields. Any other integration takes POST on any
 * resource and answers 202 with the execution (the seed's behaviour).
 *
 * The spec declares the one-segment resource form; the same handler also
 * serves deeper resource paths (orders/42/lines) under the same
 * operationId, because OpenAPI cannot express a multi-segment parameter.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { opDynamic } from '../../openapi/routes';
import { loadSpec } from '../../openapi/spec';
import { ApiError, notFound } from '../../core/errors';
import { isPlainObject } from '../../oic/merge';
import { matchResource } from '../../oic/archive/rest-trigger';
import type { RestTrigger } from '../../oic/archive/flow';
import { runView } from './dialects/seed/executions';

interface TriggerParams { projectCode?: string; identifier: string; version: string; resource?: string; '*'?: string }
/**
 * The request of a trigger: the spec's path parameters or the deeper-path
 * route's wildcard, and the query parameters the archive's trigger declares
 * (names only the integration knows, so the spec cannot list them).
 */
interface TriggerRoute { Params: TriggerParams; Querystring: Record<string, unknown> }

const METHODS = [['POST', ''], ['GET', 'Get'], ['PUT', 'Put'], ['PATCH', 'Patch'], ['DELETE', 'Delete']] as const;

export default async function flowRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('oic');

  const handler = async (request: FastifyRequest<TriggerRoute>, reply: FastifyReply) => {
    const p = request.params;
    const runtime = request.oic.runtime;
    const method = request.method;
    const path = `/${p.resource ?? p['*'] ?? ''}`;
    const rec = runtime.resolveTrigger(p.identifier, p.version);
    if (p.projectCode !== undefined && rec.projectId !== p.projectCode) {
      throw notFound(`Integration '${rec.id}' is not in project '${p.projectCode}'${rec.projectId ? ` (it is in '${rec.projectId}')` : ''}; call /ic/api/integration/v1/flows/rest/${rec.projectId ? `project/${rec.projectId}/` : ''}${p.identifier}/${p.version}${path}`);
    }
    const rest = (rec.definition.archive as { trigger?: { rest?: RestTrigger } } | undefined)?.trigger?.rest;
    const allow = rest?.verb ?? 'POST';
    if (method !== allow) {
      throw new ApiError('methodNotAllowed', `The trigger of integration '${rec.id}' takes ${allow}, not ${method}`, { headers: { allow } });
    }
    if (!rest) {
      const view = runView(runtime.trigger(p.identifier, p.version, method, path, request.body));
      return reply.code(202).header('location', view.links[0].href).send(view);
    }
    const params = matchResource(rest.resourceUri, path);
    if (!params) throw notFound(`The trigger of integration '${rec.id}' serves ${rest.verb} ${rest.resourceUri}, not ${path}`);
    const query = request.query;
    const declared = Object.fromEntries(rest.queryParameters.filter((q) => typeof query[q] === 'string').map((q) => [q, query[q]]));
    const payload = { ...params, ...declared, ...(isPlainObject(request.body) ? request.body : {}) };
    const view = runView(runtime.trigger(p.identifier, p.version, method, path, payload));
    reply.header('location', view.links[0].href);
    if (rest.responseSample === undefined) return reply.code(202).send(view);
    return reply.code(200).header('content-type', rest.responseMediaType ?? 'application/json').send(rest.responseSample);
  };

  // The same content-type rule op() applies to the declared routes.
  const preValidation = async (request: FastifyRequest) => {
    const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (request.body !== undefined && type !== 'application/json') {
      throw new ApiError('unsupportedMediaType', `Content-Type '${type || '(none)'}' is not accepted here; use application/json`);
    }
  };

  for (const [method, suffix] of METHODS) {
    for (const [prefix, name] of [['', 'invokeRestTrigger'], ['project/:projectCode/', 'invokeProjectRestTrigger']] as const) {
      const operationId = `${name}${suffix}`;
      opDynamic(app, spec, operationId, handler);
      const { params: _params, ...schema } = spec.operations.get(operationId)!.schema;
      app.route<TriggerRoute>({
        method,
        url: `/ic/api/integration/v1/flows/rest/${prefix}:identifier/:version/*`,
        schema,
        config: { operationId, api: 'oic' },
        preValidation,
        handler,
      });
    }
  }
}
