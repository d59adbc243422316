import { useState } from 'react';
import type { Author } from '../../../../shared/domain/post.ts';
import { withoutBidiControls } from '../../../../shared/text/bidi.ts';
import { useImageUrl } from '../../state/image-url.tsx';

/** A display name as text: bidi controls removed and isolated, so it cannot reorder what follows. */
export const DisplayName = ({ author }: { author: Pick<Author, 'displayName' | 'handle'> }) => (
  <bdi className="post-name">{withoutBidiControls(author.displayName.trim() || author.handle)}</bdi>
);

export function AuthorAvatar({ author, size = 44 }: { author: Author; size?: number }) {
  const initial = Array.from(withoutBidiControls(author.displayName || author.handle))[0]?.toUpperCase() ?? '?';
  const url = useImageUrl()(author.avatarUrl);
  // A picture that does not load (gone, not an image) leaves the initial, not an empty ring.
  const [broken, setBroken] = useState<string | null>(null);
  const src = url !== broken ? url : null;
  return (
    <span className="avatar" data-network={author.network} style={{ width: size, height: size }}>
      {src ? (
        <img src={src} alt="" width={size} height={size} loading="lazy" decoding="async" referrerPolicy="no-referrer" onError={() => setBroken(src)} />
      ) : (
        <span aria-hidden="true">{initial}</span>
      )}
    </span>
  );
}
