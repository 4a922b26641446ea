/**
 * The benchmark's own code path with tiny counts (PROFILES.smoke), so that
 * `npm run bench` cannot rot unnoticed. It checks that every section runs and
 * reports, never how fast anything is: figures come from `npm run bench`.
 */
import t from 'tap';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROFILES, parseCli, runBench, writeResults } from '../../bench/run';
import { render } from '../../bench/lib/report';
import { signedHeaders, makeApiKey } from '../../bench/lib/oci-sign';
import { summarize } from '../../bench/lib/http';
import { SERVER } from '../../bench/lib/proc';
import crypto from 'node:crypto';

t.test('the quick code path end to end, with tiny counts', { skip: fs.existsSync(SERVER) ? false : 'dist/server.js not built (npm test builds it)' }, async (t) => {
  const lines: string[] = [];
  const results = await runBench({ profile: PROFILES.smoke, log: (s) => lines.push(s) });

  t.ok(results.startup, 'start-up measured');
  t.ok(results.startup!.bare.median > 0);

  for (const s of results.throughput!) {
    if (s.skipped) {
      t.match(s.skipped, /^not available yet: /, `${s.key}: reported as not available`);
      continue;
    }
    t.equal(s.emulator!.non2xx, 0, `${s.key}: every response 2xx (${JSON.stringify(s.emulator!.statuses)})`);
    t.equal(s.emulator!.errors, 0, `${s.key}: no connection errors`);
    t.equal(s.bare!.non2xx, 0, `${s.key}: bare Fastify measured alongside`);
    t.ok(s.bare!.requests >= PROFILES.smoke.load.amount!);
    t.ok(s.ratioFastify! > 0, `${s.key}: ratio to bare Fastify`);
  }
  for (const key of ['health', 'token', 'getIntegration', 'listIntegrations', 'createIntegration']) {
    t.ok(results.throughput!.find((s) => s.key === key)?.emulator, `${key} measured`);
  }
  t.ok(results.memory!.afterStart! > 0, 'RSS read');

  for (const s of results.scale!) {
    if (s.skipped) t.match(s.skipped, /^not available yet: /, 'scale: reported as not available');
    else t.ok(s.generateMs! > 0 && Object.keys(s.queries!).length === 4, 'scale: generated and queried');
  }
  t.ok(results.instances && !results.instances.skipped && results.instances.getNamed!.non2xx === 0, 'instances: made, filled and loaded');
  if (results.control!.skipped) t.match(results.control!.skipped, /^not available yet: /);
  else t.ok(results.control!.reset!.n === 1 && results.control!.restore!.n === 1, 'reset and restore timed');

  t.ok(results.inProcess!.start.n === 1 && results.inProcess!.start.median > 0, 'in-process start timed');
  t.ok(results.inProcess!.reset.n === 1 && results.inProcess!.fixtureObjects > 100, 'reset with the demo fixtures timed');

  const text = render(results);
  t.match(text, /Throughput and latency/);
  t.match(text, /Targets/);
  t.equal(results.targets.length, 14, 'every target listed');
  t.match(text, /In process \(ms\)/);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oie-bench-'));
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = writeResults(results, path.join(dir, 'r.json'));
  t.same(JSON.parse(fs.readFileSync(file, 'utf8')).meta.mode, 'smoke', 'JSON written');
});

t.test('command line', async (t) => {
  t.equal(parseCli([])!.options.profile.mode, 'full');
  t.equal(parseCli([])!.options.profile.prism, true);
  const quick = parseCli(['--quick', '--only', 'startup,scale', '--connections', '4'])!;
  t.equal(quick.options.profile.mode, 'quick');
  t.equal(quick.options.profile.prism, false);
  t.equal(quick.options.profile.load.connections, 4);
  t.same(quick.options.sections, ['startup', 'scale']);
  t.equal(PROFILES.quick.load.connections, 10, 'profiles are not modified by overrides');
  t.equal(parseCli(['--help']), null);
  t.throws(() => parseCli(['--only', 'nope']), /unknown section nope/);
  t.throws(() => parseCli(['--duration', '-1']), /positive number/);
  t.throws(() => parseCli(['--bogus']), /unknown option --bogus/);
  t.throws(() => parseCli(['--target', '/nonexistent-checkout']), /nonexistent-checkout\/dist\/server\.js is missing/, '--target needs a built checkout');
});

t.test('OCI signing follows the SDK: signed headers and a verifiable signature', async (t) => {
  const key = makeApiKey();
  t.match(key.fingerprint, /^[0-9a-f]{2}(:[0-9a-f]{2}){15}$/);
  const body = '{"a":1}';
  const h = signedHeaders(key, 'POST', 'http://127.0.0.1:8080/20200430/workspaces?x=1', body);
  t.equal(h['x-content-sha256'], crypto.createHash('sha256').update(body).digest('base64'));
  t.equal(h['content-length'], '7');
  const m = /headers="([^"]+)",signature="([^"]+)"/.exec(h.authorization)!;
  t.equal(m[1], 'x-date (request-target) host Content-Type Content-Length x-content-sha256');
  const signing = [
    `x-date: ${h['x-date']}`,
    '(request-target): post /20200430/workspaces?x=1',
    'host: 127.0.0.1:8080',
    'content-type: application/json',
    'content-length: 7',
    `x-content-sha256: ${h['x-content-sha256']}`,
  ].join('\n');
  t.ok(crypto.verify('sha256', Buffer.from(signing), crypto.createPublicKey(key.publicPem), Buffer.from(m[2], 'base64')), 'signature verifies');
  const get = signedHeaders(key, 'GET', 'http://127.0.0.1:8080/20200430/workspaces/x');
  t.match(get.authorization, /headers="x-date \(request-target\) host"/);
  t.notOk(get['x-content-sha256']);
});

t.test('percentiles', async (t) => {
  const s = summarize([5, 1, 4, 2, 3, 6, 7, 8, 9, 10]);
  t.equal(s.median, 5.5);
  t.equal(s.p50, 5);
  t.equal(s.p99, 10);
  t.equal(s.min, 1);
  t.equal(s.max, 10);
});
