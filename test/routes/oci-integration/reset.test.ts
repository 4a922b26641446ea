/**
 * The control plane and /_emulator: a full reset forgets the integration
 * instances (and their OIC state); an OIC reset empties them but keeps them.
 */
import t from 'tap';
import { COMPARTMENT, TENANCY, USER } from '../../helpers/dis';
import { controlPlane, key } from './helpers';

const details = (displayName: string) => ({ displayName, compartmentId: COMPARTMENT, integrationInstanceType: 'STANDARDX' as any, isByol: false, messagePacks: 1 });
const LOOKUPS = '/ic/api/integration/v1/lookups';

t.test('an OIC reset empties control-plane instances; a full reset forgets them', async (t) => {
  const cp = await controlPlane(t, { strictAuth: true });
  const created = await cp.client.createIntegrationInstance({ createIntegrationInstanceDetails: details('resetme') });
  const id = (await cp.waiters.forWorkRequest({ workRequestId: created.opcWorkRequestId })).workRequest.resources[0].identifier;
  const made = await cp.call({ method: 'POST', url: `${LOOKUPS}?integrationInstance=resetme`, payload: { name: 'x', identifier: 'X', columns: [{ name: 'a', type: 'STRING' }] } });
  t.equal(made.statusCode, 201, made.body);

  t.equal((await cp.app.inject({ method: 'POST', url: '/_emulator/reset?api=oic' })).statusCode, 200);
  t.equal((await cp.call({ method: 'GET', url: `${LOOKUPS}?integrationInstance=resetme` })).json().totalResults, 0, 'emptied');
  t.equal((await cp.client.getIntegrationInstance({ integrationInstanceId: id })).integrationInstance.lifecycleState, 'ACTIVE', 'still there');

  t.equal((await cp.app.inject({ method: 'POST', url: '/_emulator/reset' })).statusCode, 200);
  // A full reset forgets the registered keys too (DIS state): register again.
  t.equal((await cp.app.inject({ method: 'POST', url: '/_emulator/dis/api-keys', payload: { publicKey: key.publicKey, tenancyId: TENANCY, userId: USER } })).statusCode, 201);
  t.same((await cp.client.listIntegrationInstances({ compartmentId: COMPARTMENT })).items, [], 'the control plane forgot it');
  const gone = await cp.call({ method: 'GET', url: `${LOOKUPS}?integrationInstance=resetme` });
  t.equal(gone.statusCode, 404, 'strict mode: the service instance no longer exists');
  // The name is free again.
  const again = await cp.client.createIntegrationInstance({ createIntegrationInstanceDetails: details('resetme') });
  t.equal((await cp.waiters.forWorkRequest({ workRequestId: again.opcWorkRequestId })).workRequest.status, 'SUCCEEDED');
});
