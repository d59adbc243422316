/**
 * One Mastodon account's live updates (posts and notifications): its user stream, reconnected with backoff after a drop;
 * polling of the newest page instead when the server has no streaming or keeps failing (with
 * streaming tried again now and then); the account marked as needing sign-in on a 401.
 */
import { ServerError } from '../../base/errors.ts';
import type { MastodonSession } from './adapter.ts';
import { findStreamingUrl, openUserStream, type StreamEnd, type StreamEvent } from './streaming.ts';
import { reconnectDelay, timerSlot } from '../../base/live-timing.ts';
import type { AccountLiveDeps, LiveConnection } from '../network.ts';

export interface MastodonLiveDeps extends AccountLiveDeps {
  session: (accountId: string) => Promise<MastodonSession>;
}

export interface MastodonLive extends LiveConnection {
  /** 'streaming' while the stream is open, 'polling' while the newest page is fetched instead. */
  readonly mode: 'connecting' | 'streaming' | 'polling' | 'stopped';
  stop(): void;
}

export function startMastodonLive(deps: MastodonLiveDeps): MastodonLive {
  const { accountId, timeline, timings, timers, log } = deps;
  let mode: MastodonLive['mode'] = 'connecting';
  let stream: { close(): void } | null = null;
  let streamingUrl: string | null = null;
  let everOpened = false;
  let openedAt = 0;
  let failures = 0;
  let inboxCheckedAt = timers.now();
  const reconnect = timerSlot(timers);
  const poll = timerSlot(timers);
  const isStopped = () => mode === 'stopped'; // read afresh after every await

  function stop(): void {
    mode = 'stopped';
    stream?.close();
    stream = null;
    reconnect.cancel();
    poll.cancel();
  }

  function expire(): void {
    stop();
    deps.expired(accountId);
  }

  function apply(event: StreamEvent): void {
    if (event.kind === 'notification') return deps.inbox.arrived(accountId, event.notification);
    const changed =
      event.kind === 'update' ? timeline.addNewest(accountId, event.post)
      : event.kind === 'status.update' ? timeline.replace(accountId, event.post)
      : timeline.remove(accountId, event.id);
    if (changed) deps.changed(accountId);
  }

  /** The newest page once; false when the account needs signing in again. */
  async function fetchNewest(): Promise<boolean> {
    void deps.inbox.peek(accountId); // notifications missed the same way
    const { changed, error } = await timeline.refreshAccount(accountId);
    if (error?.code === 'auth_expired') {
      expire();
      return false;
    }
    if (changed) deps.changed(accountId);
    return true;
  }

  function startPolling(): void {
    mode = 'polling';
    failures = 0;
    streamingUrl = null; // asked again on the next try: the server may have changed
    poll.schedule(() => void pollOnce(), timings.pollMs);
    reconnect.schedule(() => void connect(), timings.streamingRetryMs);
  }

  async function pollOnce(): Promise<void> {
    if (mode !== 'polling') return;
    if (!(await fetchNewest())) return;
    if (mode === 'polling') poll.schedule(() => void pollOnce(), timings.pollMs);
  }

  function opened(): void {
    const missedSome = everOpened || mode === 'polling';
    everOpened = true;
    openedAt = timers.now();
    mode = 'streaming';
    poll.cancel();
    reconnect.cancel();
    // What was posted while the stream was down came on no stream: one page catches up.
    if (missedSome) void fetchNewest();
  }

  function ended(end: StreamEnd): void {
    stream = null;
    if (mode === 'stopped') return;
    if (end.kind === 'unauthorized') return expire();
    if (end.kind !== 'closed') log(`mastodon streaming for ${accountId}: ${end.kind} (${end.reason})`);
    if (mode === 'polling') return reconnect.schedule(() => void connect(), timings.streamingRetryMs);
    if (end.kind === 'no_streaming' || (end.kind === 'unreachable' && !everOpened)) return startPolling();
    // A connection that stayed up a while was fine: its drop starts the backoff afresh.
    if (end.kind === 'closed' && timers.now() - openedAt >= timings.reconnectCapMs) failures = 0;
    failures += 1;
    if (failures >= timings.failedConnectsBeforePolling) return startPolling();
    mode = 'connecting';
    reconnect.schedule(() => void connect(), reconnectDelay(failures, timings, timers.random));
  }

  async function connect(): Promise<void> {
    if (isStopped() || stream) return;
    let session: MastodonSession;
    try {
      session = await deps.session(accountId);
      streamingUrl ??= await findStreamingUrl(session.origin);
    } catch (error) {
      if (error instanceof ServerError && error.code === 'auth_expired') return expire();
      return ended({ kind: 'failed', reason: error instanceof Error ? error.message : String(error) });
    }
    if (isStopped()) return;
    stream = openUserStream({
      streamingUrl,
      accessToken: session.accessToken,
      accountId,
      serverHost: new URL(session.origin).host,
      timers,
      pingMs: timings.pingMs,
      connectTimeoutMs: timings.connectTimeoutMs,
      onOpen: opened,
      onEvent: apply,
      onEnd: ended,
      log,
    });
  }

  void connect();
  return {
    get mode() {
      return mode;
    },
    // The stream runs whether or not a window has focus; coming back to a window reads the
    // notifications marker again (at most once a peek interval): what was read elsewhere shows.
    setFocused(focused) {
      if (!focused || mode === 'stopped' || timers.now() - inboxCheckedAt < timings.peekMs) return;
      inboxCheckedAt = timers.now();
      void deps.inbox.peek(accountId);
    },
    stop,
  };
}
