/**
 * The OIC service instances of this emulator, by name (`integrationInstance`).
 * Every /ic/api request selects one, once (src/instances/select.ts); the
 * default instance (--instance-name) is the app's own state, further ones
 * have a database each (src/instances/oic-instance.ts; docs/service-instances.md
 * says why).
 *
 * Instances come from --instances, from the OCI control plane (/20190131,
 * which also starts, stops and deletes them: ServiceInstanceLink) and, unless
 * --strict-auth, from first use of a new name.
 */
import fs from 'node:fs';
import type { AppContext } from '../core/context';
import { badRequest, notFound, ApiError, type ApiErrorOptions } from '../core/errors';
import type { InstanceState } from './state';
import { clearTables, stateTables, withoutForeignKeys, type ApiScope } from '../store/state-tables';
import type { LifecycleState, ServiceInstanceLink } from '../store/oci-integration/model';
import { clearIntegrationTables } from '../store/oci-integration';
import { buildInstance, dbFileOf, wrapDefault, type OicInstance } from './oic-instance';

/** What an instance name may look like (the control plane's displayName rule, plus what real names contain). */
export const INSTANCE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

export class InstanceRegistry implements ServiceInstanceLink {
  readonly default: OicInstance;
  private readonly byName = new Map<string, OicInstance>();
  private readonly onCreate: Array<(inst: OicInstance) => void> = [];

  /** Run `fn` for every instance, now and as each further one is made (fault wiring, for instance). */
  eachInstance(fn: (inst: OicInstance) => void): void {
    for (const inst of this.byName.values()) fn(inst);
    this.onCreate.push(fn);
  }

  /** Called when an instance is emptied or goes away (per-instance in-memory state elsewhere, such as rate windows). */
  readonly onEmpty: Array<(name: string) => void> = [];

  constructor(private readonly ctx: AppContext, stores: InstanceState) {
    this.default = wrapDefault(ctx, stores);
    this.byName.set(this.default.name, this.default);
    for (const name of ctx.config.instances) this.create(name, 'configured');
  }

  get(name: string): OicInstance | undefined {
    return this.byName.get(name);
  }

  list(): OicInstance[] {
    return [...this.byName.values()];
  }

  /**
   * The instance of an /ic/api request from its `integrationInstance` value
   * (undefined: the default), or the error to answer with: 400 for a bad or
   * repeated value, 404 for an unknown name in strict mode, 503 while the
   * control plane has it unavailable.
   */
  select(raw: unknown): OicInstance | ApiError {
    if (raw === undefined || raw === '') return this.default;
    if (Array.isArray(raw)) return badRequest(`Query parameter 'integrationInstance' is given ${raw.length} times; give it once`);
    const name = String(raw);
    let inst = this.byName.get(name);
    if (!inst) {
      if (this.ctx.config.strictAuth) {
        return notFound(`Service instance '${name}' (integrationInstance) does not exist; --strict-auth serves only instances created through the control plane, fixtures or --instances (${[...this.byName.keys()].join(', ')})`);
      }
      if (!INSTANCE_NAME.test(name)) return badRequest(`integrationInstance '${name}' is not a service instance name (letters, digits, '-', '_', '.'; at most 100 characters)`);
      inst = this.create(name, 'first-use');
    }
    if (!inst.available) {
      const opts: ApiErrorOptions = { retryAfter: 5 };
      return new ApiError('unavailable', `Service instance '${name}' is ${inst.state === 'INACTIVE' ? 'stopped (INACTIVE): start it with POST /20190131/integrationInstances/{id}/actions/start' : `${inst.state ?? 'unavailable'}; try again when it is ACTIVE`}`, opts);
    }
    return inst;
  }

  create(name: string, origin: OicInstance['origin']): OicInstance {
    const existing = this.byName.get(name);
    if (existing) return existing;
    if (!INSTANCE_NAME.test(name)) throw badRequest(`'${name}' is not a service instance name`);
    const inst = buildInstance(this.ctx, this.default.dis, name, origin);
    for (const fn of this.onCreate) fn(inst);
    this.byName.set(name, inst);
    return inst;
  }

  /** Forget an instance's in-memory per-instance state elsewhere (rate windows) without emptying it. */
  forgetWindows(name: string): void {
    for (const fn of this.onEmpty) fn(name);
  }

  /** Drop an instance and everything in it (not the default one). */
  delete(name: string): boolean {
    const inst = this.byName.get(name);
    if (!inst || inst === this.default) return false;
    this.byName.delete(name);
    for (const t of inst.tickers) this.ctx.clock.removeTicker(t);
    const file = inst.ctx.db.name;
    inst.ctx.db.close();
    const path = dbFileOf(this.ctx.config.db, name);
    if (path !== ':memory:') for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    for (const fn of this.onEmpty) fn(name);
    return true;
  }

  /**
   * Empty a further instance (not the default one, whose reset is the control
   * plane's): its OIC tables in one transaction, its stores' in-memory state,
   * its random generators back to where they started.
   */
  empty(inst: OicInstance): { tables: number; rowsDeleted: number } {
    const db = inst.ctx.db;
    const tables = stateTables(db, 'oic');
    const rowsDeleted = withoutForeignKeys(db, () => db.transaction(() => clearTables(db, tables))());
    for (const hook of inst.ctx.resetHooks) hook('oic');
    inst.ctx.random.setState(inst.initialRandom);
    inst.ctx.ids.setState(inst.initialIds);
    for (const fn of this.onEmpty) fn(inst.name);
    return { tables: tables.length, rowsDeleted };
  }

  /**
   * After the control plane's reset of the default instance: an OIC or full
   * reset empties every further instance; a full one also forgets the
   * instances made since start-up (first use, the control plane, whose
   * records the full reset clears) and keeps those of --instances.
   */
  afterReset(api: ApiScope): void {
    if (api === 'dis') return;
    for (const inst of this.list()) {
      if (inst === this.default) continue;
      if (api === 'all' && (inst.origin === 'control-plane' || inst.origin === 'first-use')) this.delete(inst.name);
      else this.empty(inst);
    }
    if (api === 'all') clearIntegrationTables(this.ctx.db);
  }

  // ---- ServiceInstanceLink: the control plane's view of instances

  isTaken(name: string): boolean {
    const inst = this.byName.get(name);
    return !!inst && inst.origin !== 'first-use';
  }

  setState(name: string, state: LifecycleState): void {
    if (state === 'DELETED') {
      this.delete(name);
      return;
    }
    let inst = this.byName.get(name);
    if (!inst) inst = this.create(name, 'control-plane');
    inst.state = state;
    // UPDATING keeps whatever it was: served during an update, still 503 while a start runs.
    if (state === 'ACTIVE') inst.available = true;
    else if (state !== 'UPDATING') inst.available = false;
  }

  close(): void {
    for (const inst of this.list()) if (inst !== this.default) inst.ctx.db.close();
  }
}
