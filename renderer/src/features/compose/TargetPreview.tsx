import { Fragment, useEffect, useState } from 'react';
import { mastodonUrls } from '../../../../shared/compose/entities.ts';
import type { PreviewGroup } from '../../../../shared/compose/preview-groups.ts';
import type { AccountSummary } from '../../../../shared/domain/account.ts';
import type { Draft } from '../../../../shared/domain/draft.ts';
import { httpUrl } from '../../../../shared/text/links.ts';
import { Avatar, NetworkBadge } from '../../components/Avatar.tsx';
import { useLinkPreview } from '../../state/drafts.ts';
import { LinkCardView } from '../timeline/content/LinkCardView.tsx';
import { labelWords, timeWords, visibilityWords } from './words.ts';

const linkPreviewPauseMs = 600;

/**
 * What one account will post, exactly: the counter, each post of the thread, and what stops it.
 * One card serves every account that would get exactly the same posts (see groupPreviews), and
 * names them all. `blank`: nothing written yet, so "nothing to post" is not worth announcing.
 */
export function TargetPreview({ group, accounts, draft, blank }: { group: PreviewGroup; accounts: readonly AccountSummary[]; draft: Draft; blank: boolean }) {
  const target = group.plan;
  const { fit, parts } = target;
  const thread = parts.length > 1;
  const shared = group.targets.length > 1;
  const titleId = `preview-${target.accountId}`;
  // As the core does: Bluesky gets a card for the first link of post 1, and only without images.
  const firstLink = target.network === 'bluesky' && draft.media.length === 0 ? firstHttpLink(parts[0] ?? '') : null;
  const images = draft.media.length;

  return (
    <article className="target-card" data-testid="target-preview" data-network={target.network} data-accounts={group.targets.length} aria-labelledby={titleId}>
      <header className="target-card-header">
        <span className="target-card-avatars" data-shared={shared || undefined}>
          {group.targets.map((member) => {
            const account = accounts.find((a) => a.id === member.accountId);
            return account ? <Avatar key={member.accountId} account={account} size={28} /> : null;
          })}
        </span>
        <h3 id={titleId} className="target-card-title" data-shared={shared || undefined}>
          {group.targets.map((member, index) => (
            <Fragment key={member.accountId}>
              {index > 0 ? ' ' : null}
              <span className="target-card-handle">
                <bdi>@{member.handle}</bdi>
                {index < group.targets.length - 1 ? ',' : null}
              </span>
            </Fragment>
          ))}
          {shared ? <span className="target-card-same"> — the same post for these {group.targets.length} accounts</span> : null}
        </h3>
        <NetworkBadge network={target.network} />
        <span className="counter" data-over={fit.over || undefined} data-testid="counter" aria-label={`${fit.length} of ${fit.limit} ${fit.unit}${fit.over ? ', too long for one post' : ''}`}>
          {fit.length} / {fit.limit} {fit.unit}
        </span>
      </header>

      <ol className="target-parts" aria-label={thread ? `A thread of ${parts.length} posts` : 'One post'}>
        {parts.map((part, index) => (
          <li key={index} className="bubble" data-testid="preview-part">
            {thread ? <span className="bubble-number">{index + 1}/{parts.length}</span> : null}
            {target.contentWarning ? <p className="bubble-cw">CW: {target.contentWarning}</p> : null}
            {part ? <p className="bubble-text" dir="auto">{part}</p> : blank ? <p className="bubble-empty">What you write appears here as {shared ? 'these accounts' : 'this account'} will post it.</p> : null}
            {index === 0 && images > 0 ? (
              <ul className="bubble-media" aria-label={`${images} image${images > 1 ? 's' : ''}`}>
                {draft.media.map((media) => (
                  <li key={media.id}>
                    <img src={media.thumbnail} alt={media.alt} title={media.alt || 'No description'} width={56} height={56} />
                    {media.alt.trim() ? <span className="post-body-alt-badge">ALT</span> : null}
                  </li>
                ))}
              </ul>
            ) : null}
            {index === 0 && firstLink ? <LinkPreviewCard url={firstLink} /> : null}
          </li>
        ))}
      </ol>

      <dl className="target-facts">
        {target.network === 'mastodon' ? (
          <>
            <dt>Visibility</dt>
            <dd>{target.visibility ? visibilityWords[target.visibility] : '—'}</dd>
          </>
        ) : (
          <>
            <dt>Labels</dt>
            <dd>{target.labels.length ? target.labels.map((label) => labelWords[label]).join(', ') : 'none'}</dd>
          </>
        )}
        {target.contentWarning ? (
          <>
            <dt>Warning</dt>
            <dd>{target.contentWarning}</dd>
          </>
        ) : null}
        <dt>Images</dt>
        <dd>{images === 0 ? 'none' : `${images}${thread ? ', on the first post' : ''}`}</dd>
        {target.language ? (
          <>
            <dt>Language</dt>
            <dd>{target.language}</dd>
          </>
        ) : null}
        {target.schedule ? (
          <>
            <dt>When</dt>
            <dd>
              {timeWords(target.schedule.at)}, {target.schedule.by === 'server' ? 'by the server' : 'by Braid — keep Braid running'}
            </dd>
          </>
        ) : null}
      </dl>

      {target.problems.length > 0 && !blank ? (
        // Polite: these change with every key press, and an alert would cut the screen reader off mid-typing.
        <div className="target-problems" role="status">
          <ul>
            {target.problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {target.notes.length > 0 ? (
        <ul className="target-notes">
          {target.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      ) : null}
    </article>
  );
}

/**
 * The first http(s) link, by Mastodon's rules. Bluesky (RichText) also links bare domains like
 * example.com: those get a card on Bluesky without a preview here, and one written before the
 * first http(s) link takes the card instead of the link previewed.
 */
function firstHttpLink(text: string): string | null {
  for (const range of mastodonUrls(text)) {
    const url = httpUrl(text.slice(range.start, range.end));
    if (url) return url.href;
  }
  return null;
}

/** The value, once it has stayed the same for `ms` (null until then). */
function useSettled<T>(value: T, ms: number): T | null {
  const [settled, setSettled] = useState<T | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** The link card Bluesky will attach, asked of the core once typing has paused. */
function LinkPreviewCard({ url }: { url: string }) {
  const settled = useSettled(url, linkPreviewPauseMs);
  const preview = useLinkPreview(settled === url ? url : null);
  if (settled !== url || preview.isPending) return <p className="bubble-card-note muted">Looking up the link card…</p>;
  if (preview.error) return <p className="bubble-card-note muted">No link card: {preview.error.message}</p>;
  if (!preview.data) return <p className="bubble-card-note muted">No link card: the page offers none.</p>;
  return (
    <div className="bubble-card" data-testid="link-card">
      <LinkCardView card={preview.data} />
    </div>
  );
}
