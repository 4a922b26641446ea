/**
 * Monitoring the real way (/ic/api/integration/v1/monitoring/...):
 * integrations with counters, instances, one instance, its activity stream,
 * errors, resubmission and history. Everything is computed from the
 * runtime's executions (src/store/runtime/executions.ts, read through
 * src/store/runtime/instance-finder.ts) and its activity timeline, the same rows the
 * seed's /ic/api/monitoring/v1 shows: an instance id here is an execution id
 * there.
 */
import type { FastifyInstance } from 'fastify';
import { badRequest, notFound } from '../../../core/errors';
import { pageOf, parsePage, pageOfList } from '../../../core/pagination';
import { op } from '../../../openapi/routes';
import { loadSpec } from '../../../openapi/spec';
import type { ExecutionRecord } from '../../../store/runtime/executions';
import type { IntegrationRecord, IntegrationRow } from '../../../store/oic/integrations';
import { timeline } from '../../../sim/activities';
import { activityStreamView } from '../dialects/oracle/activity-stream';
import { checkGroupBy, groupItems, ERROR_GROUPS, INSTANCE_GROUPS } from '../../../oic/real/grouping';
import { instanceOrder, parseMonitoringQ, timeRange, type MonitoringKey, type MonitoringQ, type TimeRange } from '../../../oic/real/monitoring-q';
import type { InstanceFilter } from '../../../store/runtime/instance-finder';
import { realIntegrationStatus, seedInstanceStatus, REAL_INSTANCE_STATUSES } from '../../../oic/real/status';
import { ORACLE_MONITORING } from '../../../oic/links';
import { oracleInstanceView } from '../dialects/oracle/instances';
import { resubmit } from '../../../oic/real/resubmit';
import { instanceStatusOf, scheduleStatusOf } from './common';
import type { OicInstance } from '../../../instances/oic-instance';
import type { Req } from '../../../openapi/request-types';


const INSTANCE_KEYS: MonitoringKey[] = ['timewindow', 'startdate', 'enddate', 'code', 'version', 'status', 'orderBy', 'projectCode', 'id',
  'primaryValue', 'secondaryValue', 'tertiaryValue', 'businessIDValue', 'jobid', 'runId'];
const ERROR_KEYS = INSTANCE_KEYS.filter((k) => k !== 'status');
const INTEGRATION_KEYS: MonitoringKey[] = ['timewindow', 'startdate', 'enddate', 'code', 'version', 'projectCode'];
const HISTORY_KEYS: MonitoringKey[] = ['timewindow', 'startdate', 'enddate', 'code'];
const HOUR = 3_600_000;
const MAX_BUCKETS = 10_000;
/** A grouped list groups at most this many matching instances (a 400 asks for a narrower q beyond). */
const MAX_GROUPED = 10_000;

/** `expand` of the instance and error lists: integration and/or connection (comma-separated). */
function expansions(raw: string | undefined): Set<string> {
  const names = (raw ?? '').split(',').map((v) => v.trim().toLowerCase()).filter(Boolean);
  const bad = names.find((n) => n !== 'integration' && n !== 'connection');
  if (bad !== undefined) throw badRequest(`Query parameter 'expand' must be integration, connection or both (comma-separated), got '${raw}'`);
  return new Set(names);
}

export default async function realMonitoringRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('oic');
  const now = () => app.ctx.clock.now();
  const connectionView = (oic: OicInstance, id: string) => {
    const c = oic.connections.get(id);
    return c ? { id: c.id, name: c.name, adapterType: c.adapterType, status: c.status } : { id };
  };

  type InstanceView = ReturnType<typeof instanceView>;
  /** Adds to an instance view what a list needs beyond it (the errors list: the last error). */
  type Detail = (view: InstanceView, e: ExecutionRecord, integration: IntegrationRecord | undefined) => InstanceView;

  /** Instance views of a page, looking each integration up once. */
  function views(oic: OicInstance, items: ExecutionRecord[], detail?: Detail) {
    const seen = new Map<string, IntegrationRecord | undefined>();
    return items.map((e) => {
      if (!seen.has(e.integrationId)) seen.set(e.integrationId, oic.integrations.get(e.integrationId));
      const integration = seen.get(e.integrationId);
      const view = instanceView(oic, e, integration);
      return detail ? detail(view, e, integration) : view;
    });
  }

  function instanceView(oic: OicInstance, e: ExecutionRecord, integration = oic.integrations.get(e.integrationId)) {
    const deps = oic.real;
    const resub = deps.marks.resubmissionOf(e.id);
    const from = deps.marks.resubmittedFrom(e.id);
    const view = { ...oracleInstanceView(e, integration, { resubmitted: resub !== undefined, jobId: resub?.jobId ?? from?.jobId }), status: instanceStatusOf(deps, e) };
    if (view.status === 'ABORTED') delete view.recoverable;
    return from ? { ...view, resubmittedFrom: from.executionId } : view;
  }

  /** The filter `q` describes (null: it selects nothing, e.g. status ABORTED). */
  function filterOf(q: MonitoringQ, { from, to }: TimeRange): InstanceFilter | null {
    const f: InstanceFilter = { from, to, code: q.code, version: q.version, projectCode: q.projectCode, id: q.id, jobId: q.jobid };
    if (q.status !== undefined) {
      const aborted = q.status.trim().toUpperCase() === 'ABORTED';
      const status = aborted ? 'FAILED' : seedInstanceStatus(q.status);
      if (status === null) throw badRequest(`Query parameter 'q': status must be one of ${REAL_INSTANCE_STATUSES.join(', ')}, got '${q.status}'`);
      f.status = status;
      if (status === 'FAILED') f.aborted = aborted;
    }
    if (q.runId !== undefined) {
      if (f.id !== undefined && f.id !== q.runId) return null;
      f.id = q.runId;
      f.scheduledOnly = true;
    }
    const tracking = ([['primaryValue', 0], ['secondaryValue', 1], ['tertiaryValue', 2], ['businessIDValue', undefined]] as const)
      .filter(([k]) => q[k] !== undefined);
    if (tracking.length > 1) throw badRequest(`Query parameter 'q': give one of primaryValue, secondaryValue, tertiaryValue, businessIDValue, not ${tracking.length}`);
    if (tracking.length) f.tracking = { position: tracking[0][1], value: q[tracking[0][0]]! };
    return f;
  }

  /** A page of instances, or with `groupBy` a page of groups of every matching instance. */
  function instancePage(request: Req<'oic', 'realListInstances'> | Req<'oic', 'realListErrors'>, keys: MonitoringKey[], extra: Partial<InstanceFilter> = {}, detail?: Detail, groupBy?: string) {
    const query = request.query;
    const page = parsePage(query);
    const q = parseMonitoringQ(query.q, keys);
    const range = timeRange(q, now());
    const f = filterOf(q, range);
    const stamp = { timeWindow: range.timeWindow, dataFetchTime: app.ctx.clock.nowIso() };
    if (groupBy !== undefined) {
      const { items, total } = f ? request.oic.real.finder.page({ ...f, ...extra }, instanceOrder(q), MAX_GROUPED, 0) : { items: [], total: 0 };
      if (total > MAX_GROUPED) throw badRequest(`${total} instances match; groupBy groups at most ${MAX_GROUPED}: narrow q (timewindow, code, startdate/enddate)`);
      const groups = groupItems(groupBy, views(request.oic, items, detail));
      return { ...pageOfList(groups, page), groupBy, ...stamp };
    }
    const { items, total } = f ? request.oic.real.finder.page({ ...f, ...extra }, instanceOrder(q), page.limit, page.offset) : { items: [], total: 0 };
    return { ...pageOf(views(request.oic, items, detail), total, page), ...stamp };
  }

  function monitoredIntegration(oic: OicInstance, rec: IntegrationRow, from: number, to: number) {
    const c = oic.real.finder.counts(rec.id, from, to);
    const s = oic.runtime.schedules.ofIntegration(rec.id);
    const processed = c.success + c.failed + c.aborted;
    const enc = encodeURIComponent;
    return {
      id: rec.id,
      code: rec.identifier,
      name: rec.name,
      version: rec.version,
      flowStatus: realIntegrationStatus(rec.status),
      ...(rec.projectId ? { projectCode: rec.projectId } : {}),
      noOfMsgsReceived: c.total,
      noOfMsgsProcessed: processed,
      noOfSuccess: c.success,
      noOfErrors: c.failed,
      noOfAborted: c.aborted,
      noOfInProgress: c.inProgress,
      successRate: processed ? Math.round((c.success / processed) * 10_000) / 100 : 0,
      scheduleApplicable: rec.style === 'SCHEDULED',
      scheduleDefined: s !== undefined,
      scheduleStatus: scheduleStatusOf(oic.real, rec.id, s),
      mepType: rec.style === 'SCHEDULED' ? 'SCHEDULED' : 'ASYNC_ONE_WAY',
      lastUpdated: rec.modifiedTime,
      links: [
        { rel: 'self', href: `${ORACLE_MONITORING}/integrations/${enc(rec.id)}` },
        { rel: 'instances', href: `${ORACLE_MONITORING}/instances?q=${enc(`{code:'${rec.identifier}', version:'${rec.version}'}`)}` },
      ],
    };
  }

  op(app, spec, 'realMonitoringIntegrations', async (request) => {
    const query = request.query;
    const page = parsePage(query);
    const q = parseMonitoringQ(query.q, INTEGRATION_KEYS);
    const { from, to, timeWindow } = timeRange(q, now());
    request.oic.runtime.scheduler.syncActivations();
    const items = request.oic.integrations.rows()
      .filter((r) => (q.code === undefined || r.identifier === q.code) && (q.version === undefined || r.version === q.version)
        && (q.projectCode === undefined || r.projectId === q.projectCode))
      .sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1))
      .map((r) => monitoredIntegration(request.oic, r, from, to))
      .filter((m) => m.flowStatus === 'ACTIVATED' || m.noOfMsgsReceived > 0);
    return { ...pageOfList(items, page), timeWindow, dataFetchTime: app.ctx.clock.nowIso() };
  });

  op(app, spec, 'realMonitoringIntegration', async (request) => {
    const q = parseMonitoringQ(request.query.q, INTEGRATION_KEYS);
    const { from, to, timeWindow } = timeRange(q, now());
    request.oic.runtime.scheduler.syncActivations();
    return { ...monitoredIntegration(request.oic, request.oic.integrations.require(request.params.id), from, to), timeWindow };
  });

  op(app, spec, 'realListInstances', async (request) => {
    const query = request.query;
    const groupBy = query.groupBy === undefined ? undefined : checkGroupBy(query.groupBy, INSTANCE_GROUPS);
    let only: string[] | undefined;
    if (query.fields !== undefined) {
      const names = query.fields.split(',').map((s) => s.trim()).filter(Boolean);
      if (!names.length || names.some((n) => !['id', 'runId', 'all'].includes(n))) {
        throw badRequest(`Query parameter 'fields' must be id, runId or all (Oracle's instance projections), got '${query.fields}'`);
      }
      only = names.includes('all') ? undefined : names;
      // Oracle's meaning of `fields` here, not the generic projection of the OIC scope.
      delete request.query.fields;
    }
    if (groupBy !== undefined && only) throw badRequest("Query parameters 'fields' and 'groupBy' cannot be combined: a grouped list has no instance fields");
    const body = instancePage(request, INSTANCE_KEYS, {}, detailOf(request.oic, false, expansions(query.expand), groupBy), groupBy);
    if (!only || groupBy !== undefined) return body;
    return { ...body, items: body.items.map((i) => Object.fromEntries(Object.entries(i).filter(([k]) => only!.includes(k) || k === 'links'))) };
  });

  const requireExecution = (oic: OicInstance, id: string) => {
    const e = oic.runtime.executions.get(id);
    if (!e) throw notFound(`Instance with ID '${id}' was not found`);
    return e;
  };

  op(app, spec, 'realGetInstance', async (request) => instanceView(request.oic, requireExecution(request.oic, request.params.id)));

  op(app, spec, 'realGetActivityStream', async (request) => {
    const e = requireExecution(request.oic, request.params.id);
    return activityStreamView(e, request.oic.integrations.require(e.integrationId), instanceStatusOf(request.oic.real, e), now());
  });

  /**
   * What a list item adds to the instance view: for errors (`withError`) the
   * last error, for either list what `expand` asks for (the integration; the
   * connection the failing activity invoked) and what `groupBy=connection` needs.
   */
  const detailOf = (oic: OicInstance, withError: boolean, expand: Set<string>, groupBy: string | undefined): Detail | undefined => {
    if (!withError && !expand.size) return undefined;
    return (view, e, integration) => {
      const rec = integration ?? oic.integrations.require(e.integrationId);
      const needsTimeline = withError || expand.has('connection');
      const { activities, errors } = needsTimeline ? timeline(e, rec.definition, now()) : { activities: [], errors: [] };
      const last = errors.at(-1);
      const connectionId = last ? activities.find((a) => a.status === 'FAILED' && a.name === last.activity)?.connectionId : undefined;
      return {
        ...view,
        ...(withError && last ? { errorCode: last.errorCode, errorMessage: last.errorMessage, errorDetails: last.errorDetails, errorActivity: last.activity } : {}),
        ...(groupBy === 'connection' ? { errorConnection: connectionId } : {}),
        ...(expand.has('integration') ? { integration: { id: rec.id, code: rec.identifier, version: rec.version, name: rec.name, status: realIntegrationStatus(rec.status) } } : {}),
        ...(expand.has('connection') && connectionId ? { connection: connectionView(oic, connectionId) } : {}),
      };
    };
  };

  op(app, spec, 'realListErrors', async (request) => {
    const query = request.query;
    const groupBy = query.groupBy === undefined ? undefined : checkGroupBy(query.groupBy, ERROR_GROUPS);
    // The page's integrations are loaded already (a listed execution always has one: the query joins them).
    return instancePage(request, ERROR_KEYS, { recoverableOnly: true }, detailOf(request.oic, true, expansions(query.expand), groupBy), groupBy);
  });

  const resubmitted = (request: Req<'oic', 'realResubmitErrors'> | Req<'oic', 'realResubmitError'>, reply: import('fastify').FastifyReply, ids: string[]) => {
    const result = resubmit(request.oic.ctx, request.oic.runtime, request.oic.real.marks, ids);
    if (request.query.return !== 'sync') return reply.code(202).send();
    const links = [{ rel: 'instances', href: `${ORACLE_MONITORING}/instances?q=${encodeURIComponent(`{jobid:'${result.recoveryJobId}', timewindow:'RETENTIONPERIOD'}`)}` }];
    return reply.code(200).send({ ...result, links });
  };

  op(app, spec, 'realResubmitErrors', async (request, reply) => resubmitted(request, reply, request.body.ids));
  op(app, spec, 'realResubmitError', async (request, reply) => resubmitted(request, reply, [request.params.id]));

  op(app, spec, 'realMonitoringHistory', async (request) => {
    const query = request.query;
    const frequency = query.frequency ?? 'hourly';
    const step = frequency === 'daily' ? 24 * HOUR : HOUR;
    const q = parseMonitoringQ(query.q, HISTORY_KEYS);
    const range = timeRange({ timewindow: '1d', ...q }, now());
    const start = Math.floor(Math.max(range.from, range.timeWindow === 'RETENTIONPERIOD' && q.startdate === undefined ? request.oic.real.finder.earliestStart(range.to) : range.from) / step) * step;
    const end = Math.floor(range.to / step) * step + step;
    const count = (end - start) / step;
    if (count > MAX_BUCKETS) throw badRequest(`The range gives ${count} ${frequency} buckets; at most ${MAX_BUCKETS} are allowed (use frequency=daily or a shorter range)`);
    const buckets = request.oic.real.finder.history(start, end, step, q.code);
    const items = Array.from({ length: count }, (_, i) => {
      const c = buckets.get(i) ?? { total: 0, success: 0, failed: 0 };
      return {
        date: new Date(start + i * step).toISOString(),
        noOfMsgsReceived: c.total,
        noOfMsgsProcessed: c.success + c.failed,
        noOfSuccess: c.success,
        noOfErrors: c.failed,
        noOfAborted: 0,
      };
    });
    return { frequency, timeWindow: range.timeWindow, startDate: new Date(start).toISOString(), endDate: new Date(end).toISOString(), items, totalResults: items.length };
  });
}
