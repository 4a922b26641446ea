/**
 * The official SDK against a real listener, for the DIS test files that
 * drive whole operation families through it: one signed client, the manual
 * clock, a workspace made ACTIVE by advancing it, and the SDK's error for a
 * call expected to fail.
 */
import './sdk-env';
import type { Test } from 'tap';
import * as common from 'oci-common';
import * as di from 'oci-dataintegration';
import type { AddressInfo } from 'node:net';
import { buildTestApp } from '../helpers/app';
import { Clock } from '../../src/core/clock';
import { COMPARTMENT, TENANCY, USER, newKeyPair } from './helpers';

common.CircuitBreaker.EnableGlobalCircuitBreaker = false;

const key = newKeyPair();

export interface SdkHarness {
  dis: di.DataIntegrationClient;
  clock: Clock;
  url: string;
  /** A new ACTIVE workspace (its work request finished on the clock). */
  workspace(name?: string): Promise<string>;
}

export async function sdkHarness(t: Test): Promise<SdkHarness> {
  const clock = new Clock();
  clock.setManual(Date.parse('2026-04-01T10:00:00Z'));
  const { app } = await buildTestApp(t, {}, clock);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const reg = await fetch(`${url}/_emulator/dis/api-keys`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ publicKey: key.publicKey, tenancyId: TENANCY, userId: USER }) });
  if (reg.status !== 201) throw new Error(`key registration: ${reg.status}`);
  const provider = new common.SimpleAuthenticationDetailsProvider(TENANCY, USER, key.fingerprint, key.privateKey, null);
  const dis = new di.DataIntegrationClient({ authenticationDetailsProvider: provider } as common.AuthParams);
  dis.endpoint = url;
  return {
    dis,
    clock,
    url,
    workspace: async (name = 'ws') => {
      const created = await dis.createWorkspace({ createWorkspaceDetails: { displayName: name, compartmentId: COMPARTMENT } });
      const wr = await dis.getWorkRequest({ workRequestId: created.opcWorkRequestId });
      clock.advance(60_000);
      return wr.workRequest.resources[0].identifier!;
    },
  };
}

/** The SDK's error for a call expected to fail (its retrier's console.warn is muted). */
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

export { common, di, COMPARTMENT };
