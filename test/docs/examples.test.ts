/**
 * Every shell example in README.md and docs/*.md runs, so the documentation
 * cannot drift from the emulator.
 *
 * Each ```sh or ```bash block is run with bash (-eu, pipefail) against one
 * emulator started for the test with the demo fixtures, in file order. The
 * documentation's convention: `$BASE` is the emulator's base URL
 * (http://127.0.0.1:8080 when started with `npm start`; here the test's
 * port) and `$TOKEN` an access token for the default client; both are set in
 * the environment of every block. When a ```json block follows a shell block
 * (nothing but blank lines between them), it is the response shown to the
 * reader: the block's output must contain a JSON document (the whole output,
 * or one of its lines) of which it is a subset, where "..." stands for any
 * value and an array lists the first elements. ```text blocks are not run.
 * Every file starts from the demo state: a reset, or a new emulator when the
 * previous page left the clock frozen.
 */
import t from 'tap';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../helpers/process';
import { DEFAULT_CLIENT } from '../../src/config';

const ROOT = path.resolve(__dirname, '../..');

interface Example { file: string; line: number; code: string; expected?: { line: number; text: string } }

/** The shell blocks of a Markdown file, each with the JSON block that follows it, if any. */
export function extractExamples(file: string, text: string): Example[] {
  const blocks: { lang: string; body: string; line: number; start: number; end: number }[] = [];
  const fence = /^```([\w-]*)[^\n]*\n([\s\S]*?)^```[ \t]*$/gm;
  for (let m = fence.exec(text); m; m = fence.exec(text)) {
    blocks.push({ lang: m[1], body: m[2], line: text.slice(0, m.index).split('\n').length, start: m.index, end: m.index + m[0].length });
  }
  const out: Example[] = [];
  blocks.forEach((b, i) => {
    if (b.lang !== 'sh' && b.lang !== 'bash') return;
    const next = blocks[i + 1];
    const adjacent = next && next.lang === 'json' && text.slice(b.end, next.start).trim() === '';
    out.push({ file, line: b.line, code: b.body, expected: adjacent ? { line: next.line, text: next.body } : undefined });
  });
  return out;
}

/** Is `expected` a subset of `actual`? Returns the path of the first difference, or null. */
export function subsetDiff(expected: unknown, actual: unknown, at = '$'): string | null {
  if (expected === '...') return null;
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${at}: expected an array, got ${JSON.stringify(actual)}`;
    if (actual.length < expected.length) return `${at}: expected at least ${expected.length} items, got ${actual.length}`;
    for (let i = 0; i < expected.length; i++) {
      const d = subsetDiff(expected[i], actual[i], `${at}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (expected && typeof expected === 'object') {
    if (!actual || typeof actual !== 'object' || Array.isArray(actual)) return `${at}: expected an object, got ${JSON.stringify(actual)}`;
    for (const [k, v] of Object.entries(expected)) {
      if (!(k in actual)) return `${at}.${k}: missing`;
      const d = subsetDiff(v, (actual as Record<string, unknown>)[k], `${at}.${k}`);
      if (d) return d;
    }
    return null;
  }
  return Object.is(expected, actual) ? null : `${at}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
}

/** The JSON documents in a block's output: the whole of it, or its lines. */
function jsonDocuments(stdout: string): unknown[] {
  const docs: unknown[] = [];
  try { docs.push(JSON.parse(stdout)); } catch { /* several documents, or text around them */ }
  for (const line of stdout.split('\n')) {
    if (!/^\s*[[{]/.test(line)) continue;
    try { docs.push(JSON.parse(line)); } catch { /* not a document */ }
  }
  return docs;
}

/** A token for the default client, as the README's tour gets it. */
async function tokenAt(url: string): Promise<string> {
  const res = await fetch(`${url}/oauth2/v1/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${DEFAULT_CLIENT.clientId}:${DEFAULT_CLIENT.clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

const files = ['README.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];
const examples = files.flatMap((f) => extractExamples(f, fs.readFileSync(path.join(ROOT, f), 'utf8')));

t.test('the extractor and the subset match', async (t) => {
  const md = 'x\n```sh\necho 1\n```\n\n```json\n{"a": 1}\n```\n```text\nno\n```\n```bash\necho 2\n```\nprose\n```json\n{}\n```\n';
  const ex = extractExamples('x.md', md);
  t.equal(ex.length, 2);
  t.same(ex[0], { file: 'x.md', line: 2, code: 'echo 1\n', expected: { line: 6, text: '{"a": 1}\n' } });
  t.equal(ex[1].expected, undefined, 'prose in between: not a shown response');
  t.equal(subsetDiff({ a: 1, b: ['...', 2] }, { a: 1, b: [0, 2, 3], c: 4 }), null);
  t.match(subsetDiff({ a: 1 }, { a: 2 }), /\$\.a: expected 1, got 2/);
  t.match(subsetDiff({ b: [1, 2] }, { b: [1] }), /at least 2/);
  t.match(subsetDiff({ z: 1 }, {}), /\$\.z: missing/);
});

t.test('every shell example in README.md and docs/ runs against the demo fixtures', async (t) => {
  t.ok(examples.length >= 20, `${examples.length} examples found`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'oie-docs-'));
  t.teardown(() => fs.rmSync(work, { recursive: true, force: true }));
  // A scratch folder as the working directory, where examples/ and fixtures/ are what they are in a checkout.
  for (const dir of ['examples', 'fixtures']) fs.symlinkSync(path.join(ROOT, dir), path.join(work, dir));
  let server = await startServer(['--port', '0', '--fixtures', 'fixtures/demo']);
  t.teardown(() => server.stop('SIGKILL'));
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: work, BASE: server.url, TOKEN: await tokenAt(server.url) };

  let current = '';
  for (const ex of examples) {
    if (ex.file !== current) {
      current = ex.file;
      // A page that froze the clock far in the past leaves it there (going back
      // to real time in one step is refused past 400 days): a new emulator then.
      const clock = (await (await fetch(`${server.url}/_emulator/clock`)).json()) as { mode: string };
      if (clock.mode !== 'real') {
        await server.stop('SIGKILL');
        server = await startServer(['--port', '0', '--fixtures', 'fixtures/demo']);
        Object.assign(env, { BASE: server.url, TOKEN: await tokenAt(server.url) });
      } else {
        const reset = await fetch(`${server.url}/_emulator/reset`, { method: 'POST' });
        t.equal(reset.status, 200, `${current}: starts from the demo state`);
      }
    }
    const where = `${ex.file}:${ex.line}`;
    const run = spawnSync('bash', ['-euo', 'pipefail', '-c', ex.code], { cwd: work, env, encoding: 'utf8', timeout: 30_000 });
    if (run.status !== 0) {
      t.fail(`${where} exited with ${run.status}`, { code: ex.code, stdout: run.stdout, stderr: run.stderr });
      continue;
    }
    if (!ex.expected) {
      t.pass(`${where} runs`);
      continue;
    }
    let expected: unknown;
    try {
      expected = JSON.parse(ex.expected.text);
    } catch (e) {
      t.fail(`${ex.file}:${ex.expected.line}: the shown response is not JSON: ${(e as Error).message}`);
      continue;
    }
    const docs = jsonDocuments(run.stdout);
    const diffs = docs.map((d) => subsetDiff(expected, d));
    t.ok(diffs.some((d) => d === null), `${where} answers as shown at line ${ex.expected.line}`, { diffs, stdout: run.stdout.slice(0, 2000) });
  }
});
