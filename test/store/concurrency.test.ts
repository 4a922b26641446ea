/**
 * Requests that arrive at the same time: 50 concurrent creates of one
 * identifier (over a real socket) give exactly one 201 and 49 409s, for every
 * OIC resource and DIS design object; a storm of concurrent activate /
 * deactivate calls leaves an integration in a state that agrees with the
 * answers and with the runtime's tables; concurrent DIS creates sharing one
 * opc-retry-token create one object and all get the same answer.
 */
import t from 'tap';
import { buildTestApp, tokenFor } from '../helpers/app';
import { buildDisApp, activeWorkspace, publishedTask } from '../helpers/dis';
import { API, PROJECTS, connection, integration, seedLookup, seedProject } from '../helpers/oic';

const N = 50;

async function burst(base: string, auth: string, method: string, path: string, bodies: unknown[]): Promise<Array<{ status: number; body: any }>> {
  return Promise.all(bodies.map((b) => fetch(`${base}${path}`, {
    method,
    headers: { authorization: auth, ...(b === undefined ? {} : { 'content-type': 'application/json' }) },
    body: b === undefined ? undefined : JSON.stringify(b),
  }).then(async (r) => ({ status: r.status, body: await r.text().then((x) => (x ? JSON.parse(x) : null)) }))));
}

const count = (rs: Array<{ status: number }>, status: number) => rs.filter((r) => r.status === status).length;

t.test(`OIC: ${N} concurrent creates of one identifier over a socket: one 201, ${N - 1} 409s`, async (t) => {
  const { app } = await buildTestApp(t, { rateLimit: 100_000 });
  const auth = `Bearer ${await tokenFor(app)}`;
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const cases: Array<[string, string, (i: number) => unknown, string]> = [
    ['project', PROJECTS, (i) => ({ ...seedProject(), description: `copy ${i}` }), 'SELECT COUNT(*) AS n FROM oic_projects'],
    ['connection', `${API}/connections`, (i) => connection('SAME_CONN', { description: `copy ${i}` }), 'SELECT COUNT(*) AS n FROM oic_connections'],
    ['integration', `${API}/integrations`, (i) => integration('SAME_INT', { description: `copy ${i}` }), 'SELECT COUNT(*) AS n FROM oic_integrations'],
    ['lookup', `${API}/lookups`, (i) => ({ ...seedLookup(), description: `copy ${i}` }), 'SELECT COUNT(*) AS n FROM oic_lookups'],
  ];
  for (const [what, url, body, countSql] of cases) {
    const results = await burst(base, auth, 'POST', url, Array.from({ length: N }, (_, i) => body(i)));
    t.equal(count(results, 201), 1, `${what}: exactly one 201`);
    t.equal(count(results, 409), N - 1, `${what}: ${N - 1} 409s`);
    t.ok(results.filter((r) => r.status === 409).every((r) => r.body['o:errorCode'] === 'OIC-409001'), `${what}: the 409s are problem JSON`);
    t.equal((app.ctx.db.prepare(countSql).get() as { n: number }).n, 1, `${what}: one row`);
  }
  // Clone: many clones to one target id.
  const clones = await burst(base, auth, 'POST', `${API}/integrations/SAME_INT%7C01.00.0000/clone`, Array.from({ length: N }, () => ({ identifier: 'CLONED', version: '01.00.0000', name: 'clone' })));
  t.equal(count(clones, 201), 1, 'clone: exactly one 201');
  t.equal(count(clones, 409), N - 1, `clone: ${N - 1} 409s`);
});

t.test('OIC: concurrent activate / deactivate storms end in a consistent state', async (t) => {
  const { app } = await buildTestApp(t, { rateLimit: 100_000 });
  const auth = `Bearer ${await tokenFor(app)}`;
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  await burst(base, auth, 'POST', `${API}/connections`, [connection('SRC')]);
  await burst(base, auth, 'POST', `${API}/integrations`, [integration('FLIP', { style: 'SCHEDULED', connections: [{ role: 'SOURCE', connectionId: 'SRC' }] })]);
  await burst(base, auth, 'POST', `${API}/integrations/FLIP%7C01.00.0000/schedule`, [{ frequency: 'HOURLY' }]);
  const id = 'FLIP%7C01.00.0000';
  for (let round = 0; round < 5; round++) {
    const before = (await burst(base, auth, 'GET', `${API}/integrations/${id}`, [undefined]))[0].body.status;
    const actions = Array.from({ length: 40 }, (_, i) => (i % 2 === round % 2 ? 'activate' : 'deactivate'));
    const results = await Promise.all(actions.map((a) => burst(base, auth, 'POST', `${API}/integrations/${id}/${a}`, [undefined]).then((r) => ({ action: a, ...r[0] }))));
    t.ok(results.every((r) => r.status === 200 || (r.status === 409 && r.body['o:errorCode'] === 'OIC-409001')), `round ${round}: every answer is 200 or 409`);
    const ok = (a: string) => results.filter((r) => r.action === a && r.status === 200).length;
    const after = (await burst(base, auth, 'GET', `${API}/integrations/${id}`, [undefined]))[0].body;
    const net = ok('activate') - ok('deactivate');
    t.equal(net, (after.status === 'ACTIVE' ? 1 : 0) - (before === 'ACTIVE' ? 1 : 0), `round ${round}: the successful calls alternate and add up to the final status (${after.status})`);
    const row = app.ctx.db.prepare("SELECT status FROM oic_integrations WHERE id = 'FLIP|01.00.0000'").get() as { status: string };
    t.equal(row.status, after.status, 'the row agrees with GET');
    if (after.status === 'ACTIVE') {
      // The runtime records the last activation it has applied; the current one must be it.
      const seen = app.ctx.db.prepare(`SELECT a.activated_time = i.activated_time AS current FROM oic_integrations i
        JOIN oic_runtime_activations a ON a.integration_id = i.id WHERE i.id = 'FLIP|01.00.0000'`).get() as { current: number } | undefined;
      t.equal(seen?.current, 1, 'the runtime has applied the current activation');
    }
    t.equal(after.schedule?.nextRunTime === null, after.status !== 'ACTIVE', 'the schedule has a next run exactly when active');
  }
});

t.test('DIS: concurrent creates of one identifier, and concurrent creates sharing an opc-retry-token', async (t) => {
  const d = await buildDisApp(t);
  const ws = await activeWorkspace(d);
  const base = `/20200430/workspaces/${ws}`;
  const projects = await Promise.all(Array.from({ length: N }, (_, i) => d.call('POST', `${base}/projects`, { name: `P${i}`, identifier: 'SAME' })));
  t.equal(projects.filter((r) => r.statusCode === 200).length, 1, 'one project created');
  t.equal(projects.filter((r) => r.statusCode === 409 && r.json().code === 'Conflict').length, N - 1, `${N - 1} 409 Conflict`);

  const { app: appKey, task } = await publishedTask(d, ws);
  const runs = `${base}/applications/${appKey}/taskRuns`;
  const body = { registryMetadata: { aggregatorKey: task } };
  const same = await Promise.all(Array.from({ length: 20 }, () => d.call('POST', runs, body, { headers: { 'opc-retry-token': 'one-run-please' } })));
  t.ok(same.every((r) => r.statusCode === 200), `all answered 200 (${[...new Set(same.map((r) => r.statusCode))]})`);
  t.equal(new Set(same.map((r) => r.json().key)).size, 1, 'all got the same run');
  const list = (await d.call('GET', runs)).json();
  t.equal(list.items.length, 1, 'one run exists');
  const other = await Promise.all(Array.from({ length: 5 }, () => d.call('POST', runs, { ...body, name: 'different' }, { headers: { 'opc-retry-token': 'one-run-please' } })));
  t.ok(other.every((r) => r.statusCode === 409), 'the token on a different request is a 409');

  const spaces = await Promise.all(Array.from({ length: 20 }, () => d.call('POST', '/20200430/workspaces', { displayName: 'twin', compartmentId: 'ocid1.compartment.oc1..aaaaaaaatestcompartment' }, { headers: { 'opc-retry-token': 'one-workspace' } })));
  t.equal(new Set(spaces.map((r) => r.headers['opc-work-request-id'])).size, 1, 'one work request for 20 identical retries');
  t.equal((d.app.ctx.db.prepare("SELECT COUNT(*) AS n FROM dis_workspaces WHERE json_extract(doc, '$.displayName') = 'twin'").get() as { n: number }).n, 1, 'one workspace');
});
