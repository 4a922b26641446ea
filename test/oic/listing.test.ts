/**
 * Listing integrations (paging, q, orderBy, projectId), and the q parser and
 * safe regex on their own.
 */
import t from 'tap';
import { buildTestApp } from '../helpers/app';
import { Clock } from '../../src/core/clock';
import { compileQ, type QFields } from '../../src/oic/q-filter';
import { SafeRegex } from '../../src/oic/safe-regex';
import { API, PROJECTS, enc, integration, ok, rejects } from '../helpers/oic';

const INTS = `${API}/integrations`;

t.test('integrations list: paging, q (term and filter form), orderBy, projectId', async (t) => {
  const clock = new Clock();
  clock.setManual(Date.parse('2025-06-15T10:00:00Z'));
  const c = await buildTestApp(t, {}, clock);
  await ok(c, 'POST', PROJECTS, { name: 'Orders', identifier: 'ORDER_PROCESSING' });
  const specs: Array<[string, Record<string, unknown>]> = [
    ['CUSTOMER_ORDER_INT', { name: 'Customer_Order_Integration', projectId: 'ORDER_PROCESSING' }],
    ['ORDER_SYNC', { name: 'order sync', pattern: 'SCHEDULED_ORCHESTRATION' }],
    ['INVOICE_INT', { name: 'Invoices', style: 'EVENT_DRIVEN' }],
    ['BACKORDER', { name: 'Backorders', projectId: 'ORDER_PROCESSING' }],
    ['ZETA', { name: 'zeta' }],
  ];
  for (const [id, extra] of specs) {
    clock.advance(1000);
    await ok(c, 'POST', INTS, integration(id, extra));
  }
  clock.advance(1000);
  await ok(c, 'POST', `${INTS}/${enc('CUSTOMER_ORDER_INT|01.00.0000')}/activate`);
  clock.advance(1000);
  await ok(c, 'POST', `${INTS}/${enc('ORDER_SYNC|01.00.0000')}/activate`);
  const ids = async (qs: string) => (await c.call({ method: 'GET', url: `${INTS}?${qs}` })).json().items.map((i: any) => i.identifier);

  const page = (await c.call({ method: 'GET', url: `${INTS}?limit=2&offset=0` })).json();
  t.match(page, { totalResults: 5, hasMore: true, limit: 2, offset: 0 });
  t.same(Object.keys(page), ['items', 'totalResults', 'hasMore', 'limit', 'offset']);
  t.match(page.items[0], { id: 'ORDER_SYNC|01.00.0000', name: 'order sync', status: 'ACTIVE', pattern: 'SCHEDULED_ORCHESTRATION', style: 'SCHEDULED', modifiedTime: String });
  t.same(page.items.map((i: any) => i.identifier), ['ORDER_SYNC', 'CUSTOMER_ORDER_INT'], 'last modified first');
  t.match((await c.call({ method: 'GET', url: `${INTS}?limit=2&offset=4` })).json(), { items: [{ identifier: 'INVOICE_INT' }], hasMore: false, totalResults: 5 });
  t.match((await c.call({ method: 'GET', url: `${INTS}?offset=10` })).json(), { items: [], hasMore: false, totalResults: 5 });
  t.equal((await c.call({ method: 'GET', url: INTS })).json().limit, 100, 'default limit 100');

  t.same(await ids('orderBy=name'), ['BACKORDER', 'CUSTOMER_ORDER_INT', 'INVOICE_INT', 'ORDER_SYNC', 'ZETA'], 'case-insensitive name order');
  t.same(await ids('orderBy=status'), ['CUSTOMER_ORDER_INT', 'ORDER_SYNC', 'BACKORDER', 'INVOICE_INT', 'ZETA'], 'ACTIVE before CONFIGURED, then name');
  t.same(await ids('orderBy=modifiedTime'), ['ORDER_SYNC', 'CUSTOMER_ORDER_INT', 'ZETA', 'BACKORDER', 'INVOICE_INT']);
  t.same(await ids('projectId=ORDER_PROCESSING&orderBy=name'), ['BACKORDER', 'CUSTOMER_ORDER_INT']);
  t.same(await ids('projectId=NOPE'), [], 'an unknown project filters to nothing');

  t.same(await ids('q=order&orderBy=name'), ['BACKORDER', 'CUSTOMER_ORDER_INT', 'ORDER_SYNC'], 'plain term: name or identifier, any case');
  const q = (s: string) => `q=${encodeURIComponent(s)}&orderBy=name`;
  t.same(await ids(q("{name: /Order/, status: 'ACTIVATED'}")), ['CUSTOMER_ORDER_INT'], "the seed's filter; ACTIVATED = ACTIVE");
  t.same(await ids(q("{name: /order/i, status: 'ACTIVE'}")), ['CUSTOMER_ORDER_INT', 'ORDER_SYNC']);
  t.same(await ids(q("{status: 'configured'}")), ['BACKORDER', 'INVOICE_INT', 'ZETA']);
  t.same(await ids(q("{name:'zeta'}")), ['ZETA'], 'exact match');
  t.same(await ids(q("{name:'Zeta'}")), [], 'exact is exact');
  t.same(await ids(q('{code: /^B/, projectCode: "ORDER_PROCESSING"}')), ['BACKORDER'], "Oracle's code and projectCode aliases");
  t.same(await ids(q("{style: 'EVENT_DRIVEN'}")), ['INVOICE_INT']);
  t.same(await ids(q("{pattern: /SCHEDULED/, version: '01.00.0000',}")), ['ORDER_SYNC'], 'trailing comma');
  t.same(await ids(q('{}')), ['BACKORDER', 'CUSTOMER_ORDER_INT', 'INVOICE_INT', 'ORDER_SYNC', 'ZETA']);

  await rejects(t, c, { method: 'GET', url: `${INTS}?limit=501` }, 400, /'limit' must be between 1 and 500, got 501/);
  await rejects(t, c, { method: 'GET', url: `${INTS}?limit=-5` }, 400, /'limit' must be between 1 and 500, got -5/);
  await rejects(t, c, { method: 'GET', url: `${INTS}?limit=ten` }, 400, /querystring\.limit must be integer/);
  await rejects(t, c, { method: 'GET', url: `${INTS}?offset=-1` }, 400, /'offset' must not be negative/);
  await rejects(t, c, { method: 'GET', url: `${INTS}?orderBy=createdTime` }, 400, /'orderBy' cannot be 'createdTime'; use one of name, modifiedTime, status/);
  await rejects(t, c, { method: 'GET', url: `${INTS}?${q('{name: /Order/')}` }, 400, /'q' is not a valid filter: expected ',' or '}' but the text ended/);
  await rejects(t, c, { method: 'GET', url: `${INTS}?${q('{name /Order/}')}` }, 400, /expected ':'/);
  await rejects(t, c, { method: 'GET', url: `${INTS}?${q("{owner: 'me'}")}` }, 400, /filters on 'owner', which is not supported here; supported fields: name, identifier, status, version, pattern, style, projectId/);
  await rejects(t, c, { method: 'GET', url: `${INTS}?${q('{name: /(a+)+$/}')}` }, 400, /regex \/\(a\+\)\+\$\/: '\(' \(groups, alternation, counted repetition\) is not supported/);
  await rejects(t, c, { method: 'GET', url: `${INTS}?${q('{name: /x/g}')}` }, 400, /flag 'g' is not supported/);
  await rejects(t, c, { method: 'GET', url: `${INTS}?${q("{name: 'unterminated}")}` }, 400, /unterminated string/);
  await rejects(t, c, { method: 'GET', url: `${INTS}?${q('{name: Order}')}` }, 400, /expected a 'string', a \/regex\/, a number or true\/false/);
});

t.test('SafeRegex: the supported subset, linear time', async (t) => {
  const cases: Array<[string, string, string, boolean]> = [
    ['Order', '', 'Customer_Order_Integration', true],
    ['order', '', 'Customer_Order_Integration', false],
    ['order', 'i', 'Customer_Order_Integration', true],
    ['^Cust', '', 'Customer', true],
    ['^ust', '', 'Customer', false],
    ['Int$', '', 'Customer_Order_Int', true],
    ['Int$', '', 'Customer_Order_Integration', false],
    ['^C.*n$', '', 'Customer_Order_Integration', true],
    ['^O.+r$', '', 'Or', false],
    ['^O.+r$', '', 'Oxr', true],
    ['colou?r', '', 'color', true],
    ['colou?r', '', 'colour', true],
    ['^\\d{0}', '', 'x', false],
    ['^[A-Z_]+$', '', 'ORDER_SYNC', true],
    ['^[A-Z_]+$', '', 'ORDER-SYNC', false],
    ['[^a-z]', '', 'abc', false],
    ['[^a-z]', '', 'abC', true],
    ['[a-c]', 'i', 'XBX', true],
    ['\\d\\d\\.\\d\\d', '', 'v01.00.0000', true],
    ['\\w+\\s\\w+', '', 'order sync', true],
    ['a\\|b', '', 'a|b', true],
    ['', '', 'anything', true],
    ['^$', '', '', true],
  ];
  for (const [src, flags, text, want] of cases) {
    let got: boolean | string;
    try { got = new SafeRegex(src, flags).test(text); } catch (e) { got = (e as Error).message; }
    t.equal(got, src === '^\\d{0}' ? "'{' (groups, alternation, counted repetition) is not supported" : want, `/${src}/${flags} on '${text}'`);
  }
  for (const bad of ['(a)', 'a|b', 'a{2}', '*a', 'a**', '[abc', 'a\\', 'x^y', '\\k']) t.throws(() => new SafeRegex(bad), `/${bad}/ is refused`);
  const start = process.hrtime.bigint();
  t.equal(new SafeRegex('a*a*a*a*a*a*a*a*a*a*b').test('a'.repeat(5000)), false);
  t.equal(new SafeRegex('.*.*.*.*.*.*x$').test('y'.repeat(5000)), false);
  t.ok(Number(process.hrtime.bigint() - start) / 1e6 < 2000, 'no catastrophic backtracking');
});

t.test('compileQ: values and keys', async (t) => {
  interface Row { name: string; identifier: string; status: string; n: string }
  const spec: QFields<Row> = {
    fields: { name: { get: (r) => r.name }, identifier: { get: (r) => r.identifier }, status: { get: (r) => r.status, normalize: (v) => v.toUpperCase() }, n: { get: (r) => r.n } },
    aliases: { code: 'identifier' },
    termFields: ['name', 'identifier'],
  };
  const rows: Row[] = [
    { name: "O'Brien", identifier: 'OB', status: 'ACTIVE', n: '3' },
    { name: 'Smith', identifier: 'SM', status: 'CONFIGURED', n: 'true' },
  ];
  const run = (q: string | undefined) => rows.filter(compileQ(q, spec)).map((r) => r.identifier);
  t.same(run(undefined), ['OB', 'SM']);
  t.same(run('   '), ['OB', 'SM']);
  t.same(run("{name: 'O\\'Brien'}"), ['OB'], 'escaped quote');
  t.same(run('{"name": "Smith"}'), ['SM'], 'quoted keys, double quotes');
  t.same(run('{n: 3}'), ['OB'], 'numbers');
  t.same(run('{n: true}'), ['SM'], 'booleans');
  t.same(run('{code: /^S/}'), ['SM']);
  t.same(run("{status: 'active'}"), ['OB']);
  t.same(run('{name: /[\\/]/}'), [], 'slash inside a class does not end the regex');
  t.throws(() => run('{name: /x/} trailing'), /unexpected text after the closing/);
  t.throws(() => run('x'.repeat(1001)), /longer than 1000/);
});
