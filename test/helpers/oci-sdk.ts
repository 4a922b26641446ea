/**
 * An emulator on a real listener for the official OCI SDKs (DIS and the
 * Integration control plane): a manual clock, a signing key registered
 * through /_emulator/dis/api-keys, and the provider that signs with it; plus
 * the SDK's error for a call expected to fail.
 */
import './sdk-env';
import type { Test } from 'tap';
import * as common from 'oci-common';
import type { AddressInfo } from 'node:net';
import { buildTestApp, type TestApp } from './app';
import { Clock } from '../../src/core/clock';
import type { Config } from '../../src/config';
import { TENANCY, USER, newKeyPair } from './dis';

common.CircuitBreaker.EnableGlobalCircuitBreaker = false;

/**
 * The opc-request-id the SDK sends when its caller gives none (a v1 UUID,
 * its first dash removed, in upper case): an answer carrying one of these
 * echoed the SDK's own id.
 */
export const SDK_REQUEST_ID = /^[0-9A-F]{12}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;
export { ETAG, ocidOf, pageAt } from './dis';

export const key = newKeyPair();

export interface SignedListener extends TestApp {
  url: string;
  clock: Clock;
  provider: common.SimpleAuthenticationDetailsProvider;
}

export async function signedListener(t: Test, overrides: Partial<Config>, start: string): Promise<SignedListener> {
  const clock = new Clock();
  clock.setManual(Date.parse(start));
  const test = await buildTestApp(t, overrides, clock);
  await test.app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(test.app.server.address() as AddressInfo).port}`;
  const reg = await fetch(`${url}/_emulator/dis/api-keys`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ publicKey: key.publicKey, tenancyId: TENANCY, userId: USER }) });
  if (reg.status !== 201) throw new Error(`key registration: ${reg.status}`);
  const provider = new common.SimpleAuthenticationDetailsProvider(TENANCY, USER, key.fingerprint, key.privateKey, null);
  return { ...test, url, clock, provider };
}

/** The SDK's error for a call expected to fail (its retrier's console.warn about it is muted). */
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
