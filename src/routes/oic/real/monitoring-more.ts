/**
 * The rest of Oracle's monitoring API: the deprecated `activityStream` alias
 * of an instance's details, log downloads (`/monitoring/logs/{id}`, a zip),
 * (or one instance's lines, by its id), the audit trail
 * (`/monitoring/auditRecords`), and replay and abort of one
 * instance. Same data as monitoring.ts: runtime executions, their timeline,
 * and the audit store that src/routes/oic/real/audit-hook.ts fills.
 *
 * Abort is for a running instance (it completes as FAILED and is reported
 * ABORTED from then on); replay is for a finished one (a new run of the same
 * integration with the same tracking values). The other way round is
 * Oracle's 412 precondition error.
 */
import type { FastifyInstance } from 'fastify';
import { strToU8, zipSync } from 'fflate';
import { badRequest, notFound, preconditionFailed } from '../../../core/errors';
import { parsePage, pageOfList } from '../../../core/pagination';
import { op } from '../../../openapi/routes';
import { loadSpec } from '../../../openapi/spec';
import { activityStreamView, flowLogLines } from '../dialects/oracle/activity-stream';
import { parseMonitoringQ, timeRange } from '../../../oic/real/monitoring-q';
import { auditQuery } from '../../../oic/real/audit-q';
import { ORACLE_MONITORING } from '../../../oic/links';
import { oracleInstanceView } from '../dialects/oracle/instances';
import { auditView } from '../dialects/oracle/audit';
import { asReal, instanceStatusOf } from './common';
import type { OicInstance } from '../../../instances/oic-instance';

const LOGS = ['icsflowlog', 'icsauditlog', 'icsdiagnosticlog'] as const;
/** At most this many instances go into one flow log (newest first): a bigger window is a 400. */
const MAX_LOG_INSTANCES = 5000;

export default async function realMonitoringMoreRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('oic');
  const now = () => app.ctx.clock.now();

  const requireExecution = (oic: OicInstance, id: string) => {
    const e = oic.runtime.executions.get(id);
    if (!e) throw notFound(`Instance with ID '${id}' was not found`);
    return e;
  };

  op(app, spec, 'realGetActivityStreamDeprecated', async (request) => {
    const { integrations, real: deps } = request.oic;
    const e = requireExecution(request.oic, request.params.id);
    return activityStreamView(e, integrations.require(e.integrationId), instanceStatusOf(deps, e), now());
  });

  op(app, spec, 'realDownloadLog', async (request, reply) => {
    const { runtime, integrations, audit, real: deps } = request.oic;
    const { id } = request.params;
    const instance = (LOGS as readonly string[]).includes(id) ? undefined : runtime.executions.get(id);
    if (!(LOGS as readonly string[]).includes(id) && !instance) throw notFound(`Log '${id}' does not exist; the logs are ${LOGS.join(', ')}, or an instance id`);
    const q = parseMonitoringQ(request.query.q, ['timewindow', 'startdate', 'enddate']);
    const range = timeRange(q, now());
    let lines: string[];
    if (instance) {
      lines = flowLogLines(instance, integrations.require(instance.integrationId), instanceStatusOf(deps, instance), now());
    } else if (id === 'icsauditlog') {
      lines = audit.between(range.from, range.to).reverse().map((r) => {
        const v = auditView(r);
        return `${v.timestamp} INFO  ${v.user} ${v.action} ${v.type} ${v.resourceId}${v.projectCode ? ` (project ${v.projectCode})` : ''}`;
      });
    } else {
      const { items, total } = deps.finder.page({ from: range.from, to: range.to }, 'creationdate', MAX_LOG_INSTANCES, 0);
      if (total > MAX_LOG_INSTANCES) throw badRequest(`The time window holds ${total} instances; a log holds at most ${MAX_LOG_INSTANCES}: narrow it with q={startdate:'...', enddate:'...'}`);
      lines = items.reverse().flatMap((e) => {
        const integration = integrations.get(e.integrationId);
        return integration ? flowLogLines(e, integration, instanceStatusOf(deps, e), now()) : [];
      });
    }
    const zip = zipSync({ [`${id}.log`]: strToU8(lines.length ? `${lines.join('\n')}\n` : '') }, { level: 6, mtime: new Date(now()) });
    return reply.code(200).type('application/zip').header('content-disposition', `attachment; filename="${id}.zip"`).send(Buffer.from(zip));
  });

  op(app, spec, 'realListAuditRecords', async (request) => {
    const { audit } = request.oic;
    const query = request.query;
    const page = parsePage(query);
    const f = auditQuery(query.q, now());
    let records = audit.between(f.from, f.to).filter(f.matches);
    if (f.distinct) {
      const seen = new Set<string>();
      records = records.filter((r) => {
        const key = `${r.resourceType}\u0000${r.resourceId}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    }
    records = records.slice(0, f.limit);
    return { ...pageOfList(records, page, auditView), timeWindow: f.timeWindow };
  });

  op(app, spec, 'realAbortInstance', async (request) => {
    const { runtime, integrations, real: deps } = request.oic;
    const e = requireExecution(request.oic, request.params.id);
    const status = instanceStatusOf(deps, e);
    if (status !== 'IN_PROGRESS') throw preconditionFailed(`Instance '${e.id}' is ${status}: only an instance in progress can be aborted`);
    request.oic.ctx.db.transaction(() => {
      runtime.executions.complete(e, 'FAILED', now());
      deps.aborts.mark(e.id, now(), request.caller?.name ?? 'anonymous');
    })();
    const done = requireExecution(request.oic, e.id);
    const { recoverable: _notAnError, ...view } = oracleInstanceView(done, integrations.get(done.integrationId));
    return { ...view, status: 'ABORTED' };
  });

  op(app, spec, 'realReplayInstance', async (request) => {
    const { runtime, integrations, real: deps } = request.oic;
    const e = requireExecution(request.oic, request.params.id);
    const status = instanceStatusOf(deps, e);
    if (status === 'IN_PROGRESS') throw preconditionFailed(`Instance '${e.id}' is still IN_PROGRESS: only a finished instance can be replayed (abort it first)`);
    const run = asReal(() => runtime.runNow(e.integrationId, e.tracking.map((t) => ({ name: t.name, value: t.value }))));
    const replay = requireExecution(request.oic, run.execution.id);
    return {
      ...oracleInstanceView(replay, integrations.get(replay.integrationId)),
      replayedFrom: e.id,
      links: [{ rel: 'self', href: `${ORACLE_MONITORING}/instances/${encodeURIComponent(replay.id)}` }, { rel: 'replayedFrom', href: `${ORACLE_MONITORING}/instances/${encodeURIComponent(e.id)}` }],
    };
  });
}
