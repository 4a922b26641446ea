/**
 * Snapshots of the further OIC service instances. Each instance's database
 * keeps its own named snapshots (src/store/snapshots.ts on that database);
 * the default instance's are the control plane's. A snapshot "of everything"
 * (no instance named) is taken of every instance under the same name, and
 * restoring it brings each instance back (an instance made since is emptied).
 * The shared clock is left alone by an instance's restore.
 */
import { SnapshotStore, type SnapshotMeta } from '../store/snapshots';
import type { InstanceRegistry } from './registry';
import type { OicInstance } from './oic-instance';

export class InstanceSnapshots {
  private readonly stores = new WeakMap<OicInstance, SnapshotStore>();

  constructor(private readonly registry: InstanceRegistry) {}

  of(inst: OicInstance): SnapshotStore {
    let s = this.stores.get(inst);
    if (!s) {
      s = new SnapshotStore(inst.ctx.db);
      this.stores.set(inst, s);
    }
    return s;
  }

  save(inst: OicInstance, name: string, replace: boolean): SnapshotMeta {
    const clock = inst.ctx.clock;
    return this.of(inst).save(name, {
      randomState: inst.ctx.random.getState(),
      idsState: inst.ctx.ids.getState(),
      clockAt: clock.now(),
      clockMode: clock.getMode(),
      clockTime: clock.nowIso(),
      createdAt: new Date(clock.wallNow()).toISOString(),
    }, replace);
  }

  restore(inst: OicInstance, name: string): SnapshotMeta {
    const snap = this.of(inst).restoreRows(name);
    for (const hook of inst.ctx.resetHooks) hook('all');
    inst.ctx.random.setState(snap.randomState);
    inst.ctx.ids.setState(snap.idsState);
    this.registry.forgetWindows(inst.name);
    return snap.meta;
  }

  /** The further instances (not the default), for the "everything" forms. */
  further(): OicInstance[] {
    return this.registry.list().filter((i) => i !== this.registry.default);
  }

  /** Save every further instance under `name`, replacing its own of that name (the default one is saved, and checked, by the caller). */
  saveAll(name: string): void {
    for (const inst of this.further()) this.save(inst, name, true);
  }

  /** Restore every further instance that has `name`; empty those made since. */
  restoreAll(name: string): void {
    for (const inst of this.further()) {
      if (this.of(inst).has(name)) this.restore(inst, name);
      else this.registry.empty(inst);
    }
  }

  removeAll(name?: string): void {
    for (const inst of this.further()) {
      if (name === undefined) this.of(inst).clear();
      else this.of(inst).remove(name);
    }
  }
}
