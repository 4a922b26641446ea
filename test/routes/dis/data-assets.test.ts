/**
 * Data assets (the seed's Object Storage JSON, verbatim) and connections.
 */
import t from 'tap';
import { ETAG, activeWorkspace, buildDisApp, expectOciError } from '../../helpers/dis';

/** /tmp/da_os.json from the seed article, with its placeholders filled in. */
const SEED_ASSET = `{
"name":"testda",
"modelType":"ORACLE_OBJECT_STORAGE_DATA_ASSET",
"identifier":"TESTDA",
"defaultConnection":
{ "name":"Default Connection", "modelType":"ORACLE_OBJECT_STORAGE_CONNECTION", "identifier":"DEFAULT_CONNECTION" }
,
"url":"https://objectstorage.us-ashburn-1.oraclecloud.com",
"tenancyId":"ocid1.tenancy.oc1..aaaaaaaatesttenancy",
"namespace":"PUTYOURNAMESPACEHERE"
}`;

t.test("the seed's data asset JSON works verbatim, with its default connection", async (t) => {
  const d = await buildDisApp(t);
  const ws = await activeWorkspace(d);
  const base = `/20200430/workspaces/${ws}`;
  const res = await d.call('POST', `${base}/dataAssets`, SEED_ASSET);
  t.equal(res.statusCode, 200, res.body);
  const asset = res.json();
  t.match(asset, {
    key: String,
    name: 'testda',
    identifier: 'TESTDA',
    modelType: 'ORACLE_OBJECT_STORAGE_DATA_ASSET',
    url: 'https://objectstorage.us-ashburn-1.oraclecloud.com',
    tenancyId: 'ocid1.tenancy.oc1..aaaaaaaatesttenancy',
    namespace: 'PUTYOURNAMESPACEHERE',
    objectVersion: 1,
    defaultConnection: { key: String, name: 'Default Connection', modelType: 'ORACLE_OBJECT_STORAGE_CONNECTION', identifier: 'DEFAULT_CONNECTION', isDefault: true },
  });
  t.equal(asset.defaultConnection.parentRef.parent, asset.key);
  t.match(res.headers.etag, ETAG);

  const got = await d.call('GET', `${base}/dataAssets/${asset.key}`);
  t.same(got.json(), asset);
  const listed = await d.call('GET', `${base}/dataAssets?type=ORACLE_OBJECT_STORAGE_DATA_ASSET`);
  t.same(listed.json().items.map((a: { key: string }) => a.key), [asset.key]);
  t.same((await d.call('GET', `${base}/dataAssets?type=ORACLE_ADWC_DATA_ASSET`)).json().items, []);
  const conns = await d.call('GET', `${base}/connections?dataAssetKey=${asset.key}`);
  t.same(conns.json().items.map((c: { key: string }) => c.key), [asset.defaultConnection.key]);
});

t.test('every data asset type gets a default connection of its kind; bad types are refused', async (t) => {
  const d = await buildDisApp(t);
  const ws = await activeWorkspace(d);
  const base = `/20200430/workspaces/${ws}`;
  const adw = await d.call('POST', `${base}/dataAssets`, { name: 'adw', identifier: 'ADW', modelType: 'ORACLE_ADWC_DATA_ASSET', serviceName: 'adw_low' });
  t.equal(adw.statusCode, 200);
  t.match(adw.json().defaultConnection, { name: 'Default Connection', identifier: 'DEFAULT_CONNECTION', modelType: 'ORACLE_ADWC_CONNECTION' });
  const rest = await d.call('POST', `${base}/dataAssets`, { name: 'api', identifier: 'API', modelType: 'REST_DATA_ASSET', defaultConnection: { name: 'basic', identifier: 'BASIC', modelType: 'REST_BASIC_AUTH_CONNECTION', username: 'u', password: 'secret' } });
  t.equal(rest.statusCode, 200);
  t.equal(rest.json().defaultConnection.username, 'u');
  t.notOk('password' in rest.json().defaultConnection, 'passwords are never returned');

  expectOciError(t, await d.call('POST', `${base}/dataAssets`, { name: 'x', identifier: 'X', modelType: 'EXCEL_DATA_ASSET' }), 400, 'InvalidParameter', /modelType must be one of/);
  expectOciError(t, await d.call('POST', `${base}/dataAssets`, { name: 'x', identifier: 'X', modelType: 'ORACLE_ATP_DATA_ASSET', defaultConnection: { name: 'c', identifier: 'C', modelType: 'MYSQL_CONNECTION' } }), 400, 'InvalidParameter', /defaultConnection\.modelType 'MYSQL_CONNECTION' does not fit a ORACLE_ATP_DATA_ASSET; use ORACLE_ATP_CONNECTION/);
  expectOciError(t, await d.call('POST', `${base}/dataAssets`, { name: 'x', identifier: 'X', modelType: 'ORACLE_ATP_DATA_ASSET', defaultConnection: { name: 'c', modelType: 'ORACLE_ATP_CONNECTION' } }), 400, 'MissingParameter', /defaultConnection\.identifier is required/);
  t.equal((await d.call('GET', `${base}/dataAssets`)).json().items.length, 2, 'refused assets left nothing behind');
  t.equal((await d.call('GET', `${base}/dataAssets?limit=1`)).headers['opc-total-items'], '2');
});

t.test('connections: list requires dataAssetKey; create, update, delete; the default one stays', async (t) => {
  const d = await buildDisApp(t);
  const ws = await activeWorkspace(d);
  const base = `/20200430/workspaces/${ws}`;
  const asset = (await d.call('POST', `${base}/dataAssets`, SEED_ASSET)).json();
  expectOciError(t, await d.call('GET', `${base}/connections`), 400, 'MissingParameter', /dataAssetKey is required/);
  expectOciError(t, await d.call('GET', `${base}/connections?dataAssetKey=nope`), 404, 'NotAuthorizedOrNotFound', /Data asset nope not found/);

  expectOciError(t, await d.call('POST', `${base}/connections`, { name: 'c2', identifier: 'C2', modelType: 'ORACLE_OBJECT_STORAGE_CONNECTION' }), 400, 'MissingParameter', /aggregatorKey is required: the key of the data asset/);
  expectOciError(t, await d.call('POST', `${base}/connections`, { name: 'c2', identifier: 'C2', modelType: 'ORACLEDB_CONNECTION', registryMetadata: { aggregatorKey: asset.key } }), 400, 'InvalidParameter', /does not fit a ORACLE_OBJECT_STORAGE_DATA_ASSET/);
  const c2 = await d.call('POST', `${base}/connections`, { name: 'c2', identifier: 'C2', modelType: 'ORACLE_OBJECT_STORAGE_CONNECTION', registryMetadata: { aggregatorKey: asset.key }, userId: 'ocid1.user.oc1..x', fingerPrint: 'aa:bb', passPhrase: 'hush' });
  t.equal(c2.statusCode, 200, c2.body);
  t.match(c2.json(), { isDefault: false, userId: 'ocid1.user.oc1..x' });
  t.notOk('passPhrase' in c2.json());
  expectOciError(t, await d.call('POST', `${base}/connections`, { name: 'c3', identifier: 'C2', modelType: 'ORACLE_OBJECT_STORAGE_CONNECTION', registryMetadata: { aggregatorKey: asset.key } }), 409, 'Conflict', /identifier C2 already exists in data asset/);
  t.equal((await d.call('GET', `${base}/connections?dataAssetKey=${asset.key}`)).json().items.length, 2);

  const upd = await d.call('PUT', `${base}/connections/${c2.json().key}`, { key: c2.json().key, modelType: 'ORACLE_OBJECT_STORAGE_CONNECTION', objectVersion: 1, description: 'second' }, { headers: { 'if-match': c2.headers.etag as string } });
  t.equal(upd.json().description, 'second');
  expectOciError(t, await d.call('DELETE', `${base}/connections/${asset.defaultConnection.key}`), 409, 'IncorrectState', /is the default connection of data asset/);
  t.equal((await d.call('DELETE', `${base}/connections/${c2.json().key}`)).statusCode, 204);

  // Update the asset (and its default connection's name); delete it with its connections.
  const got = await d.call('GET', `${base}/dataAssets/${asset.key}`);
  const up = await d.call('PUT', `${base}/dataAssets/${asset.key}`, { key: asset.key, modelType: asset.modelType, objectVersion: 1, namespace: 'realns', defaultConnection: { name: 'Renamed default' } }, { headers: { 'if-match': got.headers.etag as string } });
  t.equal(up.statusCode, 200, up.body);
  t.match(up.json(), { namespace: 'realns', objectVersion: 2, defaultConnection: { name: 'Renamed default', isDefault: true } });
  expectOciError(t, await d.call('PUT', `${base}/dataAssets/${asset.key}`, { key: asset.key, modelType: 'ORACLE_ADWC_DATA_ASSET', objectVersion: 2 }), 400, 'InvalidParameter', /cannot be changed/);
  t.equal((await d.call('DELETE', `${base}/dataAssets/${asset.key}`)).statusCode, 204);
  expectOciError(t, await d.call('GET', `${base}/connections/${asset.defaultConnection.key}`), 404, 'NotAuthorizedOrNotFound');
});
