/**
 * Workspaces and work requests: asynchronous lifecycles on the clock, state
 * rules, etags, retry tokens, paging of the bare-array lists, bad input.
 */
import t from 'tap';
import { COMPARTMENT, activeWorkspace, buildDisApp, expectOciError, ocidOf, pageAt } from '../../helpers/dis';

const WS = '/20200430/workspaces';
const create = (name: string, extra = {}) => ({ displayName: name, compartmentId: COMPARTMENT, ...extra });

t.test('create: 202 + opc-work-request-id, CREATING -> ACTIVE as the clock moves', async (t) => {
  const d = await buildDisApp(t);
  const res = await d.call('POST', WS, create('lifecycle', { description: 'd', freeformTags: { team: 'data' } }));
  t.equal(res.statusCode, 202);
  t.equal(res.body, '', 'no body');
  const wrId = res.headers['opc-work-request-id'] as string;
  t.match(wrId, /^ocid1\.disworkrequest\.oc1\.iad\.amaaaaaa[a-z2-7]{52}$/);

  let wr = (await d.call('GET', `/20200430/workRequests/${wrId}`)).json();
  t.match(wr, { operationType: 'CREATE_WORKSPACE', status: 'ACCEPTED', percentComplete: 0, timeStarted: null, timeFinished: null, compartmentId: COMPARTMENT });
  const wsId = wr.resources[0].identifier;
  t.match(wr.resources[0], { entityType: 'workspace', actionType: 'IN_PROGRESS', entityUri: `/20200430/workspaces/${wsId}` });
  let ws = (await d.call('GET', `${WS}/${wsId}`)).json();
  t.match(ws, { id: wsId, displayName: 'lifecycle', description: 'd', lifecycleState: 'CREATING', freeformTags: { team: 'data' } });

  d.advance(1000);
  wr = (await d.call('GET', `/20200430/workRequests/${wrId}`)).json();
  t.match(wr, { status: 'IN_PROGRESS', percentComplete: 50, timeStarted: '2026-01-05T09:00:01.000Z', timeFinished: null });
  const running = await d.call('GET', `/20200430/workRequests/${wrId}`);
  t.equal(running.headers['retry-after'], '1');

  d.advance(4000);
  wr = (await d.call('GET', `/20200430/workRequests/${wrId}`)).json();
  t.match(wr, { status: 'SUCCEEDED', percentComplete: 100, timeFinished: '2026-01-05T09:00:05.000Z' });
  t.equal(wr.resources[0].actionType, 'CREATED');
  ws = (await d.call('GET', `${WS}/${wsId}`)).json();
  t.equal(ws.lifecycleState, 'ACTIVE');

  const logs = await d.call('GET', `/20200430/workRequests/${wrId}/logs`);
  t.same(logs.json().map((l: { message: string }) => l.message), ['CREATE_WORKSPACE accepted for workspace ' + wsId, 'CREATE_WORKSPACE in progress', 'CREATE_WORKSPACE succeeded'], 'bare array, oldest first');
  t.same((await d.call('GET', `/20200430/workRequests/${wrId}/workRequestErrors`)).json(), []);
  const listed = await d.call('GET', `/20200430/workRequests?compartmentId=${COMPARTMENT}&workspaceId=${wsId}&workRequestStatus=SUCCEEDED`);
  t.same(listed.json().map((w: { id: string }) => w.id), [wrId]);
});

t.test('validation of workspace bodies and queries', async (t) => {
  const d = await buildDisApp(t);
  expectOciError(t, await d.call('POST', WS, { compartmentId: COMPARTMENT }), 400, 'MissingParameter', /body\.displayName is required/);
  expectOciError(t, await d.call('POST', WS, create('x', { colour: 'blue' })), 400, 'InvalidParameter', /body\.colour is not an allowed property/);
  expectOciError(t, await d.call('POST', WS, create('x', { isPrivateNetworkEnabled: 'yes' })), 400, 'InvalidParameter', /isPrivateNetworkEnabled must be boolean/);
  expectOciError(t, await d.call('POST', WS, '{"displayName": '), 400, 'CannotParseRequest', /Malformed JSON/);
  expectOciError(t, await d.call('GET', WS), 400, 'MissingParameter', /compartmentId is required/);
  expectOciError(t, await d.call('GET', `${WS}?compartmentId=${COMPARTMENT}&sortBy=SIZE`), 400, 'InvalidParameter', /sortBy must be one of TIME_CREATED, DISPLAY_NAME, TIME_UPDATED/);
  expectOciError(t, await d.call('GET', `${WS}?compartmentId=${COMPARTMENT}&limit=0`), 400, 'InvalidParameter', /limit/);
  expectOciError(t, await d.call('GET', `${WS}?compartmentId=${COMPARTMENT}&page=garbage`), 400, 'InvalidParameter', /page 'garbage' is not a page token/);
  t.same((await d.call('GET', `${WS}?compartmentId=${COMPARTMENT}`)).json(), [], 'nothing was created');
});

t.test('listWorkspaces pages a bare array with opc-next-page / opc-prev-page / opc-total-items', async (t) => {
  const d = await buildDisApp(t);
  for (const name of ['b', 'a', 'c']) {
    await d.call('POST', WS, create(name));
    d.advance(1000);
  }
  await d.call('POST', WS, { displayName: 'elsewhere', compartmentId: 'ocid1.compartment.oc1..other' });
  const page1 = await d.call('GET', `${WS}?compartmentId=${COMPARTMENT}&limit=2`);
  t.same(page1.json().map((w: { displayName: string }) => w.displayName), ['c', 'a'], 'newest first by default');
  t.equal(page1.headers['opc-total-items'], '3');
  t.notOk(page1.headers['opc-prev-page']);
  const page2 = await d.call('GET', `${WS}?compartmentId=${COMPARTMENT}&limit=2&page=${page1.headers['opc-next-page']}`);
  t.same(page2.json().map((w: { displayName: string }) => w.displayName), ['b']);
  t.notOk(page2.headers['opc-next-page'], 'no next page on the last page');
  t.equal(page2.headers['opc-prev-page'], pageAt(0));
  const byName = await d.call('GET', `${WS}?compartmentId=${COMPARTMENT}&sortBy=DISPLAY_NAME`);
  t.same(byName.json().map((w: { displayName: string }) => w.displayName), ['a', 'b', 'c'], 'names sort A to Z by default');
  const desc = await d.call('GET', `${WS}?compartmentId=${COMPARTMENT}&sortBy=DISPLAY_NAME&sortOrder=DESC`);
  t.same(desc.json().map((w: { displayName: string }) => w.displayName), ['c', 'b', 'a']);
  t.same((await d.call('GET', `${WS}?compartmentId=${COMPARTMENT}&name=b`)).json().length, 1, 'name filter');
  d.advance(2000); // b (created first) is ACTIVE now; a and c are still CREATING
  t.same((await d.call('GET', `${WS}?compartmentId=${COMPARTMENT}&lifecycleState=CREATING`)).json().map((w: { displayName: string }) => w.displayName), ['c', 'a'], 'lifecycleState filter');
});

t.test('update with if-match; state rules; stop/start/delete through work requests', async (t) => {
  const d = await buildDisApp(t);
  const created = await d.call('POST', WS, create('rules'));
  const wsId = (await d.call('GET', `/20200430/workRequests/${created.headers['opc-work-request-id']}`)).json().resources[0].identifier;
  expectOciError(t, await d.call('POST', `${WS}/${wsId}/actions/stop`), 409, 'IncorrectState', /is CREATING with work request .* in progress; it can be stopped only when ACTIVE/);
  expectOciError(t, await d.call('POST', `${WS}/${wsId}/projects`, { name: 'p', identifier: 'P' }), 409, 'IncorrectState', /is CREATING; it must be ACTIVE.*wait for its work request/);
  d.advance(10_000);

  const got = await d.call('GET', `${WS}/${wsId}`);
  const stale = await d.call('PUT', `${WS}/${wsId}`, { displayName: 'nope' }, { headers: { 'if-match': 'not-the-etag' } });
  expectOciError(t, stale, 412, 'NoEtagMatch', /if-match value 'not-the-etag' does not match the current etag/);
  const upd = await d.call('PUT', `${WS}/${wsId}`, { displayName: 'renamed', workspaceProperties: { a: '1' } }, { headers: { 'if-match': got.headers.etag as string } });
  t.equal(upd.statusCode, 200);
  t.match(upd.json(), { displayName: 'renamed', workspaceProperties: { a: '1' }, lifecycleState: 'ACTIVE' });
  t.match(upd.headers['opc-work-request-id'], ocidOf('disworkrequest'), 'update also answers with a work request');
  t.not(upd.headers.etag, got.headers.etag);
  const updWr = (await d.call('GET', `/20200430/workRequests/${upd.headers['opc-work-request-id']}`)).json();
  t.equal(updWr.operationType, 'UPDATE_WORKSPACE');

  const stop = await d.call('POST', `${WS}/${wsId}/actions/stop`);
  t.equal(stop.statusCode, 202);
  t.equal((await d.call('GET', `${WS}/${wsId}`)).json().lifecycleState, 'STOPPING');
  d.advance(10_000);
  t.equal((await d.call('GET', `${WS}/${wsId}`)).json().lifecycleState, 'STOPPED');
  const stopWr = (await d.call('GET', `/20200430/workRequests/${stop.headers['opc-work-request-id']}`)).json();
  t.match(stopWr, { operationType: 'UPDATE_WORKSPACE', status: 'SUCCEEDED' });
  t.equal(stopWr.resources[0].actionType, 'STOPPED');
  expectOciError(t, await d.call('POST', `${WS}/${wsId}/projects`, { name: 'p', identifier: 'P' }), 409, 'IncorrectState', /is STOPPED.*actions\/start/);
  expectOciError(t, await d.call('POST', `${WS}/${wsId}/actions/stop`), 409, 'IncorrectState');

  await d.call('POST', `${WS}/${wsId}/actions/start`);
  t.equal((await d.call('GET', `${WS}/${wsId}`)).json().lifecycleState, 'STARTING');
  d.advance(10_000);
  t.equal((await d.call('GET', `${WS}/${wsId}`)).json().lifecycleState, 'ACTIVE');

  const move = await d.call('POST', `${WS}/${wsId}/actions/changeCompartment`, { compartmentId: 'ocid1.compartment.oc1..new' });
  t.equal(move.statusCode, 202);
  d.advance(10_000);
  t.equal((await d.call('GET', `${WS}/${wsId}`)).json().compartmentId, 'ocid1.compartment.oc1..new');
  t.equal((await d.call('GET', `/20200430/workRequests/${move.headers['opc-work-request-id']}`)).json().operationType, 'MOVE_WORKSPACE');
  expectOciError(t, await d.call('POST', `${WS}/${wsId}/actions/changeCompartment`, {}), 400, 'MissingParameter', /compartmentId is required/);

  const del = await d.call('DELETE', `${WS}/${wsId}`);
  t.equal(del.statusCode, 202);
  t.equal((await d.call('GET', `${WS}/${wsId}`)).json().lifecycleState, 'DELETING');
  d.advance(10_000);
  t.equal((await d.call('GET', `${WS}/${wsId}`)).json().lifecycleState, 'DELETED', 'a deleted workspace stays readable, as DELETED');
  t.same((await d.call('GET', `${WS}?compartmentId=ocid1.compartment.oc1..new`)).json(), [], 'and is no longer listed');
  t.equal((await d.call('GET', `${WS}?compartmentId=ocid1.compartment.oc1..new&lifecycleState=DELETED`)).json().length, 1, 'unless asked for');
  expectOciError(t, await d.call('GET', `${WS}/${wsId}/projects`), 404, 'NotAuthorizedOrNotFound', /has been deleted/);
  expectOciError(t, await d.call('DELETE', `${WS}/${wsId}`), 404, 'NotAuthorizedOrNotFound');
});

t.test('scripted work-request failures', async (t) => {
  const d = await buildDisApp(t);
  const script = await d.app.inject({ method: 'POST', url: '/_emulator/dis/work-request-outcomes', payload: { outcomes: ['FAILED'], errorMessage: 'Quota exceeded for workspaces' } });
  t.equal(script.statusCode, 201);
  const res = await d.call('POST', WS, create('doomed'));
  const wrId = res.headers['opc-work-request-id'];
  d.advance(10_000);
  const wr = (await d.call('GET', `/20200430/workRequests/${wrId}`)).json();
  t.match(wr, { status: 'FAILED', percentComplete: 100 });
  t.ok(Date.parse(wr.timeFinished) >= Date.parse(wr.timeAccepted) && Date.parse(wr.timeFinished) <= d.clock.now(), `timeFinished is set on failure too (${wr.timeFinished})`);
  t.equal(wr.resources[0].actionType, 'FAILED');
  const ws = (await d.call('GET', `${WS}/${wr.resources[0].identifier}`)).json();
  t.match(ws, { lifecycleState: 'FAILED', stateMessage: 'Quota exceeded for workspaces' });
  const errors = (await d.call('GET', `/20200430/workRequests/${wrId}/workRequestErrors`)).json();
  t.match(errors, [{ code: 'InternalError', message: 'Quota exceeded for workspaces', timestamp: String }]);
  t.same((await d.app.inject({ method: 'GET', url: '/_emulator/dis/work-request-outcomes' })).json().items, [], 'the scripted outcome was used up');
  // The next one succeeds again.
  const next = await d.call('POST', WS, create('fine'));
  d.advance(10_000);
  t.equal((await d.call('GET', `/20200430/workRequests/${next.headers['opc-work-request-id']}`)).json().status, 'SUCCEEDED');
});

t.test('opc-retry-token on createWorkspace: a retry returns the first answer and creates nothing', async (t) => {
  const d = await buildDisApp(t);
  const first = await d.call('POST', WS, create('once'), { headers: { 'opc-retry-token': 'tok-1' } });
  const again = await d.call('POST', WS, create('once'), { headers: { 'opc-retry-token': 'tok-1' } });
  t.equal(again.statusCode, 202);
  t.equal(again.headers['opc-work-request-id'], first.headers['opc-work-request-id']);
  t.equal((await d.call('GET', `${WS}?compartmentId=${COMPARTMENT}`)).json().length, 1);
  const other = await d.call('POST', WS, create('twice'), { headers: { 'opc-retry-token': 'tok-1' } });
  expectOciError(t, other, 409, 'Conflict', /opc-retry-token 'tok-1' was already used for a different request/);
  // A token expires after 24 hours of clock time.
  d.advance(25 * 3600_000);
  t.equal((await d.call('POST', WS, create('twice'), { headers: { 'opc-retry-token': 'tok-1' } })).statusCode, 202);
  t.equal((await d.call('GET', `${WS}?compartmentId=${COMPARTMENT}`)).json().length, 2);
});

t.test('unknown work requests and workspaces', async (t) => {
  const d = await buildDisApp(t);
  expectOciError(t, await d.call('GET', '/20200430/workRequests/ocid1.disworkrequest.oc1.iad.nope'), 404, 'NotAuthorizedOrNotFound', /Work request .* not found/);
  expectOciError(t, await d.call('GET', '/20200430/workRequests/nope/logs'), 404, 'NotAuthorizedOrNotFound');
  expectOciError(t, await d.call('GET', '/20200430/workRequests'), 400, 'MissingParameter');
  const ws = await activeWorkspace(d);
  t.match(ws, ocidOf('disworkspace'));
});
