/**
 * Writing a project archive, in the caller's transaction: the project (409
 * when it exists and the caller adds; replaced in place otherwise), then its
 * connections (missing ones created in the project, existing ones left as
 * they are), integrations (added or replaced, kept entries for export),
 * lookups (created or replaced) and schedules (created or replaced, active:
 * they fire once their integration is activated).
 */
import { conflict } from '../../core/errors';
import type { InstanceState } from '../../sim/state';
import type { ProjectRecord } from '../../store/oic/projects';
import { scheduleInputOf } from '../real/schedule';
import type { CarContent } from './car';
import { createConnections, importIntegration, type ImportOptions } from './importer';

export const PROJECT_ARCHIVE_PATH = '/ic/api/integration/v1/projects/archive';

export function importProject(stores: InstanceState, car: CarContent, opts: Pick<ImportOptions, 'mode' | 'caller' | 'validate'>, now: number): { project: ProjectRecord; created: boolean } {
  const existing = stores.projects.get(car.code);
  if (existing && opts.mode === 'add') throw conflict(`Project '${car.code}' already exists; use PUT ${PROJECT_ARCHIVE_PATH} to replace it`);
  const def = {
    name: car.name,
    identifier: car.code,
    ...(car.description ? { description: car.description } : {}),
    libraries: car.libraries,
    lookups: car.lookups.map((l) => l.name),
  };
  if (existing) stores.projects.update(car.code, def);
  else stores.projects.create(def, opts.caller);
  for (const item of car.integrations) importIntegration(stores, item, { ...opts, mode: existing ? 'replace' : 'add', projectId: car.code });
  createConnections(stores, car.connections, opts.caller, car.code);
  for (const l of car.lookups) {
    if (stores.lookups.get(l.identifier)) stores.lookups.update(l.identifier, { columns: l.columns, data: l.data, ...(l.description ? { description: l.description } : {}) });
    else stores.lookups.create(l, opts.caller);
  }
  const runtime = stores.runtime;
  for (const s of car.schedules) {
    const input = scheduleInputOf({ icalExpression: s.icalExpression, scheduleTZ: s.timeZone }, now);
    const current = runtime.schedules.ofIntegration(s.integrationId);
    if (current) runtime.updateSchedule(current.id, { ...input, isActive: true });
    else runtime.createSchedule(s.integrationId, { ...input, isActive: true });
  }
  return { project: stores.projects.require(car.code), created: !existing };
}
