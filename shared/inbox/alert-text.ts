import type { InboxAlert } from '../contract.ts';
import type { AccountNotification, NotificationKind } from '../domain/notification.ts';
import { postKey } from '../domain/post-key.ts';
import { textOfHtml } from '../timeline/cross-posts.ts';

/** The kinds a desktop notification may be about: someone speaking to you, or a new follower. */
export const alertKinds = ['mention', 'reply', 'quote', 'follow'] as const satisfies readonly NotificationKind[];
export type AlertKind = (typeof alertKinds)[number];
export const isAlertKind = (kind: NotificationKind): kind is AlertKind => (alertKinds as readonly string[]).includes(kind);

const verbs: Record<AlertKind, string> = { mention: 'mentioned you', reply: 'replied to you', quote: 'quoted your post', follow: 'followed you' };
const bodyLength = 200;

/** What a desktop notification says about one notification, `as` naming the account it came to. */
export function alertOf(notification: AccountNotification & { kind: AlertKind }, as: string): InboxAlert {
  const actor = notification.actors[0];
  const who = actor ? actor.displayName.trim() || actor.handle : 'Someone';
  const { post } = notification;
  const text = post ? (post.content.kind === 'facets' ? post.content.text : textOfHtml(post.content.html)).trim() : '';
  return {
    key: `${notification.accountId} ${notification.id}`,
    title: `${who} ${verbs[notification.kind]} (${as})`,
    body: text.length > bodyLength ? `${text.slice(0, bodyLength - 1)}…` : text,
    postKeys: post && notification.kind !== 'follow' ? [postKey(post)] : [],
  };
}
