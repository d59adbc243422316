import type { Post } from '../../../../../shared/domain/post.ts';
import type { MessageId } from '../../../../../shared/i18n/messages.ts';
import type { Words } from '../../../i18n/use-words.ts';

/** Bluesky self-labels that put the whole post behind a warning. */
const postLabels: Record<string, MessageId> = {
  sexual: 'content.label.sexual',
  nudity: 'content.label.nudity',
  porn: 'content.label.porn',
  'graphic-media': 'content.label.graphic',
  gore: 'content.label.graphic',
};

export interface ContentWarning {
  text: string;
  /** A content warning or self-label hides the whole body; Mastodon's sensitive flag only the media, as on Mastodon. */
  hides: 'everything' | 'media';
}

/** What the collapsed section says and what it hides, or null when the post is shown open. */
export function contentWarningOf(post: Pick<Post, 'contentWarning' | 'labels'>, words: Words): ContentWarning | null {
  const warning = post.contentWarning?.trim();
  if (warning) return { text: warning, hides: 'everything' };
  const names = [...new Set(post.labels.flatMap((label) => postLabels[label] ?? []))].map((id) => words(id));
  if (names.length > 0) return { text: names.join(', '), hides: 'everything' };
  return post.labels.includes('sensitive') ? { text: words('content.sensitiveMedia'), hides: 'media' } : null;
}
