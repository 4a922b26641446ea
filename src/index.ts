/**
 * The package's programmatic entry: start the emulator inside a test suite's
 * own process, on a free port, and drive its control plane without HTTP.
 *
 *   import { startEmulator } from 'oracle-integration-emulator';
 *   const emulator = await startEmulator();          // http://127.0.0.1:<free port>
 *   await emulator.reset();                          // before each test
 *   emulator.clock.advance(3600_000);                // an hour of schedules
 *   await emulator.close();
 */
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import { makeConfig, DEFAULT_CLIENT, DEFAULT_USER, type Config } from './config';
import { Clock } from './core/clock';
import type { ApiScope } from './store/state-tables';
import type { ResetResult, RestoreResult } from './control/control-plane';
import type { SnapshotMeta } from './store/snapshots';

export interface StartOptions extends Partial<Omit<Config, 'clients' | 'users'>> {
  /** Extra OAuth clients / Basic users besides the defaults. */
  clients?: Config['clients'];
  users?: Config['users'];
  /** A clock to use (e.g. one frozen at a known instant); default: real time. */
  clock?: Clock;
}

export interface RunningEmulator {
  /** Base URL, e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  port: number;
  /** The emulator clock: clock.setManual(at), clock.advance(ms), clock.setReal(). */
  clock: Clock;
  /** Default credentials (OAuth client and Basic user). */
  credentials: { clientId: string; clientSecret: string; username: string; password: string };
  /** Back to the start-up state (fixtures re-applied), for one API or all. */
  reset(api?: ApiScope): Promise<ResetResult>;
  /** Save the whole state under a name (replace an existing one with replace = true). */
  snapshot(name: string, replace?: boolean): Promise<SnapshotMeta>;
  /** Bring a saved state back. */
  restore(name: string): Promise<RestoreResult>;
  /** Stop listening and release the database. */
  close(): Promise<void>;
  /** The Fastify instance (app.inject() works without a socket). */
  app: FastifyInstance;
}

/** Start an emulator in this process: port 0 (a free port) on 127.0.0.1, silent logs, no fixtures, unless told otherwise. */
export async function startEmulator(options: StartOptions = {}): Promise<RunningEmulator> {
  const { clock, ...overrides } = options;
  const config = makeConfig({
    port: 0,
    host: '127.0.0.1',
    ...(overrides as Partial<Config>),
    // Relative to the caller's working directory, as on the command line.
    fixtures: overrides.fixtures ? path.resolve(overrides.fixtures) : null,
  });
  const app = await buildApp(config, { clock });
  let address: string;
  try {
    address = await app.listen({ port: config.port, host: config.host });
  } catch (e) {
    await app.close();
    throw e;
  }
  const port = (app.server.address() as { port: number }).port;
  const url = address.replace('0.0.0.0', '127.0.0.1').replace('[::]', '127.0.0.1');
  return {
    url,
    port,
    clock: app.ctx.clock,
    credentials: { clientId: DEFAULT_CLIENT.clientId, clientSecret: DEFAULT_CLIENT.clientSecret, username: DEFAULT_USER.username, password: DEFAULT_USER.password },
    reset: async (api = 'all') => app.control.reset(api),
    snapshot: async (name, replace = false) => app.control.saveSnapshot(name, replace),
    restore: async (name) => app.control.restoreSnapshot(name),
    close: () => closeFully(app),
    app,
  };
}

/**
 * app.close() resolves before libuv has released the listening socket's
 * handle (its close callback runs in a later phase of the event loop), and
 * that handle keeps the whole app reachable. A suite that closes one
 * emulator and starts the next without other I/O in between would pile up
 * closed apps until the loop turns, and pay for them in garbage collection.
 * Two turns of setImmediate pass the loop's close phase once.
 */
async function closeFully(app: FastifyInstance): Promise<void> {
  await app.close();
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));
}

export { buildApp } from './app';
export { makeConfig, parseArgs, DEFAULT_CLIENT, DEFAULT_USER } from './config';
export type { Config } from './config';
export { Clock } from './core/clock';
export type { ApiScope } from './store/state-tables';
export type { ResetResult, RestoreResult } from './control/control-plane';
export type { SnapshotMeta } from './store/snapshots';
export type { FaultInput, FaultRule } from './control/faults';
export type { JournalEntry } from './control/journal';
