/**
 * The contract, served: /openapi/{oic,dis,emulator}.json and Swagger UI at
 * /docs (assets served locally by @fastify/swagger-ui; no internet needed).
 *
 * Swagger UI is a large share of start-up (the plugins, @fastify/static, a
 * glob of its assets) and most runs never open it, so it lives in a small
 * Fastify instance of its own, built on the first /docs request; /docs/*
 * requests are forwarded to it with inject().
 *
 * The JSON documents name, as their server, the origin the page was loaded
 * from (Host, or X-Forwarded-Host/-Proto behind a proxy): "Try it out" then
 * reaches this emulator on whatever port, `--port 0`, Docker port map or
 * Compose host name it is reached by, and the OIC document's OAuth2
 * client-credentials scheme gets its token from this emulator's endpoint.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { loadSpec, OPENAPI_DIR, type ApiName } from '../openapi/spec';
import { notFound } from '../core/errors';
import { sendProblem } from './oic/problem';
import { DEFAULT_CLIENT } from '../config';
import type { OpenAPIV3 } from 'openapi-types';

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
    return servedDocument(loadSpec(m[1] as ApiName).document, originOf(request));
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

/** A Host value as browsers and proxies send it: name or [IPv6], optional port; anything else is ignored. */
const HOST_RE = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** The first value of a possibly repeated or comma-separated header. */
function firstHeader(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v?.split(',')[0]?.trim() || undefined;
}

/** scheme://host[:port] the caller reached, or null when the headers do not say it plainly. */
export function originOf(request: FastifyRequest): string | null {
  const host = firstHeader(request.headers['x-forwarded-host']) ?? firstHeader(request.headers.host);
  if (!host || !HOST_RE.test(host)) return null;
  const proto = (firstHeader(request.headers['x-forwarded-proto']) ?? 'http').toLowerCase();
  return `${proto === 'https' ? 'https' : 'http'}://${host}`;
}

/** The document with its servers (and OAuth2 token URL) pointing at origin; unchanged without one. */
function servedDocument(document: OpenAPIV3.Document, origin: string | null): OpenAPIV3.Document {
  if (!origin) return document;
  const servers = (document.servers ?? [{ url: origin }]).map((s, i) => (i === 0 ? { ...s, url: origin } : s));
  const schemes = document.components?.securitySchemes;
  const oauth2 = schemes?.oauth2 as OpenAPIV3.OAuth2SecurityScheme | undefined;
  if (!oauth2?.flows.clientCredentials) return { ...document, servers };
  const tokenUrl = new URL(oauth2.flows.clientCredentials.tokenUrl, origin).href;
  return {
    ...document,
    servers,
    components: {
      ...document.components,
      securitySchemes: { ...schemes, oauth2: { ...oauth2, flows: { ...oauth2.flows, clientCredentials: { ...oauth2.flows.clientCredentials, tokenUrl } } } },
    },
  };
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
    // "Authorize" opens with the default OAuth client filled in.
    initOAuth: { clientId: DEFAULT_CLIENT.clientId, clientSecret: DEFAULT_CLIENT.clientSecret },
  });
  await ui.ready();
  return ui;
}
