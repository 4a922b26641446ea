/**
 * DIS applications through the official SDK: CRUD by OCID and by key,
 * compartment filter and change, paging, etag/if-match, retry tokens, bad
 * input, and the detailed description shared with /applications.
 */
import t from 'tap';
import { COMPARTMENT, di, ociError, sdkHarness } from './sdk-harness';
import { ETAG, pageAt, SDK_REQUEST_ID } from '../../helpers/oci-sdk';

const OTHER = 'ocid1.compartment.oc1..aaaaaaaaothercompartment';

t.test('DIS applications: create, get by OCID and key, list, update, change compartment, delete', async (t) => {
  const { dis, workspace } = await sdkHarness(t);
  const ws = await workspace();

  const created = await dis.createDisApplication({
    workspaceId: ws,
    createDisApplicationDetails: { name: 'Sales', identifier: 'SALES', modelType: di.models.CreateDisApplicationDetails.ModelType.IntegrationApplication, displayName: 'Sales app', description: 'd1', freeformTags: { team: 'a' } },
    opcRetryToken: 'create-sales',
  });
  const a = created.disApplication;
  t.match(a.id, /^ocid1\.disapplication\.oc1\./, 'an OCID');
  t.equal(a.compartmentId, COMPARTMENT, 'the workspace compartment by default');
  t.equal(a.lifecycleState, 'ACTIVE');
  t.equal(a.displayName, 'Sales app');
  t.equal(a.applicationVersion, 0);
  t.same(a.freeformTags, { team: 'a' });
  t.match(created.etag, ETAG);
  t.match(created.opcRequestId, SDK_REQUEST_ID);

  const replay = await dis.createDisApplication({ workspaceId: ws, createDisApplicationDetails: { name: 'Sales', identifier: 'SALES', modelType: di.models.CreateDisApplicationDetails.ModelType.IntegrationApplication, displayName: 'Sales app', description: 'd1', freeformTags: { team: 'a' } }, opcRetryToken: 'create-sales' });
  t.equal(replay.disApplication.key, a.key, 'the retry token replays the first answer');
  const reused = await ociError(dis.createDisApplication({ workspaceId: ws, createDisApplicationDetails: { name: 'Other', identifier: 'OTHER' }, opcRetryToken: 'create-sales' }));
  t.equal(reused.statusCode, 409, 'the token on another request is a conflict');

  const byId = await dis.getDisApplication({ workspaceId: ws, disApplicationId: a.id! });
  t.equal(byId.disApplication.key, a.key, 'found by OCID');
  t.equal(byId.etag, created.etag);
  const waited = await dis.createWaiters().forDisApplication({ workspaceId: ws, disApplicationId: a.id! }, di.models.DisApplication.LifecycleState.Active);
  t.equal(waited?.disApplication.key, a.key, 'the SDK waiter sees it ACTIVE');
  const byKey = await dis.getDisApplication({ workspaceId: ws, disApplicationId: a.key! });
  t.equal(byKey.disApplication.id, a.id, 'found by key');
  const classic = await dis.getApplication({ workspaceId: ws, applicationKey: a.key! });
  t.equal(classic.application.name, 'Sales', 'the same application under /applications');

  // A second one in another compartment; paging two at a time over three.
  const b = (await dis.createDisApplication({ workspaceId: ws, createDisApplicationDetails: { name: 'Billing', identifier: 'BILLING', compartmentId: OTHER } })).disApplication;
  t.equal(b.compartmentId, OTHER);
  await dis.createDisApplication({ workspaceId: ws, createDisApplicationDetails: { name: 'Archive', identifier: 'ARCHIVE' } });
  const first = await dis.listDisApplications({ workspaceId: ws, compartmentId: COMPARTMENT, limit: 1, sortBy: di.requests.ListDisApplicationsRequest.SortBy.DisplayName });
  t.same(first.disApplicationSummaryCollection.items.map((x) => x.name), ['Archive'], 'sorted by name, first page');
  t.equal(first.opcNextPage, pageAt(1), 'a next page');
  const second = await dis.listDisApplications({ workspaceId: ws, compartmentId: COMPARTMENT, limit: 1, page: first.opcNextPage, sortBy: di.requests.ListDisApplicationsRequest.SortBy.DisplayName });
  t.same(second.disApplicationSummaryCollection.items.map((x) => x.name), ['Sales']);
  t.notOk(second.opcNextPage, 'the last page');
  t.same((await dis.listDisApplications({ workspaceId: ws, compartmentId: OTHER })).disApplicationSummaryCollection.items.map((x) => x.key), [b.key], 'by compartment');
  t.same((await dis.listDisApplications({ workspaceId: ws, compartmentId: COMPARTMENT, identifier: ['SALES'] })).disApplicationSummaryCollection.items.map((x) => x.key), [a.key], 'by identifier');
  t.same((await dis.listDisApplications({ workspaceId: ws, compartmentId: COMPARTMENT, nameContains: 'arch' })).disApplicationSummaryCollection.items.map((x) => x.name), ['Archive'], 'by part of the name');

  // Update with if-match; a stale etag is a 412.
  const updated = await dis.updateDisApplication({
    workspaceId: ws,
    disApplicationId: a.id!,
    updateDisApplicationDetails: { key: a.key!, modelType: 'INTEGRATION_APPLICATION', objectVersion: 1, description: 'd2', displayName: 'Sales 2' },
    ifMatch: created.etag,
  });
  t.equal(updated.disApplication.description, 'd2');
  t.equal(updated.disApplication.displayName, 'Sales 2');
  t.equal(updated.disApplication.objectVersion, 2);
  t.not(updated.etag, created.etag, 'a new etag');
  const stale = await ociError(dis.updateDisApplication({ workspaceId: ws, disApplicationId: a.id!, updateDisApplicationDetails: { key: a.key!, modelType: 'INTEGRATION_APPLICATION', objectVersion: 2, description: 'd3' }, ifMatch: created.etag }));
  t.equal(stale.statusCode, 412);
  t.equal(stale.serviceCode, 'NoEtagMatch');
  t.equal((await dis.getDisApplication({ workspaceId: ws, disApplicationId: a.id! })).disApplication.description, 'd2', 'unchanged by the 412');

  // Change compartment.
  const staleMove = await ociError(dis.changeDisApplicationCompartment({ workspaceId: ws, disApplicationId: a.id!, changeDisApplicationCompartmentDetails: { compartmentId: OTHER }, ifMatch: created.etag }));
  t.equal(staleMove.statusCode, 412);
  const moved = await dis.changeDisApplicationCompartment({ workspaceId: ws, disApplicationId: a.id!, changeDisApplicationCompartmentDetails: { compartmentId: OTHER }, ifMatch: updated.etag });
  t.match(moved.opcRequestId, SDK_REQUEST_ID);
  t.equal((await dis.getDisApplication({ workspaceId: ws, disApplicationId: a.id! })).disApplication.compartmentId, OTHER, 'moved');
  t.same((await dis.listDisApplications({ workspaceId: ws, compartmentId: OTHER, sortBy: di.requests.ListDisApplicationsRequest.SortBy.DisplayName })).disApplicationSummaryCollection.items.map((x) => x.name), ['Billing', 'Sales'], 'listed in the new compartment');

  // A retried move with its token gets the first answer, even though the etag it sent is stale now.
  const c = await dis.createDisApplication({ workspaceId: ws, createDisApplicationDetails: { name: 'C', identifier: 'C' } });
  const move = { workspaceId: ws, disApplicationId: c.disApplication.id!, changeDisApplicationCompartmentDetails: { compartmentId: OTHER }, ifMatch: c.etag, opcRetryToken: 'move-c' };
  await dis.changeDisApplicationCompartment(move);
  const retried = await dis.changeDisApplicationCompartment(move);
  t.match(retried.opcRequestId, SDK_REQUEST_ID, 'the retry succeeds');
  t.equal((await ociError(dis.changeDisApplicationCompartment({ ...move, changeDisApplicationCompartmentDetails: { compartmentId: COMPARTMENT } }))).statusCode, 409, 'the token on another move');
  t.equal((await dis.getDisApplication({ workspaceId: ws, disApplicationId: c.disApplication.key! })).disApplication.compartmentId, OTHER);

  // Delete, then 404.
  const current = await dis.getDisApplication({ workspaceId: ws, disApplicationId: b.id! });
  t.equal((await ociError(dis.deleteDisApplication({ workspaceId: ws, disApplicationId: b.id!, ifMatch: 'nope' }))).statusCode, 412);
  await dis.deleteDisApplication({ workspaceId: ws, disApplicationId: b.id!, ifMatch: current.etag });
  const gone = await ociError(dis.getDisApplication({ workspaceId: ws, disApplicationId: b.id! }));
  t.equal(gone.statusCode, 404);
  t.equal(gone.serviceCode, 'NotAuthorizedOrNotFound');
  t.equal((await ociError(dis.deleteDisApplication({ workspaceId: ws, disApplicationId: b.id! }))).statusCode, 404);
  t.equal((await ociError(dis.changeDisApplicationCompartment({ workspaceId: ws, disApplicationId: 'ocid1.disapplication.oc1.iad.nope', changeDisApplicationCompartmentDetails: { compartmentId: OTHER } }))).statusCode, 404);
});

t.test('DIS applications: bad input is a 400 and writes nothing', async (t) => {
  const { dis, workspace } = await sdkHarness(t);
  const ws = await workspace();
  const count = async () => (await dis.listDisApplications({ workspaceId: ws, compartmentId: COMPARTMENT })).disApplicationSummaryCollection.items.length;

  const noIdentifier = await ociError(dis.createDisApplication({ workspaceId: ws, createDisApplicationDetails: { name: 'X' } as any }));
  t.equal(noIdentifier.statusCode, 400);
  t.equal(noIdentifier.serviceCode, 'MissingParameter');
  const badIdentifier = await ociError(dis.createDisApplication({ workspaceId: ws, createDisApplicationDetails: { name: 'X', identifier: 'lower case' } }));
  t.equal(badIdentifier.statusCode, 400);
  t.match(badIdentifier.message, /upper case/);
  const badType = await ociError(dis.createDisApplication({ workspaceId: ws, createDisApplicationDetails: { name: 'X', identifier: 'X', modelType: 'PIPELINE' as any } }));
  t.equal(badType.statusCode, 400);
  const badSource = await ociError(dis.createDisApplication({ workspaceId: ws, createDisApplicationDetails: { name: 'X', identifier: 'X', sourceApplicationInfo: { applicationKey: 'missing' } } }));
  t.equal(badSource.statusCode, 400);
  t.equal(badSource.serviceCode, 'RelatedResourceNotAuthorizedOrNotFound');
  t.equal(await count(), 0, 'nothing created');

  const a = await dis.createDisApplication({ workspaceId: ws, createDisApplicationDetails: { name: 'A', identifier: 'A' } });
  const dup = await ociError(dis.createDisApplication({ workspaceId: ws, createDisApplicationDetails: { name: 'A2', identifier: 'A' } }));
  t.equal(dup.statusCode, 409, 'identifiers are unique');
  const noVersion = await ociError(dis.updateDisApplication({ workspaceId: ws, disApplicationId: a.disApplication.id!, updateDisApplicationDetails: { key: a.disApplication.key!, modelType: 'INTEGRATION_APPLICATION', description: 'x' } as any }));
  t.equal(noVersion.statusCode, 400);
  const wrongKey = await ociError(dis.updateDisApplication({ workspaceId: ws, disApplicationId: a.disApplication.id!, updateDisApplicationDetails: { key: 'other', modelType: 'INTEGRATION_APPLICATION', objectVersion: 1, description: 'x' } }));
  t.equal(wrongKey.statusCode, 400);
  const noCompartment = await ociError(dis.changeDisApplicationCompartment({ workspaceId: ws, disApplicationId: a.disApplication.id!, changeDisApplicationCompartmentDetails: {} as any }));
  t.equal(noCompartment.statusCode, 400);
  const after = await dis.getDisApplication({ workspaceId: ws, disApplicationId: a.disApplication.id! });
  t.equal(after.etag, a.etag, 'the application is unchanged');
  t.equal(await count(), 1);
  const noWs = await ociError(dis.listDisApplications({ workspaceId: 'ocid1.disworkspace.oc1.iad.nope', compartmentId: COMPARTMENT }));
  t.equal(noWs.statusCode, 404);
});

t.test('DIS application detailed description: create, get (also via /applications), update, delete', async (t) => {
  const { dis, workspace } = await sdkHarness(t);
  const ws = await workspace();
  const a = (await dis.createDisApplication({ workspaceId: ws, createDisApplicationDetails: { name: 'A', identifier: 'A' } })).disApplication;

  t.equal((await ociError(dis.getDisApplicationDetailedDescription({ workspaceId: ws, applicationKey: a.key! }))).statusCode, 404, 'none yet');
  const created = await dis.createDisApplicationDetailedDescription({ workspaceId: ws, applicationKey: a.key!, createDisApplicationDetailedDescriptionDetails: { detailedDescription: 'Loads sales', logo: 'aGVsbG8=' } });
  t.equal(created.detailedDescription.modelType, 'DETAILED_DESCRIPTION');
  t.equal(created.detailedDescription.detailedDescription, 'Loads sales');
  t.equal(created.detailedDescription.logo, 'aGVsbG8=');
  t.equal((await ociError(dis.createDisApplicationDetailedDescription({ workspaceId: ws, applicationKey: a.key!, createDisApplicationDetailedDescriptionDetails: { detailedDescription: 'again' } }))).statusCode, 409, 'only one');

  const byId = await dis.getDisApplicationDetailedDescription({ workspaceId: ws, applicationKey: a.id! });
  t.equal(byId.detailedDescription.detailedDescription, 'Loads sales', 'by OCID too');
  const classic = await dis.getApplicationDetailedDescription({ workspaceId: ws, applicationKey: a.key! });
  t.equal(classic.detailedDescription.detailedDescription, 'Loads sales', 'the same description under /applications');
  t.equal(classic.etag, created.etag);

  t.equal((await ociError(dis.updateDisApplicationDetailedDescription({ workspaceId: ws, applicationKey: a.key!, updateDisApplicationDetailedDescriptionDetails: { detailedDescription: 'x' }, ifMatch: 'stale' }))).statusCode, 412);
  const updated = await dis.updateDisApplicationDetailedDescription({ workspaceId: ws, applicationKey: a.key!, updateDisApplicationDetailedDescriptionDetails: { detailedDescription: 'Loads all sales' }, ifMatch: created.etag });
  t.equal(updated.detailedDescription.detailedDescription, 'Loads all sales');
  t.equal(updated.detailedDescription.logo, 'aGVsbG8=', 'the logo stays');
  t.equal(updated.detailedDescription.objectVersion, 2);
  await dis.deleteDisApplicationDetailedDescription({ workspaceId: ws, applicationKey: a.key!, ifMatch: updated.etag });
  t.equal((await ociError(dis.getDisApplicationDetailedDescription({ workspaceId: ws, applicationKey: a.key! }))).statusCode, 404, 'deleted');
  t.equal((await ociError(dis.getDisApplicationDetailedDescription({ workspaceId: ws, applicationKey: 'nope' }))).statusCode, 404, 'unknown application');
});
