/**
 * Packages (GET /packages): Oracle groups integrations into packages; here a
 * package is every integration whose definition has the same `packageName`
 * (the seed's field). All are DEVELOPED (nothing is prebuilt). Sorted by
 * name; `q` filters on name and type.
 */
import type { FastifyInstance } from 'fastify';
import { op } from '../../../openapi/routes';
import { loadSpec } from '../../../openapi/spec';
import { parsePage, pageOfList } from '../../../core/pagination';
import { compileQ, type QFields } from '../../../oic/q-filter';
import { realIntegrationStatus } from '../../../oic/real/status';
import type { IntegrationStore } from '../../../store/oic/integrations';

export interface PackageItem {
  name: string;
  type: 'DEVELOPED';
  countOfIntegrations: number;
  integrations: Array<{ id: string; code: string; version: string; name: string; status: string }>;
}

const Q_FIELDS: QFields<PackageItem> = {
  fields: {
    name: { get: (p) => p.name },
    type: { get: (p) => p.type, normalize: (v) => v.toUpperCase() },
  },
  termFields: ['name'],
};

/** Every package (integrations grouped by packageName), sorted by name, their integrations by id. */
export function packagesOf(store: IntegrationStore): PackageItem[] {
  const byName = new Map<string, PackageItem>();
  for (const row of store.rows()) {
    const rec = store.get(row.id);
    const name = rec?.definition.packageName;
    if (!rec || typeof name !== 'string' || name === '') continue;
    let p = byName.get(name);
    if (!p) byName.set(name, (p = { name, type: 'DEVELOPED', countOfIntegrations: 0, integrations: [] }));
    p.integrations.push({ id: rec.id, code: rec.identifier, version: rec.version, name: rec.name, status: realIntegrationStatus(rec.status) });
    p.countOfIntegrations++;
  }
  const all = [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const p of all) p.integrations.sort((a, b) => (a.id < b.id ? -1 : 1));
  return all;
}

export default async function realPackageRoutes(app: FastifyInstance): Promise<void> {
  const spec = loadSpec('oic');

  op(app, spec, 'realListPackages', async (request) => {
    const query = request.query;
    const page = parsePage(query);
    const match = compileQ(query.q, Q_FIELDS);
    const all = packagesOf(request.oic.integrations).filter(match);
    return pageOfList(all, page);
  });
}
