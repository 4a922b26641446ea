/**
 * The rest of the real design-time surface (reference 2.1-2.2):
 * integrationInstance on every call, archive import with a Location header
 * and Oracle's 409-then-PUT flow, clone with {code, version, name,
 * description}, GET /integrations?orderBy=time, connection update with
 * X-HTTP-Method-Override: PATCH, packages.
 */
import t from 'tap';
import { expectProblem } from '../../../helpers/app';
import { API, PATCH, enc, expectOracleError, multipart, realApp, seedIntegration } from '../../../helpers/real-oic';

t.test('integrationInstance: any name by default (an instance of its own, made on first use); with --strict-auth only existing instances', async (t) => {
  const lenient = await realApp(t);
  for (const url of [`${API}/integrations?integrationInstance=anything`, `${API}/integrations?integrationInstance=`, '/ic/api/monitoring/v1/executions/x?integrationInstance=y']) {
    t.not((await lenient.call({ method: 'GET', url })).statusCode, 400, `${url} accepted`);
  }
  // The spec declares one value: given twice is a 400 in both modes.
  t.match(expectOracleError(t, await lenient.call({ method: 'GET', url: `${API}/integrations?integrationInstance=a&integrationInstance=b` }), 400, 'OIC-400001').detail, /integrationInstance/);
  const strict = await realApp(t, { strictAuth: true, instanceName: 'teamoic3-abc-fr' });
  t.equal((await strict.call({ method: 'GET', url: `${API}/integrations?integrationInstance=teamoic3-abc-fr` })).statusCode, 200);
  t.equal((await strict.call({ method: 'GET', url: `${API}/integrations` })).statusCode, 200, 'absent is accepted (the seed has no such parameter)');
  const wrong = expectOracleError(t, await strict.call({ method: 'GET', url: `${API}/integrations?integrationInstance=other` }), 404, 'OIC-404001');
  t.match(wrong.detail, /^Service instance 'other' \(integrationInstance\) does not exist; .*\(teamoic3-abc-fr\)$/, 'names the instance and those that exist');
  t.match(expectOracleError(t, await strict.call({ method: 'GET', url: `${API}/integrations?integrationInstance=a&integrationInstance=b` }), 400, 'OIC-400001').detail, /given 2 times/);
  const before = strict.snapshot();
  expectOracleError(t, await strict.call({ method: 'POST', url: `${API}/lookups?integrationInstance=other`, payload: { name: 'x', identifier: 'X', columns: [{ name: 'a', type: 'STRING' }] } }), 404, 'OIC-404001');
  t.equal(strict.snapshot(), before, 'checked before anything is written');
  t.equal((await strict.call({ method: 'GET', url: `${API}/integrations?integrationInstance=other`, headers: { authorization: '' } })).statusCode, 401, 'authentication first');
});

t.test('archive import: Location header; Oracle\'s POST, 409, then PUT flow; clone with {code, version, name, description}', async (t) => {
  const c = await realApp(t);
  const id = await seedIntegration(c);
  const iar = (await c.call({ method: 'GET', url: `${API}/integrations/${enc(id)}/archive` })).rawPayload;
  const body = () => multipart([{ field: 'file', name: 'HELLO_WORLD_01.00.0000.iar', content: iar }], { type: 'application/octet-stream' });

  const conflict = await c.call({ method: 'POST', url: `${API}/integrations/archive?integrationInstance=x`, headers: { accept: 'application/json', ...body().headers }, payload: body().payload });
  t.equal(conflict.statusCode, 409);
  t.match(String(conflict.json().status), /409/, 'jq .status contains 409: the script then PUTs');
  const replaced = await c.call({ method: 'PUT', url: `${API}/integrations/archive`, ...body() });
  t.equal(replaced.statusCode, 200, 'the seed wins: 200 with a body (Oracle answers 204)');
  t.equal(replaced.headers.location, `${API}/integrations/HELLO_WORLD%7C01.00.0000`);

  await c.ok('DELETE', `${API}/integrations/${enc(id)}`);
  const added = await c.call({ method: 'POST', url: `${API}/integrations/archive`, ...body() });
  t.equal(added.statusCode, 201);
  t.equal(added.headers.location, `${API}/integrations/HELLO_WORLD%7C01.00.0000`);
  t.equal((await c.call({ method: 'GET', url: added.headers.location as string })).statusCode, 200, 'the Location can be followed');
  expectProblem(t, await c.call({ method: 'POST', url: `${API}/integrations/archive`, ...multipart([]) }), 400, 'OIC-400001');

  const clone = await c.call({ method: 'POST', url: `${API}/integrations/${enc(id)}/clone`, payload: { code: 'CLONEDINTEGRATION', version: '01.00.0000', name: 'ClonedIntegration', description: 'cloned the real way' } });
  t.equal(clone.statusCode, 201, 'the seed\'s clone serves Oracle\'s body (201; Oracle answers 200)');
  t.match(clone.json(), { id: 'CLONEDINTEGRATION|01.00.0000', identifier: 'CLONEDINTEGRATION', name: 'ClonedIntegration' });
  t.equal((await c.ok('GET', `${API}/integrations/${enc('CLONEDINTEGRATION|01.00.0000')}`)).description, 'cloned the real way');
  expectProblem(t, await c.call({ method: 'POST', url: `${API}/integrations/${enc(id)}/clone`, payload: { version: '01.00.0000', name: 'x' } }), 400, 'OIC-400001');
});

t.test('GET /integrations?orderBy=time is the seed\'s modifiedTime order; status words in q', async (t) => {
  const c = await realApp(t);
  await seedIntegration(c, 'B_FIRST');
  await c.advance(1);
  await seedIntegration(c, 'A_SECOND');
  t.same((await c.ok('GET', `${API}/integrations?orderBy=time`)).items.map((i: any) => i.identifier), ['A_SECOND', 'B_FIRST']);
  t.same((await c.ok('GET', `${API}/integrations?orderBy=name`)).items.map((i: any) => i.identifier), ['A_SECOND', 'B_FIRST']);
  await c.ok('POST', `${API}/integrations/${enc('B_FIRST|01.00.0000')}`, { status: 'ACTIVATED' }, PATCH);
  t.same((await c.ok('GET', `${API}/integrations?q=${enc("{status: 'ACTIVATED'}")}`)).items.map((i: any) => i.identifier), ['B_FIRST']);
  expectProblem(t, await c.call({ method: 'GET', url: `${API}/integrations?orderBy=nope` }), 400, 'OIC-400001');
});

t.test('connections: POST with X-HTTP-Method-Override: PATCH updates as PUT does; a GET body can be sent back', async (t) => {
  const c = await realApp(t);
  await c.ok('POST', `${API}/connections`, {
    name: 'Orders DB', identifier: 'ORDERS_DB', adapterType: 'oracle-db-adapter',
    connectionProperties: { host: 'db.example.com', port: 1521, serviceName: 'ORCL', security: { username: 'app', password: 's3cret' } },
  });
  const url = `${API}/connections/ORDERS_DB?integrationInstance=x`;
  const got = await c.ok('GET', url);
  t.equal(got.connectionProperties.security.password, '********');
  got.connectionProperties.host = 'db2.example.com';
  const res = await c.call({ method: 'POST', url, headers: { ...PATCH, 'content-type': 'application/json' }, payload: JSON.stringify(got) });
  t.equal(res.statusCode, 200);
  t.match(res.json(), { id: 'ORDERS_DB', connectionProperties: { host: 'db2.example.com', security: { password: '********' } }, testStatus: 'NOT_TESTED' });
  t.equal((await c.ok('POST', `${API}/connections/ORDERS_DB/test`)).status, 'SUCCESS', 'the masked password kept its stored value');

  const before = c.snapshot();
  t.match(expectOracleError(t, await c.call({ method: 'POST', url, payload: { description: 'x' } }), 405, 'OIC-405001').detail, /X-HTTP-Method-Override: PATCH/);
  t.match(expectOracleError(t, await c.call({ method: 'POST', url, headers: PATCH, payload: { adapterType: 'rest', bogus: 1 } }), 400, 'OIC-400001').detail, /bogus/);
  expectProblem(t, await c.call({ method: 'POST', url: `${API}/connections/NOPE`, headers: PATCH, payload: { description: 'x' } }), 404, 'OIC-404001');
  t.equal(c.snapshot(), before);
});

t.test('packages: integrations grouped by packageName, q on name and type', async (t) => {
  const c = await realApp(t);
  await seedIntegration(c, 'CUST_A', { packageName: 'CustomerIntegrations' });
  await seedIntegration(c, 'CUST_B', { packageName: 'CustomerIntegrations' });
  await seedIntegration(c, 'ORDER_A', { packageName: 'Orders' });
  await seedIntegration(c, 'NO_PACKAGE');
  const all = await c.ok('GET', `${API}/packages?integrationInstance=x`);
  t.same(all.items.map((p: any) => [p.name, p.countOfIntegrations]), [['CustomerIntegrations', 2], ['Orders', 1]]);
  t.match(all, { totalResults: 2, hasMore: false, limit: 100, offset: 0 });
  t.same(all.items[0].integrations.map((i: any) => i.code), ['CUST_A', 'CUST_B']);
  t.match(all.items[0], { type: 'DEVELOPED', integrations: [{ id: 'CUST_A|01.00.0000', version: '01.00.0000', status: 'CONFIGURED' }] });
  t.same((await c.ok('GET', `${API}/packages?q=${enc('{name: /^Ord/}')}`)).items.map((p: any) => p.name), ['Orders']);
  t.equal((await c.ok('GET', `${API}/packages?q=${enc("{type: 'PREBUILT'}")}`)).totalResults, 0);
  t.match((await c.ok('GET', `${API}/packages?limit=1&offset=1`)), { items: [{ name: 'Orders' }], hasMore: false });
  expectProblem(t, await c.call({ method: 'GET', url: `${API}/packages?q=${enc('{owner: 1}')}` }), 400, 'OIC-400001');
  expectProblem(t, await c.call({ method: 'GET', url: `${API}/packages?limit=0` }), 400, 'OIC-400001');
});
