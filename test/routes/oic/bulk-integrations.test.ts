/**
 * POST /ic/api/integration/v1/integrations/bulk: each id on its own (mixed
 * good and bad ids), the 100-item limit (100 accepted, 101 refused with
 * nothing processed), request-level checks, one request for the rate limit.
 */
import t from 'tap';
import { expectProblem } from '../../helpers/app';
import { API, connection, enc, integration, ok, rejects, snapshot, oicApp } from '../../helpers/oic';

const BULK = `${API}/integrations/bulk`;
const idOf = (identifier: string) => `${identifier}|01.00.0000`;

async function setup(t: tap.Test, overrides = {}) {
  return (await oicApp(t, overrides)).c;
}

/** n integrations A000..., created through the store (fast set-up). */
function many(c: Awaited<ReturnType<typeof setup>>, n: number): string[] {
  return Array.from({ length: n }, (_, i) => {
    const identifier = `BULK_${String(i).padStart(3, '0')}`;
    c.app.stores.integrations.create(integration(identifier) as any, 'setup');
    return idOf(identifier);
  });
}

const statusOf = async (c: Awaited<ReturnType<typeof setup>>, id: string) => {
  const res = await c.call({ method: 'GET', url: `${API}/integrations/${enc(id)}?fields=status` });
  return res.statusCode === 200 ? res.json().status : res.statusCode;
};

t.test('ACTIVATE with good and bad ids: each gets its own result, the good ones take effect', async (t) => {
  const c = await setup(t);
  await ok(c, 'POST', `${API}/integrations`, integration('GOOD_ONE'));
  await ok(c, 'POST', `${API}/integrations`, integration('GOOD_TWO'));
  await ok(c, 'POST', `${API}/integrations`, integration('MISSING_CONN', { connections: [{ connectionId: 'NOT_THERE' }] }));
  await ok(c, 'POST', `${API}/integrations`, integration('ALREADY'));
  await ok(c, 'POST', `${API}/integrations/${enc(idOf('ALREADY'))}/activate`, {});

  const ids = [idOf('GOOD_ONE'), 'NOPE|01.00.0000', idOf('MISSING_CONN'), idOf('ALREADY'), idOf('GOOD_TWO')];
  const res = await c.call({ method: 'POST', url: BULK, payload: { action: 'ACTIVATE', ids, enablePayloadTracing: true, payloadTracingLevel: 'AUDIT' } });
  t.equal(res.statusCode, 200, 'overall 200 although some items failed');
  const body = res.json();
  t.match(body, { action: 'ACTIVATE', total: 5, succeeded: 2, failed: 3 });
  t.same(body.items.map((i: any) => [i.id, i.status]), [
    [idOf('GOOD_ONE'), 200],
    ['NOPE|01.00.0000', 404],
    [idOf('MISSING_CONN'), 409],
    [idOf('ALREADY'), 409],
    [idOf('GOOD_TWO'), 200],
  ], 'results in request order, one per id');
  t.same(body.items[0], { id: idOf('GOOD_ONE'), status: 200, integrationStatus: 'ACTIVE' });
  t.same(body.items[1].error, {
    type: 'https://docs.oracle.com/error/OIC-404001',
    title: 'Resource Not Found',
    status: 404,
    detail: "Integration with ID 'NOPE|01.00.0000' was not found",
    instance: '/ic/api/integration/v1/integrations/NOPE%7C01.00.0000/activate',
    'o:errorCode': 'OIC-404001',
    'o:errorPath': '/ic/api/integration/v1/integrations/NOPE%7C01.00.0000/activate',
    timestamp: '2025-06-15T10:00:00.000Z',
  }, 'the problem JSON the single call would have returned');
  t.match(body.items[2].error, { status: 409, 'o:errorCode': 'OIC-409001', title: 'Invalid Resource State', detail: /references connection\(s\) that do not exist: NOT_THERE/ });
  t.match(body.items[3].error, { status: 409, detail: /is already ACTIVE/ });
  t.notOk(body.items[0].error, 'no error on a success');

  t.equal(await statusOf(c, idOf('GOOD_ONE')), 'ACTIVE');
  t.equal(await statusOf(c, idOf('GOOD_TWO')), 'ACTIVE');
  t.equal(await statusOf(c, idOf('MISSING_CONN')), 'CONFIGURED', 'a failed item is left as it was');
  const full = (await c.call({ method: 'GET', url: `${API}/integrations/${enc(idOf('GOOD_TWO'))}` })).json();
  t.same(full.tracing, { enablePayloadTracing: true, payloadTracingLevel: 'AUDIT' }, 'tracing options as for the single activate');
  t.equal(full.activatedBy, 'oic-emulator-client');
});

t.test('DEACTIVATE and DELETE, mixed', async (t) => {
  const c = await setup(t);
  await ok(c, 'POST', `${API}/connections`, connection('CONN_A'));
  for (const name of ['ACT_A', 'ACT_B', 'CONF_C']) await ok(c, 'POST', `${API}/integrations`, integration(name, { connections: [{ connectionId: 'CONN_A' }] }));
  await ok(c, 'POST', BULK, { action: 'ACTIVATE', ids: [idOf('ACT_A'), idOf('ACT_B')] });

  const off = await ok(c, 'POST', BULK, { action: 'DEACTIVATE', ids: [idOf('ACT_A'), idOf('CONF_C')] });
  t.match(off, { action: 'DEACTIVATE', total: 2, succeeded: 1, failed: 1 });
  t.same(off.items[0], { id: idOf('ACT_A'), status: 200, integrationStatus: 'CONFIGURED' });
  t.match(off.items[1], { id: idOf('CONF_C'), status: 409, error: { detail: /is not ACTIVE/, instance: `${API}/integrations/${enc(idOf('CONF_C'))}/deactivate` } });

  const del = await ok(c, 'POST', BULK, { action: 'DELETE', ids: [idOf('ACT_A'), idOf('ACT_B'), idOf('CONF_C'), 'GONE|1'] });
  t.match(del, { action: 'DELETE', total: 4, succeeded: 2, failed: 2 });
  t.same(del.items.map((i: any) => i.status), [200, 409, 200, 404]);
  t.same(del.items[0], { id: idOf('ACT_A'), status: 200 }, 'a deleted integration has no status left');
  t.match(del.items[1].error, { detail: /is ACTIVE; deactivate it first/, instance: `${API}/integrations/${enc(idOf('ACT_B'))}` });
  t.equal(await statusOf(c, idOf('ACT_A')), 404);
  t.equal(await statusOf(c, idOf('CONF_C')), 404);
  t.equal(await statusOf(c, idOf('ACT_B')), 'ACTIVE', 'the refused delete left it in place');
  // The connection's usage follows the deletions (same store method as DELETE /{id}).
  t.same((await c.call({ method: 'GET', url: `${API}/connections/CONN_A?fields=usedBy` })).json().usedBy, [idOf('ACT_B')]);
});

t.test('the 100-item limit: exactly 100 accepted, 101 refused with nothing processed', async (t) => {
  const c = await setup(t);
  const ids = many(c, 101);
  const refused = await rejects(t, c, { method: 'POST', url: BULK, payload: { action: 'DELETE', ids } }, 400,
    /^Bulk operations are limited to 100 items per request; body\.ids has 101\. Nothing was processed/);
  t.equal(refused.instance, BULK);
  t.equal(c.app.stores.integrations.rows().length, 101, 'nothing deleted');

  const hundred = await ok(c, 'POST', BULK, { action: 'ACTIVATE', ids: ids.slice(0, 100) });
  t.match(hundred, { total: 100, succeeded: 100, failed: 0 });
  t.equal(hundred.items.length, 100);
  t.equal(c.app.stores.integrations.rows().filter((r) => r.status === 'ACTIVE').length, 100);
  t.equal(await statusOf(c, ids[100]), 'CONFIGURED');
});

t.test('request-level errors: 400 OIC-400001, nothing processed', async (t) => {
  const c = await setup(t);
  const ids = many(c, 2);
  const bad = (payload: unknown, detail: RegExp) => rejects(t, c, { method: 'POST', url: BULK, payload: payload as object }, 400, detail);
  await bad({ action: 'ACTIVATE', ids: [] }, /body\.ids is empty; send between 1 and 100 ids/);
  await bad({ action: 'ACTIVATE', ids: [ids[0], ids[1], ids[0]] }, /body\.ids\[2\] \('BULK_000\|01\.00\.0000'\) repeats body\.ids\[0\]/);
  await bad({ action: 'DELETE', ids, enablePayloadTracing: true }, /only apply to action ACTIVATE \(action is DELETE\)/);
  await bad({ action: 'PUBLISH', ids }, /body\.action must be one of ACTIVATE, DEACTIVATE, DELETE/);
  await bad({ ids }, /body\.action is required/);
  await bad({ action: 'DELETE' }, /body\.ids is required/);
  await bad({ action: 'DELETE', ids: [1] }, /body\.ids\.0 must be string/);
  await bad({ action: 'DELETE', ids: [''] }, /body\.ids\.0 must NOT have fewer than 1 characters/);
  await bad({ action: 'DELETE', ids, force: true }, /body\.force is not an allowed property/);
  await bad({ action: 'ACTIVATE', ids, payloadTracingLevel: 'LOUD' }, /body\.payloadTracingLevel must be one of PRODUCTION, AUDIT, DEBUG/);
  const noBody = await c.call({ method: 'POST', url: BULK });
  expectProblem(t, noBody, 400, 'OIC-400001');
  const text = await c.call({ method: 'POST', url: BULK, payload: 'action=DELETE', headers: { 'content-type': 'text/plain' } });
  expectProblem(t, text, 415, 'OIC-415001');
  t.equal(c.app.stores.integrations.rows().filter((r) => r.status === 'CONFIGURED').length, 2);
});

t.test('one bulk request is one request for the rate limit', async (t) => {
  const c = await setup(t, { rateLimit: 3 });
  const ids = many(c, 100);
  const first = await c.call({ method: 'POST', url: BULK, payload: { action: 'ACTIVATE', ids } });
  t.equal(first.statusCode, 200);
  t.equal(first.headers['x-ratelimit-remaining'], '2', '100 items, one request');
  const second = await c.call({ method: 'POST', url: BULK, payload: { action: 'DEACTIVATE', ids } });
  t.equal(second.headers['x-ratelimit-remaining'], '1');
});

t.test('the static path does not hide the single-item routes', async (t) => {
  const c = await setup(t);
  // No integration id can be 'bulk' (ids are IDENTIFIER|VERSION); other methods still reach /{id}.
  const get = await c.call({ method: 'GET', url: BULK });
  t.match(expectProblem(t, get, 404, 'OIC-404001').detail, "Integration with ID 'bulk' was not found");
  const del = await c.call({ method: 'DELETE', url: BULK });
  t.match(expectProblem(t, del, 404, 'OIC-404001').detail, "Integration with ID 'bulk' was not found");
  const snap = snapshot(c.app);
  const deeper = await c.call({ method: 'POST', url: `${BULK}/activate` });
  t.match(expectProblem(t, deeper, 404, 'OIC-404001').detail, "Integration with ID 'bulk' was not found", '/{id}/activate still routes');
  t.same(snapshot(c.app), snap);
});
