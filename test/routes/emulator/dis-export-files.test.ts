/**
 * The export files held by the emulator (/_emulator/dis/export-files): what
 * an export request wrote can be listed and downloaded, a hand-written
 * bundle can be uploaded and imported through the official SDK, bad bundles
 * are refused with nothing stored, and files can be deleted.
 */
import t from 'tap';
import { di, ociError, sdkHarness } from '../dis/sdk-harness';

/** A bundle written by hand in the documented layout: a project with a folder holding a task. */
const BUNDLE = {
  format: 'oracle-integration-emulator/dis-export',
  formatVersion: 1,
  objects: [
    { kind: 'project', role: 'selected', key: '11111111-1111-4111-8111-111111111111', aggregatorKey: null, name: 'Fixture', identifier: 'FIXTURE', modelType: 'PROJECT', doc: { description: 'from a fixture' } },
    { kind: 'folder', role: 'contained', key: '22222222-2222-4222-8222-222222222222', aggregatorKey: '11111111-1111-4111-8111-111111111111', name: 'In', identifier: 'IN', modelType: 'FOLDER', doc: {} },
    { kind: 'task', role: 'contained', key: '33333333-3333-4333-8333-333333333333', aggregatorKey: '22222222-2222-4222-8222-222222222222', name: 'Run SQL', identifier: 'RUN_SQL', modelType: 'SQL_TASK', doc: { modelType: 'SQL_TASK', description: 'runs a script' } },
  ],
};

t.test('export files: list, download, upload, import, delete', async (t) => {
  const h = await sdkHarness(t);
  const { dis, url } = h;
  const ws = await h.workspace();
  const project = (await dis.createProject({ workspaceId: ws, createProjectDetails: { name: 'Sales', identifier: 'SALES' } })).project;
  const exp = (await dis.createExportRequest({ workspaceId: ws, createExportRequestDetails: { bucketName: 'bkt', fileName: 'sales.zip', objectKeys: [project.key!] } })).exportRequest;
  h.clock.advance(6000);

  const listed = await (await fetch(`${url}/_emulator/dis/export-files`)).json() as { items: Array<Record<string, unknown>> };
  t.same(listed.items.map((f) => [f.bucket, f.fileName, f.workspaceId, f.exportKey, f.objectCount]), [['bkt', 'sales.zip', ws, exp.key, 1]]);
  const file = await (await fetch(`${url}/_emulator/dis/export-files/bkt/sales.zip`)).json() as { format: string; objects: Array<{ key: string; name: string; doc: { key: string } }> };
  t.equal(file.format, 'oracle-integration-emulator/dis-export');
  t.same(file.objects.map((o) => [o.key, o.name, o.doc.key]), [[project.key, 'Sales', project.key]], 'the project, as exported');

  // Bad uploads: 400, nothing stored.
  const put = (body: unknown, name = 'fixture.json') => fetch(`${url}/_emulator/dis/export-files/fixtures/${name}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const bad = [
    { ...BUNDLE, format: 'zip' },
    { ...BUNDLE, objects: [{ ...BUNDLE.objects[0], kind: 'application' }] },
    { ...BUNDLE, objects: [{ ...BUNDLE.objects[0], identifier: 'lower' }] },
    { ...BUNDLE, objects: [BUNDLE.objects[1]] },
    { ...BUNDLE, objects: [BUNDLE.objects[0], BUNDLE.objects[0]] },
  ];
  for (const body of bad) t.equal((await put(body)).status, 400, 'refused');
  t.equal((await fetch(`${url}/_emulator/dis/export-files/fixtures/fixture.json`)).status, 404, 'nothing stored');

  // A hand-written bundle, imported through the SDK.
  const stored = await put(BUNDLE);
  t.equal(stored.status, 201);
  t.same(await stored.json(), { bucket: 'fixtures', fileName: 'fixture.json', objectCount: 3 });
  t.equal((await put(BUNDLE)).status, 200, 'a second upload replaces it');
  const imp = (await dis.createImportRequest({ workspaceId: ws, createImportRequestDetails: { bucketName: 'fixtures', fileName: 'fixture.json' } })).importRequest;
  h.clock.advance(6000);
  const done = (await dis.getImportRequest({ workspaceId: ws, importRequestKey: imp.key! })).importRequest;
  t.equal(done.status, 'SUCCESSFUL');
  t.same(done.importedObjects!.map((o) => [o.namePath, o.resolutionAction]), [['Fixture', 'CREATED'], ['Fixture/In', 'CREATED'], ['Fixture/In/Run SQL', 'CREATED']]);
  const task = (await dis.getTask({ workspaceId: ws, taskKey: '33333333-3333-4333-8333-333333333333' })).task;
  t.same([task.name, task.identifier, task.modelType, task.description, task.parentRef?.parent], ['Run SQL', 'RUN_SQL', 'SQL_TASK', 'runs a script', '22222222-2222-4222-8222-222222222222']);
  t.equal((await dis.listTasks({ workspaceId: ws, folderId: '22222222-2222-4222-8222-222222222222' })).taskSummaryCollection.items.length, 1);

  // Delete: the import then finds nothing.
  t.equal((await fetch(`${url}/_emulator/dis/export-files/fixtures/fixture.json`, { method: 'DELETE' })).status, 204);
  t.equal((await fetch(`${url}/_emulator/dis/export-files/fixtures/fixture.json`, { method: 'DELETE' })).status, 404);
  const gone = await ociError(dis.createImportRequest({ workspaceId: ws, createImportRequestDetails: { bucketName: 'fixtures', fileName: 'fixture.json' } }));
  t.equal(gone.statusCode, 400);
  t.equal(gone.serviceCode, 'RelatedResourceNotAuthorizedOrNotFound');
  t.ok(di);
});

t.test('a DIS reset forgets export files and pending transfers', async (t) => {
  const h = await sdkHarness(t);
  const ws = await h.workspace();
  const project = (await h.dis.createProject({ workspaceId: ws, createProjectDetails: { name: 'P', identifier: 'P' } })).project;
  await h.dis.createExportRequest({ workspaceId: ws, createExportRequestDetails: { bucketName: 'b', fileName: 'one.zip', objectKeys: [project.key!] } });
  h.clock.advance(6000);
  await h.dis.createExportRequest({ workspaceId: ws, createExportRequestDetails: { bucketName: 'b', fileName: 'two.zip', objectKeys: [project.key!] } });
  t.equal((await fetch(`${h.url}/_emulator/reset?api=dis`, { method: 'POST' })).status < 300, true, 'reset');
  t.same((await (await fetch(`${h.url}/_emulator/dis/export-files`)).json() as { items: unknown[] }).items, [], 'no files');
  h.clock.advance(6000);
  t.same((await (await fetch(`${h.url}/_emulator/dis/export-files`)).json() as { items: unknown[] }).items, [], 'and the pending export did not run after the reset');
});
