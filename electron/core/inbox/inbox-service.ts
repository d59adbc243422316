/**
 * The inbox: every signed-in account's newest notifications, asked of its network all at once
 * (one page each), merged and grouped into one list (shared/inbox/group-notifications.ts). Both
 * copies of a cross-post are one thing here as in the timeline (the collapse rule over the posts
 * the notifications are about); an account whose server fails shows its error beside the others.
 */
import type { AppError } from '../../../shared/contract.ts';
import type { AccountSummary, Network } from '../../../shared/domain/account.ts';
import type { AccountNotification, InboxEntry } from '../../../shared/domain/notification.ts';
import { postKey, type Author, type Post } from '../../../shared/domain/post.ts';
import { groupNotifications } from '../../../shared/inbox/group-notifications.ts';
import { collapseCrossPosts, type IdentityLinks } from '../../../shared/timeline/cross-posts.ts';
import { itemKey } from '../../../shared/timeline/item-key.ts';
import { accountError } from '../base/errors.ts';
import type { NetworkNotifications } from '../networks/network.ts';

export interface InboxDeps {
  accounts: () => AccountSummary[];
  notificationsOf: (network: Network) => NetworkNotifications | undefined;
  links: (posts: readonly Post[]) => IdentityLinks;
  pageSize?: number;
}

export interface InboxView {
  entries: InboxEntry[];
  accounts: { accountId: string; error: AppError | null; unreadable: number }[];
}

export type InboxService = ReturnType<typeof createInboxService>;

export function createInboxService({ accounts, notificationsOf, links, pageSize = 40 }: InboxDeps) {
  async function pageOf(account: AccountSummary): Promise<{ accountId: string; notifications: AccountNotification[]; unreadable: number; error: AppError | null }> {
    try {
      const notifications = notificationsOf(account.network);
      if (!notifications) return { accountId: account.id, notifications: [], unreadable: 0, error: null }; // a network without them
      const page = await notifications.page(account.id, null, pageSize);
      return { accountId: account.id, notifications: page.notifications, unreadable: page.unreadable, error: null };
    } catch (error) {
      return { accountId: account.id, notifications: [], unreadable: 0, error: accountError(error, account.id, 'Braid could not read the notifications.') };
    }
  }

  return {
    async view(): Promise<InboxView> {
      const signedIn = accounts().filter((account) => account.status !== 'auth_expired');
      const pages = await Promise.all(signedIn.map(pageOf));
      const notifications = pages.flatMap((page) => page.notifications);
      const subjects = [...new Map(notifications.flatMap((n) => (n.post ? [[postKey(n.post), n.post] as const] : []))).values()];
      const known = links(subjects);
      const items = new Map<string, string>();
      for (const item of collapseCrossPosts(subjects, known)) for (const post of item.posts) items.set(postKey(post), itemKey(item));
      const personOf = (author: Author) => [author.id, ...(known.get(author.id) ?? [])].sort()[0]!;
      return {
        entries: groupNotifications(notifications, { itemOf: (post) => items.get(postKey(post)) ?? postKey(post), personOf }),
        accounts: pages.map(({ accountId, error, unreadable }) => ({ accountId, error, unreadable })),
      };
    },
  };
}
