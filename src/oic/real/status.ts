/**
 * Status words: the seed's model and the real Oracle Integration 3 API name
 * the same states differently. One table each way, so every real path
 * reports and accepts the same words.
 *
 *   integration   seed CONFIGURED | ACTIVE
 *                 real CONFIGURED | ACTIVATED (| ACTIVATION_INPROGRESS | FAILEDACTIVATION)
 *   instance      seed IN_PROGRESS | SUCCESS | FAILED
 *                 real IN_PROGRESS | COMPLETED | FAILED (| ABORTED)
 *   schedule      runtime ACTIVE | STOPPED (+ a pause mark)
 *                 real STARTED | STOPPED | PAUSED (NOT_DEFINED when there is none)
 *
 * The emulator activates at once, so ACTIVATION_INPROGRESS is only the answer
 * of an asynchronous activation request (as Oracle's own scripts expect) and
 * FAILEDACTIVATION never describes a stored integration: an activation that
 * cannot succeed is refused with 412 instead. ABORTED is an instance a
 * client aborted (the runtime completed it as FAILED; src/store/oic/aborts.ts).
 */
import type { ExecutionStatus } from '../../store/runtime/executions';

export const REAL_INTEGRATION_STATUSES = ['CONFIGURED', 'ACTIVATED', 'ACTIVATION_INPROGRESS', 'FAILEDACTIVATION'] as const;
export type RealIntegrationStatus = (typeof REAL_INTEGRATION_STATUSES)[number];

export function realIntegrationStatus(seedStatus: string): RealIntegrationStatus {
  return seedStatus === 'ACTIVE' ? 'ACTIVATED' : 'CONFIGURED';
}

/**
 * A real status word (as a client writes it in `q` or a body) in the seed's
 * terms, or null when no stored integration can have it (INPROGRESS,
 * ACTIVATION_INPROGRESS, FAILEDACTIVATION). Case-insensitive; the seed's own
 * ACTIVE is understood too.
 */
export function seedIntegrationStatus(word: string): 'CONFIGURED' | 'ACTIVE' | null {
  const w = word.trim().toUpperCase();
  if (w === 'ACTIVATED' || w === 'ACTIVE') return 'ACTIVE';
  if (w === 'CONFIGURED') return 'CONFIGURED';
  return null;
}

export const REAL_INSTANCE_STATUSES = ['IN_PROGRESS', 'COMPLETED', 'FAILED', 'ABORTED'] as const;
export type RealInstanceStatus = (typeof REAL_INSTANCE_STATUSES)[number];

export function realInstanceStatus(status: ExecutionStatus): RealInstanceStatus {
  return status === 'SUCCESS' ? 'COMPLETED' : status;
}

/** The execution status a real instance status word selects (null: none; ABORTED is FAILED plus the abort mark, see monitoring.ts). */
export function seedInstanceStatus(word: string): ExecutionStatus | null {
  const w = word.trim().toUpperCase().replace(/[\s-]/g, '_');
  if (w === 'COMPLETED' || w === 'SUCCESS' || w === 'SUCCEEDED') return 'SUCCESS';
  if (w === 'FAILED' || w === 'ERRORED') return 'FAILED';
  if (w === 'IN_PROGRESS' || w === 'INPROGRESS' || w === 'RUNNING') return 'IN_PROGRESS';
  return null;
}

export type RealScheduleStatus = 'STARTED' | 'STOPPED' | 'PAUSED' | 'NOT_DEFINED';

export function realScheduleStatus(runtimeStatus: 'ACTIVE' | 'STOPPED' | undefined, paused: boolean): RealScheduleStatus {
  if (runtimeStatus === undefined) return 'NOT_DEFINED';
  if (runtimeStatus === 'ACTIVE') return 'STARTED';
  return paused ? 'PAUSED' : 'STOPPED';
}
