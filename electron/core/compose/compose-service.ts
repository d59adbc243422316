/**
 * The composer's calls that are not the outbox: drafts saved as the user types, images attached
 * (kept as originals, answered with their size and a thumbnail), and link card previews.
 */
import { ok, type LinkPreview, type Result } from '../../../shared/contract.ts';
import { blankDraft } from '../../../shared/compose/blank-draft.ts';
import type { Draft, DraftMedia } from '../../../shared/domain/draft.ts';
import { phrase, refuse, ServerError } from '../base/errors.ts';
import { draftIdFrom } from './draft-id.ts';
import { inspectImage, thumbnailDataUrl } from '../media/image-prep.ts';
import { fetchLinkPreview } from '../media/link-card.ts';
import type { MediaStore } from './media-store.ts';
import type { OutboxStore } from './outbox-store.ts';

export function createComposeService(store: OutboxStore, media: MediaStore) {
  /** Images still referenced by a draft or a sent one are kept; the rest are removed. */
  function collectImages(): void {
    const keep = new Set<string>();
    for (const draft of store.drafts()) for (const item of draft.media) keep.add(item.id);
    for (const job of store.jobs()) for (const item of job.plan.media) keep.add(item.id);
    media.keepOnly(keep);
  }

  return {
    drafts: (): Draft[] => store.drafts(),

    saveDraft(draft: Draft): Result<Draft> {
      if (store.isSent(draft.id)) return refuse('invalid_input', phrase('error.draft.sent'));
      store.saveDraft(draft);
      return ok(draft);
    },

    deleteDraft(id: string): void {
      store.deleteDraft(id);
    },

    async attach(dataBase64: string): Promise<DraftMedia> {
      const bytes = Buffer.from(dataBase64, 'base64');
      const info = await inspectImage(bytes);
      const thumbnail = await thumbnailDataUrl(bytes);
      const id = media.save(bytes);
      return { id, mimeType: info.mimeType, width: info.width, height: info.height, bytes: bytes.length, thumbnail, alt: '' };
    },

    /** The card a link will get; null when its page cannot be read (the post goes without one). */
    async linkPreview(url: string): Promise<LinkPreview | null> {
      try {
        return await fetchLinkPreview(url);
      } catch (error) {
        if (error instanceof ServerError) return null;
        throw error;
      }
    },

    /** A reply typed under a timeline post: a draft like any other, so the outbox sends it (once). */
    replyDraft(key: string, accountId: string, text: string): Draft {
      return { ...blankDraft(draftIdFrom('reply', accountId, key, text), [accountId]), text, replyTo: [key] };
    },

    collectImages,
  };
}

export type ComposeService = ReturnType<typeof createComposeService>;
