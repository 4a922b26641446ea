/**
 * Archives built in code in Oracle's real layouts (docs/archives.md,
 * /work/shared/reference/oic-archives.md): .iar (Gen2 or Gen3), .car and
 * .par. Only our own test data: nothing here comes from a real export.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';

export interface TestConnection { code: string; type: string; name?: string; props: Record<string, string | null>; policy?: string; /** The descriptor's status where it was exported (default CONFIGURED). */ status?: string }
export interface TestInvoke { conn: string; name: string; operation?: string }
export interface TestFlow {
  code: string;
  version?: string;
  name?: string;
  description?: string;
  /** `style:...` tags; left out: a Gen2 export without smartTags (style from mepType). */
  smartTags?: string;
  mepType?: string;
  tracking?: string;
  /** Gen3 (layout3.json, 24.x version) instead of Gen2 (layout.json, 21.x). */
  gen3?: boolean;
  trigger: { conn: string; name: string; rest?: { verb: string; uri: string; query?: string; responseSample?: string } };
  invokes?: TestInvoke[];
  /** `apiid` (CODE:VERSION:file:function:params) makes the step a call of a JavaScript library function. */
  processors?: Array<{ name: string; type: string; apiid?: string }>;
  connections?: TestConnection[];
  /** Extra resource files (name -> content), e.g. to make a large archive. */
  resources?: Record<string, string | Uint8Array>;
  events?: boolean;
  b2b?: boolean;
  /** Step names (processors and invokes) in the order the flow runs them: written as an orchestration element. */
  runOrder?: string[];
  /** JavaScript libraries the archive carries (icspackage/apilibrary/<name>/<name>.xml and the .js file). */
  libraries?: Array<{ code: string; version: string; name: string; functions: string[] }>;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const propEsc = (s: string) => s.replace(/\\/g, '\\\\').replace(/:/g, '\\:').replace(/=/g, '\\=');

export function appInstanceXml(c: TestConnection): string {
  const props = Object.entries(c.props).map(([k, v]) => `<connectionProperty><name>${esc(k)}</name>${v === null ? '' : `<value>${esc(v)}</value>`}</connectionProperty>`).join('');
  return `<?xml version = '1.0' encoding = 'UTF-8'?>\n<ns0:ApplicationInstance xmlns:ns0="http://xmlns.oracle.com/adapters/cloud"><id>00000000-0000-4000-8000-${c.code.length.toString().padStart(12, '0')}</id>` +
    `<instanceCode>${c.code}</instanceCode><displayName>${esc(c.name ?? c.code)}</displayName><applicationTypeRef>${c.type}</applicationTypeRef>` +
    `<connectionProperties>${props}</connectionProperties><securityPolicy>${c.policy ?? 'BASIC_AUTH'}</securityPolicy><revision>01.00.0000</revision><status>${c.status ?? 'CONFIGURED'}</status></ns0:ApplicationInstance>\n`;
}

export function projectXml(f: TestFlow): string {
  const v = f.version ?? '01.00.0000';
  let n = 10;
  const refs = new Map<string, string>();
  const app = (role: string, conn: string, name: string, op: string, jca?: string) => {
    const id = `application_${++n}`;
    refs.set(name, id);
    return `<application name="${id}"><role>${role}</role><adapter><type>app-adapter</type><code>${conn}</code><name>${esc(name)}</name></adapter><mep>request-response</mep>` +
      `<${role === 'source' ? 'outbound' : 'inbound'} name="b_${n}"><binding>rest</binding><operation>${op}</operation>` +
      (jca ? `<resourceGroup name="rg_${n}"><resource name="r_${n}" location="../resources/${jca}" type="jca"/></resourceGroup>` : '') +
      `</${role === 'source' ? 'outbound' : 'inbound'}></application>`;
  };
  const proc = (p: { name: string; type: string; apiid?: string }) => {
    const id = `processor_${++n}`;
    refs.set(p.name, id);
    const api = p.apiid ? `<property name="apiid" value="${esc(p.apiid)}"/>` : '';
    return `<processor name="${id}"><type>${p.type}</type><name>${esc(p.name)}</name>${api}</processor>`;
  };
  const steps = [
    ...(f.processors ?? []).slice(0, 1).map(proc),
    ...(f.invokes ?? []).map((i) => app('target', i.conn, i.name, i.operation ?? 'execute')),
    ...(f.processors ?? []).slice(1).map(proc),
  ];
  const source = app('source', f.trigger.conn, f.trigger.name, 'execute', f.trigger.rest ? 'application_1/outbound_2/rg_3/Trigger_REQUEST.jca' : undefined);
  const orchestration = f.runOrder
    ? `<orchestration><receive id="r0" refUri="${refs.get(f.trigger.name)}/outbound/output"/>` + f.runOrder.map((name, i) => {
      const ref = refs.get(name)!;
      return ref.startsWith('application') ? `<invoke id="i${i}" refUri="${ref}/inbound"/>` : `<label id="l${i}" name="${esc(name)}Step"><assignment id="a${i}" refUri="${ref}"/></label>`;
    }).join('') + '</orchestration>'
    : '';
  return `<?xml version="1.0" encoding="UTF-8"?><ns1:icsproject xmlns="http://www.oracle.com/2014/03/ics/flow/definition" xmlns:ns1="http://www.oracle.com/2014/03/ics/project" xmlns:ns0="http://www.oracle.com/2014/03/ics/project/definition" name="project_1" version="7.2" modelType="freeform">` +
    `<ns0:projectCode>${f.code}</ns0:projectCode><ns0:projectVersion>${v}</ns0:projectVersion><ns0:projectName>${esc(f.name ?? f.code)}</ns0:projectName>` +
    (f.description ? `<ns0:projectDescription>${esc(f.description)}</ns0:projectDescription>` : '') +
    `<ns0:percentComplete>100</ns0:percentComplete><ns0:projectHasErrors>false</ns0:projectHasErrors><ns1:icsflow name="flow_1">` +
    source + steps.join('') + orchestration +
    `</ns1:icsflow></ns1:icsproject>\n`;
}

export function triggerJca(rest: NonNullable<TestFlow['trigger']['rest']>): string {
  const p = (k: string, v?: string) => (v === undefined ? '' : `<property name="${k}" value="${esc(v)}"/>`);
  return `<adapter-config name="Trigger" adapter="rest" wsdlLocation="Trigger_REQUEST.wsdl" xmlns="http://platform.integration.oracle/blocks/adapter/fw/metadata">` +
    `<endpoint-activation portType="Trigger_REQUESTPortType" operation="execute"><activation-spec className="oracle.tip.adapter.cloud.CloudActivationSpec">` +
    p('HttpVerb', rest.verb) + p('ResourceURI', rest.uri) + p('QueryParameters', rest.query) + p('RequestMediaType', 'application/json') + p('ResponseMediaType', 'application/json') +
    p('ResponseSample', rest.responseSample) + `</activation-spec></endpoint-activation></adapter-config>\n`;
}

export function attributes(f: TestFlow): string {
  const lines = [
    '#Sun Jun 15 10:00:00 UTC 2025',
    `project_code=${f.code}`,
    `project_version=${f.version ?? '01.00.0000'}`,
    `project_name=${propEsc(f.name ?? f.code)}`,
    'project_type=DEVELOPED',
    'project_persisted_state=ACTIVATED',
    `mep_type=${f.mepType ?? 'MEP00'}`,
    ...(f.smartTags !== undefined ? [`smartTags=${propEsc(f.smartTags)}`] : []),
    ...(f.tracking ? [`tracking_instance_name=${propEsc(f.tracking)}`] : []),
    `originalICSVersion=${f.gen3 ? '23.10.1.0.0' : '21.4.2.0.0'}`,
    `lastUpdatedICSVersion=${f.gen3 ? '24.10.0.0.0' : '22.3.1.0.0'}`,
  ];
  return lines.join('\n') + '\n';
}

/** The integration folder's files (paths inside `<CODE>_<VERSION>/`). */
export function folderFiles(f: TestFlow, withAttributes = true): Record<string, Uint8Array> {
  const files: Record<string, string | Uint8Array> = {
    'PROJECT-INF/project.xml': projectXml(f),
    [`PROJECT-INF/${f.gen3 ? 'layout3.json' : 'layout.json'}`]: '{"nodes":[]}',
    'PROJECT-INF/project_messages.json': '[]',
    ...(withAttributes ? { 'ics_project_attributes.properties': attributes(f) } : {}),
    ...(f.trigger.rest ? { 'resources/application_1/outbound_2/rg_3/Trigger_REQUEST.jca': triggerJca(f.trigger.rest) } : {}),
    'resources/processor_20/resourcegroup_21/req_0a1b2c3d4e5f60718293a4b5c6d7e8f9_with_a_rather_long_generated_file_name_as_oracle_writes_them.xsl': '<xsl:stylesheet version="2.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"/>\n',
    ...(f.resources ?? {}),
  };
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [k, typeof v === 'string' ? strToU8(v) : v]));
}

export const folderOf = (f: TestFlow) => `${f.code}_${f.version ?? '01.00.0000'}`;

/** The .iar's entries by name (so a test can compare an export with them). */
export function iarEntries(f: TestFlow): Record<string, Uint8Array> {
  const dir = `icspackage/project/${folderOf(f)}/`;
  const out: Record<string, Uint8Array> = {};
  for (const [k, v] of Object.entries(folderFiles(f))) out[dir + k] = v;
  for (const c of f.connections ?? []) out[`icspackage/appinstances/${c.code}.xml`] = strToU8(appInstanceXml(c));
  if (f.events) out['icspackage/eventtypes/OrderCreated.json'] = strToU8('{"name":"OrderCreated","version":"1.0"}\n');
  if (f.b2b) out['icspackage/b2bartifacts/Doc_850.xml'] = strToU8('<b2b><document name="850"/></b2b>\n');
  for (const l of f.libraries ?? []) {
    out[`icspackage/apilibrary/${l.name}/${l.name}.xml`] = strToU8(`<?xml version="1.0" encoding="UTF-8"?><api-library><name>${esc(l.name)}</name><code>${l.code}</code><version>${l.version}</version>` +
      `<implementationType>JAVASCRIPT</implementationType><sources><source><fileName>${l.name.toLowerCase()}.js</fileName></source></sources></api-library>\n`);
    out[`icspackage/apilibrary/${l.name}/${l.name.toLowerCase()}.js`] = strToU8(l.functions.map((fn) => `function ${fn}(a) { return a; }\n`).join(''));
  }
  return out;
}

export function zipEntries(entries: Record<string, Uint8Array>, level: 0 | 6 = 6): Buffer {
  return Buffer.from(zipSync(entries as Zippable, { level, mtime: new Date('2025-06-15T10:00:00Z') }));
}

export const buildIarFile = (f: TestFlow, level: 0 | 6 = 6) => zipEntries(iarEntries(f), level);

export interface TestCar {
  code: string;
  name?: string;
  flows: TestFlow[];
  connections: TestConnection[];
  lookups?: Array<{ name: string; columns: string[]; rows: string[][] }>;
  schedules?: Array<{ flow: string; timeZone: string; frequency: string }>;
  libraries?: string[];
}

export function carEntries(p: TestCar): Record<string, Uint8Array> {
  const out: Record<string, string | Uint8Array> = {};
  const yaml = [
    `id: ${p.code}`, `code: ${p.code}`, `name: ${p.name ?? p.code}`, 'type: DEVELOPED', 'status: ACTIVE', 'assets:', '  integrations:',
    ...p.flows.map((f) => `    - id: ${f.code}|${f.version ?? '01.00.0000'}\n      name: ${f.name ?? f.code}`),
    '  connections:', ...p.connections.map((c) => `    - id: ${c.code}`),
    '  libraries:', ...(p.libraries ?? []).map((l) => `    - id: ${l}`),
  ];
  out['project/project.yaml'] = yaml.join('\n') + '\n';
  for (const f of p.flows) {
    const dir = `project/integrations/${folderOf(f)}/`;
    for (const [k, v] of Object.entries(folderFiles(f, false))) out[dir + k] = v;
    out[dir + 'info.json'] = JSON.stringify({
      dependencies: { connections: [f.trigger.conn, ...(f.invokes ?? []).map((i) => i.conn)] },
      properties: { code: f.code, version: f.version ?? '01.00.0000', name: f.name ?? f.code, mepType: f.mepType ?? 'MEP00', persistedState: 'ACTIVATED', smartTags: f.smartTags, trackingInstanceName: f.tracking, lastUpdatedICSVersion: '24.10.0.0.0' },
    });
  }
  for (const c of p.connections) out[`project/connections/${c.code}.xml`] = appInstanceXml(c);
  for (const l of p.lookups ?? []) {
    out[`project/lookups/${l.name}.dvm`] = `<?xml version="1.0" encoding="UTF-8"?><dvm name="${l.name}" xmlns="http://xmlns.oracle.com/dvm"><description></description><columns>` +
      l.columns.map((c) => `<column name="${c}"/>`).join('') + '</columns><rows>' + l.rows.map((r) => `<row>${r.map((v) => `<cell>${esc(v)}</cell>`).join('')}</row>`).join('') + '</rows></dvm>\n';
  }
  for (const s of p.schedules ?? []) {
    out[`project/schedules/Schedule_${s.flow.replace('|', '_')}.xml`] = `<?xml version="1.0" encoding="UTF-8"?><schedule xmlns="http://xmlns.oracle.com/scheduler"><time-zone>${s.timeZone}</time-zone>` +
      `<recurrence><ical-expression>${s.frequency}</ical-expression></recurrence></schedule>\n`;
  }
  for (const l of p.libraries ?? []) out[`project/libraries/${l}/${l.split('_')[0]}.js`] = 'function f(a) { return a; }\n';
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, typeof v === 'string' ? strToU8(v) : v]));
}

export function parEntries(name: string, flows: TestFlow[]): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = {
    'ics_package_attributes.properties': strToU8(`package_name=${name}\nsmart_tags=\nkeywords=test\nbuilt_by=Emulator tests\n`),
  };
  flows.forEach((f, i) => { out[`icspackage_${f.name ?? f.code}_${f.version ?? '01.00.0000'}_0000000${i}-aaaa-4bbb-8ccc-dddddddddddd.iar`] = new Uint8Array(buildIarFile(f)); });
  return out;
}
