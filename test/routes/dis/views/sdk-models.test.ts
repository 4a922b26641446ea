/**
 * The projection of stored documents onto the SDK's models (src/routes/dis/views/sdk-models.ts),
 * value by value: subtypes, left-out fields, filled required fields, nesting.
 */
import t from 'tap';
import { MASKED_SECRET, sdkShapes } from '../../../../src/routes/dis/views/sdk-models';

const shapes = sdkShapes();
const model = (name: string) => ({ kind: 'model' as const, name });

t.test('a subtype is chosen by modelType and keeps its own and its base fields only', async (t) => {
  const out = shapes.shape({ key: 'k', modelType: 'ORACLE_EBS_CONNECTION', name: 'c', username: 'u', registryMetadata: { aggregatorKey: 'a' }, password: 'secret', extra: 1 }, model('Connection'));
  t.same(out, { key: 'k', modelType: 'ORACLE_EBS_CONNECTION', name: 'c', username: 'u', password: 'secret' }, 'shape keeps a password it is given (stores never give one)');
  const masked = shapes.shape({ modelType: 'ORACLE_EBS_CONNECTION', username: 'u' }, model('Connection')) as Record<string, unknown>;
  t.equal(masked.password, MASKED_SECRET, 'a required password is masked, never empty');
});

t.test('required fields get neutral values; a subtype\'s modelType its discriminator', async (t) => {
  t.same(shapes.shape({ modelType: 'HDFS_DATA_ASSET', key: 'a' }, model('DataAsset')), {
    modelType: 'HDFS_DATA_ASSET', key: 'a', host: '', port: '', protocol: '',
    defaultConnection: { modelType: 'HDFS_CONNECTION', hdfsPrincipal: '', dataNodePrincipal: '', nameNodePrincipal: '' },
  });
  const summary = shapes.shape({ key: 'a', modelType: 'ORACLE_EBS_DATA_ASSET', host: 'h', port: '1' }, model('DataAssetSummary')) as Record<string, any>;
  t.equal(summary.defaultConnection.modelType, 'ORACLE_EBS_CONNECTION', 'a missing required nested model is built with its discriminator');
  t.equal(summary.defaultConnection.password, MASKED_SECRET);
  t.same(shapes.shape({ id: 'w' }, model('Workspace')), { id: 'w', displayName: '' });
});

t.test('nesting: arrays, collections, unions by modelType; unknown values pass through', async (t) => {
  const page = shapes.shape({ items: [{ key: 'f', name: 'F', registryMetadata: {}, metadata: { aggregatorKey: 'p', junk: 1 } }], extra: true }, model('FolderSummaryCollection'));
  t.same(page, { items: [{ key: 'f', name: 'F', metadata: { aggregatorKey: 'p' } }] });
  const op = shapes.shape({ modelType: 'TASK_OPERATOR', key: 'o', task: { modelType: 'INTEGRATION_TASK', key: 't', nextRunTimeMillis: 5, nope: 1 } }, model('TaskOperator')) as Record<string, any>;
  t.same(op.task, { modelType: 'INTEGRATION_TASK', key: 't' }, 'the union member is the one whose discriminator matches');
  t.equal(shapes.shape(null, model('Workspace')), null);
  t.equal(shapes.shape('text', model('Workspace')), 'text', 'a non-object is left for the checker to report');
  t.same(shapes.shape([{ id: 'w', displayName: 'd', isPrivateNetworkEnabled: true }], { kind: 'array', of: model('WorkspaceSummary') }), [{ id: 'w', displayName: 'd' }]);
});

t.test('operations map to their SDK answer models', async (t) => {
  t.same(shapes.operation('getTaskSchedule'), model('TaskSchedule'));
  t.same(shapes.operation('listWorkRequests'), { kind: 'array', of: model('WorkRequestSummary') });
  t.equal(shapes.operation('deleteTask'), null);
  t.equal(shapes.operation('noSuchOperation'), undefined);
});
