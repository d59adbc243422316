import { Fragment, useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { mastodonUrls } from '../../../../shared/compose/entities.ts';
import type { PreviewGroup } from '../../../../shared/compose/preview-groups.ts';
import type { AccountSummary } from '../../../../shared/domain/account.ts';
import type { Draft } from '../../../../shared/domain/draft.ts';
import { httpUrl } from '../../../../shared/text/links.ts';
import { Avatar, NetworkBadge } from '../../components/Avatar.tsx';
import { useLinkPreview } from '../../state/drafts.ts';
import { LinkCardView } from '../timeline/content/LinkCardView.tsx';
import { useWords } from '../../i18n/use-words.ts';
import { labelWords, timeWords, visibilityWords } from './words.ts';
import { useErrorText } from '../../i18n/error-text.ts';

const linkPreviewPauseMs = 600;

/**
 * What one account will post, exactly: the counter, each post of the thread, and what stops it.
 * One card serves every account that would get exactly the same posts (see groupPreviews), and
 * names them all. `blank`: nothing written yet, so "nothing to post" is not worth announcing.
 */
export function TargetPreview({ group, accounts, draft, blank }: { group: PreviewGroup; accounts: readonly AccountSummary[]; draft: Draft; blank: boolean }) {
  const words = useWords();
  const { locale } = useIntl();
  const target = group.plan;
  const { fit, parts } = target;
  // As the plan counts them, digits as they are (the tests read "473 / 500 characters").
  const counted = { length: String(fit.length), limit: String(fit.limit), unit: fit.unit };
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
          {shared ? <span className="target-card-same"> {words('compose.preview.same', { count: group.targets.length })}</span> : null}
        </h3>
        <NetworkBadge network={target.network} />
        <span className="counter" data-over={fit.over || undefined} data-testid="counter" aria-label={words(fit.over ? 'compose.preview.counterLabelOver' : 'compose.preview.counterLabel', counted)}>
          {words('compose.preview.counter', counted)}
        </span>
      </header>

      <ol className="target-parts" aria-label={thread ? words('compose.preview.thread', { count: parts.length }) : words('compose.preview.onePost')}>
        {parts.map((part, index) => (
          <li key={index} className="bubble" data-testid="preview-part">
            {thread ? <span className="bubble-number">{index + 1}/{parts.length}</span> : null}
            {target.contentWarning ? <p className="bubble-cw">{words('compose.preview.cw', { warning: target.contentWarning })}</p> : null}
            {part ? <p className="bubble-text" dir="auto">{part}</p> : blank ? <p className="bubble-empty">{words('compose.preview.blank', { shared: shared ? 'yes' : 'no' })}</p> : null}
            {index === 0 && images > 0 ? (
              <ul className="bubble-media" aria-label={words('compose.preview.images', { count: images })}>
                {draft.media.map((media) => (
                  <li key={media.id}>
                    <img src={media.thumbnail} alt={media.alt} title={media.alt || words('compose.preview.noAlt')} width={56} height={56} />
                    {media.alt.trim() ? <span className="post-body-alt-badge">{words('compose.preview.altBadge')}</span> : null}
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
            <dt>{words('compose.preview.visibility')}</dt>
            <dd>{target.visibility ? visibilityWords(words, target.visibility) : '—'}</dd>
          </>
        ) : (
          <>
            <dt>{words('compose.preview.labels')}</dt>
            <dd>{target.labels.length ? target.labels.map((label) => labelWords(words, label)).join(', ') : words('compose.preview.none')}</dd>
          </>
        )}
        {target.contentWarning ? (
          <>
            <dt>{words('compose.preview.warning')}</dt>
            <dd>{target.contentWarning}</dd>
          </>
        ) : null}
        <dt>{words('compose.preview.imagesTitle')}</dt>
        <dd>{images === 0 ? words('compose.preview.none') : thread ? words('compose.preview.imagesOnFirst', { count: images }) : images}</dd>
        {target.language ? (
          <>
            <dt>{words('compose.preview.language')}</dt>
            <dd>{target.language}</dd>
          </>
        ) : null}
        {target.schedule ? (
          <>
            <dt>{words('compose.preview.when')}</dt>
            <dd>{words('compose.preview.whenBy', { time: timeWords(target.schedule.at, locale), by: target.schedule.by })}</dd>
          </>
        ) : null}
      </dl>

      {target.problems.length > 0 && !blank ? (
        // Polite: these change with every key press, and an alert would cut the screen reader off mid-typing.
        <div className="target-problems" role="status">
          <ul>
            {target.problems.map((problem) => words(problem.id, problem.values)).map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {target.notes.length > 0 ? (
        <ul className="target-notes">
          {target.notes.map((note) => words(note.id, note.values)).map((note) => (
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
  const words = useWords();
  const errorText = useErrorText();
  if (settled !== url || preview.isPending) return <p className="bubble-card-note muted">{words('compose.preview.linkLooking')}</p>;
  if (preview.error) return <p className="bubble-card-note muted">{words('compose.preview.linkFailed', { message: errorText(preview.error) })}</p>;
  if (!preview.data) return <p className="bubble-card-note muted">{words('compose.preview.linkNone')}</p>;
  return (
    <div className="bubble-card" data-testid="link-card">
      <LinkCardView card={preview.data} />
    </div>
  );
}
