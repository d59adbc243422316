import type { ReactNode } from 'react';
import type { Post, QuotedPost, UnavailableQuote } from '../../../../../shared/domain/post.ts';
import { withoutBidiControls } from '../../../../../shared/text/bidi.ts';
import { useImageUrl } from '../../../state/image-url.tsx';
import { Collapsed } from './Collapsed.tsx';
import { contentWarningOf } from './content-warning.ts';
import { emojiIndex, withCustomEmoji } from './custom-emoji.tsx';
import { FacetText } from './FacetText.tsx';
import { LinkCardView } from './LinkCardView.tsx';
import { MastodonContent } from './MastodonContent.tsx';
import { MediaGrid } from './MediaGrid.tsx';
import { PollView } from './PollView.tsx';
import { useWords } from '../../../i18n/use-words.ts';

/** Words as a network gives them: Mastodon's HTML (sanitised) or Bluesky's text with facets. */
export function ContentText({ content, quoteShown = false }: { content: Post['content']; quoteShown?: boolean }) {
  switch (content.kind) {
    case 'html':
      return <MastodonContent content={content} hideQuoteLink={quoteShown} />;
    case 'facets':
      return <FacetText content={content} />;
  }
}

/** A quoted post, compact: who wrote it (as text), then its body. */
export function QuotedPostView({ post }: { post: QuotedPost }) {
  const name = withoutBidiControls(post.author.displayName).trim();
  const handle = withoutBidiControls(post.author.handle);
  return (
    <figure className="post-body-quote" data-network={post.network}>
      <figcaption className="post-body-quote-author" dir="auto">
        {name && <span className="post-body-quote-name">{name}</span>}
        <span className="post-body-quote-handle muted">{`@${handle}`}</span>
      </figcaption>
      <PostBody post={post} />
    </figure>
  );
}

function UnavailableQuoteView({ quote }: { quote: UnavailableQuote }) {
  const words = useWords();
  return (
    <p className="post-body-quote post-body-quote-unavailable muted" data-unavailable={quote.unavailable}>
      {words(`content.quote.${quote.unavailable}`)}
    </p>
  );
}

interface BodyProps {
  post: Post | QuotedPost;
  /** The poll as the card lets the reader vote in it; without it, a poll shows its results only. */
  poll?: ReactNode;
}

function BodyParts({ post, poll, mediaWarning }: BodyProps & { mediaWarning: string | null }) {
  const quote = 'quote' in post ? post.quote : null;
  const media = <MediaGrid media={post.media} />;
  return (
    <>
      <ContentText content={post.content} quoteShown={quote !== null && !('unavailable' in quote)} />
      {mediaWarning && post.media.length > 0 ? <Collapsed warning={mediaWarning}>{media}</Collapsed> : media}
      {poll ?? (post.poll ? <PollView poll={post.poll} /> : null)}
      {post.card && <LinkCardView card={post.card} />}
      {quote && ('unavailable' in quote ? <UnavailableQuoteView quote={quote} /> : <QuotedPostView post={quote} />)}
    </>
  );
}

/**
 * What a post says: its text, media, link card and quoted post. Behind a content warning (or a
 * label such as nudity) all of it stays collapsed, and out of the page, until the reader opens it.
 */
export function PostBody({ post, poll }: BodyProps) {
  const toImageUrl = useImageUrl();
  const words = useWords();
  const warning = contentWarningOf(post, words);
  if (warning?.hides === 'everything') {
    const emojis = emojiIndex(post.content.kind === 'html' ? post.content.emojis : [], toImageUrl);
    return (
      <div className="post-body">
        <Collapsed warning={withCustomEmoji(withoutBidiControls(warning.text), emojis)}>
          <BodyParts post={post} poll={poll} mediaWarning={null} />
        </Collapsed>
      </div>
    );
  }
  return (
    <div className="post-body">
      <BodyParts post={post} poll={poll} mediaWarning={warning?.text ?? null} />
    </div>
  );
}
