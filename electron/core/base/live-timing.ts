/**
 * The clock and the intervals live updates run on. Everything waits through `Timers`, so tests
 * can shorten the intervals (or fake the clock) instead of waiting a minute.
 */

export interface Timers {
  setTimeout: (run: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
  now: () => number;
  /** In [0, 1): the jitter of reconnect delays. */
  random: () => number;
}

export const realTimers: Timers = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
  random: () => Math.random(),
};

export interface LiveTimings {
  /** Changes arriving within this long make one `timeline.updated`. */
  coalesceMs: number;
  /** Mastodon without streaming: how often the newest page is fetched. */
  pollMs: number;
  /** Bluesky, while a window has focus: how often the newest post is peeked at. */
  peekMs: number;
  /** Reconnecting a stream: the first delay, doubled per failure up to the cap, with jitter. */
  reconnectBaseMs: number;
  reconnectCapMs: number;
  /** Failed connects in a row before polling takes over. */
  failedConnectsBeforePolling: number;
  /** While polling, how often streaming is tried again. */
  streamingRetryMs: number;
  /** A stream is pinged this often, and given up when a ping goes unanswered until the next. */
  pingMs: number;
  connectTimeoutMs: number;
}

export const defaultTimings: LiveTimings = {
  coalesceMs: 250,
  pollMs: 60_000,
  peekMs: 60_000,
  reconnectBaseMs: 1_000,
  reconnectCapMs: 60_000,
  failedConnectsBeforePolling: 5,
  streamingRetryMs: 5 * 60_000,
  pingMs: 30_000,
  connectTimeoutMs: 15_000,
};

/** The wait before reconnect attempt `attempt` (1, 2, …): exponential up to the cap, the upper half jittered. */
export function reconnectDelay(attempt: number, timings: LiveTimings, random: () => number): number {
  const ceiling = Math.min(timings.reconnectCapMs, timings.reconnectBaseMs * 2 ** Math.max(0, attempt - 1));
  return ceiling / 2 + (random() * ceiling) / 2;
}

/** One pending timeout at a time: scheduling again replaces it. */
export function timerSlot(timers: Timers) {
  let handle: unknown = null;
  return {
    schedule(run: () => void, ms: number): void {
      if (handle !== null) timers.clearTimeout(handle);
      handle = timers.setTimeout(() => {
        handle = null;
        run();
      }, ms);
    },
    cancel(): void {
      if (handle !== null) timers.clearTimeout(handle);
      handle = null;
    },
    get pending(): boolean {
      return handle !== null;
    },
  };
}

export type TimerSlot = ReturnType<typeof timerSlot>;
