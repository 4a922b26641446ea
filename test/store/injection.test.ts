/**
 * Injection: SQL metacharacters (and LIKE wildcards, quotes, comments) in q,
 * orderBy, name filters, names and ids are data, never code. A search
 * returns exactly what contains the text literally (a `%` or `' OR '1'='1`
 * does not return everything), orderBy accepts only the documented fields,
 * ids that are SQL find nothing, names that are SQL are stored verbatim, and
 * none of it writes anything or leaks an internal message.
 */
import t from 'tap';
import type { LightMyRequestResponse } from 'fastify';
import { disWorld, oicWorld, responseProblems, stateDigest, type World } from '../helpers/fuzz-world';

const SQLISH = ["'", '"', '%', '_', '\\', ';--', "' OR '1'='1", "' OR 1=1 --", '%%', "%' --", '"; DROP TABLE oic_integrations; --', "') UNION SELECT name, sql FROM sqlite_master --", '*', '1=1', '\u0000', "' || '"];
const SPECIAL_NAME = `O'Brien 100%_done "q" \\ ;-- (x) || y`;
const enc = encodeURIComponent;

async function get(w: World, url: string): Promise<LightMyRequestResponse> {
  return w.send({ operationId: 'injection', method: 'GET', url, headers: {}, note: '' });
}

async function post(w: World, url: string, body: unknown): Promise<LightMyRequestResponse> {
  return w.send({ operationId: 'injection', method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body), note: '' });
}

const contains = (hay: unknown, needle: string) => typeof hay === 'string' && hay.toLowerCase().includes(needle.toLowerCase());

t.test('OIC: q, orderBy, ids and names with SQL in them', async (t) => {
  const w = await oicWorld(t);
  const API = '/ic/api/integration/v1';
  const lists: Array<[string, string, Record<string, unknown>]> = [
    ['integrations', `${API}/integrations`, { name: SPECIAL_NAME, identifier: 'SQL_NAMED', version: '01.00.0000', pattern: 'APP_DRIVEN_ORCHESTRATION' }],
    ['connections', `${API}/connections`, { name: SPECIAL_NAME, identifier: 'SQL_NAMED', adapterType: 'rest', connectionProperties: { baseUrl: 'https://x.example.com' } }],
    ['projects', '/ic/api/projects/v1/projects', { name: SPECIAL_NAME, identifier: 'SQL_NAMED' }],
    ['lookups', `${API}/lookups`, { name: SPECIAL_NAME, identifier: 'SQL_NAMED', columns: [{ name: 'A', type: 'STRING' }], data: [{ A: "'; DROP TABLE oic_lookups; --" }] }],
  ];
  for (const [what, url, body] of lists) {
    const res = await post(w, url, body);
    t.equal(res.statusCode, 201, `${what}: a name full of SQL is just a name (${res.body.slice(0, 120)})`);
    t.equal(res.json().name, SPECIAL_NAME, `${what}: stored verbatim`);
    const refused = await post(w, url, { ...body, identifier: "X'; DROP TABLE oic_projects; --" });
    t.equal(refused.statusCode, 400, `${what}: an identifier with SQL in it is a 400`);
  }
  const before = stateDigest(w.app.ctx.db);
  const wrong: string[] = [];
  for (const [what, url] of lists) {
    const all = (await get(w, `${url}?limit=500`)).json().items as Array<{ name?: string; identifier?: string; id?: string }>;
    t.ok(all.length >= 2, `${what}: ${all.length} items to search`);
    for (const term of SQLISH) {
      const res = await get(w, `${url}?limit=500&q=${enc(term)}`);
      wrong.push(...responseProblems(url, res).map((p) => `${what} q=${JSON.stringify(term)}: ${p}`));
      if (res.statusCode !== 200) {
        if (res.statusCode !== 400) wrong.push(`${what} q=${JSON.stringify(term)}: ${res.statusCode}`);
        continue;
      }
      const got = res.json().items as typeof all;
      const literal = all.filter((i) => contains(i.name, term) || contains(i.identifier, term));
      const extra = got.filter((i) => !literal.some((l) => l.id === i.id));
      if (extra.length) wrong.push(`${what} q=${JSON.stringify(term)}: returned ${extra.length} item(s) that do not contain it (${extra.map((i) => i.id).join(', ')})`);
      if (contains(SPECIAL_NAME, term) && !got.some((i) => i.name === SPECIAL_NAME)) wrong.push(`${what} q=${JSON.stringify(term)}: the item named with it was not found`);
    }
    for (const orderBy of ['name', 'modifiedTime', 'status']) {
      const res = await get(w, `${url}?orderBy=${orderBy}`);
      if (res.statusCode !== 200) wrong.push(`${what} orderBy=${orderBy} (documented): ${res.statusCode}`);
    }
    for (const orderBy of ['name; DROP TABLE oic_integrations', 'name DESC', 'name,status', '1', '(SELECT 1)', 'created_time', 'id', "name'--", 'modifiedTime ASC', 'NAME', 'doc', 'random()', 'status)--']) {
      const res = await get(w, `${url}?orderBy=${enc(orderBy)}`);
      if (res.statusCode !== 400 || !/orderBy/.test(res.json().detail)) wrong.push(`${what} orderBy=${JSON.stringify(orderBy)}: ${res.statusCode} ${res.body.slice(0, 100)} (only documented fields)`);
    }
    for (const id of ["' OR '1'='1", "SQL_NAMED' --", '%', '_', '*', "1; DELETE FROM oic_projects"]) {
      const res = await get(w, `${url}/${enc(id)}`);
      if (res.statusCode !== 404) wrong.push(`${what} GET id ${JSON.stringify(id)}: ${res.statusCode} (should find nothing)`);
      wrong.push(...responseProblems(url, res).map((p) => `${what} id ${JSON.stringify(id)}: ${p}`));
    }
  }
  // Oracle's filter form: the values are regex or string literals, nothing else.
  for (const q of ["{name: /' OR 1=1/}", "{name: 'x\\' OR \\'1\\'=\\'1'}", "{status: 'ACTIVE' OR 1=1}", "{identifier: '%'}", "{name: /.*/, status: 'ACTIVE'; DROP TABLE x}"]) {
    const res = await get(w, `${API}/integrations?q=${enc(q)}`);
    wrong.push(...responseProblems(`${API}/integrations`, res).map((p) => `filter ${q}: ${p}`));
    if (res.statusCode === 200 && /%|' OR/.test(q) && res.json().items.length) wrong.push(`filter ${q}: matched ${res.json().items.length} item(s)`);
  }
  t.same(wrong, [], 'every search is literal, every orderBy checked, no id finds anything');
  t.same(stateDigest(w.app.ctx.db), before, 'nothing written by any of it');
  t.equal((w.app.ctx.db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name LIKE 'oic\\_%' ESCAPE '\\'").get() as { n: number }).n > 5, true, 'the tables are all there');
});

t.test('DIS: name, nameContains, identifier, key and sortBy with SQL in them', async (t) => {
  const w = await disWorld(t);
  const ws = w.known.workspaceId[0];
  const base = `/20200430/workspaces/${ws}`;
  const res = await post(w, `${base}/projects`, { name: SPECIAL_NAME, identifier: 'SQL_NAMED' });
  t.equal(res.statusCode, 200, res.body.slice(0, 200));
  t.equal(res.json().name, SPECIAL_NAME, 'stored verbatim');
  t.equal((await post(w, `${base}/projects`, { name: 'x', identifier: "X' OR '1'='1" })).statusCode, 400, 'an identifier with SQL in it is a 400');
  const before = stateDigest(w.app.ctx.db);
  const all = (await get(w, `${base}/projects?limit=1000`)).json().items as Array<{ key: string; name: string; identifier: string }>;
  t.ok(all.length >= 2);
  const wrong: string[] = [];
  for (const term of SQLISH) {
    for (const [param, match] of [
      ['nameContains', (i: { name: string }) => i.name.toLowerCase().includes(term.toLowerCase())],
      ['name', (i: { name: string }) => i.name === term],
      ['identifier', (i: { identifier: string }) => i.identifier === term],
    ] as const) {
      const url = `${base}/projects?${param}=${enc(term)}`;
      const r = await get(w, url);
      wrong.push(...responseProblems(url, r).map((p) => `${param}=${JSON.stringify(term)}: ${p}`));
      if (r.statusCode !== 200) { if (r.statusCode !== 400) wrong.push(`${param}=${JSON.stringify(term)}: ${r.statusCode}`); continue; }
      const got = r.json().items as typeof all;
      const extra = got.filter((i) => !match(i as never));
      if (extra.length) wrong.push(`${param}=${JSON.stringify(term)}: returned ${extra.length} project(s) that do not match literally`);
      if (param === 'nameContains' && SPECIAL_NAME.includes(term) && !got.some((i) => i.name === SPECIAL_NAME)) wrong.push(`nameContains=${JSON.stringify(term)}: the project named with it was not found`);
    }
    const byKey = await get(w, `${base}/projects/${enc(term)}`);
    if (byKey.statusCode !== 404 && byKey.statusCode !== 400) wrong.push(`GET project ${JSON.stringify(term)}: ${byKey.statusCode}`);
    const runs = await get(w, `${base}/applications/${w.known.applicationKey[0]}/taskRuns?key=${enc(term)}&nameStartsWith=${enc(term)}`);
    if (runs.statusCode === 200 && runs.json().items.length) wrong.push(`taskRuns key/nameStartsWith=${JSON.stringify(term)}: matched ${runs.json().items.length}`);
  }
  for (const sortBy of ['DISPLAY_NAME; DROP TABLE dis_objects', 'name', 'TIME_CREATED DESC', '1']) {
    const r = await get(w, `${base}/projects?sortBy=${enc(sortBy)}`);
    if (r.statusCode !== 400) wrong.push(`sortBy=${JSON.stringify(sortBy)}: ${r.statusCode} (only the documented values)`);
  }
  t.same(wrong, [], 'every filter is literal, sortBy checked');
  t.same(stateDigest(w.app.ctx.db), before, 'nothing written by any of it');
});
