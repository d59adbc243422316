import { httpUrl } from '../../../../shared/text/links.ts';

/** In the place of a post Braid could not read or draw: says so, and links to the original where it can. */
export function UnshowablePost({ url }: { url: string | null }) {
  const original = url ? httpUrl(url) : null;
  return (
    <div className="post post-unshowable" data-testid="post-unshowable">
      <p className="muted">
        This post could not be shown.{' '}
        {original ? (
          <a href={original.href} target="_blank" rel="noopener noreferrer">
            Open the original
          </a>
        ) : null}
      </p>
    </div>
  );
}
