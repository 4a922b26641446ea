/**
 * Schema-driven fuzzing of the control plane (openapi/emulator.yaml): the
 * same invariants as the APIs (< 500, problem JSON, a rejected request writes
 * nothing). Fault rules a generated request manages to create are dropped
 * right away, so that an injected 500 is not mistaken for a real one.
 */
import t from 'tap';
import { loadSpec } from '../../../src/openapi/spec';
import { emulatorWorld } from '../../helpers/fuzz-world';
import { describeReport, fuzzOperations, runsPerOperation, SOAK } from '../../helpers/fuzz-run';

if (SOAK) t.setTimeout(0);

t.test('every control-plane operation, fuzzed', async (t) => {
  const world = await emulatorWorld(t);
  const ops = [...loadSpec('emulator').operations.values()];
  const report = await fuzzOperations(world, ops, {
    runs: runsPerOperation(12),
    afterEach: () => { world.app.control.faults.clear(); },
  });
  t.comment(describeReport(`control plane (${ops.length} operations)`, report));
  if (SOAK) console.log(describeReport(`control plane (${ops.length} operations)`, report));
  t.same(report.failures, [], 'no operation broke an invariant');
});
