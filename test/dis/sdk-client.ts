/**
 * The official OCI TypeScript SDK against a real listener of the emulator,
 * for the SDK-driven DIS tests: an emulator on a manual clock with a signing
 * key registered, a DataIntegrationClient pointed at it, an OCI error
 * catcher, and a ready workspace.
 */
import './sdk-env';
import type { Test } from 'tap';
import * as common from 'oci-common';
import * as di from 'oci-dataintegration';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildTestApp } from '../helpers/app';
import { Clock } from '../../src/core/clock';
import type { Config } from '../../src/config';
import { COMPARTMENT, TENANCY, USER, newKeyPair } from './helpers';

common.CircuitBreaker.EnableGlobalCircuitBreaker = false;

const key = newKeyPair();

export interface SdkEmulator {
  app: FastifyInstance;
  url: string;
  clock: Clock;
  dis: di.DataIntegrationClient;
  /** A workspace that is ACTIVE. */
  workspace(name?: string): Promise<string>;
}

export async function sdkEmulator(t: Test, overrides: Partial<Config> = {}, start = '2026-03-02T08:00:00Z'): Promise<SdkEmulator> {
  const clock = new Clock();
  clock.setManual(Date.parse(start));
  const { app } = await buildTestApp(t, overrides, clock);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const reg = await fetch(`${url}/_emulator/dis/api-keys`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ publicKey: key.publicKey, tenancyId: TENANCY, userId: USER }) });
  if (reg.status !== 201) throw new Error(`key registration: ${reg.status}`);
  const provider = new common.SimpleAuthenticationDetailsProvider(TENANCY, USER, key.fingerprint, key.privateKey, null);
  const dis = new di.DataIntegrationClient({ authenticationDetailsProvider: provider } as common.AuthParams);
  dis.endpoint = url;
  const workspace = async (name = 'ws') => {
    const created = await dis.createWorkspace({ createWorkspaceDetails: { displayName: name, compartmentId: COMPARTMENT } });
    const wr = await dis.getWorkRequest({ workRequestId: created.opcWorkRequestId });
    clock.advance(60_000);
    return wr.workRequest.resources[0].identifier!;
  };
  return { app, url, clock, dis, workspace };
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

/** Every page of a list call, following opc-next-page; also returns how many pages it took. */
export async function allPages<T>(fetchPage: (page?: string) => Promise<{ items: T[]; next?: string }>): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let page: string | undefined;
  let pages = 0;
  do {
    const r = await fetchPage(page);
    items.push(...r.items);
    page = r.next;
    pages++;
  } while (page && pages < 100);
  return { items, pages };
}
