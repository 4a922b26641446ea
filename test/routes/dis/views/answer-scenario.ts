/**
 * The second half of the every-operation check (answer.test.ts): DIS
 * applications, function libraries and user-defined functions, external
 * publications, copy, export and import requests, each operation called once
 * over HTTP with a body the SDK would send.
 */
import { COMPARTMENT, type DisTestApp } from '../../../helpers/dis';

export type Check = (opId: string, method: string, url: string, body?: unknown, status?: number) => Promise<any>;

export async function runMore(d: DisTestApp, check: Check, ws: string, other: string): Promise<void> {
  const b = `/20200430/workspaces/${ws}`;
  const project = (await d.call('POST', `${b}/projects`, { name: 'More', identifier: 'MORE' })).json();
  const reg = { registryMetadata: { aggregatorKey: project.key } };

  const app = await check('createDisApplication', 'POST', `${b}/disApplications`, { name: 'Sales', identifier: 'SALES', modelType: 'INTEGRATION_APPLICATION', displayName: 'Sales app', freeformTags: { team: 'a' } });
  await check('listDisApplications', 'GET', `${b}/disApplications?compartmentId=${COMPARTMENT}`);
  const got = await check('getDisApplication', 'GET', `${b}/disApplications/${app.id}`);
  await check('updateDisApplication', 'PUT', `${b}/disApplications/${app.id}`, { key: app.key, modelType: 'INTEGRATION_APPLICATION', objectVersion: got.objectVersion, description: 'd2' });
  await check('changeDisApplicationCompartment', 'POST', `${b}/disApplications/${app.id}/actions/changeCompartment`, { compartmentId: 'ocid1.compartment.oc1..aaaaaaaaothercompartment' });
  await check('createDisApplicationDetailedDescription', 'POST', `${b}/disApplications/${app.key}/detailedDescription`, { detailedDescription: 'Long text' });
  await check('getDisApplicationDetailedDescription', 'GET', `${b}/disApplications/${app.key}/detailedDescription`);
  await check('updateDisApplicationDetailedDescription', 'PUT', `${b}/disApplications/${app.key}/detailedDescription`, { detailedDescription: 'Longer text' });
  await check('deleteDisApplicationDetailedDescription', 'DELETE', `${b}/disApplications/${app.key}/detailedDescription`);
  await check('deleteDisApplication', 'DELETE', `${b}/disApplications/${app.id}`);

  const lib = await check('createFunctionLibrary', 'POST', `${b}/functionLibraries`, { name: 'Helpers', identifier: 'HELPERS', ...reg });
  await check('listFunctionLibraries', 'GET', `${b}/functionLibraries`);
  await check('getFunctionLibrary', 'GET', `${b}/functionLibraries/${lib.key}`);
  await check('updateFunctionLibrary', 'PUT', `${b}/functionLibraries/${lib.key}`, { objectVersion: lib.objectVersion, description: 'text helpers' });
  const fn = await check('createUserDefinedFunction', 'POST', `${b}/userDefinedFunctions`, { name: 'Shout', identifier: 'SHOUT', expr: { exprString: 'UPPER(%1)' }, registryMetadata: { aggregatorKey: lib.key } });
  await check('listUserDefinedFunctions', 'GET', `${b}/userDefinedFunctions`);
  await check('getUserDefinedFunction', 'GET', `${b}/userDefinedFunctions/${fn.key}`);
  await check('updateUserDefinedFunction', 'PUT', `${b}/userDefinedFunctions/${fn.key}`, { objectVersion: fn.objectVersion, expr: { exprString: 'UPPER(TRIM(%1))' } });
  const udfv = await check('createUserDefinedFunctionValidation', 'POST', `${b}/userDefinedFunctionValidations`, {
    modelType: 'DIS_USER_DEFINED_FUNCTION', name: 'Shout', identifier: 'SHOUT', expr: { exprString: 'UPPER(%1)' },
    signatures: [{ name: 'shout', retType: { modelType: 'CONFIGURED_TYPE' }, arguments: [{ modelType: 'INPUT_PORT', name: 'in' }] }],
  });
  await check('listUserDefinedFunctionValidations', 'GET', `${b}/userDefinedFunctionValidations`);
  await check('getUserDefinedFunctionValidation', 'GET', `${b}/userDefinedFunctionValidations/${udfv.key}`);
  await check('deleteUserDefinedFunctionValidation', 'DELETE', `${b}/userDefinedFunctionValidations/${udfv.key}`);

  const flow = (await d.call('POST', `${b}/dataFlows`, { name: 'Flow', identifier: 'FLOW', ...reg })).json();
  const task = (await d.call('POST', `${b}/tasks`, { modelType: 'INTEGRATION_TASK', name: 'Load', identifier: 'LOAD', dataFlow: { key: flow.key }, ...reg })).json();
  const t = `${b}/tasks/${task.key}`;
  const pubBody = { applicationCompartmentId: COMPARTMENT, displayName: 'Load on Data Flow', description: 'nightly', resourceConfiguration: { sparkVersion: '3.2.1', driverShape: 'VM.Standard2.1', executorShape: 'VM.Standard2.1', totalExecutors: 2 } };
  const pub = await check('createExternalPublication', 'POST', `${t}/externalPublications`, pubBody);
  d.advance(60_000);
  await check('listExternalPublications', 'GET', `${t}/externalPublications`);
  await check('getExternalPublication', 'GET', `${t}/externalPublications/${pub.key}`);
  await check('updateExternalPublication', 'PUT', `${t}/externalPublications/${pub.key}`, { ...pubBody, description: 'hourly' });
  d.advance(60_000);
  const epv = await check('createExternalPublicationValidation', 'POST', `${t}/externalPublicationValidations`, {});
  await check('listExternalPublicationValidations', 'GET', `${t}/externalPublicationValidations`);
  await check('getExternalPublicationValidation', 'GET', `${t}/externalPublicationValidations/${epv.key}`);
  await check('deleteExternalPublicationValidation', 'DELETE', `${t}/externalPublicationValidations/${epv.key}`);
  await check('deleteExternalPublication', 'DELETE', `${t}/externalPublications/${pub.key}`);

  const o = `/20200430/workspaces/${other}`;
  const copy = await check('createCopyObjectRequest', 'POST', `${o}/copyObjectRequests`, { sourceWorkspaceId: ws, objectKeys: [task.key], copyConflictResolution: { requestType: 'RETAIN' } });
  await check('updateCopyObjectRequest', 'PUT', `${o}/copyObjectRequests/${copy.key}`, { status: 'TERMINATING' });
  d.advance(120_000);
  await check('listCopyObjectRequests', 'GET', `${o}/copyObjectRequests?projection=DETAILS`);
  await check('getCopyObjectRequest', 'GET', `${o}/copyObjectRequests/${copy.key}`);
  await check('deleteCopyObjectRequest', 'DELETE', `${o}/copyObjectRequests/${copy.key}`);

  const exp = await check('createExportRequest', 'POST', `${b}/exportRequests`, { bucketName: 'exports', fileName: 'more.zip', objectKeys: [project.key] });
  d.advance(120_000);
  await check('listExportRequests', 'GET', `${b}/exportRequests`);
  await check('getExportRequest', 'GET', `${b}/exportRequests/${exp.key}`);
  const imp = await check('createImportRequest', 'POST', `${o}/importRequests`, { bucketName: 'exports', fileName: 'more.zip', importConflictResolution: { importConflictResolutionType: 'RETAIN' } });
  await check('updateImportRequest', 'PUT', `${o}/importRequests/${imp.key}`, { status: 'TERMINATING' });
  d.advance(120_000);
  await check('listImportRequests', 'GET', `${o}/importRequests?projection=DETAILS`);
  await check('getImportRequest', 'GET', `${o}/importRequests/${imp.key}`);
  const exp2 = (await d.call('POST', `${b}/exportRequests`, { bucketName: 'exports', fileName: 'stop.zip' })).json();
  await check('updateExportRequest', 'PUT', `${b}/exportRequests/${exp2.key}`, { status: 'TERMINATING' });
  d.advance(120_000);
  await check('deleteImportRequest', 'DELETE', `${o}/importRequests/${imp.key}`);
  await check('deleteExportRequest', 'DELETE', `${b}/exportRequests/${exp.key}`);

  await check('deleteUserDefinedFunction', 'DELETE', `${b}/userDefinedFunctions/${fn.key}`);
  await check('deleteFunctionLibrary', 'DELETE', `${b}/functionLibraries/${lib.key}`);
}
