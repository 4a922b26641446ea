/**
 * Export: an integration as an .iar. Its kept archive entries when it was
 * imported (byte for byte), a generated folder otherwise; the connection
 * descriptors are written from the connections as they are now (built-in
 * PRESEEDED_* ones and connections that do not exist are left out). An
 * integration that came from a project archive has no
 * ics_project_attributes.properties of its own: one is generated.
 */
import { strToU8 } from 'fflate';
import type { Stores } from '../../store';
import type { IntegrationRecord } from '../../store/oic/integrations';
import { isPreseeded } from './appinstance';
import { ATTRIBUTES } from './flow';
import { attributesFile, generatedFolder } from './flow-writer';
import { buildIar, type ExportConnection } from './iar';

/** What the emulator writes as the Oracle Integration version of the archives it generates. */
export const WRITER_VERSION = '25.06.0.0.0';

export function exportIntegrationArchive(stores: Stores, rec: IntegrationRecord, now: Date): Uint8Array {
  const folder = `project/${rec.identifier}_${rec.version}/`;
  let kept = stores.archives.sourceOf(rec.id);
  if (!kept) {
    kept = new Map();
    for (const [name, bytes] of generatedFolder(stores.integrations.design(rec), rec.status, WRITER_VERSION)) kept.set(folder + name, bytes);
  } else if (!kept.has(folder + ATTRIBUTES)) {
    kept.set(folder + ATTRIBUTES, strToU8(attributesFile(rec.definition, rec.status, WRITER_VERSION)));
  }
  const connections: ExportConnection[] = [];
  for (const id of new Set((rec.definition.connections ?? []).map((c) => c.connectionId))) {
    if (isPreseeded(id)) continue;
    const c = stores.connections.get(id);
    if (c) connections.push({ id: c.id, definition: c.definition, status: c.status });
  }
  return buildIar(kept, connections, now);
}
