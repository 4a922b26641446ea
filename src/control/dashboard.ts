/**
 * What the dashboard (/_emulator/ui) shows, read through the same store and
 * runtime functions the OIC and DIS handlers call, so the page shows what a
 * client would get. Read-only; no HTTP here (src/routes/emulator/ui.ts serves
 * it), no authentication, rate limit or journal entry per refresh.
 */
import type { AppContext } from '../core/context';
import type { InstanceState } from '../sim/state';
import { optionalScheduleView } from '../routes/oic/dialects/seed/schedules';
import { executionDetailView, runView } from '../routes/oic/dialects/seed/executions';

export interface DashboardDeps {
  /** The OIC service instance shown: its context and stores (stores.dis is the app's one DIS state). */
  ctx: AppContext;
  stores: InstanceState;
  /** The name of the instance shown. */
  instance: string;
  /** Every OIC service instance, for the picker. */
  instances: () => Array<{ name: string; origin: string; state: string | null; available: boolean }>;
  /** Requests kept by the journal, for the header. */
  journalSize: () => number;
  faultCount: () => number;
}

const RECENT = 20;

export function overview(d: DashboardDeps) {
  const { ctx, stores } = d;
  const integrations = stores.integrations.rows().map((i) => ({
    id: i.id,
    name: i.name,
    status: i.status,
    projectId: i.projectId,
    style: i.style,
    schedule: optionalScheduleView(stores.runtime.scheduleStateOf(i.id)) ?? null,
  }));
  const executions: Array<Record<string, unknown>> = [];
  const totals: Record<string, number> = {};
  for (const i of integrations) {
    const page = stores.runtime.listExecutions(i.id, {}, { limit: RECENT, offset: 0 });
    totals[i.id] = page.total;
    executions.push(...page.items.map(runView));
  }
  executions.sort((a, b) => String(b.startTime).localeCompare(String(a.startTime)));
  return {
    clock: { mode: ctx.clock.getMode(), now: ctx.clock.nowIso() },
    instances: d.instances(),
    instance: d.instance,
    oic: {
      projects: stores.projects.rows(),
      connections: stores.connections.rows().map((c) => ({ id: c.id, name: c.name, adapterType: c.adapterType, status: c.status, testStatus: c.testStatus })),
      lookups: stores.lookups.rows().map((l) => ({ id: l.id, name: l.name, status: l.status })),
      integrations: integrations.map((i) => ({ ...i, executions: totals[i.id] ?? 0 })),
      executions: executions.slice(0, RECENT),
      runtime: true,
    },
    dis: { workspaces: disWorkspaces(d) },
    // db: the Reset confirmation says when a file (not memory) is emptied.
    control: { journal: d.journalSize(), faults: d.faultCount(), db: ctx.config.db },
  };
}

/** Every DIS workspace with its applications' latest task runs. */
function disWorkspaces({ stores }: DashboardDeps) {
  const dis = stores.dis;
  return dis.workspaces.allIds().map((id) => {
    const ws = dis.workspaces.get(id)!.workspace;
    const readable = ws.lifecycleState === 'ACTIVE' || ws.lifecycleState === 'STOPPED';
    const applications = readable ? dis.applications.list(id, {}, { offset: 0, limit: 50 }).items : [];
    const taskRuns = applications.flatMap((a) =>
      dis.taskRuns.list(id, a.key, {}, { offset: 0, limit: RECENT, sortBy: 'TIME_CREATED', sortOrder: 'DESC' } as any).items.map((r) => ({
        key: r.key,
        name: r.name,
        status: r.status,
        applicationKey: a.key,
        applicationName: a.name,
        taskType: r.taskType,
        startTimeMillis: r.startTimeMillis,
        endTimeMillis: r.endTimeMillis,
        timeCreated: r.metadata?.timeCreated,
        // List entries are summaries; a failed run's message is on the run itself.
        errorMessage: r.status === 'ERROR' ? dis.taskRuns.get(id, a.key, r.key).doc.errorMessage ?? null : null,
      })),
    );
    taskRuns.sort((a, b) => String(b.timeCreated).localeCompare(String(a.timeCreated)));
    return {
      id: ws.id,
      displayName: ws.displayName,
      compartmentId: ws.compartmentId,
      lifecycleState: ws.lifecycleState,
      applications: applications.map((a) => ({ key: a.key, name: a.name, published: Object.keys(a.doc.publishedObjectMetadata ?? {}).length })),
      taskRuns: taskRuns.slice(0, RECENT),
    };
  });
}

/** One page of an integration's executions, newest first, optionally of one status. */
export function executionPage(d: DashboardDeps, integrationId: string, status: string | undefined, offset: number, limit: number) {
  const page = d.stores.runtime.listExecutions(integrationId, { status: status as never }, { limit, offset });
  return { integrationId, status: status ?? null, offset, limit, total: page.total, items: page.items.map(runView) };
}

/** A DIS task run's log lines, as GET .../taskRuns/{key}/logs gives them. */
export function taskRunLogs(d: DashboardDeps, workspaceId: string, applicationKey: string, key: string) {
  const page = d.stores.dis.taskRuns.logs(workspaceId, applicationKey, key, { offset: 0, limit: 1000 } as never);
  return { key, items: page.items, total: page.total };
}

export function executionDetail(d: DashboardDeps, id: string) {
  const runtime = d.stores.runtime;
  return { execution: executionDetailView(runtime.execution(id)), activities: runtime.activities(id), errors: runtime.errors(id) };
}

export function integrationMetrics(d: DashboardDeps, integrationId: string, period: string) {
  return d.stores.runtime.metrics(integrationId, { period } as Parameters<InstanceState['runtime']['metrics']>[1]);
}
