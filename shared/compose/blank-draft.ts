import type { Draft } from '../domain/draft.ts';

/** A new draft with nothing in it yet: public, a thread allowed when too long, sent now. (No zod: the renderer uses it.) */
export function blankDraft(id: string, targets: string[], now = new Date()): Draft {
  return {
    id,
    text: '',
    contentWarning: '',
    labels: [],
    targets,
    variants: {},
    visibility: 'public',
    language: null,
    allowThread: true,
    media: [],
    replyTo: [],
    scheduledAt: null,
    updatedAt: now.toISOString(),
  };
}
