import type { SelfLabel, Visibility } from '../../../../shared/domain/draft.ts';
import type { MessageId } from '../../../../shared/i18n/messages.ts';
import type { Words } from '../../i18n/use-words.ts';

const labelIds: Record<SelfLabel, MessageId> = {
  sexual: 'compose.label.sexual',
  nudity: 'compose.label.nudity',
  porn: 'compose.label.porn',
  'graphic-media': 'compose.label.graphicMedia',
};

const visibilityIds: Record<Visibility, MessageId> = {
  public: 'compose.visibility.public',
  unlisted: 'compose.visibility.unlisted',
  private: 'compose.visibility.private',
  direct: 'compose.visibility.direct',
};

/** A Bluesky self-label as the user reads it. */
export const labelWords = (words: Words, label: SelfLabel) => words(labelIds[label]);

/** A Mastodon visibility as the user reads it. */
export const visibilityWords = (words: Words, visibility: Visibility) => words(visibilityIds[visibility]);

export const visibilities = Object.keys(visibilityIds) as Visibility[];

/** BCP 47 as the draft accepts it: "en", "pt-BR", "zh-Hant". */
export const languageTag = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/;

const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO time as a datetime-local input shows it, in the user's time zone. */
export function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A datetime-local value (local time) as an ISO time, or null when empty or incomplete. */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export { mediumTime as timeWords } from '../timeline/time.ts';

/** The first line of a text, shortened: how a draft or a sent post is named in a list. */
export function excerpt(text: string, max = 90): string {
  const line = Array.from(text.trim().split('\n')[0]?.trim() ?? '');
  return line.length > max ? `${line.slice(0, max - 1).join('')}…` : line.join('');
}
