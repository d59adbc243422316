import type { Post } from '../../../../../shared/domain/post.ts';

/** Labels that hide a post behind a warning: Bluesky self-labels and Mastodon's sensitive flag. */
const labelNames: Record<string, string> = {
  sexual: 'Sexual content',
  nudity: 'Nudity',
  porn: 'Adult content',
  'graphic-media': 'Graphic media',
  gore: 'Graphic media',
  sensitive: 'Sensitive content',
};

/** What the collapsed section says, or null when the post is shown open. */
export function contentWarningOf(post: Pick<Post, 'contentWarning' | 'labels'>): string | null {
  const warning = post.contentWarning?.trim();
  if (warning) return warning;
  const names = [...new Set(post.labels.flatMap((label) => labelNames[label] ?? []))];
  return names.length > 0 ? names.join(', ') : null;
}
