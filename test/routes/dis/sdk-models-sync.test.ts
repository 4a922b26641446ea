/**
 * openapi/dis-sdk-models.json (the SDK shapes the emulator answers in) is
 * exactly what sdk-model-extract.ts reads from the installed
 * oci-dataintegration SDK. After an SDK upgrade, regenerate it with
 * UPDATE_DIS_SDK_MODELS=1 npx tap test/routes/dis/sdk-models-sync.test.ts
 */
import fs from 'node:fs';
import t from 'tap';
import { SDK_MODELS_FILE } from '../../../src/routes/dis/views/sdk-models';
import { extractSdkModels } from './sdk-model-extract';

t.test('the committed SDK shapes match the installed SDK', async (t) => {
  const fresh = extractSdkModels();
  if (process.env.UPDATE_DIS_SDK_MODELS === '1') fs.writeFileSync(SDK_MODELS_FILE, `${JSON.stringify(fresh)}\n`);
  const committed = JSON.parse(fs.readFileSync(SDK_MODELS_FILE, 'utf8'));
  t.equal(committed.sdkVersion, fresh.sdkVersion, 'same SDK version');
  t.same(Object.keys(committed.operations).sort(), Object.keys(fresh.operations).sort(), 'same operations');
  t.ok(committed.models && Object.keys(committed.models).length > 100, 'the models reachable from the responses are there');
  t.ok(JSON.stringify(committed) === JSON.stringify(fresh), 'the file is what the extractor reads from the SDK (regenerate with UPDATE_DIS_SDK_MODELS=1)');
  t.equal(Object.keys(fresh.operations).length, 163, 'the SDK has 163 operations');
  t.same(fresh.operations.getConnection, { kind: 'model', name: 'Connection' });
  t.same(fresh.operations.listWorkspaces, { kind: 'array', of: { kind: 'model', name: 'WorkspaceSummary' } });
  t.equal(fresh.operations.deleteConnection, null);
  t.match(fresh.models.ConnectionFromOracleEbs, { base: 'Connection', modelType: 'ORACLE_EBS_CONNECTION', props: { password: { type: { kind: 'string' }, required: true } } });
});
