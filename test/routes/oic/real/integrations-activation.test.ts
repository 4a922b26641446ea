/**
 * Activation the real way (Oracle's scripts, reference 2.2): POST
 * /integrations/{id} with X-HTTP-Method-Override: PATCH and
 * {"status":"ACTIVATED"} / {"status":"CONFIGURED"}, then GET
 * .../activationStatus. Same state as the seed's /activate and /deactivate.
 */
import t from 'tap';
import { expectProblem } from '../../../helpers/app';
import { API, PATCH, enc, realApp, seedIntegration, definition } from '../../../helpers/real-oic';

t.test('activate and deactivate as Oracle\'s scripts do; the seed\'s API sees the same state', async (t) => {
  const c = await realApp(t);
  const id = await seedIntegration(c);
  const url = `${API}/integrations/${enc(id)}?integrationInstance=x`;

  const res = await c.call({ method: 'POST', url, headers: { ...PATCH, 'content-type': 'application/json' }, payload: '{"status": "ACTIVATED"}' });
  t.equal(res.statusCode, 200);
  const body = res.json();
  t.equal(body.status, 'ACTIVATION_INPROGRESS', 'the answer Oracle\'s activate script checks for');
  t.match(body, { id: 'HELLO_WORLD|01.00.0000', code: 'HELLO_WORLD', version: '01.00.0000', name: 'hello_world flow', activatedBy: 'oic-emulator-client', lockedFlag: false });
  t.same(body.links[0], { rel: 'self', href: `${API}/integrations/HELLO_WORLD%7C01.00.0000` });

  t.same((await c.ok('GET', `${API}/integrations/${enc(id)}/activationStatus`)), { activationStatus: 'ACTIVATED' });
  const seed = await c.ok('GET', `${API}/integrations/${enc(id)}`);
  t.equal(seed.status, 'ACTIVE', 'the seed\'s GET shows it ACTIVE');
  t.equal(seed.activatedTime, '2025-06-15T10:00:00.000Z');

  const off = await c.ok('POST', url, { status: 'CONFIGURED' }, PATCH);
  t.equal(off.status, 'DEACTIVATION_INPROGRESS', 'the answer Oracle\'s deactivate script checks for');
  t.same(await c.ok('GET', `${API}/integrations/${enc(id)}/activationStatus`), { activationStatus: 'CONFIGURED' });
  t.equal((await c.ok('GET', `${API}/integrations/${enc(id)}`)).status, 'CONFIGURED');
});

t.test('enableAsyncActivationMode=false answers with the final status; payloadTracingEnabled is the seed\'s tracing', async (t) => {
  const c = await realApp(t);
  const id = await seedIntegration(c);
  const on = await c.ok('POST', `${API}/integrations/${enc(id)}?enableAsyncActivationMode=false`, { status: 'ACTIVATED', payloadTracingEnabled: true }, PATCH);
  t.equal(on.status, 'ACTIVATED');
  t.equal(on.payloadTracingEnabledFlag, true);
  t.same((await c.ok('GET', `${API}/integrations/${enc(id)}`)).tracing, { enablePayloadTracing: true, payloadTracingLevel: 'PRODUCTION' });
  const off = await c.ok('POST', `${API}/integrations/${enc(id)}?enableAsyncActivationMode=false&deleteEventSubscriptionFlag=true`, { status: 'CONFIGURED' }, PATCH);
  t.equal(off.status, 'CONFIGURED');
});

t.test('the seed\'s /activate and the real activationStatus agree', async (t) => {
  const c = await realApp(t);
  const id = await seedIntegration(c);
  await c.ok('POST', `${API}/integrations/${enc(id)}/activate`, {});
  t.same(await c.ok('GET', `${API}/integrations/${enc(id)}/activationStatus`), { activationStatus: 'ACTIVATED' });
  expectProblem(t, await c.call({ method: 'POST', url: `${API}/integrations/${enc(id)}`, headers: PATCH, payload: { status: 'ACTIVATED' } }), 412, 'OIC-412001');
  await c.ok('POST', `${API}/integrations/${enc(id)}`, { status: 'CONFIGURED' }, PATCH);
  expectProblem(t, await c.call({ method: 'POST', url: `${API}/integrations/${enc(id)}/deactivate` }), 409, 'OIC-409001');
});

t.test('POST without X-HTTP-Method-Override: PATCH is a 405 that names the header; nothing changes', async (t) => {
  const c = await realApp(t);
  const id = await seedIntegration(c);
  const url = `${API}/integrations/${enc(id)}`;
  const before = c.snapshot();
  const none = expectProblem(t, await c.call({ method: 'POST', url, payload: { status: 'ACTIVATED' } }), 405, 'OIC-405001');
  t.match(none.detail, /X-HTTP-Method-Override: PATCH/);
  const noneRes = await c.call({ method: 'POST', url, payload: { status: 'ACTIVATED' } });
  t.match(noneRes.headers.allow, /DELETE.*GET.*POST.*PUT/, 'Allow lists the path\'s methods');
  const wrong = expectProblem(t, await c.call({ method: 'POST', url, headers: { 'x-http-method-override': 'PUT' }, payload: { status: 'ACTIVATED' } }), 405, 'OIC-405001');
  t.match(wrong.detail, /must be PATCH.*got 'PUT'/);
  expectProblem(t, await c.call({ method: 'POST', url }), 405, 'OIC-405001');
  t.equal((await c.call({ method: 'POST', url, headers: { ...PATCH, authorization: '' }, payload: { status: 'ACTIVATED' } })).statusCode, 401, 'authentication first');
  t.equal(c.snapshot(), before, 'nothing written');
  t.equal((await c.ok('POST', url, { status: 'ACTIVATED' }, { 'x-http-method-override': 'patch' })).status, 'ACTIVATION_INPROGRESS', 'the header value is case-insensitive');
});

t.test('bad bodies are 400s naming the problem; nothing changes', async (t) => {
  const c = await realApp(t);
  const id = await seedIntegration(c);
  const url = `${API}/integrations/${enc(id)}`;
  const before = c.snapshot();
  const post = (payload?: unknown) => c.call({ method: 'POST', url, headers: PATCH, ...(payload === undefined ? {} : { payload: payload as object }) });
  t.match(expectProblem(t, await post({ status: 'ACTIVE' }), 400, 'OIC-400001').detail, /status must be one of ACTIVATED, CONFIGURED/);
  t.match(expectProblem(t, await post({}), 400, 'OIC-400001').detail, /body.status is required/);
  t.match(expectProblem(t, await post({ status: 'ACTIVATED', name: 'x' }), 400, 'OIC-400001').detail, /body.name is not an allowed property/);
  t.match(expectProblem(t, await post(), 400, 'OIC-400001').detail, /Request body is required/);
  expectProblem(t, await c.call({ method: 'POST', url, headers: { ...PATCH, 'content-type': 'text/plain' }, payload: 'status=ACTIVATED' }), 415, 'OIC-415001');
  t.equal(c.snapshot(), before);
});

t.test('states the real API refuses are 412s; unknown ids 404', async (t) => {
  const c = await realApp(t);
  const id = await seedIntegration(c);
  const url = `${API}/integrations/${enc(id)}`;
  const undo = expectProblem(t, await c.call({ method: 'POST', url, headers: PATCH, payload: { status: 'CONFIGURED' } }), 412, 'OIC-412001');
  t.match(undo.detail, /already CONFIGURED/);
  await c.ok('POST', url, { status: 'ACTIVATED' }, PATCH);
  t.match(expectProblem(t, await c.call({ method: 'POST', url, headers: PATCH, payload: { status: 'ACTIVATED' } }), 412, 'OIC-412001').detail, /already ACTIVATED/);

  // Connections that do not exist: the seed's 409, the real API's 412, naming them.
  await c.ok('POST', `${API}/integrations`, definition('NO_CONNS', { connections: [{ role: 'SOURCE', connectionId: 'MISSING_CONN' }] }));
  const before = c.snapshot();
  const missing = expectProblem(t, await c.call({ method: 'POST', url: `${API}/integrations/${enc('NO_CONNS|01.00.0000')}`, headers: PATCH, payload: { status: 'ACTIVATED' } }), 412, 'OIC-412001');
  t.match(missing.detail, /MISSING_CONN/);
  t.equal(c.snapshot(), before);

  expectProblem(t, await c.call({ method: 'POST', url: `${API}/integrations/NOPE%7C01.00.0000`, headers: PATCH, payload: { status: 'ACTIVATED' } }), 404, 'OIC-404001');
  expectProblem(t, await c.call({ method: 'GET', url: `${API}/integrations/NOPE%7C01.00.0000/activationStatus` }), 404, 'OIC-404001');
});
