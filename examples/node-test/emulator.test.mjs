// Using the emulator from a test suite with node's own test runner:
//   node --test examples/node-test/
// One emulator per test file, on a free port; reset before each test.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator } from 'oracle-integration-emulator';

let emulator;

before(async () => {
  emulator = await startEmulator(); // { url, reset(), clock, close(), ... }
});
after(() => emulator.close());
beforeEach(() => emulator.reset());

async function accessToken() {
  const { clientId, clientSecret } = emulator.credentials;
  const res = await fetch(`${emulator.url}/oauth2/v1/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials&scope=urn:opc:resource:consumer::all',
  });
  return (await res.json()).access_token;
}

test('the client lists integrations', async () => {
  const res = await fetch(`${emulator.url}/ic/api/integration/v1/integrations`, {
    headers: { authorization: `Bearer ${await accessToken()}` },
  });
  assert.equal(res.status, 200);
});

test('the client sees a 503 in OIC format when the service is down', async () => {
  await fetch(`${emulator.url}/_emulator/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'error', path: '/ic/api/**', status: 503, count: 1 }),
  });
  const token = await accessToken();
  const res = await fetch(`${emulator.url}/ic/api/integration/v1/integrations`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(res.status, 503);
  assert.equal((await res.json())['o:errorCode'], 'OIC-503001');
  // The journal shows what the client sent (secrets masked).
  const journal = await (await fetch(`${emulator.url}/_emulator/requests?path=/ic/api/**`)).json();
  assert.equal(journal.items[0].headers.authorization, 'Bearer ***');
});

test('the simulated clock can be moved', () => {
  emulator.clock.setManual(Date.parse('2025-06-15T10:00:00Z'));
  emulator.clock.advance(3_600_000);
  assert.equal(emulator.clock.nowIso(), '2025-06-15T11:00:00.000Z');
});
