/**
 * The official oci-integration SDK (same version as oci-common) against a
 * real listener, signed with a key made here and registered through
 * /_emulator/dis/api-keys; the clock is manual and the waiters advance it.
 */
import type { Test } from 'tap';
import * as common from 'oci-common';
import * as integration from 'oci-integration';
import type { TestApp } from '../../helpers/app';
import type { Clock } from '../../../src/core/clock';
import type { Config } from '../../../src/config';
import { signedListener } from '../../helpers/oci-sdk';

export { key, ociError } from '../../helpers/oci-sdk';

export interface CpEmulator extends TestApp {
  url: string;
  clock: Clock;
  client: integration.IntegrationInstanceClient;
  waiters: integration.IntegrationInstanceWaiter;
}

export async function controlPlane(t: Test, overrides: Partial<Config> = {}): Promise<CpEmulator> {
  const { url, clock, provider, ...test } = await signedListener(t, overrides, '2026-03-02T08:00:00Z');
  // No retries: a 409 IncorrectState is what these tests expect, and the SDK would retry it for seconds.
  const client = new integration.IntegrationInstanceClient({ authenticationDetailsProvider: provider } as common.AuthParams, { retryConfiguration: common.NoRetryConfigurationDetails });
  client.endpoint = url; // last: setting a region afterwards would replace it
  // The waiter sleeps 0 s and moves the emulator's clock instead.
  const waiters = client.createWaiters({
    terminationStrategy: new common.MaxAttemptsTerminationStrategy(30),
    delayStrategy: { delay: () => { clock.advance(1000); return 0; } },
  });
  return { ...test, url, clock, client, waiters };
}
