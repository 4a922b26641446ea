/**
 * OIC service instances: how long a new instance takes to be ready (its
 * first request, which creates it, against the same request to an existing
 * one), the memory of many instances with many integrations each in one
 * process, and GET one integration in a named instance (among them) next to
 * the default instance under the same load.
 */
import { expectStatus, request, summarize, type Series } from '../lib/http';
import { Capabilities, INTEGRATIONS, NotAvailable, bearer, integrationBody, integrationId } from '../lib/emulator';
import { load, type LoadOptions, type LoadResult } from '../lib/load';
import { startEmulator } from '../lib/proc';

export interface InstancesResult {
  instances: number;
  integrationsEach: number;
  /** First request to a new name (creates the instance), ms. */
  firstRequest?: Series;
  /** The same request to an existing instance, ms. */
  existingRequest?: Series;
  /** Server time to create an instance (from /_emulator/instances), ms. */
  setup?: Series;
  /** setup p50: the target's figure. */
  readyMs?: number;
  rssBefore?: number | null;
  rssAfter?: number | null;
  /** (rssAfter - rssBefore) / instances. */
  bytesPerInstance?: number | null;
  getDefault?: LoadResult;
  getNamed?: LoadResult;
  skipped?: string;
}

const at = (name: string, path: string) => `${path}${path.includes('?') ? '&' : '?'}integrationInstance=${encodeURIComponent(name)}`;

export async function runInstances(instances: number, integrationsEach: number, loadOpts: LoadOptions): Promise<InstancesResult> {
  const emulator = await startEmulator();
  try {
    (await Capabilities.of(emulator)).need(`POST ${INTEGRATIONS}`, `GET ${INTEGRATIONS}/{id}`);
    const auth = await bearer(emulator);
    const headers = { authorization: auth };
    const list = (name: string) => `${emulator.url}${at(name, `${INTEGRATIONS}?limit=1`)}`;
    // Warm the path (validators, JIT) on the default instance and one named instance.
    for (let i = 0; i < 20; i++) await expectStatus(list(i % 2 ? 'warm' : 'emulator'), { headers }, 200);
    const rssBefore = emulator.rss();
    const first: number[] = [];
    const existing: number[] = [];
    for (let i = 0; i < instances; i++) {
      first.push((await expectStatus(list(`bench-${i}`), { headers }, 200)).ms);
      existing.push((await expectStatus(list('warm'), { headers }, 200)).ms);
    }
    const firstRequest = summarize(first);
    const existingRequest = summarize(existing);
    const listed = (await expectStatus(`${emulator.url}/_emulator/instances`, {}, 200)).json().items as Array<{ name: string; setupMs: number }>;
    const setup = summarize(listed.filter((i) => i.name.startsWith('bench-')).map((i) => i.setupMs));
    // integrationsEach integrations in every instance, a few requests at a time.
    const post = { ...headers, 'content-type': 'application/json' };
    for (let i = 0; i < instances; i++) {
      const batch: Promise<unknown>[] = [];
      for (let n = 0; n < integrationsEach; n++) {
        batch.push(expectStatus(`${emulator.url}${at(`bench-${i}`, INTEGRATIONS)}`, { method: 'POST', headers: post, body: JSON.stringify(integrationBody('INST', n)) }, 201));
        if (batch.length >= 8) await Promise.all(batch.splice(0));
      }
      await Promise.all(batch);
    }
    // The default instance gets the same integration, for the comparison below.
    await expectStatus(`${emulator.url}${INTEGRATIONS}`, { method: 'POST', headers: post, body: JSON.stringify(integrationBody('INST', 0)) }, 201);
    await new Promise((r) => setTimeout(r, 500));
    const rssAfter = emulator.rss();
    const one = encodeURIComponent(integrationId('INST', 0));
    const named = `bench-${Math.floor(instances / 2)}`;
    const getDefault = await load(emulator, { path: `${INTEGRATIONS}/${one}`, headers }, loadOpts);
    const getNamed = await load(emulator, { path: at(named, `${INTEGRATIONS}/${one}`), headers }, loadOpts);
    // A last check that the named instance answered with its own record.
    const own = await request(`${emulator.url}${at(named, `${INTEGRATIONS}/${one}`)}`, { headers });
    if (own.status !== 200) throw new Error(`GET in ${named}: ${own.status}`);
    return {
      instances,
      integrationsEach,
      firstRequest,
      existingRequest,
      setup,
      readyMs: setup.p50,
      rssBefore,
      rssAfter,
      bytesPerInstance: rssBefore !== null && rssAfter !== null ? (rssAfter - rssBefore) / instances : null,
      getDefault,
      getNamed,
    };
  } catch (e) {
    if (e instanceof NotAvailable) return { instances, integrationsEach, skipped: e.message };
    throw e;
  } finally {
    await emulator.stop();
  }
}
