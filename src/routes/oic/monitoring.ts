/**
 * Monitoring (/ic/api/monitoring/v1): metrics, execution history, one
 * execution, its activity stream and its errors. Thin handlers over the
 * runtime (src/sim/request.oic.runtime.ts, src/sim/metrics.ts).
 */
import type { FastifyInstance } from 'fastify';
import { op } from '../../openapi/routes';
import { loadSpec } from '../../openapi/spec';
import { pageOf, parsePage } from '../../core/pagination';
import { executionDetailView, runView } from './dialects/seed/executions';

export default async function monitoringRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('oic');

  op(app, spec, 'getIntegrationMetrics', async (request) => request.oic.runtime.metrics(request.params.id, request.query));

  op(app, spec, 'listExecutions', async (request) => {
    const q = request.query;
    const page = parsePage(q);
    const { items, total } = request.oic.runtime.listExecutions(request.params.id, q, page);
    return pageOf(items.map(runView), total, page);
  });

  op(app, spec, 'getExecution', async (request) => executionDetailView(request.oic.runtime.execution(request.params.executionId)));
  op(app, spec, 'getExecutionActivities', async (request) => request.oic.runtime.activities(request.params.executionId));
  op(app, spec, 'getExecutionErrors', async (request) => request.oic.runtime.errors(request.params.executionId));
}
