import t from 'tap';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../../src/app';
import { makeConfig } from '../../src/config';
import { buildTestApp, basic, tokenFor } from '../helpers/app';

const DEMO = path.resolve(__dirname, '../../fixtures/demo');

/** A fixtures folder with the given files (name -> content; objects are written as JSON). */
function folder(t: { teardown(fn: () => unknown): void }, files: Record<string, unknown>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oie-fx-'));
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  return dir;
}

/** Start-up with these fixtures must fail; returns the error message. */
async function startFails(t: any, files: Record<string, unknown>): Promise<string> {
  const dir = folder(t, files);
  const app = await buildApp(makeConfig({ fixtures: dir }));
  t.teardown(() => app.close());
  try {
    await app.ready();
  } catch (e) {
    const tables = app.ctx.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND (name LIKE 'oic\\_%' ESCAPE '\\' OR name LIKE 'dis\\_%' ESCAPE '\\')").all() as { name: string }[];
    const rows = tables.reduce((n, { name }) => n + (app.ctx.db.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n, 0);
    t.equal(rows, 0, 'nothing half-applied');
    return (e as Error).message;
  }
  t.fail('start-up should have failed');
  return '';
}

const PROJECT = { name: 'P', identifier: 'P1' };

t.test('the demo fixtures: the seed examples, OIC and DIS', async (t) => {
  const { app, call } = await buildTestApp(t, { fixtures: DEMO });
  const ids = async (url: string) => (await call({ method: 'GET', url })).json().items.map((i: any) => i.id);
  t.same(await ids('/ic/api/projects/v1/projects'), ['CUSTOMER_PROJECT']);
  t.same((await ids('/ic/api/integration/v1/connections')).sort(), ['ORACLE_DB_CONN_01', 'PROD_DB_CONN_01', 'SALESFORCE_CONN_01']);
  const integration = (await call({ method: 'GET', url: '/ic/api/integration/v1/integrations/CUSTOMER_DATA_SYNC%7C01.00.0000' })).json();
  t.equal(integration.status, 'ACTIVE');
  t.equal(integration.createdBy, 'user@example.com');
  t.equal((await call({ method: 'GET', url: '/ic/api/integration/v1/lookups/COUNTRY_CODE_MAP/data' })).json().items.length, 2);
  const sf = (await call({ method: 'GET', url: '/ic/api/integration/v1/connections/SALESFORCE_CONN_01' })).json();
  t.equal(sf.testStatus, 'SUCCESS', 'tested at load time');
  const ws = app.ctx.db.prepare('SELECT compartment_id AS c, lifecycle_state AS s FROM dis_workspaces').all();
  t.same(ws, [{ c: 'ocid1.compartment.oc1..aaaaaaaademocompartment', s: 'ACTIVE' }], 'workspace usable at once');
  const published = app.ctx.db.prepare("SELECT count(*) AS n FROM dis_objects WHERE kind = 'publishedObject'").get() as { n: number };
  t.equal(published.n, 1, 'the task is published in the application');
  const schedule = (await call({ method: 'GET', url: '/ic/api/integration/v1/integrations/CUSTOMER_DATA_SYNC%7C01.00.0000/schedule' })).json();
  t.match(schedule, { frequency: 'HOURLY', status: 'ACTIVE' }, 'CUSTOMER_DATA_SYNC runs hourly');
  const seedSchedule = (await call({ method: 'GET', url: '/ic/api/integration/v1/integrations/CUSTOMER_ORDER_INT%7C01.00.0000/schedule' })).json();
  t.match(seedSchedule, { name: 'Hourly Customer Sync', timeZone: 'America/New_York', parameters: [{ name: 'batchSize', value: '1000' }, { name: 'includeDeleted', value: 'false' }] }, 'the seed\'s schedule example');
  const history = (await call({ method: 'GET', url: '/ic/api/monitoring/v1/integrations/CUSTOMER_ORDER_INT%7C01.00.0000/executions?limit=1' })).json();
  t.equal(history.totalResults, 336, 'a week of generated history');
});

t.test('reset writes the fixtures again, with the same ids; ?api=dis rewrites DIS only', async (t) => {
  const { app, call } = await buildTestApp(t, { fixtures: DEMO });
  const wsIds = () => (app.ctx.db.prepare('SELECT id FROM dis_workspaces').all() as { id: string }[]).map((r) => r.id);
  const before = wsIds();
  await call({ method: 'DELETE', url: '/ic/api/integration/v1/lookups/COUNTRY_CODE_MAP' });
  await call({ method: 'POST', url: '/ic/api/projects/v1/projects', payload: PROJECT });
  const res = (await app.inject({ method: 'POST', url: '/_emulator/reset' })).json();
  t.ok(res.fixtureObjects >= 9, `fixtures re-applied (${res.fixtureObjects} objects)`);
  t.equal((await call({ method: 'GET', url: '/ic/api/integration/v1/lookups/COUNTRY_CODE_MAP' })).statusCode, 200, 'deleted fixture back');
  t.equal((await call({ method: 'GET', url: '/ic/api/projects/v1/projects/P1' })).statusCode, 404, 'own object gone');
  t.same(wsIds(), before, 'same seeded ids as at start-up');
  await call({ method: 'DELETE', url: '/ic/api/integration/v1/lookups/COUNTRY_CODE_MAP' });
  const dis = (await app.inject({ method: 'POST', url: '/_emulator/reset?api=dis' })).json();
  t.equal(dis.api, 'dis');
  t.equal(wsIds().length, 1);
  t.equal((await call({ method: 'GET', url: '/ic/api/integration/v1/lookups/COUNTRY_CODE_MAP' })).statusCode, 404, 'OIC untouched by a DIS reset');
  await app.inject({ method: 'POST', url: '/_emulator/reset?api=oic' });
  t.equal((await call({ method: 'GET', url: '/ic/api/integration/v1/lookups/COUNTRY_CODE_MAP' })).statusCode, 200);
  t.equal(wsIds().length, 1, 'DIS untouched by an OIC reset');
});

t.test('YAML and JSON files are merged in name order; later files may refer to earlier kinds', async (t) => {
  const dir = folder(t, {
    'a.yaml': 'oic:\n  connections:\n    - name: R\n      identifier: REST_1\n      adapterType: rest\n      projectId: P1\n      connectionProperties: { baseUrl: "https://api.example.com" }\n',
    'b.json': { oic: { projects: [PROJECT] } },
    'c.yml': 'idcs:\n  clients:\n    - clientId: ci-client\n      clientSecret: ci-secret\n      scopes: ["https://test.integration.ocp.oraclecloud.com:443"]\n  users:\n    - username: ci@example.com\n      password: pw\n',
    'empty.yaml': '',
    'ignored.txt': 'not a fixture',
  });
  const { app, call } = await buildTestApp(t, { fixtures: dir, strictAuth: true });
  t.equal((await call({ method: 'GET', url: '/ic/api/integration/v1/connections/REST_1' })).json().projectId, 'P1', 'connection created after its project from another file');
  t.ok(await tokenFor(app, 'ci-client', 'ci-secret'), 'fixture client gets a token under --strict-auth');
  const basicCall = await app.inject({ method: 'GET', url: '/ic/api/projects/v1/projects', headers: { authorization: basic('ci@example.com', 'pw') } });
  t.equal(basicCall.statusCode, 200, 'fixture user can use Basic auth');
  await app.inject({ method: 'POST', url: '/_emulator/reset' });
  t.ok(await tokenFor(app, 'ci-client', 'ci-secret'), 'identities come back after a reset');
  const cfg = (await app.inject({ method: 'GET', url: '/_emulator/config' })).json();
  t.equal(cfg.fixtures, dir);
});

t.test('invalid fixtures fail start-up with the file and the field; nothing is written', async (t) => {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['missing required field', { 'p.json': { oic: { projects: [{ name: 'no id' }] } } }, /p\.json: oic\.projects\[0\]\.identifier is required/],
    ['wrong type', { 'i.json': { oic: { projects: [PROJECT], integrations: [{ name: 'I', identifier: 'I', version: '01.00.0000', pattern: 'ORCHESTRATION', projectId: 'P1', connections: 'x' }] } } }, /i\.json: oic\.integrations\[0\]\.connections must be array \(entry 'I'\)/],
    ['store rule: unknown project', { 'c.json': { oic: { connections: [{ name: 'C', identifier: 'C1', adapterType: 'rest', projectId: 'NOPE' }] } } }, /c\.json: oic\.connections\[0\] \(C1\): .*NOPE/],
    ['duplicate across files', { 'a.json': { oic: { projects: [PROJECT] } }, 'b.json': { oic: { projects: [PROJECT] } } }, /b\.json: oic\.projects\[0\] \(P1\): .*already exists/],
    ['unknown section', { 'x.json': { soap: {} } }, /x\.json: unknown section 'soap' \(use oic, idcs, dis\)/],
    ['unknown list', { 'x.json': { oic: { flows: [] } } }, /x\.json: unknown field 'oic\.flows'/],
    ['list expected', { 'x.json': { oic: { projects: {} } } }, /x\.json: oic\.projects must be a list/],
    ['not an object', { 'x.json': [1, 2] }, /x\.json: a fixture file holds an object/],
    ['bad JSON', { 'x.json': '{"oic": ' }, /x\.json: not valid JSON/],
    ['bad YAML', { 'x.yaml': 'oic:\n  projects: [\n' }, /x\.yaml: not valid YAML/],
    ['bad activate', { 'x.json': { oic: { projects: [PROJECT], integrations: [{ name: 'I', identifier: 'I', version: '01.00.0000', pattern: 'ORCHESTRATION', projectId: 'P1', activate: 'yes' }] } } }, /x\.json: oic\.integrations\[0\] \(I\)\.activate must be true, false or an object/],
    ['idcs client without secret', { 'x.json': { idcs: { clients: [{ clientId: 'c' }] } } }, /x\.json: idcs\.clients\[0\]\.clientSecret is required/],
    ['idcs extra field', { 'x.json': { idcs: { users: [{ username: 'u', password: 'p', role: 'x' }] } } }, /x\.json: idcs\.users\[0\]\.role is not an allowed property/],
    ['DIS workspace without compartment', { 'd.json': { dis: { workspaces: [{ displayName: 'w' }] } } }, /d\.json: dis\.workspaces\[0\]\.compartmentId is required/],
    ['DIS compartment not declared', { 'd.json': { dis: { compartments: [{ id: 'ocid1.compartment.oc1..a' }], workspaces: [{ displayName: 'w', compartmentId: 'ocid1.compartment.oc1..b' }] } } }, /d\.json: dis\.workspaces\[0\] \(w\)\.compartmentId 'ocid1\.compartment\.oc1\.\.b' is not one of dis\.compartments/],
    ['DIS bad compartment id', { 'd.json': { dis: { compartments: [{ id: 'c1' }] } } }, /d\.json: dis\.compartments\[0\]\.id must be a compartment OCID/],
    ['DIS task in unknown project', { 'd.json': { dis: { workspaces: [{ displayName: 'w', compartmentId: 'ocid1.compartment.oc1..a', tasks: [{ modelType: 'INTEGRATION_TASK', name: 'T', identifier: 'T', project: 'NOPE' }] }] } } }, /d\.json: dis\.workspaces\[0\]\.tasks\[0\] \(T\)\.project 'NOPE' is not a project of this workspace/],
    ['DIS publish of unknown task', { 'd.json': { dis: { workspaces: [{ displayName: 'w', compartmentId: 'ocid1.compartment.oc1..a', applications: [{ name: 'A', identifier: 'A', publish: ['NOPE'] }] }] } } }, /d\.json: dis\.workspaces\[0\]\.applications\[0\]\.publish\[0\] 'NOPE' is not a task/],
    ['DIS bad API key', { 'd.json': { dis: { apiKeys: [{ publicKey: 'not a key' }] } } }, /d\.json: dis\.apiKeys\[0\]/],
    ['schedule without integration', { 's.json': { oic: { schedules: [{ name: 'S', frequency: 'HOURLY' }] } } }, /s\.json: oic\.schedules\[0\] \(S\)\.integrationId is required/],
    ['schedule of an unknown integration', { 's.json': { oic: { schedules: [{ integrationId: 'NOPE|01.00.0000', name: 'S', frequency: 'HOURLY' }] } } }, /s\.json: oic\.schedules\[0\] \(S\): .*NOPE/],
    ['schedule with a bad frequency', { 's.json': { oic: { schedules: [{ integrationId: 'X|01.00.0000', name: 'S', frequency: 'SOMETIMES' }] } } }, /s\.json: oic\.schedules\[0\]\.frequency must be one of/],
    ['history with bad lastDays', { 'e.json': { oic: { executions: [{ integrationId: 'X|01.00.0000', count: 5, lastDays: -1 }] } } }, /e\.json: oic\.executions\[0\]\.lastDays must be a number of days/],
    ['history with lastDays and startTime', { 'e.json': { oic: { executions: [{ integrationId: 'X|01.00.0000', count: 5, lastDays: 1, startTime: '2025-01-01T00:00:00Z' }] } } }, /give lastDays or startTime\/endTime, not both/],
    ['history without count', { 'e.json': { oic: { executions: [{ integrationId: 'X|01.00.0000' }] } } }, /e\.json: oic\.executions\[0\]\.count is required/],
    ['history of an unknown integration', { 'e.json': { oic: { executions: [{ integrationId: 'NOPE|01.00.0000', count: 5 }] } } }, /e\.json: oic\.executions\[0\]: .*NOPE/],
  ];
  for (const [name, files, message] of cases) {
    const msg = await startFails(t, files);
    t.match(msg, message, name);
  }
});

t.test('a missing fixtures folder or a file instead of a folder fails start-up', async (t) => {
  const app = await buildApp(makeConfig({ fixtures: path.join(os.tmpdir(), 'oie-no-such-folder') }));
  t.teardown(() => app.close());
  await t.rejects(async () => { await app.ready(); }, /fixtures folder .*oie-no-such-folder does not exist/);
  const dir = folder(t, { 'a.json': {} });
  const file = await buildApp(makeConfig({ fixtures: path.join(dir, 'a.json') }));
  t.teardown(() => file.close());
  await t.rejects(async () => { await file.ready(); }, /--fixtures must name a folder/);
});

t.test('without --fixtures the emulator starts empty', async (t) => {
  const { app, call } = await buildTestApp(t);
  t.same((await call({ method: 'GET', url: '/ic/api/projects/v1/projects' })).json().items, []);
  t.equal((await app.inject({ method: 'POST', url: '/_emulator/reset' })).json().fixtureObjects, 0);
});
