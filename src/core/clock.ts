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

  /** Freeze the clock (optionally at a given instant). Time may only move forward when tickers exist. */
  setManual(at?: number): void {
    const target = at ?? this.now();
    this.mode = 'manual';
    this.moveTo(target);
  }

  setReal(): void {
    this.mode = 'real';
    this.schedule(this.drain(this.wallClock()));
  }

  /** Advance a manual clock (switching to manual if needed) by ms, firing due work in order. */
  advance(ms: number): void {
    if (ms < 0) throw new RangeError('cannot advance the clock backwards');
    const from = this.now();
    this.mode = 'manual';
    this.moveTo(from + ms);
  }

  private moveTo(target: number): void {
    // Moving backwards runs nothing: work is only ever due in the future.
    this.drain(target);
    this.frozenAt = target;
    this.schedule();
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
    this.schedule(this.mode === 'real' ? this.drain(this.wallClock()) : undefined);
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
   * instant. Returns the earliest instant still pending after that (null:
   * none), or undefined when it did not run (re-entered).
   */
  private drain(until: number): number | null | undefined {
    if (this.draining) return undefined;
    this.draining = true;
    try {
      for (let guard = 0; guard < 10_000_000; guard++) {
        let earliest: { t: Ticker; at: number } | null = null;
        let later: number | null = null;
        for (const t of this.tickers) {
          const at = t.nextDue();
          if (at === null) continue;
          if (at <= until) {
            if (earliest === null || at < earliest.at) earliest = { t, at };
          } else if (later === null || at < later) later = at;
        }
        if (!earliest) return later;
        this.processingAt = Math.max(earliest.at, this.processingAt ?? earliest.at);
        earliest.t.runDue(this.processingAt);
      }
      return undefined;
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
