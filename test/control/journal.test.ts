import t from 'tap';
import { buildTestApp, expectProblem, basic, userBasic } from '../helpers/app';
import { buildDisApp, USER } from '../helpers/dis';

const journal = async (app: any, query = '') => (await app.inject({ method: 'GET', url: `/_emulator/requests${query}` }));

t.test('each request is recorded, newest first; /_emulator itself is not', async (t) => {
  const { app, call } = await buildTestApp(t);
  await app.inject({ method: 'DELETE', url: '/_emulator/requests' });
  await call({ method: 'GET', url: '/ic/api/integration/v1/integrations?limit=5&offset=0', headers: { 'x-trace': 'abc' } });
  await app.inject({ method: 'GET', url: '/_emulator/health' });
  await app.inject({ method: 'GET', url: '/20200430/workspaces?compartmentId=ocid1.compartment.oc1..x', headers: { 'opc-request-id': 'MY-REQ' } });
  const res = await journal(app);
  t.equal(res.statusCode, 200);
  const body = res.json();
  t.equal(body.capacity, 1000);
  t.equal(body.size, 2);
  const [dis, oic] = body.items;
  t.match(oic, {
    method: 'GET',
    path: '/ic/api/integration/v1/integrations',
    query: { limit: '5', offset: '0' },
    api: 'oic',
    caller: 'oic-emulator-client',
    requestId: String,
    headers: { authorization: 'Bearer ***', 'x-trace': 'abc' },
    body: null,
    bodyBytes: 0,
    time: String,
    clockTime: String,
    durationMs: Number,
  });
  t.equal(typeof oic.status, 'number');
  t.match(dis, { api: 'dis', path: '/20200430/workspaces', query: { compartmentId: 'ocid1.compartment.oc1..x' } });
  t.ok(dis.seq > oic.seq, 'newest first');
  t.equal(dis.requestId, 'MY-REQ', 'DIS entries carry the opc-request-id');
});

t.test('secrets are masked in form bodies, JSON bodies, headers and the query', async (t) => {
  const { app } = await buildTestApp(t);
  await app.inject({ method: 'DELETE', url: '/_emulator/requests' });
  await app.inject({
    method: 'POST',
    url: '/oauth2/v1/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'grant_type=client_credentials&client_id=oic-emulator-client&client_secret=oic-emulator-secret&scope=s',
  });
  await app.inject({ method: 'GET', url: '/ic/api/integration/v1/integrations?access_token=abc.def&q=x', headers: { authorization: userBasic() } });
  await app.inject({
    method: 'POST',
    url: '/ic/api/nowhere',
    headers: { authorization: basic('x', 'y'), 'content-type': 'application/json', cookie: 'session=1' },
    payload: JSON.stringify({
      name: 'Prod DB',
      connectionProperties: { host: 'db', security: { username: 'scott', password: 'tiger', clientSecret: 's3' }, apiKey: 'k' },
      securityProperties: [{ propertyName: 'Password', propertyValue: 'hunter2' }, { propertyName: 'host', propertyValue: 'h' }],
      privateKey: '-----BEGIN',
    }),
  });
  const [json, query, form] = (await journal(app)).json().items;
  t.match(form.body, /client_secret=\*\*\*/);
  t.notMatch(form.body, /oic-emulator-secret/);
  t.match(form.body, /grant_type=client_credentials/, 'other fields kept');
  t.equal(query.query.access_token, '***');
  t.equal(query.query.q, 'x');
  t.equal(query.headers.authorization, 'Basic ***');
  const sent = JSON.parse(json.body);
  t.same(sent.connectionProperties.security, { username: 'scott', password: '***', clientSecret: '***' });
  t.equal(sent.connectionProperties.apiKey, '***');
  t.equal(sent.privateKey, '***');
  t.same(sent.securityProperties, [{ propertyName: 'Password', propertyValue: '***' }, { propertyName: 'host', propertyValue: 'h' }]);
  t.equal(json.headers.cookie, '***');
  t.notMatch(JSON.stringify(json), /tiger|hunter2|s3"/, 'no secret anywhere in the entry');
});

t.test('bodies are excerpts: long ones truncated, exact bytes (no defaults added), malformed JSON masked loosely', async (t) => {
  const { app } = await buildTestApp(t);
  await app.inject({ method: 'DELETE', url: '/_emulator/requests' });
  const big = JSON.stringify({ description: 'x'.repeat(10_000) });
  await app.inject({ method: 'POST', url: '/ic/api/nowhere', headers: { 'content-type': 'application/json' }, payload: big });
  await app.inject({ method: 'POST', url: '/ic/api/nowhere', headers: { 'content-type': 'application/json' }, payload: '{"password": "p1", "name": "n", ' });
  const [bad, long] = (await journal(app)).json().items;
  t.equal(long.bodyBytes, big.length);
  t.equal(long.body.length, 4096);
  t.equal(long.bodyTruncated, true);
  t.equal(bad.status, 400);
  t.equal(bad.errorCode, 'OIC-400001', 'the vendor error code of the response');
  t.match(bad.body, /"password": "\*\*\*"/);
  t.match(bad.body, /"name": "n"/);
});

t.test('filters: path prefix or glob, status or class, method, api, limit; bad filters are 400', async (t) => {
  const { app, call } = await buildTestApp(t);
  await app.inject({ method: 'DELETE', url: '/_emulator/requests' });
  await call({ method: 'GET', url: '/ic/api/integration/v1/integrations' });
  await call({ method: 'GET', url: '/ic/api/integration/v1/integrations/A%7C01.00.0000' });
  await call({ method: 'DELETE', url: '/ic/api/integration/v1/nothing/here' });
  await app.inject({ method: 'GET', url: '/20200430/workspaces' });
  const paths = async (q: string) => (await journal(app, q)).json().items.map((e: any) => `${e.method} ${e.path}`);
  t.same(await paths('?path=/ic/api/integration/v1/integrations/*'), ['GET /ic/api/integration/v1/integrations/A%7C01.00.0000']);
  t.same(await paths('?path=/ic/api/integration/v1/integrations/A|01.00.0000'), ['GET /ic/api/integration/v1/integrations/A%7C01.00.0000'], 'decoded paths match too');
  t.equal((await paths('?path=/ic/api')).length, 3, 'a prefix');
  t.equal((await paths('?path=/ic/**')).length, 3);
  t.same(await paths('?status=404&method=delete'), ['DELETE /ic/api/integration/v1/nothing/here']);
  t.ok((await paths('?status=4xx')).length >= 1);
  t.same(await paths('?api=dis'), ['GET /20200430/workspaces']);
  t.equal((await paths('?limit=2')).length, 2);
  expectProblem(t, await journal(app, '?status=abc'), 400, 'OIC-400001');
  const p = expectProblem(t, await journal(app, '?status=600'), 400, 'OIC-400001');
  t.match(p.detail, /status filter '600' must be a status code \(404\) or a class \(4xx\)/);
  t.match(expectProblem(t, await journal(app, '?path=ic/api'), 400, 'OIC-400001').detail, /must start with '\/'/);
  t.match(expectProblem(t, await journal(app, '?path=/a/***'), 400, 'OIC-400001').detail, /malformed/);
  t.match(expectProblem(t, await journal(app, '?limit=0'), 400, 'OIC-400001').detail, /querystring\.limit must be >= 1/);
  t.match(expectProblem(t, await journal(app, '?api=soap'), 400, 'OIC-400001').detail, /querystring\.api must be one of/);
});

t.test('the ring buffer keeps the last N (--journal-size); 0 turns the journal off; DELETE clears', async (t) => {
  const { app, call } = await buildTestApp(t, { journalSize: 3 });
  for (let i = 0; i < 5; i++) await call({ method: 'GET', url: `/ic/api/integration/v1/integrations?offset=${i}` });
  const body = (await journal(app)).json();
  t.equal(body.capacity, 3);
  t.same(body.items.map((e: any) => e.query.offset), ['4', '3', '2']);
  t.same((await app.inject({ method: 'DELETE', url: '/_emulator/requests' })).json(), { removed: 3 });
  t.same((await journal(app)).json().items, []);
  const off = await buildTestApp(t, { journalSize: 0 });
  await off.call({ method: 'GET', url: '/ic/api/integration/v1/integrations' });
  t.same((await journal(off.app)).json(), { capacity: 0, size: 0, items: [] });
});

t.test('faulted requests are journaled with their status', async (t) => {
  const { app, call } = await buildTestApp(t);
  await app.inject({ method: 'POST', url: '/_emulator/faults', payload: { kind: 'error', status: 503, count: 1 } });
  await call({ method: 'GET', url: '/ic/api/integration/v1/integrations' });
  const [entry] = (await journal(app, '?status=503')).json().items;
  t.match(entry, { status: 503, errorCode: 'OIC-503001', path: '/ic/api/integration/v1/integrations' });
});

t.test('signed DIS requests: the key owner as caller, the signature masked', async (t) => {
  const d = await buildDisApp(t);
  await d.call('GET', '/20200430/workspaces?compartmentId=ocid1.compartment.oc1..x');
  const [entry] = (await journal(d.app, '?api=dis')).json().items;
  t.match(entry, { api: 'dis', caller: USER, status: 200, requestId: String });
  t.match(entry.headers.authorization, /^Signature \*\*\*$/);
  t.notMatch(JSON.stringify(entry), /signature="/);
});
