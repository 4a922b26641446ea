/**
 * Function libraries, user-defined functions and their validations through
 * the official SDK: CRUD with values, parents, paging, filters, etag/if-match,
 * retry tokens, cascading delete, 404s and bad input with nothing written.
 */
import t from 'tap';
import { di, ociError, sdkHarness } from './sdk-harness';
import { ETAG } from '../../helpers/oci-sdk';

t.test('function libraries and user defined functions', async (t) => {
  const { dis, workspace } = await sdkHarness(t);
  const ws = await workspace();
  const project = (await dis.createProject({ workspaceId: ws, createProjectDetails: { name: 'P', identifier: 'P' } })).project;
  const folder = (await dis.createFolder({ workspaceId: ws, createFolderDetails: { name: 'F', identifier: 'F', registryMetadata: { aggregatorKey: project.key } } })).folder;

  const res = await dis.createFunctionLibrary({ workspaceId: ws, createFunctionLibraryDetails: { name: 'Text', identifier: 'TEXT', description: 'string helpers', categoryName: 'strings', registryMetadata: { aggregatorKey: project.key } }, opcRetryToken: 'lib-1' });
  const lib = res.functionLibrary;
  t.equal(lib.modelType, 'FUNCTION_LIBRARY');
  t.same([lib.name, lib.identifier, lib.description, lib.categoryName, lib.objectVersion], ['Text', 'TEXT', 'string helpers', 'strings', 1]);
  t.equal(lib.parentRef?.parent, project.key);
  t.equal(lib.metadata?.identifierPath, 'P/TEXT');
  t.match(res.etag, ETAG);
  t.equal((await dis.createFunctionLibrary({ workspaceId: ws, createFunctionLibraryDetails: { name: 'Text', identifier: 'TEXT', description: 'string helpers', categoryName: 'strings', registryMetadata: { aggregatorKey: project.key } }, opcRetryToken: 'lib-1' })).functionLibrary.key, lib.key, 'retry token replay');
  const inFolder = (await dis.createFunctionLibrary({ workspaceId: ws, createFunctionLibraryDetails: { name: 'Math', identifier: 'MATH', registryMetadata: { aggregatorKey: folder.key } } })).functionLibrary;
  await dis.createFunctionLibrary({ workspaceId: ws, createFunctionLibraryDetails: { name: 'Dates', identifier: 'DATES', registryMetadata: { aggregatorKey: project.key } } });

  const p1 = await dis.listFunctionLibraries({ workspaceId: ws, limit: 2, sortBy: di.requests.ListFunctionLibrariesRequest.SortBy.DisplayName });
  t.same(p1.functionLibrarySummaryCollection.items.map((l) => l.name), ['Dates', 'Math']);
  const p2 = await dis.listFunctionLibraries({ workspaceId: ws, limit: 2, page: p1.opcNextPage, sortBy: di.requests.ListFunctionLibrariesRequest.SortBy.DisplayName });
  t.same(p2.functionLibrarySummaryCollection.items.map((l) => l.name), ['Text']);
  t.notOk(p2.opcNextPage);
  t.same((await dis.listFunctionLibraries({ workspaceId: ws, aggregatorKey: folder.key })).functionLibrarySummaryCollection.items.map((l) => l.key), [inFolder.key], 'by container');
  t.same((await dis.listFunctionLibraries({ workspaceId: ws, identifier: ['TEXT'] })).functionLibrarySummaryCollection.items.map((l) => l.key), [lib.key], 'by identifier');
  t.same((await dis.listFunctionLibraries({ workspaceId: ws, name: 'Math' })).functionLibrarySummaryCollection.items.map((l) => l.key), [inFolder.key], 'by name');

  const upd = await dis.updateFunctionLibrary({ workspaceId: ws, functionLibraryKey: lib.key!, updateFunctionLibraryDetails: { description: 'text helpers', objectVersion: 1 }, ifMatch: res.etag });
  t.same([upd.functionLibrary.description, upd.functionLibrary.objectVersion, upd.functionLibrary.name], ['text helpers', 2, 'Text']);
  t.equal((await ociError(dis.updateFunctionLibrary({ workspaceId: ws, functionLibraryKey: lib.key!, updateFunctionLibraryDetails: { description: 'x' }, ifMatch: res.etag }))).statusCode, 412, 'stale etag');
  t.equal((await ociError(dis.updateFunctionLibrary({ workspaceId: ws, functionLibraryKey: lib.key!, updateFunctionLibraryDetails: { description: 'x', objectVersion: 1 } }))).statusCode, 409, 'stale objectVersion');
  t.equal((await dis.getFunctionLibrary({ workspaceId: ws, functionLibraryKey: lib.key! })).etag, upd.etag, 'unchanged by the failures');

  // Functions inside the library.
  const fnDetails = { name: 'Shout', identifier: 'SHOUT', description: 'upper case', expr: { exprString: 'UPPER(%1)' }, signatures: [{ name: 'shout', description: 'one string in, one out' }], registryMetadata: { aggregatorKey: lib.key } };
  const fres = await dis.createUserDefinedFunction({ workspaceId: ws, createUserDefinedFunctionDetails: fnDetails, opcRetryToken: 'fn-1' });
  const fn = fres.userDefinedFunction;
  t.equal(fn.modelType, 'DIS_USER_DEFINED_FUNCTION');
  t.same([fn.name, fn.identifier, fn.expr?.exprString, fn.signatures?.[0].name, fn.parentRef?.parent], ['Shout', 'SHOUT', 'UPPER(%1)', 'shout', lib.key]);
  t.equal((await dis.createUserDefinedFunction({ workspaceId: ws, createUserDefinedFunctionDetails: fnDetails, opcRetryToken: 'fn-1' })).userDefinedFunction.key, fn.key, 'retry token replay');
  const other = (await dis.createUserDefinedFunction({ workspaceId: ws, createUserDefinedFunctionDetails: { name: 'Add', identifier: 'ADD', expr: { exprString: '%1 + %2' }, registryMetadata: { aggregatorKey: inFolder.key } } })).userDefinedFunction;
  t.same((await dis.listUserDefinedFunctions({ workspaceId: ws, functionLibraryKey: lib.key })).userDefinedFunctionSummaryCollection.items.map((f) => f.key), [fn.key], 'by library');
  const all = await dis.listUserDefinedFunctions({ workspaceId: ws, limit: 1, sortBy: di.requests.ListUserDefinedFunctionsRequest.SortBy.DisplayName });
  t.same(all.userDefinedFunctionSummaryCollection.items.map((f) => f.name), ['Add']);
  t.same((await dis.listUserDefinedFunctions({ workspaceId: ws, limit: 1, page: all.opcNextPage, sortBy: di.requests.ListUserDefinedFunctionsRequest.SortBy.DisplayName })).userDefinedFunctionSummaryCollection.items.map((f) => f.name), ['Shout']);
  const fupd = await dis.updateUserDefinedFunction({ workspaceId: ws, userDefinedFunctionKey: fn.key!, updateUserDefinedFunctionDetails: { expr: { exprString: 'UPPER(TRIM(%1))' }, objectVersion: 1 }, ifMatch: fres.etag });
  t.same([fupd.userDefinedFunction.expr?.exprString, fupd.userDefinedFunction.objectVersion, fupd.userDefinedFunction.name], ['UPPER(TRIM(%1))', 2, 'Shout']);
  // Move a function to the other library.
  const moved = await dis.updateUserDefinedFunction({ workspaceId: ws, userDefinedFunctionKey: fn.key!, updateUserDefinedFunctionDetails: { registryMetadata: { aggregatorKey: inFolder.key } } });
  t.equal(moved.userDefinedFunction.parentRef?.parent, inFolder.key);
  t.same((await dis.listUserDefinedFunctions({ workspaceId: ws, functionLibraryKey: inFolder.key })).userDefinedFunctionSummaryCollection.items.map((f) => f.name).sort(), ['Add', 'Shout']);

  // Bad input: 400, nothing written.
  const count = async () => (await dis.listUserDefinedFunctions({ workspaceId: ws })).userDefinedFunctionSummaryCollection.items.length;
  const noParent = await ociError(dis.createUserDefinedFunction({ workspaceId: ws, createUserDefinedFunctionDetails: { name: 'X', identifier: 'X' } as any }));
  t.equal(noParent.statusCode, 400);
  t.equal(noParent.serviceCode, 'MissingParameter');
  const wrongParent = await ociError(dis.createUserDefinedFunction({ workspaceId: ws, createUserDefinedFunctionDetails: { name: 'X', identifier: 'X', registryMetadata: { aggregatorKey: project.key } } }));
  t.equal(wrongParent.statusCode, 400, 'a function goes in a library, not a project');
  t.equal(wrongParent.serviceCode, 'RelatedResourceNotAuthorizedOrNotFound');
  const badId = await ociError(dis.createUserDefinedFunction({ workspaceId: ws, createUserDefinedFunctionDetails: { name: 'X', identifier: '1X', registryMetadata: { aggregatorKey: lib.key } } }));
  t.equal(badId.statusCode, 400);
  const dupId = await ociError(dis.createUserDefinedFunction({ workspaceId: ws, createUserDefinedFunctionDetails: { name: 'Y', identifier: 'ADD', registryMetadata: { aggregatorKey: inFolder.key } } }));
  t.equal(dupId.statusCode, 409, 'identifiers are unique in a library');
  const libNoParent = await ociError(dis.createFunctionLibrary({ workspaceId: ws, createFunctionLibraryDetails: { name: 'X', identifier: 'X', registryMetadata: { aggregatorKey: 'nope' } } }));
  t.equal(libNoParent.statusCode, 400);
  t.equal(await count(), 2, 'no function written');
  t.equal((await dis.listFunctionLibraries({ workspaceId: ws })).functionLibrarySummaryCollection.items.length, 3, 'no library written');

  // Deleting a library deletes its functions.
  const cur = await dis.getFunctionLibrary({ workspaceId: ws, functionLibraryKey: inFolder.key! });
  t.equal((await ociError(dis.deleteFunctionLibrary({ workspaceId: ws, functionLibraryKey: inFolder.key!, ifMatch: 'stale' }))).statusCode, 412);
  await dis.deleteFunctionLibrary({ workspaceId: ws, functionLibraryKey: inFolder.key!, ifMatch: cur.etag });
  t.equal((await ociError(dis.getFunctionLibrary({ workspaceId: ws, functionLibraryKey: inFolder.key! }))).statusCode, 404);
  t.equal((await ociError(dis.getUserDefinedFunction({ workspaceId: ws, userDefinedFunctionKey: other.key! }))).statusCode, 404, 'its functions are gone');
  t.equal(await count(), 0);
  // Deleting the project deletes the remaining library.
  await dis.deleteProject({ workspaceId: ws, projectKey: project.key! });
  t.equal((await dis.listFunctionLibraries({ workspaceId: ws })).functionLibrarySummaryCollection.items.length, 0);
  t.equal((await ociError(dis.deleteUserDefinedFunction({ workspaceId: ws, userDefinedFunctionKey: fn.key! }))).statusCode, 404);
});

t.test('user defined function validations', async (t) => {
  const { dis, workspace } = await sdkHarness(t);
  const ws = await workspace();

  const good = await dis.createUserDefinedFunctionValidation({
    workspaceId: ws,
    createUserDefinedFunctionValidationDetails: { modelType: di.models.CreateUserDefinedFunctionValidationDetails.ModelType.DisUserDefinedFunction, name: 'Shout', identifier: 'SHOUT', expr: { exprString: 'UPPER(%1)' }, signatures: [{ name: 'shout', retType: { modelType: 'CONFIGURED_TYPE' } as any, arguments: [{ modelType: 'INPUT_PORT', name: 'in' } as any] }] },
    opcRetryToken: 'v-1',
  });
  const v = good.userDefinedFunctionValidation;
  t.same([v.totalMessageCount, v.errorMessageCount, v.warnMessageCount, v.name, v.identifier], [0, 0, 0, 'Shout', 'SHOUT'], 'a complete function has no findings');
  t.same(v.validationMessages, {});
  t.equal((await dis.createUserDefinedFunctionValidation({ workspaceId: ws, createUserDefinedFunctionValidationDetails: { modelType: di.models.CreateUserDefinedFunctionValidationDetails.ModelType.DisUserDefinedFunction, name: 'Shout', identifier: 'SHOUT', expr: { exprString: 'UPPER(%1)' }, signatures: [{ name: 'shout', retType: { modelType: 'CONFIGURED_TYPE' } as any, arguments: [{ modelType: 'INPUT_PORT', name: 'in' } as any] }] }, opcRetryToken: 'v-1' })).userDefinedFunctionValidation.key, v.key, 'retry token replay');

  const bad = (await dis.createUserDefinedFunctionValidation({ workspaceId: ws, createUserDefinedFunctionValidationDetails: { name: 'Broken', identifier: 'bad id', signatures: [{ name: 's' }] } })).userDefinedFunctionValidation;
  t.equal(bad.errorMessageCount, 3, 'identifier, return type, expression');
  t.equal(bad.warnMessageCount, 1, 'no arguments');
  const keys = Object.values(bad.validationMessages!)[0].map((m) => m.messageKey).sort();
  t.same(keys, ['EXPRESSION_REQUIRED', 'IDENTIFIER_INVALID', 'NO_ARGUMENTS', 'RETURN_TYPE_REQUIRED']);

  const got = await dis.getUserDefinedFunctionValidation({ workspaceId: ws, userDefinedFunctionValidationKey: bad.key! });
  t.equal(got.userDefinedFunctionValidation.errorMessageCount, 3);
  const p1 = await dis.listUserDefinedFunctionValidations({ workspaceId: ws, limit: 1, sortBy: di.requests.ListUserDefinedFunctionValidationsRequest.SortBy.DisplayName });
  t.same(p1.userDefinedFunctionValidationSummaryCollection.items.map((x) => x.name), ['Broken']);
  t.same((await dis.listUserDefinedFunctionValidations({ workspaceId: ws, limit: 1, page: p1.opcNextPage, sortBy: di.requests.ListUserDefinedFunctionValidationsRequest.SortBy.DisplayName })).userDefinedFunctionValidationSummaryCollection.items.map((x) => x.name), ['Shout']);
  t.same((await dis.listUserDefinedFunctionValidations({ workspaceId: ws, identifier: 'SHOUT' })).userDefinedFunctionValidationSummaryCollection.items.map((x) => x.key), [v.key]);
  t.same((await dis.listUserDefinedFunctionValidations({ workspaceId: ws, key: bad.key })).userDefinedFunctionValidationSummaryCollection.items.map((x) => x.name), ['Broken']);

  const badType = await ociError(dis.createUserDefinedFunctionValidation({ workspaceId: ws, createUserDefinedFunctionValidationDetails: { modelType: 'TASK' as any, name: 'X' } }));
  t.equal(badType.statusCode, 400);
  t.equal((await dis.listUserDefinedFunctionValidations({ workspaceId: ws })).userDefinedFunctionValidationSummaryCollection.items.length, 2, 'nothing written');

  t.equal((await ociError(dis.deleteUserDefinedFunctionValidation({ workspaceId: ws, userDefinedFunctionValidationKey: bad.key!, ifMatch: 'stale' }))).statusCode, 412);
  await dis.deleteUserDefinedFunctionValidation({ workspaceId: ws, userDefinedFunctionValidationKey: bad.key!, ifMatch: got.etag });
  t.equal((await ociError(dis.getUserDefinedFunctionValidation({ workspaceId: ws, userDefinedFunctionValidationKey: bad.key! }))).statusCode, 404);
});
