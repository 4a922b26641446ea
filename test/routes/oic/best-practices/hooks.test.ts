/**
 * The best-practice hooks on their own (a bare Fastify app): routes that do
 * not declare `fields`, handlers that send JSON text, non-JSON bodies, and
 * the HTTP-free helpers' edge cases.
 */
import t from 'tap';
import Fastify from 'fastify';
import { Clock } from '../../../../src/core/clock';
import { bestPractices } from '../../../../src/routes/oic/best-practices';
import { hookRoutes, isRead } from '../../../../src/routes/route-hooks';
import { sendProblem } from '../../../../src/routes/oic/problem';
import { etagOf, ifNoneMatchHits } from '../../../../src/oic/etag';
import { applyRows } from '../../../../src/oic/bulk';
import { parseFields, project } from '../../../../src/oic/projection';

async function bare(t: tap.Test) {
  const app = Fastify();
  app.decorate('ctx', { clock: new Clock() } as any);
  app.setErrorHandler(sendProblem);
  hookRoutes(app, isRead, bestPractices());
  app.get('/object', async () => ({ id: 'a', name: 'A', extra: 1, links: [] }));
  app.get('/text', async (_req, reply) => reply.type('application/json').send(JSON.stringify({ items: [{ id: 'a', name: 'A' }], totalResults: 1, hasMore: false, limit: 100, offset: 0 })));
  app.get('/binary', async (_req, reply) => reply.type('application/octet-stream').send(Buffer.from('PK...')));
  await app.ready();
  t.teardown(() => app.close());
  return app;
}

t.test('routes that do not declare fields still get projections and tags', async (t) => {
  const app = await bare(t);
  const obj = await app.inject({ method: 'GET', url: '/object?fields=name' });
  t.same(obj.json(), { name: 'A', links: [] });
  t.equal(obj.headers.etag, etagOf(obj.body), 'the tag is of the body sent');
  const text = await app.inject({ method: 'GET', url: '/text?fields=id' });
  t.same(text.json().items, [{ id: 'a' }], 'JSON sent as text is projected too');
  t.equal(text.headers.etag, etagOf(text.body), 'the tag is of the projected body');
  const badText = await app.inject({ method: 'GET', url: '/text?fields=nope' });
  t.equal(badText.statusCode, 400);
  t.match(badText.json(), { 'o:errorCode': 'OIC-400001', detail: /does not have: nope/ });
  const bin = await app.inject({ method: 'GET', url: '/binary?fields=id' });
  t.equal(bin.statusCode, 200, 'fields does not apply to a non-JSON body');
  t.equal(bin.body, 'PK...');
  const again = await app.inject({ method: 'GET', url: '/binary', headers: { 'if-none-match': bin.headers.etag as string } });
  t.equal(again.statusCode, 304);
});

t.test('helpers', async (t) => {
  t.equal(parseFields(undefined), undefined);
  t.same(parseFields(['a,b', ' c ', 'a']), ['a', 'b', 'c']);
  t.throws(() => parseFields(' , '), /must name at least one field/);
  t.equal(project('text', ['a']), 'text', 'non-objects unchanged');
  t.same(project({ items: [1, { a: 1, b: 2 }], totalResults: 2 }, ['a']), { items: [1, { a: 1 }], totalResults: 2 });
  t.notOk(ifNoneMatchHits(undefined, '"x"'));
  t.ok(ifNoneMatchHits(['"y"', '"x"'], '"x"'), 'repeated header lines');
  t.ok(ifNoneMatchHits(' * ', '"x"'));
  t.notOk(ifNoneMatchHits('"xy"', '"x"'));
  const existing = [{ k: 1, v: 'a' }, { v: 'no key' }, { k: 2, v: 'b' }];
  t.same(applyRows(existing, [{ k: 2, v: 'B' }, { k: 3, v: 'C' }], 'MERGE', 'k'), {
    data: [{ k: 1, v: 'a' }, { v: 'no key' }, { k: 2, v: 'B' }, { k: 3, v: 'C' }],
    added: 1,
    replaced: 1,
    removed: 0,
  }, 'rows without a key value are kept as they are');
  t.same(applyRows(existing, [{ k: '1' }], 'MERGE', 'k').added, 1, "'1' is not 1: values compare as JSON");
});
