/**
 * OIC runtime controls (documented in openapi/emulator.yaml): scripted
 * outcomes per integration and bulk history generation.
 */
import type { FastifyInstance } from 'fastify';
import { controlRoute } from './control-route';


export default async function runtimeControlRoutes(app: FastifyInstance): Promise<void> {
  const runtime = app.stores.runtime;

  // Shorthands: a bare array of outcomes, and "SUCCESS" for {"status": "SUCCESS"}.
  app.addHook('preValidation', async (request) => {
    if (!request.routeOptions.url?.endsWith('/outcomes') || request.method !== 'POST') return;
    let body = request.body;
    if (Array.isArray(body)) body = { outcomes: body };
    if (body && typeof body === 'object' && 'outcomes' in body && Array.isArray(body.outcomes)) {
      body = { ...body, outcomes: body.outcomes.map((o: unknown) => (typeof o === 'string' ? { status: o } : o)) };
    }
    request.body = body;
  });

  controlRoute(app, 'GET', '/_emulator/integrations/:id/outcomes', 'getOutcomes', async (request) => runtime.outcomeScript(request.params.id));
  controlRoute(app, 'POST', '/_emulator/integrations/:id/outcomes', 'setOutcomes', async (request) => runtime.setOutcomes(request.params.id, request.body));
  controlRoute(app, 'DELETE', '/_emulator/integrations/:id/outcomes', 'clearOutcomes', async (request) => runtime.clearOutcomes(request.params.id));

  controlRoute(app, 'POST', '/_emulator/executions/generate', 'generateExecutions', async (request, reply) => {
    const result = runtime.generate(request.body);
    request.log.info({ generated: result.generated, ms: result.elapsedMs }, 'executions generated');
    return reply.code(201).send(result);
  });
}
