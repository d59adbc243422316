import type { Author } from '../../../../shared/domain/post.ts';
import { withoutBidiControls } from '../../../../shared/text/bidi.ts';
import { imageUrl } from '../../../../shared/text/links.ts';

/** A display name as text: bidi controls removed and isolated, so it cannot reorder what follows. */
export const DisplayName = ({ author }: { author: Pick<Author, 'displayName' | 'handle'> }) => (
  <bdi className="post-name">{withoutBidiControls(author.displayName.trim() || author.handle)}</bdi>
);

export function AuthorAvatar({ author, size = 44 }: { author: Author; size?: number }) {
  const initial = Array.from(withoutBidiControls(author.displayName || author.handle))[0]?.toUpperCase() ?? '?';
  const src = imageUrl(author.avatarUrl);
  return (
    <span className="avatar" data-network={author.network} style={{ width: size, height: size }}>
      {src ? (
        <img src={src} alt="" width={size} height={size} loading="lazy" decoding="async" referrerPolicy="no-referrer" />
      ) : (
        <span aria-hidden="true">{initial}</span>
      )}
    </span>
  );
}
