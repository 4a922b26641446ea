/**
 * Export of a project as a .car, in the layout readCar reads: project.yaml
 * (the label, builtBy and type of the export request included), each
 * integration's folder (kept archive entries byte for byte, or generated),
 * an info.json where the folder has none, the project's connections and the
 * ones its integrations use, its lookups as .dvm, the schedules, and the
 * library names (their code is not kept).
 */
import { strToU8 } from 'fflate';
import type { InstanceState } from '../../sim/state';
import type { ProjectRecord } from '../../store/oic/projects';
import { isPreseeded, writeAppInstance } from './appinstance';
import { INFO_JSON } from './flow';
import { generatedFolder } from './flow-writer';
import { WRITER_VERSION } from './exporter';
import { escapeXml } from './xml';
import { writeZip, type ZipContent } from './zip';

export interface CarRequest { name?: string; code?: string; type?: string; builtBy?: string; label?: string }

export function buildCar(stores: InstanceState, project: ProjectRecord, req: CarRequest, now: Date): Uint8Array {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const YAML = require('yaml') as typeof import('yaml');
  const out: Array<[string, ZipContent]> = [];
  const integrations = stores.integrations.rows(project.id).sort((a, b) => (a.id < b.id ? -1 : 1));
  const connectionIds = new Set(stores.connections.rows(project.id).map((c) => c.id));
  const lookups = ((project.definition.lookups as string[] | undefined) ?? []).filter((n) => stores.lookups.get(n));
  for (const row of integrations) {
    const rec = stores.integrations.require(row.id);
    const folder = `${rec.identifier}_${rec.version}`;
    const files = new Map<string, ZipContent>();
    const kept = stores.archives.sourceOf(rec.id);
    if (kept) {
      for (const [name, bytes] of kept) if (name.startsWith(`project/${folder}/`)) files.set(name.slice(`project/${folder}/`.length), bytes);
    } else for (const [name, bytes] of generatedFolder(stores.integrations.design(rec), rec.status, WRITER_VERSION)) files.set(name, bytes);
    if (!files.has(INFO_JSON)) {
      const a = rec.definition.archive as { mepType?: string; smartTags?: string; trackingField?: string } | undefined;
      files.set(INFO_JSON, strToU8(JSON.stringify({
        dependencies: { connections: [...new Set((rec.definition.connections ?? []).map((c) => c.connectionId))] },
        properties: { code: rec.identifier, version: rec.version, name: rec.name, mepType: a?.mepType, persistedState: rec.status === 'ACTIVE' ? 'ACTIVATED' : 'CONFIGURED', smartTags: a?.smartTags, trackingInstanceName: a?.trackingField, lastUpdatedICSVersion: WRITER_VERSION },
      }, null, 2)));
    }
    for (const [name, bytes] of files) out.push([`project/integrations/${folder}/${name}`, bytes]);
    for (const c of rec.definition.connections ?? []) if (!isPreseeded(c.connectionId)) connectionIds.add(c.connectionId);
    const s = stores.runtime.schedules.ofIntegration(rec.id);
    if (s) {
      const ical = s.doc.icalExpression ?? `FREQ=${s.doc.frequency ?? 'DAILY'};INTERVAL=${s.doc.interval}`;
      out.push([`project/schedules/Schedule_${folder}.xml`, strToU8(`<?xml version = '1.0' encoding = 'UTF-8'?>\n<schedule xmlns="http://xmlns.oracle.com/scheduler" name="${escapeXml(s.doc.name)}"><time-zone>${escapeXml(s.doc.timeZone)}</time-zone><recurrence><count>0</count><ical-expression>${escapeXml(ical)}</ical-expression></recurrence></schedule>\n`)]);
    }
  }
  for (const id of [...connectionIds].sort()) {
    const c = stores.connections.get(id);
    if (c) out.push([`project/connections/${id}.xml`, writeAppInstance(c.id, c.definition, c.status)]);
  }
  for (const name of lookups) {
    const l = stores.lookups.require(name).definition;
    const cols = l.columns.map((c) => c.name);
    const rows = l.data.map((r) => `<row>${cols.map((c) => `<cell>${escapeXml(r[c] === undefined || r[c] === null ? '' : String(r[c]))}</cell>`).join('')}</row>`).join('');
    out.push([`project/lookups/${name}.dvm`, strToU8(`<?xml version="1.0" encoding="UTF-8"?>\n<dvm name="${escapeXml(name)}" xmlns="http://xmlns.oracle.com/dvm"><description>${escapeXml(l.description ?? '')}</description><columns>${cols.map((c) => `<column name="${escapeXml(c)}"/>`).join('')}</columns><rows>${rows}</rows></dvm>\n`)]);
  }
  const yaml = {
    id: project.id, code: project.id, name: project.name, description: project.definition.description, type: req.type ?? 'DEVELOPED', status: project.status,
    label: req.label, builtBy: req.builtBy,
    assets: {
      integrations: integrations.map((r) => ({ id: r.id, code: r.identifier, version: r.version, name: r.name })),
      connections: [...connectionIds].sort().map((id) => ({ id })),
      lookups: lookups.map((id) => ({ id })),
      libraries: ((project.definition.libraries as string[] | undefined) ?? []).map((id) => ({ id })),
    },
  };
  out.unshift(['project/project.yaml', strToU8(YAML.stringify(JSON.parse(JSON.stringify(yaml))))]);
  return writeZip(out, now);
}
