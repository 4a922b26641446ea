/**
 * A full reset on a frozen clock with fixtures copies the default instance
 * back from the state kept after start-up; further instances are not in that
 * copy, so they must still be emptied and given their own fixtures again,
 * including the state the real API keeps (libraries, File Server).
 */
import t from 'tap';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildTestApp } from '../helpers/app';
import { Clock } from '../../src/core/clock';

const API = '/ic/api/integration/v1';
const FS = '/ic/api/fileserver/v1';
const at = (instance: string, url: string) => `${url}${url.includes('?') ? '&' : '?'}integrationInstance=${instance}`;

t.test('full reset from the baseline: named instances back to their fixtures, first-use instances gone', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inst-baseline-'));
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.writeFileSync(path.join(dir, 'a-default.json'), JSON.stringify({ oic: { lookups: [{ name: 'Default codes', identifier: 'CODES', columns: [{ name: 'k', type: 'STRING' }] }] } }));
  fs.writeFileSync(path.join(dir, 'b-team.json'), JSON.stringify({ instance: 'team-f', oic: { lookups: [{ name: 'Team codes', identifier: 'CODES', columns: [{ name: 'k', type: 'STRING' }] }] } }));
  const clock = new Clock();
  clock.setManual(Date.parse('2026-03-02T09:00:00Z'));
  const c = await buildTestApp(t, { fixtures: dir }, clock);

  t.equal((await c.call({ method: 'DELETE', url: at('team-f', `${API}/lookups/CODES`) })).statusCode < 300, true);
  t.equal((await c.call({ method: 'POST', url: at('team-f', `${FS}/filesystem/directories`), payload: { name: 'inbound', parent: '/' } })).statusCode, 200);
  t.equal((await c.call({ method: 'POST', url: at('passing', `${FS}/filesystem/directories`), payload: { name: 'tmp', parent: '/' } })).statusCode, 200);
  t.equal((await c.call({ method: 'DELETE', url: `${API}/lookups/CODES` })).statusCode < 300, true);

  const reset = await c.app.inject({ method: 'POST', url: '/_emulator/reset' });
  t.equal(reset.statusCode, 200, reset.body);
  t.equal(reset.json().fixtureObjects, 2, 'both files counted');
  t.equal((await c.call({ method: 'GET', url: `${API}/lookups/CODES` })).json().name, 'Default codes', 'default instance restored');
  t.equal((await c.call({ method: 'GET', url: at('team-f', `${API}/lookups/CODES`) })).json().displayName, 'Team codes', "team-f's fixtures written again");
  t.same((await c.call({ method: 'GET', url: at('team-f', `${FS}/filesystem`) })).json().directories, [], "team-f's File Server emptied");
  t.same(c.app.instances.list().map((i) => i.name).sort(), ['emulator', 'team-f'], 'the first-use instance is gone');

  // The same again: the baseline path is stable.
  await c.call({ method: 'DELETE', url: at('team-f', `${API}/lookups/CODES`) });
  await c.app.inject({ method: 'POST', url: '/_emulator/reset' });
  t.equal((await c.call({ method: 'GET', url: at('team-f', `${API}/lookups/CODES`) })).json().displayName, 'Team codes');
});
