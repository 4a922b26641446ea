/**
 * The contract, served: /openapi/{oic,dis,emulator}.json and Swagger UI at
 * /docs (assets served locally by @fastify/swagger-ui; no internet needed).
 *
 * Swagger UI is a large share of start-up (the plugins, @fastify/static, a
 * glob of its assets) and most runs never open it, so it lives in a small
 * Fastify instance of its own, built on the first /docs request; /docs/*
 * requests are forwarded to it with inject().
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { loadSpec, OPENAPI_DIR, type ApiName } from '../openapi/spec';
import { notFound } from '../core/errors';
import { sendProblem } from './oic/problem';

/** Specs that exist on disk (dis/emulator arrive with their issues). */
function availableSpecs(): ApiName[] {
  return (['oic', 'dis', 'integration', 'emulator'] as ApiName[]).filter((n) => fs.existsSync(path.join(OPENAPI_DIR, `${n}.yaml`)));
}

/** Response headers not copied from the inner instance (the outer reply sets its own). */
const HOP_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'date']);

export default async function docsRoutes(app: FastifyInstance): Promise<void> {
  app.setErrorHandler(sendProblem);
  const names = availableSpecs();
  app.get<{ Params: { name: string } }>('/openapi/:name', async (request, reply) => {
    const m = /^(\w+)\.(json|yaml)$/.exec(request.params.name);
    if (!m || !names.includes(m[1] as ApiName)) throw notFound(`No OpenAPI document '${request.params.name}'; available: ${names.map((n) => `${n}.json`).join(', ')}`);
    if (m[2] === 'yaml') return reply.type('application/yaml').send(fs.readFileSync(path.join(OPENAPI_DIR, `${m[1]}.yaml`), 'utf8'));
    return loadSpec(m[1] as ApiName).document;
  });

  let ui: Promise<FastifyInstance> | undefined;
  const forward = async (request: FastifyRequest, reply: FastifyReply) => {
    ui ??= buildSwaggerUi(names);
    // Always GET: for a HEAD request Fastify drops the body itself but keeps its length.
    const res = await (await ui).inject({
      method: 'GET',
      url: request.url,
      headers: { ...request.headers, host: request.headers.host ?? 'localhost' },
    });
    if (res.statusCode === 404) throw notFound(`No documentation page at ${request.url.split('?')[0]}`);
    for (const [k, v] of Object.entries(res.headers)) if (!HOP_HEADERS.has(k) && v !== undefined) reply.header(k, v);
    reply.code(res.statusCode);
    return res.rawPayload.length ? reply.send(res.rawPayload) : reply.send();
  };
  app.get('/docs', forward);
  app.get('/docs/*', forward);
}

async function buildSwaggerUi(names: ApiName[]): Promise<FastifyInstance> {
  // module.exports of both plugins is the fastify-plugin wrapped function, so
  // swagger's decorator is visible to swagger-ui (their `.default` is not wrapped).
  /* eslint-disable @typescript-eslint/no-require-imports */
  const Fastify = require('fastify') as typeof import('fastify');
  const swagger = require('@fastify/swagger') as FastifyPluginAsync<any>;
  const swaggerUi = require('@fastify/swagger-ui') as FastifyPluginAsync<any>;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const ui = Fastify.fastify({ logger: false });
  await ui.register(swagger, { mode: 'static', specification: { document: loadSpec('oic').document } });
  await ui.register(swaggerUi, {
    routePrefix: '/docs',
    uiConfig: { urls: names.map((n) => ({ url: `/openapi/${n}.json`, name: n.toUpperCase() })) },
  });
  await ui.ready();
  return ui;
}
