/**
 * The real layout for an integration made through the seed's JSON API: a
 * generated PROJECT-INF/project.xml (its connections as source/target
 * applications, its transformations as processors) and
 * ics_project_attributes.properties, so Oracle-style tooling reads it like
 * any export; the JSON definition rides along (DEFINITION_JSON) so importing
 * it back gives the same definition, nothing lost.
 */
import { strToU8 } from 'fflate';
import type { IntegrationDefinition } from '../../store/oic/integrations';
import { ATTRIBUTES, DEFINITION_JSON, PROJECT_XML } from './flow';
import { writeProperties } from './properties';
import { escapeXml } from './xml';

const MEP_OF: Record<string, string> = { SCHEDULED: 'MEP07', EVENT_DRIVEN: 'MEP08' };
const STYLE_TAG: Record<string, string> = {
  SCHEDULED_ORCHESTRATION: 'scheduled orchestration', APP_DRIVEN_ORCHESTRATION: 'app driven orchestration', ORCHESTRATION: 'app driven orchestration',
  MAP_MY_DATA: 'basic routing', BASIC_ROUTING: 'basic routing', PUBLISH_TO_OIC: 'publish to oic', SUBSCRIBE_TO_OIC: 'event driven orchestration', FILE_TRANSFER: 'file transfer',
};

export function projectXml(def: IntegrationDefinition): string {
  let n = 1;
  const apps = (def.connections ?? []).map((c) => {
    const source = c.role === 'SOURCE' || c.role === 'TRIGGER';
    const op = c.operations?.[0];
    const name = String(op?.objectName ?? c.connectionId);
    const dir = source ? 'outbound' : 'inbound';
    return `    <application name="application_${n++}">\n      <role>${source ? 'source' : 'target'}</role>\n      <adapter>\n        <type>app-adapter</type>\n        <code>${escapeXml(c.connectionId)}</code>\n        <name>${escapeXml(name)}</name>\n      </adapter>\n      <mep>${source ? 'push-sync' : 'request-response'}</mep>\n      <${dir} name="${dir}_${n++}">\n        <binding>${escapeXml(String(op?.bindingType ?? 'rest'))}</binding>\n        <operation>${escapeXml(String(op?.operationType ?? 'execute'))}</operation>\n      </${dir}>\n    </application>\n`;
  });
  const procs = (def.transformations ?? []).map((t, i) => `    <processor name="processor_${n++}">\n      <type>transformer</type>\n      <role>transformer:${escapeXml(String(t.type ?? 'FIELD_MAPPING'))}</role>\n      <name>Transform_${i + 1}</name>\n    </processor>\n`);
  const el = (name: string, v: unknown) => (v === undefined ? '' : `  <ns0:${name}>${escapeXml(String(v))}</ns0:${name}>\n`);
  return '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<ns1:icsproject xmlns="http://www.oracle.com/2014/03/ics/flow/definition" xmlns:ns1="http://www.oracle.com/2014/03/ics/project" ' +
    'xmlns:ns0="http://www.oracle.com/2014/03/ics/project/definition" name="project_1" version="7.2" modelType="freeform">\n' +
    el('projectCode', def.identifier) + el('projectVersion', def.version) + el('projectName', def.name) + el('projectDescription', def.description) +
    el('percentComplete', 100) + el('projectHasErrors', false) +
    `  <ns1:icsflow name="flow_1">\n${[apps[0], ...procs, ...apps.slice(1)].filter(Boolean).join('')}  </ns1:icsflow>\n</ns1:icsproject>\n`;
}

export function attributesFile(def: IntegrationDefinition, status: string, icsVersion: string): string {
  const entries: Array<[string, string]> = [
    ['project_code', def.identifier],
    ['project_version', def.version],
    ['project_name', def.name],
    ['project_type', 'DEVELOPED'],
    ['project_persisted_state', status === 'ACTIVE' ? 'ACTIVATED' : 'CONFIGURED'],
    ['mep_type', MEP_OF[def.style] ?? 'MEP00'],
    ['smartTags', `style:${STYLE_TAG[def.pattern] ?? 'app driven orchestration'}`],
    ['modelType', 'FREEFORM'],
    ['lastUpdatedICSVersion', icsVersion],
  ];
  if (def.description) entries.push(['project_description', def.description]);
  if (def.packageName) entries.push(['package_name', String(def.packageName)]);
  return writeProperties(entries);
}

/** The folder's files (paths inside `<CODE>_<VERSION>/`) for a definition without archive bytes. */
export function generatedFolder(def: IntegrationDefinition, status: string, icsVersion: string): Map<string, Uint8Array> {
  return new Map([
    [PROJECT_XML, strToU8(projectXml(def))],
    [ATTRIBUTES, strToU8(attributesFile(def, status, icsVersion))],
    [DEFINITION_JSON, strToU8(JSON.stringify(def, null, 2) + '\n')],
  ]);
}
