import { randomUUID } from 'node:crypto';
import { blankDraft } from '../../shared/compose/blank-draft.ts';
import type { MastodonLimits } from '../../shared/domain/account.ts';
import type { Draft } from '../../shared/domain/draft.ts';

/** A draft as the composer makes it: public, threads allowed, nothing else set. */
export const draftOf = (text: string, targets: string[], extra: Partial<Draft> = {}): Draft => ({ ...blankDraft(randomUUID(), targets), text, ...extra });

/** A Mastodon server's limits as Mastodon's defaults have them, with `overrides`. */
export const mastodonLimits = (overrides: Partial<MastodonLimits> = {}): MastodonLimits => ({
  maxCharacters: 500,
  maxMediaAttachments: 4,
  charactersReservedPerUrl: 23,
  descriptionLimit: 1500,
  imageSizeLimit: 16_777_216,
  imageMatrixLimit: 33_177_600,
  source: 'v2',
  ...overrides,
});
