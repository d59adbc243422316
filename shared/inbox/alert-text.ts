import type { InboxAlert } from '../contract.ts';
import type { AccountNotification, NotificationKind } from '../domain/notification.ts';
import { postKey } from '../domain/post-key.ts';
import type { Translate } from '../i18n/translate.ts';
import { textOfHtml } from '../timeline/cross-posts.ts';

/** The kinds a desktop notification may be about: someone speaking to you, or a new follower. */
export const alertKinds = ['mention', 'reply', 'quote', 'follow'] as const satisfies readonly NotificationKind[];
export type AlertKind = (typeof alertKinds)[number];
export const isAlertKind = (kind: NotificationKind): kind is AlertKind => (alertKinds as readonly string[]).includes(kind);

const bodyLength = 200;

/** What a desktop notification says about one notification, in the user's language; `as` is the handle of the account it came to. */
export function alertOf(notification: AccountNotification & { kind: AlertKind }, as: string, translate: Translate): InboxAlert {
  const actor = notification.actors[0];
  const who = actor ? actor.displayName.trim() || actor.handle : translate('inbox.alert.someone');
  const { post } = notification;
  const text = post ? (post.content.kind === 'facets' ? post.content.text : textOfHtml(post.content.html)).trim() : '';
  return {
    key: `${notification.accountId} ${notification.id}`,
    title: translate('inbox.alert.title', { who, kind: notification.kind, account: as }),
    body: text.length > bodyLength ? `${text.slice(0, bodyLength - 1)}…` : text,
    postKeys: post && notification.kind !== 'follow' ? [postKey(post)] : [],
  };
}
