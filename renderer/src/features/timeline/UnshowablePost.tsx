import { httpUrl } from '../../../../shared/text/links.ts';
import { useWords } from '../../i18n/use-words.ts';

/** In the place of a post Braid could not read or draw: says so, and links to the original where it can. */
export function UnshowablePost({ url }: { url: string | null }) {
  const original = url ? httpUrl(url) : null;
  const words = useWords();
  return (
    <div className="post post-unshowable" data-testid="post-unshowable">
      <p className="muted">
        {words('post.unshowable')}{' '}
        {original ? (
          <a href={original.href} target="_blank" rel="noopener noreferrer">
            {words('post.openOriginal')}
          </a>
        ) : null}
      </p>
    </div>
  );
}
