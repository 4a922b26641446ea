/**
 * The contract, served: /openapi/{oic,dis,emulator}.json and Swagger UI at
 * /docs (assets served locally by @fastify/swagger-ui; no internet needed).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { loadSpec, OPENAPI_DIR, type ApiName } from '../openapi/spec';
import { notFound } from '../core/errors';
import { sendProblem } from './oic/problem';

/** Specs that exist on disk (dis/emulator arrive with their issues). */
function availableSpecs(): ApiName[] {
  return (['oic', 'dis', 'emulator'] as ApiName[]).filter((n) => fs.existsSync(path.join(OPENAPI_DIR, `${n}.yaml`)));
}

export default async function docsRoutes(app: FastifyInstance): Promise<void> {
  app.setErrorHandler(sendProblem);
  const names = availableSpecs();
  app.get<{ Params: { name: string } }>('/openapi/:name', async (request, reply) => {
    const m = /^(\w+)\.(json|yaml)$/.exec(request.params.name);
    if (!m || !names.includes(m[1] as ApiName)) throw notFound(`No OpenAPI document '${request.params.name}'; available: ${names.map((n) => `${n}.json`).join(', ')}`);
    if (m[2] === 'yaml') return reply.type('application/yaml').send(fs.readFileSync(path.join(OPENAPI_DIR, `${m[1]}.yaml`), 'utf8'));
    return loadSpec(m[1] as ApiName).document;
  });
  await app.register(swagger, { mode: 'static', specification: { document: loadSpec('oic').document as any } });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    uiConfig: { urls: names.map((n) => ({ url: `/openapi/${n}.json`, name: n.toUpperCase() })) } as any,
  });
}
