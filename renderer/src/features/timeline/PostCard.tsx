import { memo, useState } from 'react';
import type { TimelineView } from '../../../../shared/contract.ts';
import type { AccountSummary } from '../../../../shared/domain/account.ts';
import type { Post } from '../../../../shared/domain/post.ts';
import { postKey } from '../../../../shared/domain/post-key.ts';
import { NetworkBadge } from '../../components/Avatar.tsx';
import { BoostIcon, CopyIcon, ExternalIcon, LikeIcon, QuoteIcon, ReplyIcon, ThreadIcon } from '../../components/icons.tsx';
import { useStartCompose } from '../../state/compose.ts';
import { newDraft } from '../../state/drafts.ts';
import { useOpenConversation } from '../../state/conversation.ts';
import { AuthorAvatar, DisplayName } from './AuthorLine.tsx';
import { PostBody } from './content/PostBody.tsx';
import { ReplyBox } from './ReplyBox.tsx';
import { fullTime, shortTime } from './time.ts';
import { usePostAction, useVote } from './use-post-actions.ts';
import { PollView } from './content/PollView.tsx';
import { useNetworkInfo } from '../../state/networks.ts';
import { UnshowablePost } from './UnshowablePost.tsx';
import { httpUrl } from '../../../../shared/text/links.ts';
import { withoutBidiControls } from '../../../../shared/text/bidi.ts';
import { useIntl } from 'react-intl';
import { useWords, type Words } from '../../i18n/use-words.ts';
import { Message } from '../../i18n/Message.tsx';
import { ErrorText } from '../../components/ErrorText.tsx';
import { ActorChoice } from './ActorChoice.tsx';
import { useOpenPerson } from '../../state/people.ts';

export type TimelineItem = TimelineView['items'][number];

export { itemKey } from '../../../../shared/timeline/item-key.ts';

const usable = (accounts: AccountSummary[]) => accounts.filter((account) => account.status !== 'auth_expired');

/** Who acts by default: an account that saw the post, else the first signed-in one. */
export function defaultActor(item: TimelineItem, accounts: AccountSummary[]): AccountSummary | undefined {
  const candidates = usable(accounts);
  for (const post of item.posts) {
    for (const sighting of post.seenBy) {
      const account = candidates.find((a) => a.id === sighting.accountId);
      if (account) return account;
    }
  }
  return candidates[0];
}

const compactCount = new Intl.NumberFormat(undefined, { notation: 'compact' });

interface PostCardProps {
  item: TimelineItem;
  accounts: AccountSummary[];
  /** Whether the post can open its conversation (a timeline item can; a post inside a conversation not yet). */
  openable?: boolean;
}

/** A click on the words opens the conversation; one on a link, a button, a picture or a selection does what it does. */
const opensConversation = (event: React.MouseEvent) => {
  const target = event.target as HTMLElement;
  return Boolean(target.closest('.post-body')) && !target.closest('a, button, img, video, summary, details, input, textarea, select') && !window.getSelection()?.toString();
};

/** What a screen reader announces for the item. */
export function itemLabel(item: TimelineItem, words: Words, locale: string): string {
  const [first] = item.posts;
  const time = shortTime(first!.createdAt, locale);
  return first!.unreadable ? words('post.labelUnreadable', { time }) : words('post.label', { name: withoutBidiControls(first!.author.displayName || first!.author.handle), time });
}

/** The inside of one timeline item (the list draws the <article>): a post, or a person's cross-post shown once with both networks' badges. */
export const PostCard = memo(PostCardView, sameCard);

/** Every update brings a fresh copy of the timeline: an unchanged post must not re-render. */
function sameCard(a: PostCardProps, b: PostCardProps): boolean {
  return a.accounts === b.accounts && a.openable === b.openable && (a.item === b.item || JSON.stringify(a.item) === JSON.stringify(b.item));
}

function PostCardView({ item, accounts, openable = true }: PostCardProps) {
  const openConversation = useOpenConversation();
  const openPerson = useOpenPerson();
  const open = () => openConversation(item.posts.map(postKey));
  const [actorId, setActorId] = useState<string | null>(null);
  const [replying, setReplying] = useState(false);
  const [copied, setCopied] = useState(false);
  const infoOf = useNetworkInfo();
  const words = useWords();
  const { locale } = useIntl();
  const like = usePostAction('like');
  const boost = usePostAction('boost');
  const vote = useVote();
  const startCompose = useStartCompose();
  // Each copy of the item is quoted on its own network; elsewhere the composer links to the first.
  const quote = () =>
    startCompose({
      draft: { ...newDraft(accounts), quote: item.posts.filter((p, i, all) => all.findIndex((q) => q.network === p.network) === i).map((p) => ({ key: postKey(p), url: p.url })) },
      quoted: item.posts,
    });

  const actor = accounts.find((a) => a.id === actorId) ?? defaultActor(item, accounts);
  // Act on the actor's own copy, else the copy on the actor's network; the core says so when there is none.
  const target: Post =
    item.posts.find((p) => p.seenBy.some((s) => s.accountId === actor?.id)) ?? item.posts.find((p) => p.network === actor?.network) ?? item.posts[0]!;
  const shown = item.posts[0]!;
  // A server's url is a link like any other: http(s) only, never data:, file: or a relative path.
  const original = shown.url ? (httpUrl(shown.url)?.href ?? null) : null;
  const sighting = actor ? target.seenBy.find((s) => s.accountId === actor.id) : undefined;
  const error = like.error ?? boost.error ?? vote.error;

  const resetActions = () => {
    like.reset();
    boost.reset();
    vote.reset();
  };
  const act = (action: typeof like, on: boolean) => {
    if (!actor) return;
    resetActions();
    action.mutate({ key: postKey(target), accountId: actor.id, on });
  };
  // A poll is voted in as the acting account, on its own copy of the post (Mastodon only).
  const poll = target.poll ? (
    <PollView
      poll={target.poll}
      ownVotes={sighting ? (sighting.poll?.ownVotes ?? null) : undefined}
      pending={vote.isPending}
      onVote={
        actor?.network === target.network
          ? (choices) => {
              resetActions();
              vote.mutate({ key: postKey(target), accountId: actor.id, choices });
            }
          : undefined
      }
    />
  ) : undefined;

  const copyLink = async () => {
    if (!original) return;
    await navigator.clipboard.writeText(original).catch(() => undefined);
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };

  if (shown.unreadable) return <UnshowablePost url={shown.url} />;

  return (
    <div className="post" data-networks={item.posts.map((p) => p.network).join(' ')}>
      {shown.boostedBy ? (
        <p className="post-context">
          <BoostIcon size={14} /> <Message id="post.boostedBy" values={{ name: <DisplayName author={shown.boostedBy} /> }} />
        </p>
      ) : null}
      <div className="post-grid">
        {/* The name is the profile's button (and u); the picture beside it opens it too, for the mouse. */}
        <span className="post-avatar" onClick={() => openPerson(shown.author)}>
          <AuthorAvatar author={shown.author} />
        </span>
        <div className="post-main" data-openable={openable || undefined} onClick={openable ? (event) => opensConversation(event) && open() : undefined}>
          <header className="post-header">
            <button type="button" className="post-author" data-action="profile" onClick={() => openPerson(shown.author)}>
              <DisplayName author={shown.author} />
            </button>
            <span className="post-handle">@{withoutBidiControls(shown.author.handle)}</span>
            <span className="post-badges">
              {[...new Set(item.posts.map((p) => p.network))].map((network) => (
                <NetworkBadge key={network} network={network} />
              ))}
            </span>
            <a className="post-time" href={original ?? undefined} target="_blank" rel="noopener noreferrer" title={fullTime(shown.createdAt, locale)}>
              <time dateTime={shown.createdAt}>{shortTime(shown.createdAt, locale)}</time>
            </a>
          </header>
          {shown.replyTo ? (
            <p className="post-reply-to muted">
              {shown.replyTo.handle ? words('post.replyingTo', { handle: withoutBidiControls(shown.replyTo.handle) }) : words('post.replyingToPost')}
            </p>
          ) : null}
          <PostBody post={shown} poll={shown === target ? poll : undefined} />
          <footer className="post-footer">
            <div className="post-actions" role="group" aria-label={words('post.actions')}>
              <button type="button" className="action" data-action="reply" aria-expanded={replying} onClick={() => setReplying((open) => !open)}>
                <ReplyIcon size={18} /> <span className="visually-hidden">{words('post.reply')} </span><span>{compactCount.format(target.counts.replies)}</span>
              </button>
              <button type="button" className="action" data-action="boost" data-on={sighting?.boosted || undefined} aria-pressed={sighting?.boosted ?? false}
                disabled={boost.isPending} onClick={() => act(boost, !sighting?.boosted)}>
                <BoostIcon size={18} /> <span className="visually-hidden">{infoOf(target.network)?.shareWords.action ?? words('post.boost')} </span><span>{compactCount.format(target.counts.boosts)}</span>
              </button>
              <button type="button" className="action" data-action="like" data-on={sighting?.liked || undefined} aria-pressed={sighting?.liked ?? false}
                disabled={like.isPending} onClick={() => act(like, !sighting?.liked)}>
                <LikeIcon size={18} filled={sighting?.liked} /> <span className="visually-hidden">{words('post.like')} </span><span>{compactCount.format(target.counts.likes)}</span>
              </button>
              <button type="button" className="action" data-action="quote" aria-label={words('post.quote')} title={words('post.quote')} onClick={quote}>
                <QuoteIcon size={17} />
              </button>
              {openable ? (
                <button type="button" className="action" data-action="open" aria-label={words('post.openConversation')} title={words('post.openConversation')} onClick={open}>
                  <ThreadIcon size={17} />
                </button>
              ) : null}
              {original ? (
                <>
                  <a className="action" href={original} target="_blank" rel="noopener noreferrer" aria-label={words('post.openOriginal')} title={words('post.openOriginal')}>
                    <ExternalIcon size={17} />
                  </a>
                  <button type="button" className="action" aria-label={words('post.copyLink')} title={words(copied ? 'post.copied' : 'post.copyLink')} onClick={() => void copyLink()}>
                    <CopyIcon size={17} /> {copied ? <span>{words('post.copied')}</span> : null}
                  </button>
                </>
              ) : null}
            </div>
            <ActorChoice accounts={usable(accounts)} actor={actor} onChoose={setActorId} />
          </footer>
          {error ? (
            <p className="post-error" role="alert">
              <ErrorText error={error} />
            </p>
          ) : null}
          {replying && actor ? <ReplyBox target={target} actor={actor} onDone={() => setReplying(false)} /> : null}
          <SeenBy item={item} accounts={accounts} />
        </div>
      </div>
    </div>
  );
}

function SeenBy({ item, accounts }: { item: TimelineItem; accounts: AccountSummary[] }) {
  const words = useWords();
  if (item.sent) return <SentTogether item={item} sent={item.sent} />;
  const ids = new Set(item.posts.flatMap((post) => post.seenBy.map((s) => s.accountId)));
  const seers = accounts.filter((account) => ids.has(account.id));
  if (seers.length < 2 && item.posts.length < 2) return null;
  return (
    <p className="post-seen muted" data-testid="seen-by">
      {words(item.posts.length > 1 ? 'post.crossPostedSeenBy' : 'post.seenBy', { accounts: seers.map((a) => `@${a.handle}`).join(', ') })}
    </p>
  );
}

/** A post Braid sent to several accounts: which copies there are, and that later thread parts are folded in. */
function SentTogether({ item, sent }: { item: TimelineItem; sent: { parts: number } }) {
  const handles = item.posts.map((post) => `@${withoutBidiControls(post.author.handle)}`);
  const words = useWords();
  return (
    <p className="post-seen muted" data-testid="sent-together">
      {item.posts.length > 1 ? words('post.sentTo', { count: handles.length, accounts: handles.join(', ') }) : words('post.sentAs', { handle: handles[0]! })}
      {sent.parts > 1 ? words('post.threadOf', { count: sent.parts }) : ''}
    </p>
  );
}
