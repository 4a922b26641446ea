/**
 * Responses written in one event-loop turn leave together at its end
 * (src/core/write-batcher.ts). What must not change: every
 * connection gets all its bytes, in order; pipelined requests are answered in
 * order; big bodies arrive whole; a response's 'finish' (Fastify's
 * onResponse) comes only after its bytes are written; a client that goes
 * away costs nobody else anything.
 */
import t from 'tap';
import http from 'node:http';
import net from 'node:net';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WriteBatcher } from '../../src/core/write-batcher';
import { buildTestApp, tokenFor } from '../helpers/app';

function listen(server: http.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

function get(port: number, path: string, agent: http.Agent, headers: Record<string, string> = {}): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

/** A plain http server with a batcher, answering from `handle`. */
async function batchedServer(t: { teardown(fn: () => unknown): void }, handle: http.RequestListener): Promise<{ port: number; batcher: WriteBatcher }> {
  const server = http.createServer(handle);
  const batcher = new WriteBatcher();
  batcher.attach(server);
  const port = await listen(server);
  t.teardown(() => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));
  return { port, batcher };
}

t.test('responses ended in the same turn are written in one flush, each complete and on its own connection', async (t) => {
  const held: { res: http.ServerResponse; n: string }[] = [];
  let before = { writes: 0, flushes: 0 };
  const { port, batcher } = await batchedServer(t, (req, res) => {
    held.push({ res, n: req.url!.slice(1) });
    if (held.length < 5) return;
    before = { ...batcher.stats };
    // All five answered in this one tick; each notes, when it finishes, how many writes were out.
    for (const h of held.splice(0)) {
      h.res.on('finish', () => writesAtFinish.push(batcher.stats.writes - before.writes));
      h.res.end(`answer ${h.n}`);
    }
  });
  const writesAtFinish: number[] = [];
  const agent = new http.Agent({ keepAlive: true, maxSockets: 5 });
  t.teardown(() => agent.destroy());
  const results = await Promise.all([1, 2, 3, 4, 5].map((n) => get(port, `/${n}`, agent)));
  t.same(results.map((r) => [r.status, r.body.toString()]), [1, 2, 3, 4, 5].map((n) => [200, `answer ${n}`]), 'each client got its own answer');
  t.equal(batcher.stats.writes - before.writes, 5, 'five writes (one per response: head and body together)');
  t.equal(batcher.stats.flushes - before.flushes, 1, 'handed to the kernel in one flush');
  t.same(writesAtFinish, [5, 5, 5, 5, 5], "all five were written before any response's finish work ran");
});

/** Write raw request bytes on a fresh socket; everything the server sent until it closed, as latin1 text. */
function rawExchange(port: number, request: string): Promise<string> {
  return new Promise<string>((resolve) => {
    let out = '';
    const s = net.connect(port, '127.0.0.1', () => s.write(request));
    s.on('data', (d) => (out += d.toString('latin1')));
    s.on('error', () => {});
    s.on('close', () => resolve(out));
  });
}

t.test('a socket destroyed right after a write still sends what was written', async (t) => {
  const { port } = await batchedServer(t, (_req, res) => {
    res.end('last words');
    res.socket!.destroy();
  });
  const text = await rawExchange(port, 'GET / HTTP/1.1\r\nHost: x\r\n\r\n');
  t.match(text, /^HTTP\/1\.1 200 OK/, 'the status line arrived');
  t.match(text, /last words$/, 'and the body');
});

t.test("a malformed request still gets Fastify's 400 before the connection closes (the emulator)", async (t) => {
  const { app } = await buildTestApp(t);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as AddressInfo).port;
  const text = await rawExchange(port, 'GET /_emulator/health HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n');
  t.match(text, /^HTTP\/1\.1 400 Bad Request/, 'answered, not just closed');
});

t.test("a response's 'finish' comes after its bytes were handed to the kernel", async (t) => {
  const seen: { flushesAtEnd: number; flushesAtFinish: number }[] = [];
  const { port, batcher } = await batchedServer(t, (_req, res) => {
    const flushesAtEnd = batcher.stats.flushes;
    res.on('finish', () => seen.push({ flushesAtEnd, flushesAtFinish: batcher.stats.flushes }));
    res.end('ok');
  });
  const agent = new http.Agent({ keepAlive: true });
  t.teardown(() => agent.destroy());
  for (let i = 0; i < 3; i++) t.equal((await get(port, '/', agent)).body.toString(), 'ok');
  t.equal(seen.length, 3);
  for (const s of seen) t.ok(s.flushesAtFinish > s.flushesAtEnd, `finish after the flush (${s.flushesAtEnd} -> ${s.flushesAtFinish})`);
});

t.test('a big streamed body arrives whole and in order', async (t) => {
  const chunk = (i: number) => Buffer.alloc(64 * 1024, i % 251);
  const expected = createHash('sha256');
  for (let i = 0; i < 80; i++) expected.update(chunk(i));
  const { port } = await batchedServer(t, (_req, res) => {
    let i = 0;
    const more = () => {
      while (i < 80) {
        if (!res.write(chunk(i++))) return void res.once('drain', more);
      }
      res.end();
    };
    more();
  });
  const agent = new http.Agent();
  t.teardown(() => agent.destroy());
  const { status, body } = await get(port, '/', agent);
  t.equal(status, 200);
  t.equal(body.length, 80 * 64 * 1024, '5 MB');
  t.equal(createHash('sha256').update(body).digest('hex'), expected.digest('hex'), 'same bytes, same order');
});

t.test('pipelined requests on one connection are answered in order (the emulator)', async (t) => {
  const { app } = await buildTestApp(t);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as AddressInfo).port;
  const token = await tokenFor(app);
  const socket = net.connect(port, '127.0.0.1');
  t.teardown(() => socket.destroy());
  await new Promise((resolve) => socket.once('connect', resolve));
  let text = '';
  socket.on('data', (d) => (text += d.toString('latin1')));
  const req = (path: string) => `GET ${path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\n\r\n`;
  // Three requests in one TCP write: OK, 404 in OIC's format, OK.
  socket.write(req('/_emulator/health') + req('/ic/api/integration/v1/integrations/NOPE%7C01.00.0000') + req('/ic/api/integration/v1/integrations?limit=1'));
  const deadline = Date.now() + 10_000;
  while ((text.match(/HTTP\/1\.1 /g) ?? []).length < 3 || !text.trimEnd().endsWith('}')) {
    if (Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  const statuses = [...text.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => Number(m[1]));
  t.same(statuses, [200, 404, 200], 'three answers, in request order');
  t.match(text, /"o:errorCode":"OIC-404001"/, 'the middle one is the OIC problem JSON');
  t.match(text, /"totalResults":0/, 'the last one is the (empty) list');
  t.ok(app.writes.stats.flushes > 0, 'the emulator batches its writes');
});

t.test('a client that disconnects before its answer is written does not disturb the others', async (t) => {
  const { app, auth } = await buildTestApp(t, {});
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as AddressInfo).port;
  // A slow request (fault latency) whose client goes away, then ordinary ones.
  const fault = await app.inject({ method: 'POST', url: '/_emulator/faults', headers: { 'content-type': 'application/json' }, payload: { kind: 'latency', path: '/ic/api/integration/v1/projects', latencyMs: 100, count: 1 } });
  t.equal(fault.statusCode, 201, `latency fault added: ${fault.body}`);
  const gone = net.connect(port, '127.0.0.1', () => {
    gone.write(`GET /ic/api/integration/v1/projects HTTP/1.1\r\nHost: x\r\nAuthorization: ${auth}\r\n\r\n`);
    setTimeout(() => gone.destroy(), 20);
  });
  gone.on('error', () => {});
  await new Promise((r) => setTimeout(r, 200));
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  t.teardown(() => agent.destroy());
  const answers = await Promise.all(Array.from({ length: 8 }, () => get(port, '/ic/api/integration/v1/projects', agent, { authorization: auth })));
  t.same(answers.map((a) => a.status), Array(8).fill(200), 'everyone else is answered');
  t.equal(JSON.parse(answers[0].body.toString()).totalResults, 0);
});
