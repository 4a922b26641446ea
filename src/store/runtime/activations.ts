/**
 * Which activation of each integration the runtime has taken into account
 * (oic_runtime_activations). Activation itself belongs to the design-time
 * store; the runtime notices a new `activated_time` on its next look and then
 * applies configuration.schedule and restarts the schedule from that instant.
 */
import type { AppContext } from '../../core/context';

export interface UnseenActivation { integrationId: string; activatedTime: string }

export class ActivationStore {
  private readonly q;

  constructor(ctx: AppContext) {
    const db = ctx.db;
    this.q = {
      unseen: db.prepare(`SELECT i.id AS integrationId, i.activated_time AS activatedTime FROM oic_integrations i
        LEFT JOIN oic_runtime_activations a ON a.integration_id = i.id
        WHERE i.status = 'ACTIVE' AND i.activated_time IS NOT NULL AND (a.activated_time IS NULL OR a.activated_time <> i.activated_time)`),
      mark: db.prepare(`INSERT INTO oic_runtime_activations (integration_id, activated_time) VALUES (?, ?)
        ON CONFLICT (integration_id) DO UPDATE SET activated_time = excluded.activated_time`),
    };
  }

  unseen(): UnseenActivation[] {
    return this.q.unseen.all() as UnseenActivation[];
  }

  markSeen(integrationId: string, activatedTime: string): void {
    this.q.mark.run(integrationId, activatedTime);
  }
}
