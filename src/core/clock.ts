/**
 * The one source of "now" for an app instance.
 *
 * Real mode follows the wall clock; manual mode is frozen until set or
 * advanced. Time-driven parts of the emulator (schedules, execution
 * completions, DIS lifecycles) register a Ticker: when the clock moves they are
 * asked to process everything that became due, in time order, so advancing a
 * month fires a month of work at the right simulated instants.
 */
export type ClockMode = 'real' | 'manual';

/**
 * Something that has work due at known instants. `nextDue()` returns the epoch
 * ms of its earliest pending work (or null); `runDue(now)` does the work due at
 * or before `now`. The clock calls them with `now` set to each due instant.
 */
export interface Ticker {
  name: string;
  nextDue(): number | null;
  runDue(now: number): void;
  /**
   * A jump that does not replay missed work (catchUp: false): move recurring
   * firings due at or before `at` to their first occurrence after it, as a
   * real instance skips the runs it missed while down. Lifecycle steps of
   * work already under way are not skipped (they still run, in order).
   */
  skipTo?(at: number): void;
}

/** How a move runs the work due on the way. */
export interface MoveOptions {
  /** false: skip the recurring firings due on the way (see Ticker.skipTo); default true. */
  catchUp?: boolean;
  /** Stop with ReplayBudgetExceeded after this many ticker steps (the caller's transaction rolls back). */
  maxSteps?: number;
}

/** Thrown by a move whose replay needs more steps than MoveOptions.maxSteps allowed. */
export class ReplayBudgetExceeded extends Error {
  constructor(readonly steps: number, readonly reachedAt: number, readonly from: number, readonly target: number) {
    super(`replay needs more than ${steps} steps`);
  }
}

export class Clock {
  private mode: ClockMode = 'real';
  /** In manual mode: the frozen instant. */
  private frozenAt = 0;
  /** While draining due work: the instant being processed. */
  private processingAt: number | null = null;
  private readonly tickers: Ticker[] = [];
  private timer: NodeJS.Timeout | null = null;
  /** Real mode: the instant the timer is set for (the earliest due work when it was last planned). */
  private plannedAt: number | null = null;
  private draining = false;

  constructor(private readonly wallClock: () => number = Date.now) {}

  now(): number {
    if (this.processingAt !== null) return this.processingAt;
    return this.mode === 'real' ? this.wallClock() : this.frozenAt;
  }

  /**
   * Real time, whatever the simulated clock says: for what belongs to the
   * client's session rather than the simulation (token lifetimes, signature
   * date skew, rate-limit windows).
   */
  wallNow(): number {
    return this.wallClock();
  }

  nowDate(): Date {
    return new Date(this.now());
  }

  nowIso(): string {
    return new Date(this.now()).toISOString();
  }

  getMode(): ClockMode {
    return this.mode;
  }

  /**
   * Freeze the clock (optionally at a given instant), running the work due on
   * the way. Any distance, either direction: moving backwards runs nothing
   * (work is only ever due in the future). Returns the ticker steps run.
   */
  setManual(at?: number, options: MoveOptions = {}): number {
    const target = at ?? this.now();
    const from = this.now();
    const steps = this.replay(from, target, options);
    this.mode = 'manual';
    this.frozenAt = target;
    this.schedule();
    return steps;
  }

  /** Follow the wall clock again, running (or, catchUp false, skipping) what fell due meanwhile. Returns the steps run. */
  setReal(options: MoveOptions = {}): number {
    const from = this.now();
    const target = this.wallClock();
    const steps = this.replay(from, target, options);
    this.mode = 'real';
    this.schedule(this.drain(this.wallClock()).later);
    return steps;
  }

  /**
   * Put the clock in a state without running anything (a reset or restore
   * whose tables were just replaced: what is due belongs to that state).
   */
  jump(mode: ClockMode, at: number): void {
    this.mode = mode;
    this.frozenAt = at;
    this.schedule();
  }

  /** Advance a manual clock (switching to manual if needed) by ms, firing due work in order. Returns the steps run. */
  advance(ms: number, options: MoveOptions = {}): number {
    if (ms < 0) throw new RangeError('cannot advance the clock backwards');
    return this.setManual(this.now() + ms, options);
  }

  private replay(from: number, target: number, options: MoveOptions): number {
    if (target <= from) return 0;
    if (options.catchUp === false) {
      for (const t of this.tickers) t.skipTo?.(target);
    }
    const result = this.drain(target, options.maxSteps);
    if (result.stoppedAt !== null) throw new ReplayBudgetExceeded(result.steps, result.stoppedAt, from, target);
    return result.steps;
  }

  addTicker(ticker: Ticker): void {
    this.tickers.push(ticker);
    this.schedule();
  }

  /** Stop asking a ticker (its owner, such as a deleted service instance, is gone). */
  removeTicker(ticker: Ticker): void {
    const i = this.tickers.indexOf(ticker);
    if (i >= 0) this.tickers.splice(i, 1);
  }

  /** The tickers registered so far (in order). */
  tickerList(): readonly Ticker[] {
    return this.tickers;
  }

  /** Tell the clock that some ticker's next due instant may have changed. */
  poke(): void {
    this.schedule(this.mode === 'real' ? this.drain(this.wallClock()).later : undefined);
  }

  /**
   * Real mode, after something that cannot have added work: run what is due
   * if the wall clock has passed the planned instant without the timer having
   * fired (a blocked event loop, a suspended machine, a test's own wall
   * clock). Unlike poke() it asks no ticker when nothing is due.
   */
  catchUp(): void {
    if (this.mode === 'real' && this.plannedAt !== null && this.wallClock() >= this.plannedAt) this.poke();
  }

  /**
   * Run every due item up to `until`, earliest first, with now() = the item's
   * instant. `later`: the earliest instant still pending after that (null:
   * none; undefined when it did not run: re-entered). `stoppedAt`: the
   * instant reached when `maxSteps` ran out with work still due (else null).
   */
  private drain(until: number, maxSteps = 10_000_000): { later: number | null | undefined; steps: number; stoppedAt: number | null } {
    if (this.draining) return { later: undefined, steps: 0, stoppedAt: null };
    this.draining = true;
    let steps = 0;
    try {
      for (; ; steps++) {
        let earliest: { t: Ticker; at: number } | null = null;
        let later: number | null = null;
        for (const t of this.tickers) {
          const at = t.nextDue();
          if (at === null) continue;
          if (at <= until) {
            if (earliest === null || at < earliest.at) earliest = { t, at };
          } else if (later === null || at < later) later = at;
        }
        if (!earliest) return { later, steps, stoppedAt: null };
        if (steps >= maxSteps) return { later: undefined, steps, stoppedAt: this.processingAt ?? earliest.at };
        this.processingAt = Math.max(earliest.at, this.processingAt ?? earliest.at);
        earliest.t.runDue(this.processingAt);
      }
    } finally {
      this.processingAt = null;
      this.draining = false;
    }
  }

  /**
   * In real mode, wake up when the next item falls due. `known`: that
   * instant, when a drain has just worked it out (saves asking every ticker
   * again).
   */
  private schedule(known?: number | null): void {
    if (this.timer) { clearTimeout(this.timer); this.timer = null; }
    this.plannedAt = null;
    if (this.mode !== 'real' || this.tickers.length === 0) return;
    let next: number | null = known ?? null;
    if (known === undefined) {
      for (const t of this.tickers) {
        const at = t.nextDue();
        if (at !== null && (next === null || at < next)) next = at;
      }
    }
    if (next === null) return;
    this.plannedAt = next;
    const delay = Math.min(Math.max(next - this.wallClock(), 0), 2 ** 31 - 1);
    this.timer = setTimeout(() => { this.timer = null; this.poke(); }, delay);
    this.timer.unref();
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.tickers.length = 0;
  }
}
