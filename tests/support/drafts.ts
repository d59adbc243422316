import { randomUUID } from 'node:crypto';
import { blankDraft } from '../../shared/compose/blank-draft.ts';
import type { Draft } from '../../shared/domain/draft.ts';

/** A draft as the composer makes it: public, threads allowed, nothing else set. */
export const draftOf = (text: string, targets: string[], extra: Partial<Draft> = {}): Draft => ({ ...blankDraft(randomUUID(), targets), text, ...extra });
