/**
 * The OCI Integration control plane driven by the official SDK over a real
 * socket: create -> ACTIVE (work-request waiter), the OIC service instance it
 * designates answers /ic/api; stop -> INACTIVE and 503 there; start; delete
 * -> DELETED and its OIC state gone.
 */
import t from 'tap';
import { COMPARTMENT } from '../../helpers/dis';
import { controlPlane, ociError } from './helpers';
import { ETAG, ocidOf, pageAt, SDK_REQUEST_ID } from '../../helpers/oci-sdk';

const API = '/ic/api/integration/v1';
const details = (displayName: string) => ({ displayName, compartmentId: COMPARTMENT, integrationInstanceType: 'ENTERPRISEX' as any, isByol: false, messagePacks: 2 });

t.test('SDK lifecycle: create, OIC calls, stop (503), start, delete', async (t) => {
  const cp = await controlPlane(t);
  const { client, waiters } = cp;
  const oic = (name: string, opts: { method?: string; url: string; payload?: unknown }) =>
    cp.call({ method: (opts.method ?? 'GET') as any, url: `${opts.url}${opts.url.includes('?') ? '&' : '?'}integrationInstance=${name}`, payload: opts.payload as any });

  const created = await client.createIntegrationInstance({ createIntegrationInstanceDetails: details('sdkinst'), opcRetryToken: 'create-1' });
  t.match(created.opcWorkRequestId, ocidOf('integrationworkrequest'), 'createIntegrationInstance answers with opc-work-request-id');
  t.match(created.opcRequestId, SDK_REQUEST_ID, 'and opc-request-id');
  const again = await client.createIntegrationInstance({ createIntegrationInstanceDetails: details('sdkinst'), opcRetryToken: 'create-1' });
  t.equal(again.opcWorkRequestId, created.opcWorkRequestId, 'same retry token, same request: the first answer again');

  const wr0 = await client.getWorkRequest({ workRequestId: created.opcWorkRequestId });
  t.equal(wr0.workRequest.status, 'ACCEPTED');
  t.equal(wr0.workRequest.operationType, 'CREATE_INTEGRATION_INSTANCE');
  const id = wr0.workRequest.resources[0].identifier;
  t.match(id, /^ocid1\.integrationinstance\.oc1\./);
  const creating = await client.getIntegrationInstance({ integrationInstanceId: id });
  t.equal(creating.integrationInstance.lifecycleState, 'CREATING');
  const busy = await oic('sdkinst', { url: `${API}/integrations` });
  t.equal(busy.statusCode, 503, 'its /ic/api answers 503 while CREATING');

  const done = await waiters.forWorkRequest({ workRequestId: created.opcWorkRequestId });
  t.equal(done.workRequest.status, 'SUCCEEDED');
  t.equal(done.workRequest.percentComplete, 100);
  t.equal(done.workRequest.resources[0].actionType, 'CREATED');
  const got = await client.getIntegrationInstance({ integrationInstanceId: id });
  const inst = got.integrationInstance;
  t.equal(inst.lifecycleState, 'ACTIVE');
  t.equal(inst.displayName, 'sdkinst');
  t.equal(inst.integrationInstanceType, 'ENTERPRISEX');
  t.equal(inst.messagePacks, 2);
  t.equal(inst.instanceUrl, `${cp.url}/ic/home?integrationInstance=sdkinst`, 'instanceUrl points at this emulator');
  t.equal(inst.instanceDesignTimeUrl, `${cp.url}/ic/home?integrationInstance=sdkinst`);
  t.match(got.etag, ETAG, 'etag');

  const listed = await client.listIntegrationInstances({ compartmentId: COMPARTMENT });
  t.same(listed.items.map((i) => i.displayName), ['sdkinst']);
  const logs = await client.listWorkRequestLogs({ workRequestId: created.opcWorkRequestId, compartmentId: COMPARTMENT });
  t.same(logs.items.map((l) => l.message), ['CREATE_INTEGRATION_INSTANCE accepted for integration instance ' + id, 'CREATE_INTEGRATION_INSTANCE in progress', 'CREATE_INTEGRATION_INSTANCE succeeded']);
  const errors = await client.listWorkRequestErrors({ workRequestId: created.opcWorkRequestId, compartmentId: COMPARTMENT });
  t.same(errors.items, [], 'no errors');

  // The OIC service instance exists and is its own.
  const made = await oic('sdkinst', { method: 'POST', url: `${API}/integrations`, payload: { name: 'In instance', identifier: 'IN_INSTANCE', version: '01.00.0000', pattern: 'ORCHESTRATION' } });
  t.equal(made.statusCode, 201, made.body);
  t.equal((await cp.call({ method: 'GET', url: `${API}/integrations/IN_INSTANCE%7C01.00.0000` })).statusCode, 404, 'not in the default instance');

  // Stop: 503 on its /ic/api until started.
  const stop = await client.stopIntegrationInstance({ integrationInstanceId: id, ifMatch: got.etag });
  t.equal((await waiters.forWorkRequest({ workRequestId: stop.opcWorkRequestId })).workRequest.resources[0].actionType, 'STOPPED');
  t.equal((await client.getIntegrationInstance({ integrationInstanceId: id })).integrationInstance.lifecycleState, 'INACTIVE');
  const stopped = await oic('sdkinst', { url: `${API}/integrations/IN_INSTANCE%7C01.00.0000` });
  t.equal(stopped.statusCode, 503);
  t.match(stopped.json(), { status: 'HTTP 503 Service Unavailable', detail: /stopped \(INACTIVE\)/ }, "Oracle's error format (the request names its instance), naming the state");
  const wrongState = await ociError(client.stopIntegrationInstance({ integrationInstanceId: id }));
  t.equal(wrongState.statusCode, 409);
  t.equal(wrongState.serviceCode, 'IncorrectState');

  const start = await client.startIntegrationInstance({ integrationInstanceId: id });
  await waiters.forWorkRequest({ workRequestId: start.opcWorkRequestId });
  const back = await oic('sdkinst', { url: `${API}/integrations/IN_INSTANCE%7C01.00.0000` });
  t.equal(back.statusCode, 200, 'started: served again, state kept');
  t.equal(back.json().name, 'In instance');

  const stale = await ociError(client.deleteIntegrationInstance({ integrationInstanceId: id, ifMatch: got.etag }));
  t.equal(stale.statusCode, 412, 'an old etag is refused');
  t.equal(stale.serviceCode, 'NoEtagMatch');

  const del = await client.deleteIntegrationInstance({ integrationInstanceId: id });
  const deleted = await waiters.forIntegrationInstance({ integrationInstanceId: id }, 'DELETED' as any);
  t.equal(deleted?.integrationInstance.lifecycleState, 'DELETED');
  t.equal((await client.getWorkRequest({ workRequestId: del.opcWorkRequestId })).workRequest.status, 'SUCCEEDED');
  t.same((await client.listIntegrationInstances({ compartmentId: COMPARTMENT })).items, [], 'deleted instances are not listed');
  t.equal((await client.listIntegrationInstances({ compartmentId: COMPARTMENT, lifecycleState: 'DELETED' as any })).items.length, 1, 'unless asked for');
  t.notOk(cp.app.instances.get('sdkinst'), 'the OIC service instance is gone');
  const work = await client.listWorkRequests({ compartmentId: COMPARTMENT, integrationInstanceId: id });
  t.same(work.items.map((w) => w.operationType), ['DELETE_INTEGRATION_INSTANCE', 'START_INTEGRATION_INSTANCE', 'STOP_INTEGRATION_INSTANCE', 'CREATE_INTEGRATION_INSTANCE'], 'newest first');
});

t.test('SDK: every action of an ACTIVE instance, with its checks', async (t) => {
  const cp = await controlPlane(t);
  const { client, waiters } = cp;
  const c = await client.createIntegrationInstance({ createIntegrationInstanceDetails: details('acts') });
  const id = (await waiters.forWorkRequest({ workRequestId: c.opcWorkRequestId })).workRequest.resources[0].identifier;
  const run = async (p: Promise<{ opcWorkRequestId: string }>, op: string) => {
    const wr = await waiters.forWorkRequest({ workRequestId: (await p).opcWorkRequestId });
    t.equal(wr.workRequest.operationType, op, `${op} succeeded`);
    return (await client.getIntegrationInstance({ integrationInstanceId: id })).integrationInstance;
  };
  let i = await run(client.updateIntegrationInstance({ integrationInstanceId: id, updateIntegrationInstanceDetails: { messagePacks: 5, freeformTags: { team: 'a' } } }), 'UPDATE_INTEGRATION_INSTANCE');
  t.equal(i.messagePacks, 5);
  t.same(i.freeformTags, { team: 'a' });
  i = await run(client.changeIntegrationInstanceCompartment({ integrationInstanceId: id, changeIntegrationInstanceCompartmentDetails: { compartmentId: 'ocid1.compartment.oc1..other' } }), 'UPDATE_INTEGRATION_INSTANCE');
  t.equal(i.compartmentId, 'ocid1.compartment.oc1..other');
  i = await run(client.changeIntegrationInstanceNetworkEndpoint({ integrationInstanceId: id, changeIntegrationInstanceNetworkEndpointDetails: { networkEndpointDetails: { networkEndpointType: 'PUBLIC', allowlistedHttpIps: ['10.0.0.0/8'] } as any } }), 'UPDATE_INTEGRATION_INSTANCE');
  t.same(i.networkEndpointDetails?.allowlistedHttpIps, ['10.0.0.0/8']);
  i = await run(client.changePrivateEndpointOutboundConnection({ integrationInstanceId: id, changePrivateEndpointOutboundConnectionDetails: { privateEndpointOutboundConnection: { outboundConnectionType: 'PRIVATE_ENDPOINT', subnetId: 'ocid1.subnet.oc1..s' } as any } }), 'CHANGE_PRIVATE_ENDPOINT_OUTBOUND_CONNECTION');
  t.equal((i.privateEndpointOutboundConnection as any).subnetId, 'ocid1.subnet.oc1..s');
  i = await run(client.enableProcessAutomation({ integrationInstanceId: id }), 'ENABLE_PROCESS_AUTOMATION');
  t.equal(i.attachments?.[0].targetServiceType, 'PROCESS_AUTOMATION');
  const twice = await ociError(client.enableProcessAutomation({ integrationInstanceId: id }));
  t.equal(twice.statusCode, 409, 'already enabled');
  i = await run(client.addLogAnalyticsLogGroup({ integrationInstanceId: id, addLogAnalyticsLogGroupDetails: { logGroupId: 'ocid1.loggroup.oc1..pa', attachmentType: 'PROCESS_AUTOMATION' as any } }), 'ADD_OPA_LOG_ANALYTICS_LOG_GROUP');
  t.equal(i.processAutomationLogGroupId, 'ocid1.loggroup.oc1..pa');
  i = await run(client.disableProcessAutomation({ integrationInstanceId: id }), 'DISABLE_PROCESS_AUTOMATION');
  t.same(i.attachments, []);
  i = await run(client.addLogAnalyticsLogGroup({ integrationInstanceId: id, addLogAnalyticsLogGroupDetails: { logGroupId: 'ocid1.loggroup.oc1..lg' } }), 'ADD_LOG_ANALYTICS_LOG_GROUP');
  t.equal(i.logGroupId, 'ocid1.loggroup.oc1..lg');
  i = await run(client.removeLogAnalyticsLogGroup({ integrationInstanceId: id, removeLogAnalyticsLogGroupDetails: {} }), 'DELETE_LOG_ANALYTICS_LOG_GROUP');
  t.notOk(i.logGroupId);
  const shorter = await ociError(client.extendDataRetention({ integrationInstanceId: id, extendDataRetentionDetails: { dataRetentionPeriod: 'MONTHS_1' as any } }));
  t.equal(shorter.statusCode, 400, 'retention can only grow');
  i = await run(client.extendDataRetention({ integrationInstanceId: id, extendDataRetentionDetails: { dataRetentionPeriod: 'MONTHS_3' as any } }), 'EXTEND_DATA_RETENTION');
  t.equal(i.dataRetentionPeriod, 'MONTHS_3');
  const noDr = await ociError(client.disasterRecoveryFailover({ integrationInstanceId: id }));
  t.equal(noDr.serviceCode, 'IncorrectState', 'failover needs disaster recovery');
  i = await run(client.convertInstance({ integrationInstanceId: id, convertInstanceDetails: { conversionType: 'DISASTER_RECOVERY' as any } }), 'CONVERT_INSTANCE');
  t.equal(i.isDisasterRecoveryEnabled, true);
  t.equal(i.disasterRecoveryDetails?.role, 'PRIMARY');
  i = await run(client.disasterRecoveryFailover({ integrationInstanceId: id }), 'DISASTER_RECOVERY_FAILOVER');
  t.equal(i.disasterRecoveryDetails?.role, 'SECONDARY');
  i = await run(client.convertInstance({ integrationInstanceId: id, convertInstanceDetails: { conversionType: 'DEVELOPMENT_SHAPE' as any } }), 'CONVERT_INSTANCE');
  t.equal(i.shape, 'DEVELOPMENT');
  i = await run(client.addOracleManagedCustomEndpoint({ integrationInstanceId: id, addOracleManagedCustomEndpointDetails: { hostname: 'oic.example.com' } }), 'CREATE_CUSTOM_ENDPOINT');
  t.match(i.customEndpoint, { hostname: 'oic.example.com', managedType: 'ORACLE_MANAGED', dnsType: 'OCI' });
  i = await run(client.removeOracleManagedCustomEndpoint({ integrationInstanceId: id }), 'DELETE_CUSTOM_ENDPOINT');
  t.notOk(i.customEndpoint);
  const none = await ociError(client.removeOracleManagedCustomEndpoint({ integrationInstanceId: id }));
  t.equal(none.statusCode, 409);
});

t.test('bad input: OCI errors, nothing written', async (t) => {
  const cp = await controlPlane(t);
  const { client } = cp;
  const missing = await ociError(client.createIntegrationInstance({ createIntegrationInstanceDetails: { displayName: 'x', compartmentId: COMPARTMENT } as any }));
  t.equal(missing.statusCode, 400);
  t.match(missing.serviceCode, /MissingParameter|InvalidParameter/);
  const badName = await ociError(client.createIntegrationInstance({ createIntegrationInstanceDetails: details('no spaces allowed') }));
  t.equal(badName.statusCode, 400);
  const taken = await ociError(client.createIntegrationInstance({ createIntegrationInstanceDetails: details('emulator') }));
  t.equal(taken.statusCode, 409, 'the default instance name is taken');
  t.equal(taken.serviceCode, 'Conflict');
  const unknown = await ociError(client.getIntegrationInstance({ integrationInstanceId: 'ocid1.integrationinstance.oc1..nope' }));
  t.equal(unknown.statusCode, 404);
  t.equal(unknown.serviceCode, 'NotAuthorizedOrNotFound');
  t.match(unknown.opcRequestId, SDK_REQUEST_ID, 'errors carry opc-request-id');
  const noWr = await ociError(client.getWorkRequest({ workRequestId: 'ocid1.integrationworkrequest.oc1..nope' }));
  t.equal(noWr.statusCode, 404);
  t.same((await client.listIntegrationInstances({ compartmentId: COMPARTMENT })).items, [], 'nothing was created');
  const unsigned = await fetch(`${cp.url}/20190131/integrationInstances?compartmentId=${COMPARTMENT}`);
  t.equal(unsigned.status, 401, 'unsigned requests are refused');
  t.equal(((await unsigned.json()) as { code: string }).code, 'NotAuthenticated');
});

t.test('paging: limit, opc-next-page, sortBy DISPLAYNAME', async (t) => {
  const cp = await controlPlane(t);
  const { client, waiters } = cp;
  for (const n of ['c3', 'a1', 'b2']) {
    const r = await client.createIntegrationInstance({ createIntegrationInstanceDetails: details(n) });
    await waiters.forWorkRequest({ workRequestId: r.opcWorkRequestId });
  }
  const first = await client.listIntegrationInstances({ compartmentId: COMPARTMENT, limit: 2, sortBy: 'DISPLAYNAME' as any });
  t.same(first.items.map((i) => i.displayName), ['a1', 'b2']);
  t.equal(first.opcNextPage, pageAt(2));
  const second = await client.listIntegrationInstances({ compartmentId: COMPARTMENT, limit: 2, sortBy: 'DISPLAYNAME' as any, page: first.opcNextPage });
  t.same(second.items.map((i) => i.displayName), ['c3']);
  t.notOk(second.opcNextPage, 'last page');
  t.equal(second.opcPreviousPage, pageAt(0), 'opc-previous-page');
  const byName = await client.listIntegrationInstances({ compartmentId: COMPARTMENT, displayName: 'b2' });
  t.same(byName.items.map((i) => i.displayName), ['b2']);
});
