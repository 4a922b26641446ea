/**
 * Conditional GETs: ETag and Cache-Control on OIC GETs of resources and
 * lists; If-None-Match with the current tag answers 304 with no body; any
 * change to the resource or to the list's items gives a 200 with a new tag.
 */
import t from 'tap';
import { expectProblem, type TestApp } from '../../../helpers/app';
import { etagOf } from '../../../../src/oic/etag';
import { API, PROJECTS, connection, enc, integration, ok, seedLookup, seedProject, oicApp } from '../../../helpers/oic';

const ID = 'ORDERS|01.00.0000';
const ONE = `${API}/integrations/${enc(ID)}`;
const LIST = `${API}/integrations`;

async function setup(t: tap.Test) {
  const { c, clock } = await oicApp(t);
  await ok(c, 'POST', LIST, integration('ORDERS'));
  return { c, clock };
}

const get = (c: TestApp, url: string, tag?: string, method: 'GET' | 'HEAD' = 'GET') =>
  c.call({ method, url, headers: tag === undefined ? {} : { 'if-none-match': tag } });

async function expect304(t: tap.Test, c: TestApp, url: string, tag: string, method: 'GET' | 'HEAD' = 'GET') {
  const res = await get(c, url, tag, method);
  t.equal(res.statusCode, 304, `${method} ${url}: 304`);
  t.equal(res.body, '', 'no body');
  t.equal(res.headers.etag, tag, 'the same tag');
  t.equal(res.headers['cache-control'], 'private, no-cache');
  t.notOk(res.headers['content-type'], 'no content type');
  t.equal(res.headers['x-ratelimit-limit'], '1000');
  t.ok(Number(res.headers['x-ratelimit-remaining']) < 1000, `the 304 counts against the rate limit (${res.headers['x-ratelimit-remaining']} left)`);
}

t.test('single resource: 304 while unchanged, 200 with a new tag after an update', async (t) => {
  const { c, clock } = await setup(t);
  const first = await get(c, ONE);
  t.equal(first.statusCode, 200);
  const tag = first.headers.etag as string;
  t.match(tag, /^"[A-Za-z0-9_-]{27}"$/, 'a strong, quoted tag');
  t.equal(first.headers['cache-control'], 'private, no-cache', 'cache, but revalidate');
  t.equal((await get(c, ONE)).headers.etag, tag, 'stable across reads');
  await expect304(t, c, ONE, tag);

  clock.advance(1000);
  await ok(c, 'PUT', ONE, { description: 'changed' });
  const after = await get(c, ONE, tag);
  t.equal(after.statusCode, 200, 'the old tag no longer matches');
  t.equal(after.json().description, 'changed');
  t.not(after.headers.etag, tag, 'a new tag');
  await expect304(t, c, ONE, after.headers.etag as string);

  // Activation is a change too.
  await ok(c, 'POST', `${ONE}/activate`, {});
  const active = await get(c, ONE, after.headers.etag as string);
  t.equal(active.statusCode, 200);
  t.equal(active.json().status, 'ACTIVE');
  // And so is deletion: the old tag gets the 404.
  await ok(c, 'POST', `${ONE}/deactivate`, {});
  await c.call({ method: 'DELETE', url: ONE });
  const gone = await get(c, ONE, active.headers.etag as string);
  expectProblem(t, gone, 404, 'OIC-404001');
  t.notOk(gone.headers.etag, 'no tag on an error');
});

t.test('lists: the tag follows the items', async (t) => {
  const { c, clock } = await setup(t);
  const first = await get(c, LIST);
  const tag = first.headers.etag as string;
  t.equal(tag, etagOf(first.body), 'the tag is of the list body');
  await expect304(t, c, LIST, tag);

  clock.advance(1000);
  await ok(c, 'POST', LIST, integration('INVOICES'));
  const added = await get(c, LIST, tag);
  t.equal(added.statusCode, 200, 'a new item changes the list');
  t.equal(added.json().totalResults, 2);
  const tag2 = added.headers.etag as string;
  t.not(tag2, tag);

  // A change to one item's summary changes the list too.
  clock.advance(1000);
  await ok(c, 'PUT', `${API}/integrations/${enc('INVOICES|01.00.0000')}`, { name: 'Invoices v2' });
  const renamed = await get(c, LIST, tag2);
  t.equal(renamed.statusCode, 200);
  await expect304(t, c, LIST, renamed.headers.etag as string);

  // A change outside the page (or the filter) does not: the tag is of what was sent.
  const page = await get(c, `${LIST}?q=ORDERS`);
  clock.advance(1000);
  await ok(c, 'PUT', `${API}/integrations/${enc('INVOICES|01.00.0000')}`, { name: 'Invoices v3' });
  await expect304(t, c, `${LIST}?q=ORDERS`, page.headers.etag as string);

  // Each list type.
  await ok(c, 'POST', PROJECTS, seedProject());
  await ok(c, 'POST', `${API}/connections`, connection('CONN_A'));
  await ok(c, 'POST', `${API}/lookups`, seedLookup());
  for (const url of [PROJECTS, `${API}/connections`, `${API}/lookups`, `${API}/lookups/COUNTRY_CODE_MAP/data`, `${PROJECTS}/CUSTOMER_PROJECT`, `${API}/connections/CONN_A`, `${API}/lookups/COUNTRY_CODE_MAP`]) {
    const res = await get(c, url);
    t.equal(res.statusCode, 200, url);
    await expect304(t, c, url, res.headers.etag as string);
  }
  const data = await get(c, `${API}/lookups/COUNTRY_CODE_MAP/data`);
  await ok(c, 'POST', `${API}/lookups/COUNTRY_CODE_MAP/data/bulk`, { mode: 'APPEND', rows: [{ CountryName: 'Spain', ISOCode: 'ES' }] });
  t.equal((await get(c, `${API}/lookups/COUNTRY_CODE_MAP/data`, data.headers.etag as string)).statusCode, 200, 'a bulk batch changes the data');
});

t.test('If-None-Match forms', async (t) => {
  const { c } = await setup(t);
  const tag = (await get(c, ONE)).headers.etag as string;
  await expect304(t, c, ONE, tag);
  for (const header of [`W/${tag}`, `"other", ${tag}`, '*', tag.slice(1, -1)]) {
    const res = await get(c, ONE, header);
    t.equal(res.statusCode, 304, `If-None-Match: ${header}`);
  }
  for (const header of ['"other"', `"${tag}"`, '', 'W/"x", "y"']) {
    const res = await get(c, ONE, header);
    t.equal(res.statusCode, 200, `If-None-Match: ${header} does not match`);
  }
});

t.test('HEAD, projections and other methods', async (t) => {
  const { c } = await setup(t);
  const full = await get(c, ONE);
  const head = await get(c, ONE, undefined, 'HEAD');
  t.equal(head.statusCode, 200);
  t.equal(head.headers.etag, full.headers.etag, 'HEAD has the tag GET has');
  t.equal(head.headers['cache-control'], 'private, no-cache');
  await expect304(t, c, ONE, full.headers.etag as string, 'HEAD');

  const projected = await get(c, `${ONE}?fields=id,status`);
  t.not(projected.headers.etag, full.headers.etag, 'another selection is another representation');
  t.equal((await get(c, `${ONE}?fields=id,status`, full.headers.etag as string)).statusCode, 200);
  await expect304(t, c, `${ONE}?fields=id,status`, projected.headers.etag as string);

  // Writes carry no tag and ignore If-None-Match.
  const put = await c.call({ method: 'PUT', url: ONE, payload: { description: 'x' }, headers: { 'if-none-match': '*' } });
  t.equal(put.statusCode, 200);
  t.notOk(put.headers.etag);
  t.notOk(put.headers['cache-control']);
  const created = await c.call({ method: 'POST', url: LIST, payload: integration('MORE') });
  t.equal(created.statusCode, 201);
  t.notOk(created.headers.etag);
});
