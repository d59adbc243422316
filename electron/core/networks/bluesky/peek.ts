/**
 * One Bluesky account's live updates. Bluesky has no home-timeline stream for clients, so while a
 * window has focus Braid peeks at the newest entry (getTimeline with limit 1) about once a minute,
 * and loads the newest page only when that entry is not the one it knows; the inbox's unread count
 * is peeked with it (the inbox fetches its newest page when it rises). Nothing while unfocused.
 */
import { postKey } from '../../../../shared/domain/post.ts';
import { ServerError } from '../../base/errors.ts';
import { timerSlot } from '../../base/live-timing.ts';
import type { AccountLiveDeps, LiveConnection } from '../network.ts';

export function startBlueskyPeek(deps: AccountLiveDeps, focused: boolean): LiveConnection {
  const { accountId, timeline, timings, timers, log } = deps;
  const next = timerSlot(timers);
  let stopped = false;
  let peeking = false;
  let lastPeekAt = Number.NEGATIVE_INFINITY;
  /** The newest entry seen on the last peek that was followed up: the same one again needs nothing. */
  let lastSeen: string | null = null;

  function expire(): void {
    stop();
    deps.expired(accountId);
  }

  async function peek(): Promise<void> {
    if (stopped || !focused) return;
    peeking = true;
    lastPeekAt = timers.now();
    try {
      const newest = await timeline.newestOnServer(accountId);
      const seen = newest ? `${postKey(newest)} ${newest.sortAt}` : null;
      if (newest && seen !== lastSeen && !stopped) {
        if (timeline.knows(accountId, newest)) {
          lastSeen = seen;
        } else {
          const { changed, error } = await timeline.refreshAccount(accountId);
          if (error?.code === 'auth_expired') return expire();
          if (changed) deps.changed(accountId);
          if (!error) lastSeen = seen;
        }
      }
      await deps.inbox.peek(accountId);
    } catch (error) {
      if (error instanceof ServerError && error.code === 'auth_expired') return expire();
      log(`bluesky peek for ${accountId} failed`, error); // the next peek tries again
    } finally {
      peeking = false;
    }
    if (!stopped && focused) next.schedule(() => void peek(), timings.peekMs);
  }

  function stop(): void {
    stopped = true;
    next.cancel();
  }

  function setFocused(value: boolean): void {
    focused = value;
    if (!focused || stopped) return next.cancel();
    // A peek under way schedules the next one itself; otherwise about a minute after the last.
    if (!peeking) next.schedule(() => void peek(), Math.max(0, lastPeekAt + timings.peekMs - timers.now()));
  }

  setFocused(focused);
  return {
    get mode() {
      return stopped ? 'stopped' : focused ? 'peeking' : 'idle';
    },
    setFocused,
    stop,
  };
}
