/**
 * An imported integration runs its own flow: its REST trigger answers on the
 * verb and resource of its .jca (with the archive's response sample) under
 * the plain and the project path, each call is an execution in monitoring
 * whose activity stream names the archive's trigger, processors and invokes
 * in order; a scheduled integration from a .car fires from its imported
 * schedule.
 */
import t from 'tap';
import { buildIarFile, carEntries, zipEntries, type TestFlow } from '../../helpers/archives';
import { realApp, API, MON, PATCH, enc } from '../../helpers/real-oic';
import { multipart } from '../../helpers/oic';

const FLOW: TestFlow = {
  code: 'PRICE_LOOKUP',
  name: 'Price lookup',
  trigger: { conn: 'SHOP_REST', name: 'GetPrice', rest: { verb: 'GET', uri: '/prices/{sku}', query: 'currency', responseSample: '{"sku":"A1","price":9.5}' } },
  invokes: [{ conn: 'PRICING_DB', name: 'QueryPrice', operation: 'select' }],
  processors: [{ name: 'MapRequest', type: 'transformer' }, { name: 'LogPrice', type: 'logger' }],
  connections: [
    { code: 'SHOP_REST', type: 'rest', props: { connectionUrl: 'https://shop.example.com' } },
    { code: 'PRICING_DB', type: 'atpdatabase', props: { host: 'db.example.com', port: '1522', serviceName: 'PRICING' } },
  ],
};

t.test('REST trigger from the .jca, execution in monitoring, activity stream in flow order', async (t) => {
  const c = await realApp(t);
  const up = multipart([{ field: 'file', filename: 'p.iar', data: buildIarFile(FLOW) }]);
  t.equal((await c.call({ method: 'POST', url: `${API}/integrations/archive`, ...up })).statusCode, 201);
  const base = `${API}/flows/rest/PRICE_LOOKUP/1.0`;
  const notActive = await c.call({ method: 'GET', url: `${base}/prices/A1` });
  t.equal(notActive.statusCode, 409, 'not activated yet');
  await c.ok('POST', `${API}/integrations/${enc('PRICE_LOOKUP|01.00.0000')}`, { status: 'ACTIVATED' }, PATCH);

  const res = await c.call({ method: 'GET', url: `${base}/prices/A1?currency=EUR&ignored=1` });
  t.equal(res.statusCode, 200, res.body);
  t.match(res.headers['content-type'], /^application\/json/);
  t.same(res.json(), { sku: 'A1', price: 9.5 }, "the archive's ResponseSample");
  const instance = String(res.headers.location).split('/').pop()!;

  const wrongVerb = await c.call({ method: 'POST', url: `${base}/prices/A1`, payload: {} });
  t.equal(wrongVerb.statusCode, 405);
  t.equal(wrongVerb.headers.allow, 'GET');
  t.match(wrongVerb.json().detail, /takes GET, not POST/);
  const wrongPath = await c.call({ method: 'GET', url: `${base}/orders/A1` });
  t.equal(wrongPath.statusCode, 404);
  t.match(wrongPath.json().detail, /serves GET \/prices\/\{sku\}, not \/orders\/A1/);
  t.equal((await c.call({ method: 'GET', url: `${API}/flows/rest/project/NOPE/PRICE_LOOKUP/1.0/prices/A1` })).statusCode, 404, 'not in that project');

  await c.advance(60);
  const list = await c.ok('GET', `${MON}/instances?q=${enc("{timewindow:'1d'}")}`);
  t.equal(list.items.filter((i: any) => i.integrationId === 'PRICE_LOOKUP').length, 1, 'one execution per call');
  const inst = await c.ok('GET', `${MON}/instances/${instance}`);
  t.match(inst, { id: instance, integrationId: 'PRICE_LOOKUP' });
  t.match(JSON.stringify(inst), /sku/, 'path parameters are tracking fields');
  const stream = await c.ok('GET', `${MON}/instances/${instance}/activityStreamDetails`);
  t.same(stream.items.map((a: any) => [a.name, a.type]), [['GetPrice', 'TRIGGER'], ['MapRequest', 'MAP'], ['QueryPrice', 'INVOKE'], ['LogPrice', 'ACTION'], ['End', 'END']]);
});

t.test('the orchestration gives the order the flow runs in, and names its steps', async (t) => {
  const c = await realApp(t);
  const flow: TestFlow = { ...FLOW, code: 'ORDERED', processors: [{ name: 'MapRequest', type: 'transformer' }, { name: 'LogPrice', type: 'logger' }], runOrder: ['LogPrice', 'QueryPrice', 'MapRequest'] };
  const up = multipart([{ field: 'file', filename: 'p.iar', data: buildIarFile(flow) }]);
  t.equal((await c.call({ method: 'POST', url: `${API}/integrations/archive`, ...up })).statusCode, 201);
  await c.ok('POST', `${API}/integrations/${enc('ORDERED|01.00.0000')}`, { status: 'ACTIVATED' }, PATCH);
  const res = await c.call({ method: 'GET', url: `${API}/flows/rest/ORDERED/1.0/prices/A1` });
  t.equal(res.statusCode, 200, res.body);
  await c.advance(60);
  const stream = await c.ok('GET', `${MON}/instances/${String(res.headers.location).split('/').pop()}/activityStreamDetails`);
  t.same(stream.items.map((a: any) => [a.name, a.type]), [['GetPrice', 'TRIGGER'], ['LogPriceStep', 'ACTION'], ['QueryPrice', 'INVOKE'], ['MapRequestStep', 'MAP'], ['End', 'END']]);
});

t.test('a .car: REST trigger under the project path, the schedule fires', async (t) => {
  const c = await realApp(t);
  const car = zipEntries(carEntries({
    code: 'shop-Prices', flows: [{ ...FLOW, connections: undefined }, { code: 'NIGHTLY_PRICES', mepType: 'MEP07', trigger: { conn: 'PRESEEDED_SCHEDULER', name: 'Schedule' }, invokes: [{ conn: 'PRICING_DB', name: 'Refresh' }] }],
    connections: FLOW.connections!,
    schedules: [{ flow: 'NIGHTLY_PRICES|01.00.0000', timeZone: 'UTC', frequency: 'FREQ=HOURLY;INTERVAL=1;' }],
  }));
  const up = multipart([{ field: 'file', filename: 'p.car', data: car }]);
  t.equal((await c.call({ method: 'POST', url: `${API}/projects/archive`, ...up })).statusCode, 200);
  for (const id of ['PRICE_LOOKUP|01.00.0000', 'NIGHTLY_PRICES|01.00.0000']) await c.ok('POST', `${API}/projects/shop-Prices/integrations/${enc(id)}`, { status: 'ACTIVATED' }, PATCH);
  const res = await c.call({ method: 'GET', url: `${API}/flows/rest/project/shop-Prices/PRICE_LOOKUP/01.00.0000/prices/B2` });
  t.equal(res.statusCode, 200, res.body);
  await c.advance(3 * 3600 + 60);
  const runs = c.app.stores.runtime.executions.list('NIGHTLY_PRICES|01.00.0000', {}, 100, 0);
  t.ok(runs.total >= 3, `the imported schedule fired (${runs.total} runs)`);
  t.match(runs.items[0], { source: 'SCHEDULE' });
});
