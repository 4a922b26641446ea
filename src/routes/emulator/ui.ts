/**
 * The dashboard at /_emulator/ui: static files from dashboard/ (HTML, CSS,
 * JS), Chart.js from node_modules (no internet needed), and the read-only
 * JSON it refreshes from (/_emulator/ui/api/*, built in
 * src/control/dashboard.ts). Files are read once and kept.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { badRequest, notFound } from '../../core/errors';
import { executionDetail, executionPage, integrationMetrics, overview, taskRunLogs, type DashboardDeps } from '../../control/dashboard';
import { queryParam } from '../../openapi/request-types';

/** <package root>/dashboard, from src/routes/emulator or dist/routes/emulator. */
export const DASHBOARD_DIR = path.resolve(__dirname, '..', '..', '..', 'dashboard');

const ASSETS: Record<string, { file: () => string; type: string }> = {
  'index.html': { file: () => path.join(DASHBOARD_DIR, 'index.html'), type: 'text/html; charset=utf-8' },
  'app.js': { file: () => path.join(DASHBOARD_DIR, 'app.js'), type: 'text/javascript; charset=utf-8' },
  'panels.js': { file: () => path.join(DASHBOARD_DIR, 'panels.js'), type: 'text/javascript; charset=utf-8' },
  'style.css': { file: () => path.join(DASHBOARD_DIR, 'style.css'), type: 'text/css; charset=utf-8' },
  'favicon.svg': { file: () => path.join(DASHBOARD_DIR, 'favicon.svg'), type: 'image/svg+xml' },
  // The package's UMD build; its "exports" do not expose dist/ files, so it is found next to the main entry.
  'chart.umd.min.js': { file: () => path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.min.js'), type: 'text/javascript; charset=utf-8' },
};

const PERIODS = ['1h', '6h', '24h', '7d', '30d'];
const STATUSES = ['IN_PROGRESS', 'SUCCESS', 'FAILED'];

/** The named query parameters as single strings (a parameter given twice is refused, not passed on as a list). */
function once(query: Record<string, unknown>, names: string[]): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const n of names) {
    const v = query[n];
    if (v !== undefined && typeof v !== 'string') throw badRequest(`query parameter ${n} must be given once`);
    out[n] = v;
  }
  return out;
}

export default async function uiRoutes(app: FastifyInstance): Promise<void> {
  const cache = new Map<string, Buffer>();
  const send = (name: string, reply: FastifyReply) => {
    // Own keys only: '__proto__' or 'constructor' is not a file.
    const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
    if (!asset) throw notFound(`No dashboard file '${name}'`);
    let body = cache.get(name);
    if (!body) {
      body = fs.readFileSync(asset.file());
      cache.set(name, body);
    }
    return reply.type(asset.type).header('cache-control', 'no-cache').send(body);
  };
  // The OIC side shows one service instance (?instance=, default: the --instance-name one); DIS is the app's.
  const depsOf = (request: FastifyRequest): DashboardDeps => {
    const name = queryParam(request, 'instance');
    const inst = name === undefined || name === '' ? app.instances.default : typeof name === 'string' ? app.instances.get(name) : undefined;
    if (!inst) throw notFound(`No OIC service instance '${name}'`);
    return {
      ctx: inst.ctx,
      stores: inst,
      instance: inst.name,
      instances: () => app.instances.list().map((i) => ({ name: i.name, origin: i.origin, state: i.state ?? null, available: i.available })),
      journalSize: () => app.control.journal.size,
      faultCount: () => app.control.faults.activeCount,
    };
  };

  app.get('/_emulator/ui', async (_request, reply) => send('index.html', reply));
  app.get('/_emulator/ui/:file', async (request: FastifyRequest<{ Params: { file: string } }>, reply) => send(request.params.file, reply));

  app.get('/_emulator/ui/api/overview', async (request) => overview(depsOf(request)));

  app.get('/_emulator/ui/api/executions', async (request: FastifyRequest<{ Querystring: Record<string, unknown> }>) => {
    const q = once(request.query, ['integrationId', 'status', 'offset', 'limit']);
    if (!q.integrationId) throw badRequest('integrationId is required (CODE|VERSION)');
    if (q.status !== undefined && !STATUSES.includes(q.status)) throw badRequest(`status must be one of ${STATUSES.join(', ')}`);
    const offset = q.offset === undefined ? 0 : Number(q.offset);
    const limit = q.limit === undefined ? 20 : Number(q.limit);
    if (!Number.isInteger(offset) || offset < 0) throw badRequest('offset must be a whole number');
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw badRequest('limit must be a whole number from 1 to 100');
    return executionPage(depsOf(request), q.integrationId, q.status, offset, limit);
  });

  app.get('/_emulator/ui/api/task-run-logs', async (request: FastifyRequest<{ Querystring: Record<string, unknown> }>) => {
    const { workspaceId, applicationKey, key } = once(request.query, ['workspaceId', 'applicationKey', 'key']);
    if (!workspaceId || !applicationKey || !key) throw badRequest('workspaceId, applicationKey and key are required');
    return taskRunLogs(depsOf(request), workspaceId, applicationKey, key);
  });

  app.get('/_emulator/ui/api/executions/:id', async (request: FastifyRequest<{ Params: { id: string } }>) => executionDetail(depsOf(request), request.params.id));

  app.get('/_emulator/ui/api/metrics/:id', async (request: FastifyRequest<{ Params: { id: string }; Querystring: { period?: string } }>) => {
    const period = request.query.period ?? '24h';
    if (!PERIODS.includes(period)) throw badRequest(`period must be one of ${PERIODS.join(', ')}`);
    return integrationMetrics(depsOf(request), request.params.id, period);
  });
}
