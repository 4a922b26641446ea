/**
 * Responses written during one turn of the event loop reach the kernel
 * together, at the end of that turn (setImmediate), instead of one writev per
 * response as it is produced.
 *
 * Why: under load one turn handles several requests (8-9 with ten busy
 * connections, measured in bench/). On a loopback connection the writing
 * process does the receiver's TCP work and wakes the receiving process; when
 * that process (the client) is idle, every wake-up is an inter-processor
 * interrupt, which in a VM was the largest single cost of a request (30-40 µs
 * of a POST's 120 µs, perf: sock_def_readable under writev). Written
 * together, the first write wakes the client and the rest find it awake.
 * Each connection still sees its bytes in order and complete; only when they
 * leave changes, by at most the rest of the current turn.
 *
 * How: each accepted socket's _write/_writev (the stream implementer's hooks,
 * called by Writable one at a time, with its own buffering meanwhile) are
 * deferred to the end of the turn; the original is then called with the same
 * arguments, so errors and a socket closed meanwhile behave as before. Write
 * callbacks are passed on in the next tick: all writes of a turn reach the
 * kernel before any response's 'finish' work (Fastify's onResponse hooks)
 * runs, and that work still comes after the client can read the bytes, never
 * before. A socket destroyed with writes still queued sends them first, as it
 * would have without batching (Fastify answers a malformed request with a
 * 400 written and the socket destroyed in the same tick).
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

interface Deferred { socket: Socket; run: () => void }

export class WriteBatcher {
  private queue: Deferred[] = [];
  private scheduled = false;
  /** Writes handed to the kernel, and turns in which that happened (tests, diagnostics). */
  readonly stats = { writes: 0, flushes: 0 };

  /** Batch the writes of every connection the server accepts from now on. */
  attach(server: Server): void {
    server.on('connection', (socket: Socket) => this.adopt(socket));
  }

  private adopt(socket: Socket): void {
    // Own properties shadow net.Socket's prototype methods, which do the writing.
    const write = socket._write;
    const writev = socket._writev;
    const destroy = socket._destroy;
    socket._write = (chunk, encoding, callback) => this.defer(socket, () => write.call(socket, chunk, encoding, nextTick(callback)));
    if (writev) socket._writev = (chunks, callback) => this.defer(socket, () => writev.call(socket, chunks, nextTick(callback)));
    socket._destroy = (error, callback) => {
      this.flushSocket(socket);
      destroy.call(socket, error, callback);
    };
  }

  private defer(socket: Socket, run: () => void): void {
    this.queue.push({ socket, run });
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.flush);
    }
  }

  private readonly flush = (): void => {
    this.scheduled = false;
    // Writes queued while flushing (a pipelined response waiting for this one) go in the next turn.
    const queue = this.queue;
    this.queue = [];
    this.stats.flushes++;
    for (const deferred of queue) this.run(deferred);
  };

  /** A socket's queued writes, now (it is being destroyed). */
  private flushSocket(socket: Socket): void {
    if (!this.queue.some((d) => d.socket === socket)) return;
    const mine = this.queue.filter((d) => d.socket === socket);
    this.queue = this.queue.filter((d) => d.socket !== socket);
    for (const deferred of mine) this.run(deferred);
  }

  private run({ socket, run }: Deferred): void {
    this.stats.writes++;
    // net.Socket reports write errors through the callback; should it throw
    // instead, only that connection is lost, not the others in this turn.
    try {
      run();
    } catch (e) {
      socket.destroy(e instanceof Error ? e : new Error(String(e)));
    }
  }
}

/** The same callback, called in the next tick. */
function nextTick(callback: (error?: Error | null) => void): (error?: Error | null) => void {
  return (error) => process.nextTick(callback, error);
}
