/**
 * Service-instance archives: exportServiceInstanceArchive and
 * importServiceInstanceArchive as jobs on the emulator clock, the archive
 * downloaded from one emulator and imported into an empty one.
 */
import t from 'tap';
import { expectProblem } from '../../../helpers/app';
import { API, SEED_PROJECTS, activate, enc, multipart, realApp, seedIntegration, type RealTestApp } from '../../../helpers/real-oic';

const COMMON = '/ic/api/common/v1';
const EXPORT = `${COMMON}/exportServiceInstanceArchive`;
const IMPORT = `${COMMON}/importServiceInstanceArchive`;
const STORAGE = { storageUrl: 'https://objectstorage.example.com/v1/tenancy/bucket', storageUser: 'me', storagePassword: 'secret' };

/** An instance with a project, connections (one with a secret and an attachment), a lookup and two integrations (one active). */
async function populate(c: RealTestApp) {
  await c.ok('POST', SEED_PROJECTS, { name: 'Orders', identifier: 'ORDERS' });
  await c.ok('POST', `${API}/connections`, { name: 'Vault', identifier: 'VAULT', adapterType: 'rest', connectionProperties: { baseUrl: 'https://vault.example.com', security: { username: 'u', password: 'p@ss' } } });
  await c.call({ method: 'POST', url: `${API}/connections/VAULT/attachments/keystore`, ...multipart([{ field: 'file', name: 'ks.jks', content: 'KEYSTORE' }]) });
  await c.ok('POST', '/ic/api/integration/v1/lookups', { name: 'Countries', identifier: 'COUNTRIES', columns: [{ name: 'code', type: 'STRING' }, { name: 'name', type: 'STRING' }], data: [{ code: 'FR', name: 'France' }] });
  const a = await seedIntegration(c, 'HELLO_WORLD');
  await seedIntegration(c, 'IN_PROJECT', { projectId: 'ORDERS' });
  await activate(c, a);
}

async function exportArchive(c: RealTestApp, jobName: string, secrets = true) {
  const res = await c.call({ method: 'POST', url: `${EXPORT}?integrationInstance=x`, payload: { jobName, exportSecurityArtifacts: secrets, description: 'nightly', storageInfo: STORAGE } });
  t.equal(res.statusCode, 202, res.body);
  return res;
}

t.test('export: a job that moves on the clock; the archive is readable once COMPLETED', async (t) => {
  const c = await realApp(t);
  await populate(c);
  const res = await exportArchive(c, 'export_si_1');
  const job = res.json();
  t.equal(res.headers.location, `${EXPORT}/${job.jobId}`);
  t.match(job, {
    jobName: 'export_si_1', jobType: 'EXPORT', status: 'NOT_STARTED', description: 'nightly', archiveFile: 'export_si_1', exportSecurityArtifacts: true,
    storageInfo: { storageUrl: STORAGE.storageUrl, storageUser: 'me' }, createdTime: '2025-06-15T10:00:00.000Z',
    summary: { projects: 1, connections: 3, lookups: 1, integrations: 2, attachments: 1 },
  });
  t.equal(job.storageInfo.storagePassword, undefined, 'the storage password is never answered');
  t.match(expectProblem(t, await c.call({ method: 'GET', url: `${COMMON}/serviceInstanceArchives/export_si_1` }), 404, 'OIC-404001').detail, /not written yet/);
  t.match(expectProblem(t, await c.call({ method: 'POST', url: EXPORT, payload: { jobName: 'another' } }), 409, 'OIC-409001').detail, /already in progress/);

  await c.advance(1);
  t.match(await c.ok('GET', res.headers.location as string), { status: 'IN_PROGRESS', startTime: '2025-06-15T10:00:01.000Z' });
  await c.advance(2);
  t.match(await c.ok('GET', `${EXPORT}/${job.jobId}?integrationInstance=x`), { status: 'COMPLETED', endTime: '2025-06-15T10:00:03.000Z', message: "Exported to 'export_si_1'" });
  const zip = await c.call({ method: 'GET', url: `${COMMON}/serviceInstanceArchives/export_si_1` });
  t.equal(zip.statusCode, 200);
  t.equal(zip.headers['content-type'], 'application/octet-stream');
  t.equal(zip.rawPayload.subarray(0, 2).toString('latin1'), 'PK');

  t.match(expectProblem(t, await c.call({ method: 'POST', url: EXPORT, payload: { jobName: 'export_si_1' } }), 409, 'OIC-409001').detail, /already used/);
  const before = c.snapshot();
  t.match(expectProblem(t, await c.call({ method: 'POST', url: EXPORT, payload: { exportSecurityArtifacts: true } }), 400, 'OIC-400001').detail, /jobName/);
  t.match(expectProblem(t, await c.call({ method: 'POST', url: EXPORT, payload: { jobName: '../etc' } }), 400, 'OIC-400001').detail, /jobName '..\/etc'/);
  t.match(expectProblem(t, await c.call({ method: 'POST', url: EXPORT, payload: { jobName: 'x', storageInfo: { storageUrl: 'ftp://x' } } }), 400, 'OIC-400001').detail, /storageUrl/);
  expectProblem(t, await c.call({ method: 'POST', url: EXPORT, payload: { jobName: 'x', bogus: 1 } }), 400, 'OIC-400001');
  t.equal(c.snapshot(), before, 'refused requests wrote nothing');
  expectProblem(t, await c.call({ method: 'GET', url: `${EXPORT}/nope` }), 404, 'OIC-404001');
  expectProblem(t, await c.call({ method: 'GET', url: `${IMPORT}/${job.jobId}` }), 404, 'OIC-404001');
});

t.test('import into an empty emulator restores everything (secrets, attachment, project, activation)', async (t) => {
  const a = await realApp(t);
  await populate(a);
  await exportArchive(a, 'clone_me');
  await a.advance(3);
  const bytes = (await a.call({ method: 'GET', url: `${COMMON}/serviceInstanceArchives/clone_me` })).rawPayload;

  const b = await realApp(t);
  const up = await b.call({ method: 'PUT', url: `${COMMON}/serviceInstanceArchives/clone_me`, ...multipart([{ field: 'file', name: 'clone_me.zip', content: bytes }]) });
  t.equal(up.statusCode, 200, up.body);
  t.match(up.json(), { archiveFile: 'clone_me', size: bytes.length, exportedTime: '2025-06-15T10:00:00.000Z', contents: { projects: 1, connections: 3, lookups: 1, integrations: 2 } });

  const res = await b.call({ method: 'POST', url: `${IMPORT}?integrationInstance=x`, payload: { archiveFile: 'clone_me', jobName: 'Import of clone_me', importSecurityArtifacts: true, importActivateMode: 'importActivate', storageInfo: STORAGE } });
  t.equal(res.statusCode, 202, res.body);
  t.match(res.json(), { jobType: 'IMPORT', status: 'NOT_STARTED', archiveFile: 'clone_me', importSecurityArtifacts: true, importActivateMode: 'importActivate' });
  t.equal(res.headers.location, `${IMPORT}/${res.json().jobId}`);
  t.equal((await b.ok('GET', `${API}/integrations`)).items.length, 0, 'nothing before the job completes');
  await b.advance(1);
  t.equal((await b.ok('GET', res.headers.location as string)).status, 'IN_PROGRESS');
  await b.advance(2);
  const done = await b.ok('GET', res.headers.location as string);
  t.match(done, { status: 'COMPLETED', endTime: '2025-06-15T10:00:03.000Z', summary: { projects: 1, connections: 3, lookups: 1, integrations: 2, attachments: 1 } });

  const integrations = (await b.ok('GET', `${API}/integrations?orderBy=name`)).items.map((i: any) => [i.identifier, i.status, i.projectId ?? null]);
  t.same(integrations, [['HELLO_WORLD', 'ACTIVE', null], ['IN_PROJECT', 'CONFIGURED', 'ORDERS']]);
  t.equal((await b.ok('GET', `${SEED_PROJECTS}/ORDERS`)).name, 'Orders');
  const lookup = await b.ok('GET', `${API}/lookups/COUNTRIES`);
  t.equal(lookup.name, 'Countries');
  t.same(lookup.rows, [{ rowData: ['FR', 'France'] }]);
  t.equal((await b.call({ method: 'GET', url: `${API}/connections/VAULT/attachments/keystore` })).body, 'KEYSTORE');
  const secret = (b.app.ctx.db.prepare("SELECT doc FROM oic_connections WHERE id = 'VAULT'").get() as { doc: string }).doc;
  t.match(secret, /p@ss/, 'the secret came along (exportSecurityArtifacts and importSecurityArtifacts)');
  t.same((await b.call({ method: 'GET', url: `${API}/integrations/${enc('HELLO_WORLD|01.00.0000')}/archive` })).statusCode, 200);
  t.match(expectProblem(t, await b.call({ method: 'POST', url: IMPORT, payload: { archiveFile: 'clone_me', jobName: 'Import of clone_me' } }), 409, 'OIC-409001').detail, /already used/);

  // Again, over what the first import wrote (importOnly: the active integration is left active, so it cannot be replaced).
  await b.ok('POST', `${API}/integrations/${enc('HELLO_WORLD|01.00.0000')}`, { status: 'CONFIGURED' }, { 'x-http-method-override': 'PATCH' });
  const again = await b.ok('POST', IMPORT, { archiveFile: 'clone_me', jobName: 'second import' });
  await b.advance(3);
  t.match(await b.ok('GET', `${IMPORT}/${again.jobId}`), { status: 'COMPLETED', summary: { projects: 1, connections: 3, lookups: 1, integrations: 2 } });
  t.equal((await b.ok('GET', `${API}/integrations?limit=1`)).totalResults, 2, 'replaced, not duplicated');
});

t.test('import: bad requests refused at once; a failing import is FAILED and writes nothing; secrets stay out unless asked', async (t) => {
  const a = await realApp(t);
  await populate(a);
  await exportArchive(a, 'no_secrets', false);
  await a.advance(3);
  const before = a.snapshot();
  t.match(expectProblem(t, await a.call({ method: 'POST', url: IMPORT, payload: { archiveFile: 'missing', jobName: 'j' } }), 404, 'OIC-404001').detail, /'missing' does not exist/);
  t.match(expectProblem(t, await a.call({ method: 'POST', url: IMPORT, payload: { archiveFile: 'no_secrets' } }), 400, 'OIC-400001').detail, /jobName/);
  expectProblem(t, await a.call({ method: 'POST', url: IMPORT, payload: { archiveFile: 'no_secrets', jobName: 'j', importActivateMode: 'sometimes' } }), 400, 'OIC-400001');
  t.match(expectProblem(t, await a.call({ method: 'PUT', url: `${COMMON}/serviceInstanceArchives/junk`, ...multipart([{ field: 'file', name: 'junk.zip', content: 'not a zip' }]) }), 400, 'OIC-400001').detail, /.+/);
  t.equal(a.snapshot(), before, 'nothing written');

  // Into the same instance: HELLO_WORLD is active, so replacing it fails the whole job.
  const res = await a.call({ method: 'POST', url: IMPORT, payload: { archiveFile: 'no_secrets', jobName: 'again' } });
  t.equal(res.statusCode, 202, res.body);
  await a.ok('DELETE', `${API}/lookups/COUNTRIES`);
  await a.advance(3);
  const failed = await a.ok('GET', `${IMPORT}/${res.json().jobId}`);
  t.equal(failed.status, 'FAILED');
  t.match(failed.message, /^Import of 'no_secrets' failed, nothing was imported: .*HELLO_WORLD/);
  expectProblem(t, await a.call({ method: 'GET', url: `${API}/lookups/COUNTRIES` }), 404, 'OIC-404001');

  const b = await realApp(t);
  const bytes = (await a.call({ method: 'GET', url: `${COMMON}/serviceInstanceArchives/no_secrets` })).rawPayload;
  await b.ok('PUT', `${COMMON}/serviceInstanceArchives/no_secrets`, multipart([{ field: 'file', name: 'n.zip', content: bytes }]).payload, multipart([]).headers);
  const imp = await b.ok('POST', IMPORT, { archiveFile: 'no_secrets', jobName: 'j1', importSecurityArtifacts: true });
  await b.advance(3);
  t.equal((await b.ok('GET', `${IMPORT}/${imp.jobId}`)).status, 'COMPLETED');
  const doc = (b.app.ctx.db.prepare("SELECT doc FROM oic_connections WHERE id = 'VAULT'").get() as { doc: string }).doc;
  t.notMatch(doc, /p@ss/, 'exported without security artifacts: no secret to import');
  t.equal((await b.ok('GET', `${API}/integrations/${enc('HELLO_WORLD|01.00.0000')}`)).status, 'CONFIGURED', 'importOnly does not activate');
});
