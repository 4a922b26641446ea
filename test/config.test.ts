/**
 * The configuration (src/config.ts): defaults, flags over environment over
 * defaults, bad values refused with the flag's name, --help, sizes, and the
 * effective configuration shown at GET /_emulator/config without secrets.
 */
import t from 'tap';
import { buildTestApp } from './helpers/app';
import { parseArgs, helpText, DEFAULTS, parseBytes, publicConfig } from '../src/config';

t.test('defaults: 127.0.0.1:8080, in-memory, 1000/h, 10 MB', async (t) => {
  const { config, help } = parseArgs([], {});
  t.equal(help, false);
  t.equal(config.host, '127.0.0.1');
  t.equal(config.port, 8080);
  t.equal(config.db, ':memory:');
  t.equal(config.rateLimit, 1000);
  t.equal(config.maxPayload, 10 * 1024 * 1024);
  t.equal(config.strictAuth, false);
  t.ok(Object.isFrozen(config));
});

t.test('flags win over environment, environment over defaults', async (t) => {
  const env = { PORT: '9000', HOST: '0.0.0.0', EMULATOR_RATE_LIMIT: '50', LOG_LEVEL: 'warn' };
  const { config } = parseArgs(['--port', '9100', '--seed=7', '--strict-auth', '--max-payload', '2MB', '--db', 'x.db'], env);
  t.equal(config.port, 9100);
  t.equal(config.host, '0.0.0.0');
  t.equal(config.rateLimit, 50);
  t.equal(config.seed, 7);
  t.equal(config.strictAuth, true);
  t.equal(config.maxPayload, 2 * 1024 * 1024);
  t.equal(config.db, 'x.db');
  t.equal(config.logLevel, 'warn');
});

t.test('bad flags are reported clearly', async (t) => {
  t.throws(() => parseArgs(['--nope'], {}), /unknown option '--nope'/);
  t.throws(() => parseArgs(['--port'], {}), /needs a value/);
  t.throws(() => parseArgs(['--port', 'abc'], {}), /integer/);
  t.throws(() => parseArgs(['--port', '70000'], {}), /65535/);
  t.throws(() => parseArgs(['--log-level', 'loud'], {}), /log-level/);
  t.throws(() => parseArgs(['--max-payload', 'huge'], {}), /not a size/);
  t.throws(() => parseArgs([], { EMULATOR_STRICT_AUTH: 'maybe' }), /true or false/);
  t.throws(() => parseArgs(['--rate-limit', '0'], {}), /at least 1/);
});

t.test('--help lists every option', async (t) => {
  t.equal(parseArgs(['--help'], {}).help, true);
  const text = helpText();
  for (const flag of ['--port', '--host', '--db', '--fixtures', '--seed', '--rate-limit', '--max-payload', '--strict-auth', '--log-level', '--no-fixtures']) {
    t.match(text, flag);
  }
});

t.test('sizes and public config', async (t) => {
  t.equal(parseBytes('512KB'), 512 * 1024);
  t.equal(parseBytes('1024'), 1024);
  const pub = publicConfig(DEFAULTS);
  t.notMatch(JSON.stringify(pub), /secret|Welcome1/i, 'no secrets in the public config');
});

t.test('GET /_emulator/config shows the effective configuration without secrets', async (t) => {
  const { app } = await buildTestApp(t, { seed: 7, journalSize: 50, clients: [{ clientId: 'c1', clientSecret: 'SECRET-1' }], users: [{ username: 'u1', password: 'PASS-1' }] });
  const res = await app.inject({ method: 'GET', url: '/_emulator/config' });
  t.equal(res.statusCode, 200);
  const body = res.json();
  t.match(body, { seed: 7, journalSize: 50, logFormat: 'auto', rateLimit: 1000, db: ':memory:', clients: [{ clientId: 'c1' }], users: [{ username: 'u1' }] });
  t.notMatch(res.body, /SECRET-1|PASS-1|clientSecret|password/, 'no secrets');
});

t.test('--journal-size and --log-format flags', async (t) => {
  t.equal(parseArgs([]).config.journalSize, 1000);
  t.equal(parseArgs(['--journal-size', '0']).config.journalSize, 0);
  t.equal(parseArgs([], { EMULATOR_JOURNAL_SIZE: '20' }).config.journalSize, 20);
  t.throws(() => parseArgs(['--journal-size', '-1']), /must not be negative/);
  t.throws(() => parseArgs(['--journal-size', '200000']), /at most 100000/);
  t.equal(parseArgs(['--log-format', 'json']).config.logFormat, 'json');
  t.equal(parseArgs([], { LOG_FORMAT: 'pretty' }).config.logFormat, 'pretty');
  t.throws(() => parseArgs(['--log-format', 'xml']), /--log-format must be one of auto, pretty, json/);
  t.match(helpText(), /--journal-size/);
  t.match(helpText(), /--log-format/);
});
