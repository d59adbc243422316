/**
 * The inbox: every account's notifications, kept between runs (inbox-store.ts), merged and grouped
 * into one list (shared/inbox/group-notifications.ts). Both copies of a cross-post are one thing
 * here as in the timeline: the outbox's record for posts Braid sent together, the collapse rule
 * for older ones. Read state is each account's read mark: its server's (fetched with the newest
 * page, so reading in another client shows here) or Braid's own when later; marking read tells
 * the server.
 * Live: notifications pushed by a stream or found by a peek are added at once; the kinds the user
 * allows raise an `inbox.alert` for the host's desktop notification.
 * The windows hold the inbox as they hold the timeline: a numbered view once, then only what
 * changed (electron/core/lists/list-publisher.ts), as inbox.changed.
 */
import type { AppError, InboxAlerts, InboxChanges, InboxView } from '../../../shared/contract.ts';
import type { AccountSummary, Network } from '../../../shared/domain/account.ts';
import type { AccountNotification, InboxEntry } from '../../../shared/domain/notification.ts';
import { postKey, type Author, type Post } from '../../../shared/domain/post.ts';
import { alertOf, isAlertKind } from '../../../shared/inbox/alert-text.ts';
import type { Translate } from '../../../shared/i18n/translate.ts';
import { groupNotifications } from '../../../shared/inbox/group-notifications.ts';
import { compareMarks, isAfterMark, laterMark } from '../../../shared/inbox/read-marks.ts';
import { collapseCrossPosts, type IdentityLinks } from '../../../shared/timeline/cross-posts.ts';
import { itemKey } from '../../../shared/timeline/item-key.ts';
import { sentPartKey, type SentParts } from '../../../shared/timeline/sent-together.ts';
import { accountError, phrase, ServerError } from '../base/errors.ts';
import type { EventHub } from '../events.ts';
import type { LiveInbox, NetworkNotifications, NotificationsPage } from '../networks/network.ts';
import { withOutcome, type ActionOutcome } from '../networks/post-actions.ts';
import type { AccountInbox, createInboxStore } from './inbox-store.ts';
import { createListPublisher } from '../lists/list-publisher.ts';
import { oncePerObject } from '../../../shared/once-per-object.ts';

export interface InboxDeps {
  accounts: () => AccountSummary[];
  notificationsOf: (network: Network) => NetworkNotifications | undefined;
  links: (posts: readonly Post[]) => IdentityLinks;
  /** The posts Braid sent together (the outbox): both copies of such a post are one thing. */
  sentParts: () => SentParts;
  store: ReturnType<typeof createInboxStore>;
  events: EventHub;
  /** The kinds the user allows on the desktop. */
  alerts: () => InboxAlerts;
  /** The user's language now, for the alerts' words. */
  translate: () => Translate;
  onAuthExpired: (accountId: string) => void;
  pageSize?: number;
}

export type InboxService = ReturnType<typeof createInboxService>;

export function createInboxService({ accounts, notificationsOf, links, sentParts, store, events, alerts, translate, onAuthExpired, pageSize = 40 }: InboxDeps) {
  let kept: Map<string, AccountInbox> | null = null;
  const errors = new Map<string, AppError | null>();
  const unreadable = new Map<string, number>();
  const lastUnreadCount = new Map<string, number>();
  /** The view as last built, and for which accounts (signing in or out builds it again). */
  let built: Built | null = null;
  let builtFor = '';
  /** After close (the core stopping, its database closed) work still under way ends quietly. */
  let closed = false;

  const save: typeof store.save = (...args) => {
    if (!closed) store.save(...args);
  };

  function inboxOf(accountId: string): AccountInbox {
    kept ??= store.load();
    let inbox = kept.get(accountId);
    if (!inbox) kept.set(accountId, (inbox = { notifications: new Map(), cursor: null, done: false, readMark: null }));
    return inbox;
  }

  const known = () => accounts().filter((account) => notificationsOf(account.network));
  const signedIn = () => known().filter((account) => account.status !== 'auth_expired');

  // Entries are grouped afresh on each build; their posts are the same objects until they change.
  const postPrint = oncePerObject((post: Post) => JSON.stringify(post));
  const entryPrint = oncePerObject((entry: InboxEntry) => `${JSON.stringify({ ...entry, post: null })}\n${entry.post ? postPrint(entry.post) : ''}`);
  const list = createListPublisher<InboxEntry, InboxStatus>({
    keyOf: (entry) => entry.key,
    same: (before, now) => entryPrint(before) === entryPrint(now),
    changed: ({ status, ...changes }) => events.emit('inbox.changed', { ...changes, ...status }),
  });

  function publish(): { whole: Built; changes: InboxChanges } {
    if (closed) {
      const version = list.version();
      return { whole: { entries: [], accounts: [], unread: 0 }, changes: { from: version, to: version, changes: [], accounts: [], unread: 0 } };
    }
    const whole = build();
    const { status, ...changes } = list.publish(whole.entries, { accounts: whole.accounts, unread: whole.unread });
    return { whole, changes: { ...changes, ...status } };
  }

  /** The whole inbox, numbered, or only its newest `limit` entries (the counts are always the whole inbox's). */
  function view(limit?: number): InboxView {
    const { whole } = publish();
    const version = list.version();
    return limit === undefined || limit >= whole.entries.length ? { ...whole, version, complete: true } : { ...whole, entries: whole.entries.slice(0, limit), version, complete: false };
  }

  function build(): Built {
    const shown = known();
    const accountsNow = shown.map((account) => `${account.id} ${account.status}`).join('\n');
    if (built && builtFor === accountsNow) return built;
    builtFor = accountsNow;
    const notifications = shown.flatMap((account) => [...inboxOf(account.id).notifications.values()]);
    const subjects = [...new Map(notifications.flatMap((n) => (n.post ? [[postKey(n.post), n.post] as const] : []))).values()];
    const linked = links(subjects);
    const items = new Map<string, string>();
    for (const item of collapseCrossPosts(subjects, linked)) for (const post of item.posts) items.set(postKey(post), itemKey(item));
    const sent = sentParts();
    const sentGroup = (post: Post) => post.seenBy.map((seen) => sent.get(sentPartKey(seen.accountId, seen.nativeId))?.group).find(Boolean);
    const isUnread = (n: AccountNotification) => isAfterMark(n.mark, inboxOf(n.accountId).readMark);
    const entries = groupNotifications(notifications, {
      itemOf: (post) => {
        const group = sentGroup(post);
        return group ? `sent ${group}` : (items.get(postKey(post)) ?? postKey(post));
      },
      personOf: (author: Author) => [author.id, ...(linked.get(author.id) ?? [])].sort()[0]!,
      isUnread,
    });
    built = {
      entries,
      accounts: shown.map((account) => {
        const inbox = inboxOf(account.id);
        return {
          accountId: account.id,
          error: errors.get(account.id) ?? null,
          unreadable: unreadable.get(account.id) ?? 0,
          unread: [...inbox.notifications.values()].filter(isUnread).length,
          done: inbox.done,
        };
      }),
      unread: entries.filter((entry) => entry.unread).length,
    };
    return built;
  }

  /** What changed since the last view or change: answered to the caller, and sent to every window. */
  function changed(): InboxChanges {
    built = null;
    return publish().changes;
  }

  /** Adds notifications to the account's inbox; answers those it did not hold yet (or held older). */
  function merge(accountId: string, notifications: readonly AccountNotification[], pushed = false): AccountNotification[] {
    if (closed) return [];
    const inbox = inboxOf(accountId);
    const fresh: AccountNotification[] = [];
    const written: AccountNotification[] = [];
    for (const notification of notifications) {
      const had = inbox.notifications.get(notification.id);
      // A pushed notification joins the server's group it belongs to (same group key): one more person.
      const next = pushed && had ? joined(had, notification) : notification;
      if (had && JSON.stringify(had) === JSON.stringify(next)) continue;
      if (!had || compareMarks(notification.mark, had.mark) > 0) fresh.push(notification);
      inbox.notifications.set(next.id, next);
      written.push(next);
    }
    if (written.length > 0) save(accountId, inbox, written);
    return fresh;
  }

  function alert(account: AccountSummary, fresh: readonly AccountNotification[]): void {
    if (closed) return;
    const allowed = alerts();
    const words = translate();
    const { readMark } = inboxOf(account.id);
    for (const notification of fresh) {
      if (!isAlertKind(notification.kind) || !allowed[notification.kind] || !isAfterMark(notification.mark, readMark)) continue;
      events.emit('inbox.alert', alertOf({ ...notification, kind: notification.kind }, account.handle, words));
    }
  }

  function failed(account: AccountSummary, error: unknown): void {
    if (closed) return;
    if (error instanceof ServerError && error.code === 'auth_expired') onAuthExpired(account.id);
    errors.set(account.id, accountError(error, account.id, phrase('error.inbox.failed')));
  }

  /** The account's newest page and read mark; new notifications are alerted unless this is its very first page. */
  async function refreshAccount(account: AccountSummary): Promise<void> {
    const network = notificationsOf(account.network);
    if (!network) return;
    const inbox = inboxOf(account.id);
    const firstEver = inbox.notifications.size === 0 && inbox.cursor === null && !inbox.done;
    try {
      const page = await network.page(account.id, null, pageSize, inbox.readMark);
      const fresh = merge(account.id, page.notifications);
      if (firstEver) {
        inbox.cursor = page.cursor;
        inbox.done = isLast(page);
      }
      inbox.readMark = laterMark(inbox.readMark, page.readMark);
      save(account.id, inbox, []);
      errors.set(account.id, null);
      unreadable.set(account.id, page.unreadable);
      if (!firstEver) alert(account, fresh);
    } catch (error) {
      failed(account, error);
    }
  }

  const accountById = (accountId: string) => signedIn().find((account) => account.id === accountId);

  return {
    view,

    async refresh(): Promise<InboxChanges> {
      await Promise.all(signedIn().map(refreshAccount));
      return changed();
    },

    async loadMore(): Promise<InboxChanges> {
      await Promise.all(
        signedIn().map(async (account) => {
          const inbox = inboxOf(account.id);
          if (inbox.done) return;
          if (inbox.cursor === null) return refreshAccount(account);
          try {
            const page = await notificationsOf(account.network)!.page(account.id, inbox.cursor, pageSize);
            merge(account.id, page.notifications);
            inbox.cursor = page.cursor;
            inbox.done = isLast(page);
            save(account.id, inbox, []);
            errors.set(account.id, null);
          } catch (error) {
            failed(account, error);
          }
        }),
      );
      return changed();
    },

    /** Everything held is read: each account's read mark moves to its newest notification, here and on its server. */
    async markRead(): Promise<InboxChanges> {
      await Promise.all(
        signedIn().map(async (account) => {
          const inbox = inboxOf(account.id);
          const newest = [...inbox.notifications.values()].reduce<string | null>((mark, n) => laterMark(mark, n.mark), null);
          if (newest === null || !isAfterMark(newest, inbox.readMark)) return;
          inbox.readMark = newest;
          save(account.id, inbox, []);
          try {
            await notificationsOf(account.network)!.markRead(account.id, newest);
          } catch (error) {
            failed(account, error); // read here; the server hears it on the next mark
          }
        }),
      );
      return changed();
    },

    /** A like, boost or vote on a post: the notifications about it show it (and keep it). */
    recordAction(key: string, outcome: ActionOutcome): void {
      let recorded = false;
      for (const [accountId, inbox] of kept ?? []) {
        const updated: AccountNotification[] = [];
        for (const notification of inbox.notifications.values()) {
          const { post } = notification;
          if (!post || postKey(post) !== key) continue;
          const next = { ...notification, post: withOutcome(post, outcome) };
          inbox.notifications.set(next.id, next);
          updated.push(next);
        }
        if (updated.length > 0) save(accountId, inbox, updated);
        recorded ||= updated.length > 0;
      }
      if (recorded) changed();
    },

    /** A post a notification is about, for acting on it from the inbox. */
    findPost(key: string): Post | undefined {
      if (!kept) return undefined;
      for (const inbox of kept.values()) for (const notification of inbox.notifications.values()) if (notification.post && postKey(notification.post) === key) return notification.post;
      return undefined;
    },

    /** Before the database closes: what is still under way writes nothing and tells no one. */
    close(): void {
      closed = true;
    },

    live: {
      arrived(accountId, notification) {
        const account = accountById(accountId);
        if (!account) return;
        const fresh = merge(accountId, [notification], true);
        changed();
        alert(account, fresh);
      },
      async peek(accountId) {
        const account = accountById(accountId);
        const network = account && notificationsOf(account.network);
        if (!account || !network) return;
        if (network.unreadCount) {
          let count: number;
          try {
            count = await network.unreadCount(accountId);
          } catch (error) {
            failed(account, error);
            return void changed();
          }
          const before = lastUnreadCount.get(accountId);
          lastUnreadCount.set(accountId, count);
          // Risen, or fallen (read in another client): the newest page says what and how far read.
          if (before === undefined ? count === 0 : count === before) return;
        }
        await refreshAccount(account);
        changed();
      },
    } satisfies LiveInbox,
  };
}

type Built = Omit<InboxView, 'version' | 'complete'>;
type InboxStatus = Pick<Built, 'accounts' | 'unread'>;

/** Servers say there is nothing older with no cursor, or with an empty page (a Link to one more page is usual). */
const isLast = (page: NotificationsPage) => page.cursor === null || (page.notifications.length === 0 && page.unreadable === 0);

/** A pushed notification added to the group its server already holds: the newest person first, one more in all. */
function joined(group: AccountNotification, pushed: AccountNotification): AccountNotification {
  const actors = [...pushed.actors, ...group.actors.filter((actor) => !pushed.actors.some((other) => other.id === actor.id))].slice(0, 8);
  const isNew = !group.actors.some((actor) => pushed.actors.some((other) => other.id === actor.id));
  return { ...group, actors, count: group.count + (isNew ? 1 : 0), mark: laterMark(group.mark, pushed.mark)!, at: pushed.at > group.at ? pushed.at : group.at, post: pushed.post ?? group.post };
}
