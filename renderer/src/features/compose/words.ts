import type { SelfLabel, Visibility } from '../../../../shared/domain/draft.ts';

export const labelWords: Record<SelfLabel, string> = {
  sexual: 'Sexually suggestive',
  nudity: 'Nudity',
  porn: 'Adult content (porn)',
  'graphic-media': 'Graphic media (gore, violence)',
};

export const visibilityWords: Record<Visibility, string> = {
  public: 'Public',
  unlisted: 'Unlisted (quiet public)',
  private: 'Followers only',
  direct: 'Direct (mentioned people only)',
};

export const visibilities = Object.keys(visibilityWords) as Visibility[];

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
