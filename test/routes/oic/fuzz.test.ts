/**
 * Schema-driven fuzzing of every operation in openapi/oic.yaml (OIC design
 * time, runtime and monitoring, and the IDCS token endpoint): every response
 * is < 500, a problem JSON with o:errorCode (or an OAuth error on the token
 * endpoint) when >= 400, and a rejected request leaves every oic_/dis_ row as
 * it was. SOAK=1 runs the long version.
 */
import t from 'tap';
import { loadSpec, toJsonSchema } from '../../../src/openapi/spec';
import { oicWorld } from '../../helpers/fuzz-world';
import { describeReport, fuzzOperations, runsPerOperation, SOAK } from '../../helpers/fuzz-run';

if (SOAK) t.setTimeout(0);

t.test('every OIC operation, fuzzed', async (t) => {
  const spec = loadSpec('oic');
  const world = await oicWorld(t);
  const ops = [...spec.operations.values()];
  const formSchema = toJsonSchema(spec.document, (spec.document.paths['/oauth2/v1/token']!.post!.requestBody as any).content['application/x-www-form-urlencoded'].schema);
  const report = await fuzzOperations(world, ops, {
    runs: runsPerOperation(20),
    extras: (op) => (op.operationId === 'requestToken' ? { formSchema } : {}),
  });
  t.comment(describeReport(`OIC (${ops.length} operations)`, report));
  if (SOAK) console.log(describeReport(`OIC (${ops.length} operations)`, report));
  t.same(report.failures, [], 'no operation broke an invariant');
  t.ok(report.byStatus['2xx'] > 0, 'some generated requests were valid and reached the stores');
});
