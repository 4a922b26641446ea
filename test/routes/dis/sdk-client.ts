/**
 * The official OCI TypeScript SDK against a real listener of the emulator,
 * for the SDK-driven DIS tests: an emulator on a manual clock with a signing
 * key registered, a DataIntegrationClient pointed at it, an OCI error
 * catcher, and a ready workspace.
 */
import type { Test } from 'tap';
import * as common from 'oci-common';
import * as di from 'oci-dataintegration';
import type { FastifyInstance } from 'fastify';
import type { Clock } from '../../../src/core/clock';
import type { Config } from '../../../src/config';
import { signedListener } from '../../helpers/oci-sdk';
import { COMPARTMENT } from '../../helpers/dis';

export { ociError } from '../../helpers/oci-sdk';

export interface SdkEmulator {
  app: FastifyInstance;
  url: string;
  clock: Clock;
  dis: di.DataIntegrationClient;
  /** A workspace that is ACTIVE. */
  workspace(name?: string): Promise<string>;
}

export async function sdkEmulator(t: Test, overrides: Partial<Config> = {}, start = '2026-03-02T08:00:00Z'): Promise<SdkEmulator> {
  const { app, url, clock, provider } = await signedListener(t, overrides, start);
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
