import { randomUUID } from 'node:crypto';
import type { Draft } from '../../shared/domain/draft.ts';

/** A draft as the composer makes it: public, threads allowed, nothing else set. */
export function draftOf(text: string, targets: string[], extra: Partial<Draft> = {}): Draft {
  return {
    id: randomUUID(),
    text,
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
    updatedAt: new Date().toISOString(),
    ...extra,
  };
}
