import t from 'tap';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { startServer, SERVER } from './helpers/process';

t.test('the Docker start command: health, a token and an OIC call over a real socket; SIGTERM exits cleanly', async (t) => {
  // Same flags as the Dockerfile's CMD (plus --port 0 so tests never collide).
  const server = await startServer(['--host', '0.0.0.0', '--port', '0']);
  t.teardown(() => server.stop('SIGKILL'));
  // Not a terminal: the start-up line is a JSON log line naming the default client and user.
  const started = server.output().split('\n').filter((l) => l.includes('listening on')).map((l) => JSON.parse(l))[0];
  t.match(started, { oauthClient: 'oic-emulator-client', basicUser: 'user@example.com', tokenUrl: /\/oauth2\/v1\/token$/ }, 'start-up line names the default credentials');
  const health = await fetch(`${server.url}/_emulator/health`);
  t.equal(health.status, 200);
  const h = (await health.json()) as any;
  t.equal(h.status, 'UP');
  t.equal(h.version, JSON.parse(fs.readFileSync(path.join(__dirname, '../package.json'), 'utf8')).version, 'the package version');
  t.ok(typeof h.uptimeSeconds === 'number' && h.uptimeSeconds >= 0 && h.uptimeSeconds < 60, `seconds since start (${h.uptimeSeconds})`);
  const tok = await fetch(`${server.url}/oauth2/v1/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from('oic-emulator-client:oic-emulator-secret').toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  t.equal(tok.status, 200);
  const { access_token } = (await tok.json()) as any;
  const unauth = await fetch(`${server.url}/ic/api/integration/v1/integrations`);
  t.equal(unauth.status, 401);
  t.match(unauth.headers.get('content-type'), /application\/problem\+json/);
  const ok = await fetch(`${server.url}/ic/api/integration/v1/integrations`, { headers: { authorization: `Bearer ${access_token}` } });
  t.equal(ok.status, 200);
  t.equal(await server.stop('SIGTERM'), 0, 'exit code 0 after SIGTERM');
});

t.test('a --db file survives a restart (WAL mode) and SIGINT closes it cleanly', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oie-'));
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  const db = path.join(dir, 'state.db');
  const first = await startServer(['--port', '0', '--db', db]);
  t.ok(fs.existsSync(db));
  t.equal(await first.stop('SIGINT'), 0);
  const Database = (await import('better-sqlite3')).default;
  const conn = new Database(db);
  t.equal(conn.pragma('journal_mode', { simple: true }), 'wal');
  conn.prepare("INSERT INTO emulator_meta (key, value) VALUES ('probe', 'kept')").run();
  conn.close();
  const second = await startServer(['--port', '0', '--db', db]);
  t.teardown(() => second.stop('SIGKILL'));
  t.equal((await fetch(`${second.url}/_emulator/health`)).status, 200);
  t.equal(await second.stop('SIGTERM'), 0);
  const again = new Database(db, { readonly: true });
  t.same(again.prepare("SELECT value FROM emulator_meta WHERE key = 'probe'").get(), { value: 'kept' }, 'state kept across restarts');
  t.ok((again.prepare('SELECT count(*) AS n FROM schema_migrations').get() as { n: number }).n >= 1, 'migrations recorded once');
  again.close();
});

t.test('--help and bad flags', async (t) => {
  const help = spawnSync(process.execPath, [SERVER, '--help'], { encoding: 'utf8' });
  t.equal(help.status, 0);
  t.match(help.stdout, /--rate-limit/);
  const bad = spawnSync(process.execPath, [SERVER, '--port', 'eighty'], { encoding: 'utf8' });
  t.equal(bad.status, 2);
  t.match(bad.stderr, /--port expects an integer/);
});
