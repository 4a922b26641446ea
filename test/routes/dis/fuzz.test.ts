/**
 * Schema-driven fuzzing of every operation in openapi/dis.yaml, each request
 * signed with the registered key so that it gets past authentication: every
 * response is < 500, an OCI error {code, message} with opc-request-id when
 * >= 400, and a rejected request leaves every oic_/dis_ row as it was.
 * SOAK=1 runs the long version.
 */
import t from 'tap';
import { loadSpec } from '../../../src/openapi/spec';
import { disWorld } from '../../helpers/fuzz-world';
import { describeReport, fuzzOperations, runsPerOperation, SOAK } from '../../helpers/fuzz-run';

if (SOAK) t.setTimeout(0);

t.test('every DIS operation, fuzzed', async (t) => {
  const world = await disWorld(t);
  const ops = [...loadSpec('dis').operations.values()];
  const report = await fuzzOperations(world, ops, { runs: runsPerOperation(12) });
  t.comment(describeReport(`DIS (${ops.length} operations)`, report));
  if (SOAK) console.log(describeReport(`DIS (${ops.length} operations)`, report));
  t.same(report.failures, [], 'no operation broke an invariant');
  t.ok(report.byStatus['2xx'] > 0, 'some generated requests were valid and reached the stores');
});
