import type { Draft } from '../../../../shared/domain/draft.ts';
import { postKey, type Post, type QuotedPost } from '../../../../shared/domain/post.ts';
import { QuotedPostView } from '../timeline/content/PostBody.tsx';
import { useWords } from '../../i18n/use-words.ts';

/** The quoted post's own fields: a quote it makes in turn is not shown (as in the timeline). */
function withoutQuote(post: Post): QuotedPost {
  const fields: Partial<Post> = { ...post };
  delete fields.quote;
  return fields as QuotedPost;
}

/**
 * The post a draft quotes, as the composer shows it above the text (the one of the first network;
 * a cross-post's other copy is quoted on its own network). A draft reopened after a restart knows
 * only the address.
 */
export function QuotePreview({ quote, posts, onRemove, readOnly }: { quote: NonNullable<Draft['quote']>; posts: readonly Post[]; onRemove: () => void; readOnly: boolean }) {
  const words = useWords();
  const first = quote[0];
  if (!first) return null;
  const post = posts.find((candidate) => postKey(candidate) === first.key);
  return (
    <section className="compose-quote" aria-label={words('compose.quote.label')} data-testid="compose-quote">
      <div className="compose-quote-head">
        <span className="muted">{words('compose.quote.quoting')}</span>
        <button type="button" className="button button-quiet" onClick={onRemove} disabled={readOnly}>
          {words('compose.quote.remove')}
        </button>
      </div>
      {post ? (
        <QuotedPostView post={withoutQuote(post)} />
      ) : (
        <p className="post-body-quote muted">{first.url ?? first.key}</p>
      )}
    </section>
  );
}
