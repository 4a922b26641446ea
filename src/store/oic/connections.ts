/**
 * Connections: adapter configurations integrations refer to by id.
 *
 * Secrets are stored as given; masking them is the caller's job (see
 * src/oic/secrets.ts). A connection used by any integration cannot be deleted.
 * Tests are simulated (src/oic/adapters.ts): the outcome follows from the
 * stored properties, unless a fault has been queued with
 * forceNextTestOutcome(), which the control plane uses for "the next
 * connection test fails". Changing connectionProperties resets testStatus to
 * NOT_TESTED, as editing a connection in OIC asks for a new test.
 */
import type { AppContext } from '../../core/context';
import { badRequest, conflict, incorrectState } from '../../core/errors';
import { familyOf, simulateTest, type TestOutcome } from '../../oic/adapters';
import { adapterMetadata } from '../../oic/metadata';
import { deepMerge, isPlainObject } from '../../oic/merge';
import { restoreMasked } from '../../oic/secrets';
import { connectionStatusOf, missingProperties, whatIsMissing } from '../../oic/connection-config';
import type { ProjectStore } from './projects';
import type { IntegrationStore } from './integrations';
import { designRow, found, type DesignDbRow, type DesignDefinition, type DesignRow } from './design-rows';

export type TestStatus = 'NOT_TESTED' | 'SUCCESS' | 'FAILED';

export interface ConnectionDefinition extends DesignDefinition {
  adapterType: string;
  projectId?: string;
  connectionProperties?: Record<string, unknown>;
  testConfiguration?: Record<string, unknown>;
}

export interface ConnectionRow extends DesignRow {
  adapterType: string;
  testStatus: TestStatus;
  lastTestTime: string | null;
  projectId: string | null;
}

export interface ConnectionRecord extends ConnectionRow {
  /** Last test's message (in `doc`, beside the definition). */
  lastTestMessage: string | null;
  definition: ConnectionDefinition;
}

export interface TestResult extends TestOutcome {
  timestamp: string;
}

export interface ForcedOutcome {
  status: 'SUCCESS' | 'FAILED';
  reason?: string;
}

interface DbRow extends DesignDbRow {
  adapter_type: string;
  test_status: TestStatus;
  last_test_time: string | null;
  project_id: string | null;
  doc: string;
}

interface Doc {
  definition: ConnectionDefinition;
  lastTestMessage?: string | null;
}

/** Queue key for forced outcomes that apply to whichever connection is tested next. */
export const ANY_CONNECTION = '*';

export class ConnectionStore {
  private readonly q;
  private readonly forced = new Map<string, ForcedOutcome[]>();
  /**
   * Pull-style fault source, asked on every test after the forced queue: the
   * control plane sets it to consume its `connectionTest` fault rules. A
   * non-null answer makes the test fail with that reason and error code.
   */
  testFault: ((connectionId: string) => { reason?: string; errorCode?: string } | null) | null = null;

  constructor(private readonly ctx: AppContext, private readonly projects: ProjectStore, private readonly integrations: IntegrationStore) {
    const db = ctx.db;
    const cols = 'id, name, adapter_type, status, test_status, last_test_time, project_id, created_time, created_by, modified_time';
    this.q = {
      get: db.prepare('SELECT * FROM oic_connections WHERE id = ?'),
      rows: db.prepare(`SELECT ${cols} FROM oic_connections`),
      rowsInProject: db.prepare(`SELECT ${cols} FROM oic_connections WHERE project_id = ?`),
      insert: db.prepare(`INSERT INTO oic_connections (id, name, adapter_type, status, test_status, last_test_time, project_id, created_time, created_by, modified_time, doc)
        VALUES (@id, @name, @adapter_type, @status, @test_status, @last_test_time, @project_id, @created_time, @created_by, @modified_time, @doc)`),
      update: db.prepare(`UPDATE oic_connections SET name = @name, status = @status, test_status = @test_status, last_test_time = @last_test_time,
        project_id = @project_id, modified_time = @modified_time, doc = @doc WHERE id = @id`),
      delete: db.prepare('DELETE FROM oic_connections WHERE id = ?'),
    };
    ctx.resetHooks.push((api) => {
      if (api !== 'dis') this.forced.clear();
    });
  }

  private toRow(r: Omit<DbRow, 'doc'>): ConnectionRow {
    return { ...designRow(r), adapterType: r.adapter_type, testStatus: r.test_status, lastTestTime: r.last_test_time, projectId: r.project_id };
  }

  private toRecord(r: DbRow): ConnectionRecord {
    const doc = JSON.parse(r.doc) as Doc;
    return { ...this.toRow(r), lastTestMessage: doc.lastTestMessage ?? null, definition: doc.definition };
  }

  private write(rec: ConnectionRecord, mode: 'insert' | 'update'): void {
    const d = rec.definition;
    const params = {
      id: rec.id,
      name: d.name,
      adapter_type: d.adapterType,
      status: rec.status,
      test_status: rec.testStatus,
      last_test_time: rec.lastTestTime,
      project_id: d.projectId ?? null,
      created_time: rec.createdTime,
      created_by: rec.createdBy,
      modified_time: rec.modifiedTime,
      doc: JSON.stringify({ definition: d, lastTestMessage: rec.lastTestMessage } satisfies Doc),
    };
    if (mode === 'insert') this.q.insert.run(params);
    else this.q.update.run(params);
  }

  get(id: string): ConnectionRecord | undefined {
    const r = this.q.get.get(id) as DbRow | undefined;
    return r && this.toRecord(r);
  }

  require(id: string): ConnectionRecord {
    return found(this.get(id), 'Connection', id);
  }

  rows(projectId?: string): ConnectionRow[] {
    const list = (projectId === undefined ? this.q.rows.all() : this.q.rowsInProject.all(projectId)) as DbRow[];
    return list.map((r) => this.toRow(r));
  }

  create(def: ConnectionDefinition, caller: string): ConnectionRecord {
    return this.ctx.db.transaction(() => {
      const id = def.identifier;
      if (this.get(id)) throw conflict(`Connection with ID '${id}' already exists`);
      this.projects.requireExists(def.projectId);
      const now = this.ctx.clock.nowIso();
      const rec: ConnectionRecord = {
        id,
        identifier: id,
        name: def.name,
        adapterType: def.adapterType,
        status: connectionStatusOf(def.connectionProperties),
        testStatus: 'NOT_TESTED',
        lastTestTime: null,
        lastTestMessage: null,
        projectId: def.projectId ?? null,
        createdTime: now,
        createdBy: caller,
        modifiedTime: now,
        definition: { ...def, version: def.version ?? '01.00.0000' },
      };
      this.write(rec, 'insert');
      return this.get(id)!;
    })();
  }

  update(id: string, patch: Partial<ConnectionDefinition>): ConnectionRecord {
    return this.ctx.db.transaction(() => {
      const rec = this.require(id);
      for (const key of ['identifier', 'adapterType'] as const) {
        if (patch[key] !== undefined && patch[key] !== rec.definition[key]) {
          throw badRequest(`${key} of connection '${id}' cannot be changed (was '${rec.definition[key]}'); create a new connection instead`);
        }
      }
      const restored = restoreMasked(patch, rec.definition) as Partial<ConnectionDefinition>;
      const definition = deepMerge(rec.definition, restored);
      if (patch.projectId !== undefined) this.projects.requireExists(patch.projectId);
      const propsChanged = JSON.stringify(definition.connectionProperties ?? {}) !== JSON.stringify(rec.definition.connectionProperties ?? {});
      this.write({
        ...rec,
        status: connectionStatusOf(definition.connectionProperties),
        modifiedTime: this.ctx.clock.nowIso(),
        definition,
        ...(propsChanged ? { testStatus: 'NOT_TESTED' as const, lastTestMessage: null } : {}),
      }, 'update');
      return this.get(id)!;
    })();
  }

  delete(id: string): void {
    this.ctx.db.transaction(() => {
      this.require(id);
      const users = this.integrations.usersOfConnection(id);
      if (users.length) {
        throw incorrectState(`Connection '${id}' is used by ${users.length} integration(s): ${users.join(', ')}; remove it from them or delete them first`);
      }
      this.q.delete.run(id);
    })();
  }

  /**
   * Queue the outcome of the next test of one connection (or of any
   * connection, with ANY_CONNECTION). Queued outcomes are used in order, a
   * connection's own queue before the shared one, and cleared by reset.
   */
  forceNextTestOutcome(id: string, status: 'SUCCESS' | 'FAILED', reason?: string, times = 1): void {
    const queue = this.forced.get(id) ?? [];
    for (let i = 0; i < times; i++) queue.push({ status, reason });
    this.forced.set(id, queue);
  }

  clearForcedTestOutcomes(id?: string): void {
    if (id === undefined) this.forced.clear();
    else this.forced.delete(id);
  }

  private takeForced(id: string): ForcedOutcome | undefined {
    for (const key of [id, ANY_CONNECTION]) {
      const queue = this.forced.get(key);
      if (queue?.length) {
        const next = queue.shift()!;
        if (!queue.length) this.forced.delete(key);
        return next;
      }
    }
    return undefined;
  }

  test(id: string): TestResult {
    return this.ctx.db.transaction(() => {
      const rec = this.require(id);
      const props = isPlainObject(rec.definition.connectionProperties) ? rec.definition.connectionProperties : {};
      let outcome = simulateTest(id, rec.adapterType, props);
      if (missingProperties(props).length) {
        // Not configured: nothing to reach yet, whatever a fault rule says.
        const reason = `Connection '${id}' is not configured: ${whatIsMissing(props)}`;
        const now = this.ctx.clock.nowIso();
        const failed: TestOutcome = { status: 'FAILED', message: `Connection test failed: ${reason}`, responseTime: 0, details: { errorCode: 'NOT_CONFIGURED', reason } };
        this.write({ ...rec, testStatus: 'FAILED', lastTestTime: now, lastTestMessage: failed.message }, 'update');
        return { ...failed, timestamp: now };
      }
      const hooked = () => {
        const f = this.testFault?.(id);
        return f ? { status: 'FAILED' as const, reason: f.reason, errorCode: f.errorCode } : undefined;
      };
      const forced: (ForcedOutcome & { errorCode?: string }) | undefined = this.takeForced(id) ?? hooked();
      if (forced) {
        const reason = forced.reason ?? (forced.status === 'FAILED' ? 'Simulated failure (fault injected)' : undefined);
        outcome = forced.status === 'FAILED'
          ? { status: 'FAILED', message: `Connection test failed: ${reason}`, responseTime: outcome.responseTime, details: { errorCode: forced.errorCode ?? 'FAULT_INJECTED', reason } }
          : { status: 'SUCCESS', message: 'Connection test successful', responseTime: outcome.responseTime, details: { ...familyOf(rec.adapterType).details } };
      }
      const now = this.ctx.clock.nowIso();
      this.write({ ...rec, testStatus: outcome.status, lastTestTime: now, lastTestMessage: outcome.message }, 'update');
      return { ...outcome, timestamp: now };
    })();
  }

  /** What the adapter exposes (src/oic/metadata.ts), from its type and the integrations that use it. */
  metadata(id: string): Record<string, unknown> {
    const rec = this.require(id);
    const users = this.integrations.usersOfConnection(id).flatMap((i) => {
      const integ = this.integrations.get(i);
      return integ ? [{ id: i, connections: integ.definition.connections ?? [] }] : [];
    });
    return { ...adapterMetadata(id, rec.adapterType, users), timestamp: this.ctx.clock.nowIso() };
  }
}
