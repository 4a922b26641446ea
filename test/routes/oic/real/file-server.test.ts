/**
 * The File Server API (/ic/api/fileserver/v1, Oracle's "Developer API for
 * File Server"): configuration, the sftp service's status, folders by path
 * id with their child folders and files, permissions, and files whose bytes
 * are kept (the emulator's upload/download paths).
 */
import t from 'tap';
import { expectProblem } from '../../../helpers/app';
import { MON, enc, realApp } from '../../../helpers/real-oic';
import { DEFAULT_CLIENT } from '../../../../src/config';

const FS = '/ic/api/fileserver/v1';
const b64 = (path: string) => Buffer.from(path).toString('base64url');
const octet = { 'content-type': 'application/octet-stream' };

t.test('folders, files with their bytes, listing with filterPattern, delete', async (t) => {
  const c = await realApp(t);
  const created = await c.call({ method: 'POST', url: `${FS}/filesystem/directories`, payload: { name: 'upload', parent: '/' } });
  t.equal(created.statusCode, 200);
  t.equal(created.json(), b64('/upload'), "the answer is the folder's path id");
  t.equal(created.headers.location, `${FS}/filesystem/directories/${b64('/upload')}`);
  const inbound = (await c.ok('POST', `${FS}/filesystem/directories`, { name: 'inbound', parent: '/upload/' })) as string;
  t.equal(inbound, b64('/upload/inbound'));

  const csv = Buffer.from('id,amount\n1,10\n2,20\n');
  const put = await c.call({ method: 'PUT', url: `${FS}/filesystem/directories/${inbound}/files/orders.csv`, payload: csv, headers: octet });
  t.equal(put.statusCode, 201);
  t.match(put.json(), { name: 'orders.csv', parent: '/upload/inbound', size: String(csv.length), createdDate: '2025-06-15T10:00:00.000Z' });
  const binary = Buffer.from([0, 1, 2, 250, 255]);
  await c.call({ method: 'PUT', url: `${FS}/filesystem/directories/${inbound}/files/blob.bin`, payload: binary, headers: octet });
  await c.advance(60);
  const again = await c.call({ method: 'PUT', url: `${FS}/filesystem/directories/${inbound}/files/orders.csv`, payload: Buffer.from('id\n'), headers: octet });
  t.equal(again.statusCode, 200, 'overwrite: 200');
  t.equal(again.json().lastModifiedDate, '2025-06-15T10:01:00.000Z');

  const got = await c.call({ method: 'GET', url: `${FS}/filesystem/directories/${inbound}/files/blob.bin` });
  t.equal(got.statusCode, 200);
  t.equal(got.headers['content-type'], 'application/octet-stream');
  t.same(got.rawPayload, binary, 'the bytes as written');

  const dir = await c.ok('GET', `${FS}/filesystem/directories/${inbound}`);
  t.match(dir, { guid: inbound, path: '/upload/inbound', createDate: '2025-06-15T10:00:00.000Z', directories: [] });
  t.same(dir.files.map((f: any) => `${f.name}:${f.size}`), ['/upload/inbound/blob.bin', '/upload/inbound/orders.csv'].map((p, i) => `${p.split('/').pop()}:${i ? 3 : 5}`));
  t.same((await c.ok('GET', `${FS}/filesystem/directories/${inbound}?filterPattern=*.csv`)).files.map((f: any) => f.name), ['orders.csv']);
  t.same((await c.ok('GET', `${FS}/filesystem/directories/${inbound}?listFiles=false`)).files, []);
  const root = await c.ok('GET', `${FS}/filesystem`);
  t.match(root, { guid: b64('/'), path: '/', directories: [{ name: 'upload', parent: '/' }], files: [] });
  t.match(await c.ok('GET', `${FS}/filesystem/configuration`), { usedBytes: 8, fileCount: 2, rootDirectory: '/' });

  const perms = await c.ok('GET', `${FS}/filesystem/directories/${inbound}/permissions`);
  t.same(perms.items[0], { principal: DEFAULT_CLIENT.clientId, principalType: 'USER', permissions: ['READ', 'WRITE', 'DELETE', 'LIST'], inherited: false });

  const snap = c.snapshot();
  expectProblem(t, await c.call({ method: 'DELETE', url: `${FS}/filesystem/directories/${b64('/upload')}` }), 409, 'OIC-409001');
  expectProblem(t, await c.call({ method: 'POST', url: `${FS}/filesystem/directories`, payload: { name: 'inbound', parent: '/upload' } }), 409, 'OIC-409001');
  expectProblem(t, await c.call({ method: 'POST', url: `${FS}/filesystem/directories`, payload: { name: 'x', parent: '/nope' } }), 404, 'OIC-404001');
  for (const name of ['..', 'a/b', '', 'tab\there']) {
    expectProblem(t, await c.call({ method: 'POST', url: `${FS}/filesystem/directories`, payload: { name, parent: '/' } }), 400, 'OIC-400001');
  }
  expectProblem(t, await c.call({ method: 'PUT', url: `${FS}/filesystem/directories/${inbound}/files/x.txt`, payload: { a: 1 } }), 415, 'OIC-415001');
  expectProblem(t, await c.call({ method: 'PUT', url: `${FS}/filesystem/directories/${b64('/nope')}/files/x.txt`, payload: csv, headers: octet }), 404, 'OIC-404001');
  expectProblem(t, await c.call({ method: 'GET', url: `${FS}/filesystem/directories/not-a-guid!` }), 404, 'OIC-404001');
  expectProblem(t, await c.call({ method: 'DELETE', url: `${FS}/filesystem/directories/${b64('/')}` }), 400, 'OIC-400001');
  t.equal(c.snapshot(), snap, 'refused writes change nothing');

  t.equal((await c.call({ method: 'DELETE', url: `${FS}/filesystem/directories/${inbound}/files/blob.bin` })).statusCode, 200);
  expectProblem(t, await c.call({ method: 'GET', url: `${FS}/filesystem/directories/${inbound}/files/blob.bin` }), 404, 'OIC-404001');
  t.equal((await c.call({ method: 'DELETE', url: `${FS}/filesystem/directories/${b64('/upload')}?recursive=true` })).statusCode, 200);
  t.same((await c.ok('GET', `${FS}/filesystem`)).directories, []);
  t.match(await c.ok('GET', `${FS}/filesystem/configuration`), { usedBytes: 0, fileCount: 0 });
  const audit = await c.ok('GET', `${MON}/auditRecords?q=${enc("{type: 'ICS_FileServer'}")}`);
  t.same(audit.items.map((r: any) => `${r.action} ${r.resourceId}`), [
    'DELETE /upload', 'DELETE /upload/inbound/blob.bin', 'IMPORT /upload/inbound/orders.csv', 'IMPORT /upload/inbound/blob.bin',
    'IMPORT /upload/inbound/orders.csv', 'CREATE /upload/inbound', 'CREATE /upload',
  ]);
});

t.test('configuration limits and the sftp service', async (t) => {
  const c = await realApp(t);
  t.match(await c.ok('PUT', `${FS}/filesystem/configuration`, { maxFileSizeBytes: 10, quotaBytes: 15 }), { maxFileSizeBytes: 10, quotaBytes: 15, usedBytes: 0 });
  const root = b64('/');
  t.equal((await c.call({ method: 'PUT', url: `${FS}/filesystem/directories/${root}/files/a.txt`, payload: Buffer.from('0123456789'), headers: octet })).statusCode, 201);
  expectProblem(t, await c.call({ method: 'PUT', url: `${FS}/filesystem/directories/${root}/files/b.txt`, payload: Buffer.from('0123456789a'), headers: octet }), 413, 'OIC-413001');
  t.match(expectProblem(t, await c.call({ method: 'PUT', url: `${FS}/filesystem/directories/${root}/files/b.txt`, payload: Buffer.from('012345'), headers: octet }), 409, 'OIC-409001').detail, /Quota exceeded/);
  t.equal((await c.call({ method: 'PUT', url: `${FS}/filesystem/directories/${root}/files/a.txt`, payload: Buffer.from('0123'), headers: octet })).statusCode, 200, 'overwriting counts the new size only');
  t.match(expectProblem(t, await c.call({ method: 'PUT', url: `${FS}/filesystem/configuration`, payload: { quotaBytes: 3 } }), 400, 'OIC-400001').detail, /below what the files already use/);
  expectProblem(t, await c.call({ method: 'PUT', url: `${FS}/filesystem/configuration`, payload: { colour: 'red' } }), 400, 'OIC-400001');

  t.same(await c.ok('GET', `${FS}/services`), [{ serviceType: 'sftp', status: 'RUNNING' }]);
  t.same(await c.ok('PUT', `${FS}/services/sftp`, { serviceType: 'sftp', status: 'STOPPED' }), { serviceType: 'sftp', status: 'STOPPED' });
  t.same(await c.ok('GET', `${FS}/services/sftp`), { serviceType: 'sftp', status: 'STOPPED' });
  expectProblem(t, await c.call({ method: 'PUT', url: `${FS}/services/sftp`, payload: { status: 'FAILED' } }), 400, 'OIC-400001');
  expectProblem(t, await c.call({ method: 'GET', url: `${FS}/services/ftp` }), 404, 'OIC-404001');
  expectProblem(t, await c.call({ method: 'GET', url: `${FS}/services`, headers: { authorization: '' } }), 401, 'OIC-401001');
});
