/**
 * .iar archives of integrations made through the seed's JSON API: export is
 * Oracle's layout (generated project.xml and attributes, a connection
 * descriptor without secrets, the JSON definition riding along); export ->
 * delete -> import restores the same integration; bad uploads are
 * 400/413/415 and write nothing. Real-layout imports: test/oic/archive/importer.test.ts.
 */
import t from 'tap';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { userBasic } from '../../helpers/app';
import { strToU8 as u8 } from 'fflate';
import { API, enc, integration, multipart, ok, rejects, seedConnection, seedIntegration, snapshot, upload, oicAppWithProject, linksAt } from '../../helpers/oic';

const ID = 'CUSTOMER_DATA_SYNC|01.00.0000';
const URL_ = `${API}/integrations/${enc(ID)}`;
const DIR = 'icspackage/project/CUSTOMER_DATA_SYNC_01.00.0000/';
const PROJECT_JSON = `${DIR}PROJECT-INF/emulator-definition.json`;
const PROJECT_XML = `${DIR}PROJECT-INF/project.xml`;

/** An emulator-style archive of a JSON definition (project.xml generated from it by a first export is not needed to import). */
function jsonArchive(def: Record<string, unknown>): Buffer {
  const dir = `icspackage/project/${String(def.identifier)}_${String(def.version)}/`;
  const xml = `<icsproject xmlns="http://www.oracle.com/2014/03/ics/project"><projectCode>${String(def.identifier)}</projectCode><projectVersion>${String(def.version)}</projectVersion><projectName>x</projectName></icsproject>`;
  return Buffer.from(zipSync({ [`${dir}PROJECT-INF/project.xml`]: u8(xml), [`${dir}PROJECT-INF/emulator-definition.json`]: u8(JSON.stringify(def)) }));
}

async function setup(t: tap.Test, overrides = {}) {
  const { c, clock } = await oicAppWithProject(t, overrides);
  await ok(c, 'POST', `${API}/integrations`, seedIntegration());
  return { c, clock };
}

async function exportOf(c: Awaited<ReturnType<typeof setup>>['c'], url = URL_): Promise<Buffer> {
  const res = await c.call({ method: 'GET', url: `${url}/archive` });
  if (res.statusCode !== 200) throw new Error(`export failed: ${res.statusCode} ${res.body}`);
  return res.rawPayload;
}

const zip = (files: Record<string, string | Uint8Array>) =>
  Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, typeof v === 'string' ? strToU8(v) : v]))));

t.test('export: a zip in the real layout, connections without secrets', async (t) => {
  const { c } = await setup(t);
  await ok(c, 'POST', `${API}/connections`, { ...seedConnection(), identifier: 'ORACLE_DB_CONN_01' });
  const res = await c.call({ method: 'GET', url: `${URL_}/archive` });
  t.equal(res.statusCode, 200);
  t.equal(res.headers['content-type'], 'application/octet-stream');
  t.equal(res.headers['content-disposition'], 'attachment; filename="CUSTOMER_DATA_SYNC_01.00.0000.iar"');
  const files = unzipSync(new Uint8Array(res.rawPayload));
  t.same(Object.keys(files).sort(), [
    'icspackage/appinstances/ORACLE_DB_CONN_01.xml', `${DIR}PROJECT-INF/emulator-definition.json`, PROJECT_XML, `${DIR}ics_project_attributes.properties`,
  ]);
  t.same(JSON.parse(strFromU8(files[PROJECT_JSON])), seedIntegration(), 'the JSON definition rides along');
  const xml = strFromU8(files[PROJECT_XML]);
  t.match(xml, /<ns0:projectCode>CUSTOMER_DATA_SYNC<\/ns0:projectCode>/);
  t.match(xml, /<role>source<\/role>[\s\S]*<code>SALESFORCE_CONN_01<\/code>[\s\S]*<role>target<\/role>[\s\S]*<code>ORACLE_DB_CONN_01<\/code>/);
  const props = strFromU8(files[`${DIR}ics_project_attributes.properties`]);
  t.match(props, /^project_code=CUSTOMER_DATA_SYNC$/m);
  t.match(props, /^smartTags=style\\:app driven orchestration$/m);
  const conn = strFromU8(files['icspackage/appinstances/ORACLE_DB_CONN_01.xml']);
  t.match(conn, /<instanceCode>ORACLE_DB_CONN_01<\/instanceCode>/);
  t.match(conn, /<name>host<\/name>\s*<value>prod-db.example.com<\/value>/);
  t.match(conn, /<name>security.username<\/name>/);
  t.notOk(conn.includes('password'), 'no password key');
  t.notOk(res.rawPayload.includes('DB_PASSWORD'), 'the secret is nowhere in the archive');
  t.same(await exportOf(c), res.rawPayload, 'same state and clock: the same bytes');

  await rejects(t, c, { method: 'GET', url: `${API}/integrations/${enc('NOPE|01.00.0000')}/archive` }, 404, /Integration with ID 'NOPE\|01\.00\.0000' was not found/);
});

t.test('export -> delete -> import restores the same integration (the seed response)', async (t) => {
  const { c, clock } = await setup(t);
  await ok(c, 'PUT', URL_, { connections: [] });
  await ok(c, 'POST', `${URL_}/activate`, { enablePayloadTracing: true, payloadTracingLevel: 'DEBUG' });
  const before = c.app.stores.integrations.get(ID)!;
  const archive = await exportOf(c);
  await ok(c, 'POST', `${URL_}/deactivate`);
  t.equal((await c.call({ method: 'DELETE', url: URL_ })).statusCode, 200);
  clock.advance(3600_000);

  const res = await upload(c, 'POST', archive, 'CUSTOMER_DATA_SYNC_01.00.0000.iar');
  t.equal(res.statusCode, 201);
  t.same(res.json(), {
    id: ID,
    name: 'Customer Data Sync',
    identifier: 'CUSTOMER_DATA_SYNC',
    version: '01.00.0000',
    status: 'CONFIGURED',
    importedTime: '2025-06-15T11:00:00.000Z',
    importedBy: 'oic-emulator-client',
    links: linksAt('/ic/api/integration/v1/integrations/CUSTOMER_DATA_SYNC%7C01.00.0000', { activate: '/activate' }),
  });
  const after = c.app.stores.integrations.get(ID)!;
  const { tracing: _t, ...design } = before.definition;
  t.same(after.definition, design, 'the same definition (tracing belongs to an activation, not the design)');
  t.same({ ...after.definition, tracing: before.definition.tracing }, before.definition);
  const got = (await c.call({ method: 'GET', url: URL_ })).json();
  t.match(got, { status: 'CONFIGURED', importedBy: 'oic-emulator-client', createdTime: '2025-06-15T11:00:00.000Z' });

  // Basic user: importedBy is the user.
  await c.call({ method: 'DELETE', url: URL_ });
  const asUser = await c.call({ method: 'POST', url: `${API}/integrations/archive`, ...multipart([{ field: 'file', filename: 'a.iar', data: archive }]), headers: { ...multipart([{ field: 'file', filename: 'a.iar', data: archive }]).headers, authorization: userBasic() } });
  t.equal(asUser.json().importedBy, 'user@example.com');
});

t.test('import: 409 when present; PUT replaces a CONFIGURED one in place', async (t) => {
  const { c, clock } = await setup(t);
  const archive = await exportOf(c);
  await rejects(t, c, { method: 'POST', url: `${API}/integrations/archive`, ...multipart([{ field: 'file', filename: 'x.iar', data: archive }]) }, 409, /already exists; use PUT/);

  const changed = jsonArchive({ ...seedIntegration(), description: 'replaced' });
  clock.advance(1000);
  const res = await upload(c, 'PUT', changed);
  t.equal(res.statusCode, 200, 'replaced');
  t.equal(res.json().importedTime, '2025-06-15T10:00:01.000Z');
  const got = (await c.call({ method: 'GET', url: URL_ })).json();
  t.equal(got.description, 'replaced');
  t.equal(got.createdTime, '2025-06-15T10:00:00.000Z', 'creation data kept');

  await ok(c, 'PUT', URL_, { connections: [] });
  await ok(c, 'POST', `${URL_}/activate`);
  await rejects(t, c, { method: 'PUT', url: `${API}/integrations/archive`, ...multipart([{ field: 'file', filename: 'x.iar', data: changed }]) }, 409, /is ACTIVE; deactivate it first.*replace/);

  const fresh = jsonArchive(integration('BRAND_NEW'));
  t.equal((await upload(c, 'PUT', fresh)).statusCode, 201, 'PUT of an absent integration imports it');
});

t.test('import: bad archives are a 400 naming the problem, and write nothing', async (t) => {
  const { c } = await setup(t);
  const good = await exportOf(c);
  await c.call({ method: 'DELETE', url: URL_ });
  const send = (data: Buffer) => ({ method: 'POST' as const, url: `${API}/integrations/archive`, ...multipart([{ field: 'file', filename: 'x.iar', data }]) });

  await rejects(t, c, send(Buffer.from('this is not a zip file at all, just text')), 400, /not a zip file/);
  await rejects(t, c, send(good.subarray(0, Math.floor(good.length / 2))), 400, /not a readable zip archive.*truncated/);
  await rejects(t, c, send(good.subarray(0, good.length - 10)), 400, /not a readable zip archive/);
  await rejects(t, c, send(zip({ 'readme.txt': 'hello' })), 400, /does not contain an integration: expected icspackage\/project\/<CODE>_<VERSION>\/PROJECT-INF\/project\.xml/);
  await rejects(t, c, send(zip({ '../../etc/passwd': 'x', [PROJECT_JSON]: JSON.stringify(seedIntegration()) })), 400, /unsafe entry name '\.\.\/\.\.\/etc\/passwd'/);
  await rejects(t, c, send(zip({ [PROJECT_JSON]: JSON.stringify(seedIntegration()) })), 400, /has no PROJECT-INF\/project\.xml/);
  await rejects(t, c, send(zip({ '/abs/project.json': 'x' })), 400, /unsafe entry name/);
  const goodFiles = unzipSync(new Uint8Array(good));
  await rejects(t, c, send(zip({ ...goodFiles, 'icspackage/project/OTHER_01.00.0000/PROJECT-INF/project.xml': goodFiles[PROJECT_XML] })), 400, /contains 2 integrations \(CUSTOMER_DATA_SYNC_01\.00\.0000, OTHER_01\.00\.0000\)/);
  await rejects(t, c, send(zip({ ...goodFiles, [PROJECT_JSON]: '{ not json' })), 400, /emulator-definition\.json' is not valid JSON/);
  await rejects(t, c, send(zip({ ...goodFiles, [PROJECT_JSON]: JSON.stringify(integration('ELSEWHERE')) })), 400, /folder 'CUSTOMER_DATA_SYNC_01\.00\.0000' does not match the integration inside it \(ELSEWHERE_01\.00\.0000\)/);
  await rejects(t, c, send(zip({ ...goodFiles, [PROJECT_JSON]: JSON.stringify({ ...seedIntegration(), pattern: 'NOPE' }) })), 400, /definition \(.*\) is invalid: definition\.pattern must be one of/);
  // An .iar carries no project membership: a project this instance lacks is left out, not a 404.
  const standalone = await c.call(send(zip({ ...goodFiles, [PROJECT_JSON]: JSON.stringify({ ...seedIntegration(), projectId: 'GONE' }) })));
  t.equal(standalone.statusCode, 201, 'imported standalone');
  t.equal(standalone.json().projectId ?? null, null, 'without the missing project');
  t.equal((await c.call({ method: 'DELETE', url: URL_ })).statusCode, 200);

  const many: Record<string, string> = {};
  for (let i = 0; i < 1001; i++) many[`junk/${i}.txt`] = '';
  await rejects(t, c, send(zip(many)), 400, /more than 1000 entries/);
  const bomb = Buffer.from(zipSync({ [PROJECT_JSON]: new Uint8Array(51 * 1024 * 1024) }, { level: 1 }));
  t.ok(bomb.length < 1024 * 1024, 'a small upload...');
  await rejects(t, c, send(bomb), 400, /expands to more than 50 MB/);

  t.equal((await c.call(send(good))).statusCode, 201, 'the good archive still imports');
});

t.test('import: multipart mistakes are 400/413/415', async (t) => {
  const { c } = await setup(t, { maxPayload: 64 * 1024 });
  const good = await exportOf(c);
  await c.call({ method: 'DELETE', url: URL_ });
  const url = `${API}/integrations/archive`;
  await rejects(t, c, { method: 'POST', url, ...multipart([{ field: 'description', data: 'no file here' }]) }, 400, /No file uploaded: send the \.iar as multipart\/form-data in the field 'file'/);
  await rejects(t, c, { method: 'POST', url, ...multipart([{ field: 'archive', filename: 'x.iar', data: good }]) }, 400, /must be sent in the multipart field 'file', not 'archive'/);
  await rejects(t, c, { method: 'POST', url, ...multipart([{ field: 'file', filename: 'a.iar', data: good }, { field: 'file', filename: 'b.iar', data: good }]) }, 400, /exactly one file.*got 2/);
  await rejects(t, c, { method: 'POST', url, ...multipart([{ field: 'file', filename: 'a.iar', data: Buffer.alloc(0) }]) }, 400, /empty/);
  await rejects(t, c, { method: 'POST', url, payload: '', headers: { 'content-type': 'multipart/form-data; boundary=xyz' } }, 400, /No file uploaded/);
  await rejects(t, c, { method: 'POST', url, payload: '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a"\r\n\r\nabc', headers: { 'content-type': 'multipart/form-data; boundary=xyz' } }, 400, /Malformed multipart|not a zip/);
  await rejects(t, c, { method: 'POST', url, payload: good, headers: { 'content-type': 'application/octet-stream' } }, 415, /Content-Type/);
  await rejects(t, c, { method: 'POST', url, payload: { file: 'x' } }, 415, /multipart\/form-data/);
  const big = Buffer.concat([good, Buffer.alloc(70 * 1024, 1)]);
  const tooBig = await rejects(t, c, { method: 'POST', url, ...multipart([{ field: 'file', filename: 'big.iar', data: big }]) }, 413, /exceeds the limit of .*--max-payload/);
  t.equal(tooBig.title, 'Payload Too Large');
  t.same(snapshot(c.app).oic_integrations, [], 'nothing imported');
  t.equal((await upload(c, 'POST', good)).statusCode, 201);
});
