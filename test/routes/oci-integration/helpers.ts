/**
 * The official oci-integration SDK (same version as oci-common) against a
 * real listener, signed with a key made here and registered through
 * /_emulator/dis/api-keys; the clock is manual and the waiters advance it.
 */
import '../../dis/sdk-env';
import type { Test } from 'tap';
import * as common from 'oci-common';
import * as integration from 'oci-integration';
import type { AddressInfo } from 'node:net';
import { buildTestApp, type TestApp } from '../../helpers/app';
import { Clock } from '../../../src/core/clock';
import type { Config } from '../../../src/config';
import { TENANCY, USER, newKeyPair } from '../../dis/helpers';

common.CircuitBreaker.EnableGlobalCircuitBreaker = false;

export const key = newKeyPair();

export interface CpEmulator extends TestApp {
  url: string;
  clock: Clock;
  client: integration.IntegrationInstanceClient;
  waiters: integration.IntegrationInstanceWaiter;
}

export async function controlPlane(t: Test, overrides: Partial<Config> = {}): Promise<CpEmulator> {
  const clock = new Clock();
  clock.setManual(Date.parse('2026-03-02T08:00:00Z'));
  const test = await buildTestApp(t, overrides, clock);
  await test.app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(test.app.server.address() as AddressInfo).port}`;
  const reg = await fetch(`${url}/_emulator/dis/api-keys`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ publicKey: key.publicKey, tenancyId: TENANCY, userId: USER }) });
  if (reg.status !== 201) throw new Error(`key registration failed: ${reg.status}`);
  const provider = new common.SimpleAuthenticationDetailsProvider(TENANCY, USER, key.fingerprint, key.privateKey, null);
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

/** The SDK's error for a call expected to fail (its retrier's console.warn muted). */
export async function ociError(call: Promise<unknown>): Promise<common.OciError> {
  const warn = console.warn;
  console.warn = () => {};
  try {
    await call;
  } catch (e) {
    if (e instanceof common.OciError) return e;
    throw e;
  } finally {
    console.warn = warn;
  }
  throw new Error('expected the call to fail');
}
