import type { Post } from '../../../../../shared/domain/post.ts';

/** Bluesky self-labels that put the whole post behind a warning. */
const postLabels: Record<string, string> = {
  sexual: 'Sexual content',
  nudity: 'Nudity',
  porn: 'Adult content',
  'graphic-media': 'Graphic media',
  gore: 'Graphic media',
};

export interface ContentWarning {
  text: string;
  /** A content warning or self-label hides the whole body; Mastodon's sensitive flag only the media, as on Mastodon. */
  hides: 'everything' | 'media';
}

/** What the collapsed section says and what it hides, or null when the post is shown open. */
export function contentWarningOf(post: Pick<Post, 'contentWarning' | 'labels'>): ContentWarning | null {
  const warning = post.contentWarning?.trim();
  if (warning) return { text: warning, hides: 'everything' };
  const names = [...new Set(post.labels.flatMap((label) => postLabels[label] ?? []))];
  if (names.length > 0) return { text: names.join(', '), hides: 'everything' };
  return post.labels.includes('sensitive') ? { text: 'Sensitive media', hides: 'media' } : null;
}
