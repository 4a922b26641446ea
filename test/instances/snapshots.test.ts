/**
 * Snapshots per OIC service instance (?instance=) and of everything (every
 * instance under one name).
 */
import t from 'tap';
import { buildTestApp, type TestApp } from '../helpers/app';

const API = '/ic/api/integration/v1';
const at = (instance: string, url: string) => `${url}?integrationInstance=${instance}`;

async function lookup(c: TestApp, instance: string, identifier: string) {
  const res = await c.call({ method: 'POST', url: at(instance, `${API}/lookups`), payload: { name: identifier.toLowerCase(), identifier, columns: [{ name: 'k', type: 'STRING' }] } });
  if (res.statusCode !== 201) throw new Error(res.body);
}
const count = async (c: TestApp, instance: string) => (await c.call({ method: 'GET', url: at(instance, `${API}/lookups`) })).json().totalResults;

t.test('one instance: save, change, restore; the others untouched', async (t) => {
  const c = await buildTestApp(t);
  await lookup(c, 'one', 'A');
  await lookup(c, 'two', 'A');
  const saved = await c.app.inject({ method: 'POST', url: '/_emulator/snapshots?instance=one', payload: { name: 'base' } });
  t.equal(saved.statusCode, 201, saved.body);
  t.equal(saved.headers.location, '/_emulator/snapshots/base?instance=one');
  t.same((await c.app.inject({ method: 'GET', url: '/_emulator/snapshots' })).json().items, [], 'not a snapshot of everything');
  t.same((await c.app.inject({ method: 'GET', url: '/_emulator/snapshots?instance=one' })).json().items.map((s: any) => s.name), ['base']);
  await lookup(c, 'one', 'B');
  await lookup(c, 'two', 'B');
  const restored = await c.app.inject({ method: 'POST', url: '/_emulator/snapshots/base/restore?instance=one' });
  t.equal(restored.statusCode, 200, restored.body);
  t.equal(await count(c, 'one'), 1, 'one is back to its snapshot');
  t.equal(await count(c, 'two'), 2, 'two keeps its changes');
  t.equal((await c.app.inject({ method: 'POST', url: '/_emulator/snapshots/base/restore?instance=two' })).statusCode, 404, 'two has no such snapshot');
  t.equal((await c.app.inject({ method: 'GET', url: '/_emulator/snapshots?instance=nope' })).statusCode, 404, 'unknown instance');
  t.equal((await c.app.inject({ method: 'DELETE', url: '/_emulator/snapshots/base?instance=one' })).statusCode, 204);
});

t.test('everything: every instance saved and restored under one name; an instance made since is emptied', async (t) => {
  const c = await buildTestApp(t);
  await lookup(c, 'emulator', 'D');
  await lookup(c, 'one', 'A');
  t.equal((await c.app.inject({ method: 'POST', url: '/_emulator/snapshots', payload: { name: 'all' } })).statusCode, 201);
  await lookup(c, 'emulator', 'E');
  await lookup(c, 'one', 'B');
  await lookup(c, 'later', 'Z');
  t.equal((await c.app.inject({ method: 'POST', url: '/_emulator/snapshots/all/restore' })).statusCode, 200);
  t.equal(await count(c, 'emulator'), 1);
  t.equal(await count(c, 'one'), 1);
  t.equal(await count(c, 'later'), 0, 'made after the snapshot: emptied');
  t.equal((await c.app.inject({ method: 'GET', url: '/_emulator/snapshots/all?instance=one' })).statusCode, 200, 'the instance has its part');
  t.equal((await c.app.inject({ method: 'DELETE', url: '/_emulator/snapshots/all' })).statusCode, 204);
  t.equal((await c.app.inject({ method: 'GET', url: '/_emulator/snapshots/all?instance=one' })).statusCode, 404, 'deleted everywhere');
});
