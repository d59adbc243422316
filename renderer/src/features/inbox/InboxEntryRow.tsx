import { memo } from 'react';
import type { AccountSummary } from '../../../../shared/domain/account.ts';
import type { InboxEntry } from '../../../../shared/domain/notification.ts';
import { postKey } from '../../../../shared/domain/post-key.ts';
import { withoutBidiControls } from '../../../../shared/text/bidi.ts';
import { NetworkBadge } from '../../components/Avatar.tsx';
import { useOpenConversation } from '../../state/conversation.ts';
import { AuthorAvatar } from '../timeline/AuthorLine.tsx';
import { PostCard } from '../timeline/PostCard.tsx';
import { fullTime, shortTime } from '../timeline/time.ts';
import { breakdownOf, excerptOf, whatOf, whoOf } from './entry-words.ts';
import { FollowBack } from './FollowBack.tsx';
import { useIntl } from 'react-intl';
import { useWords, type Words } from '../../i18n/use-words.ts';

/** Mentions, replies and quotes are someone speaking to you: their post is shown whole, to answer or like. */
const speaks = (entry: InboxEntry) => entry.post !== null && (entry.kind === 'mention' || entry.kind === 'reply' || entry.kind === 'quote');

/** What a screen reader announces for the row. */
export const entryLabel = (entry: InboxEntry, words: Words, locale: string) =>
  words('inbox.entryLabel', { unread: entry.unread ? 'yes' : 'no', who: withoutBidiControls(whoOf(entry, words)), what: whatOf(entry, words), time: shortTime(entry.at, locale) });

/** One inbox entry (the list draws the <article>): who did what, where, and the post it is about. */
export const InboxEntryRow = memo(function InboxEntryRow({ entry, accounts }: { entry: InboxEntry; accounts: AccountSummary[] }) {
  const open = useOpenConversation();
  const words = useWords();
  const { locale } = useIntl();
  const to = entry.accountIds.flatMap((id) => accounts.find((account) => account.id === id) ?? []);
  const breakdown = breakdownOf(entry, words);
  const excerpt = excerptOf(entry);
  return (
    <div className="inbox-entry" data-kind={entry.kind}>
      <div className="inbox-head">
        {speaks(entry) ? null : (
          <span className="inbox-avatars" aria-hidden="true">
            {entry.actors.slice(0, 6).map((actor) => (
              <AuthorAvatar key={actor.id} author={actor} size={28} />
            ))}
          </span>
        )}
        <p className="inbox-line">
          <bdi className="inbox-who">{withoutBidiControls(whoOf(entry, words))}</bdi> {whatOf(entry, words)}
          <span className="muted">
            {' · '}
            <time dateTime={entry.at} title={fullTime(entry.at, locale)}>
              {shortTime(entry.at, locale)}
            </time>
          </span>
        </p>
        <p className="inbox-meta muted">
          {entry.byNetwork.map((part) => (
            <NetworkBadge key={part.network} network={part.network} />
          ))}
          {breakdown ? <span data-testid="inbox-breakdown">{breakdown}</span> : null}
          <span>{words('inbox.to', { accounts: to.map((account) => `@${account.handle}`).join(', ') })}</span>
        </p>
      </div>
      {entry.kind === 'follow' ? (
        <div className="inbox-follow-backs">
          {entry.actors.slice(0, 3).flatMap((actor) => {
            const account = to.find((candidate) => candidate.network === actor.network);
            return account ? [<FollowBack key={actor.id} author={actor} account={account} />] : [];
          })}
        </div>
      ) : null}
      {speaks(entry) ? (
        <PostCard item={{ posts: [entry.post!], sortAt: entry.at }} accounts={accounts} />
      ) : entry.post && excerpt ? (
        <button type="button" className="inbox-subject" data-action="open" onClick={() => open([postKey(entry.post!)])}>
          <bdi>{excerpt}</bdi>
        </button>
      ) : null}
    </div>
  );
});
