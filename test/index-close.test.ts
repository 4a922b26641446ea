/**
 * startEmulator() (src/index.ts): close() resolves once the emulator is
 * released (its listening handle included, which would keep the whole app
 * reachable), so a suite that starts a fresh one per test holds one at a time.
 */
import t from 'tap';
import net from 'node:net';
import { startEmulator } from '../src/index';

/** Listening servers libuv still holds (process._getActiveHandles is Node's own diagnostic). */
function openServers(): number {
  const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
  return handles.filter((h) => h instanceof net.Server).length;
}

t.test('close() resolves after the listening handle is released', async (t) => {
  const before = openServers();
  for (let i = 0; i < 3; i++) {
    const emulator = await startEmulator();
    t.equal(openServers(), before + 1, `emulator ${i + 1} listens`);
    await emulator.close();
    t.equal(openServers(), before, `emulator ${i + 1} holds no handle once closed`);
  }
});

t.test('close() releases the port: the next emulator may listen on it at once', async (t) => {
  const first = await startEmulator();
  const port = first.port;
  await first.close();
  const second = await startEmulator({ port });
  t.teardown(() => second.close());
  t.equal(second.port, port);
  t.equal((await fetch(`${second.url}/_emulator/health`)).status, 200);
});
