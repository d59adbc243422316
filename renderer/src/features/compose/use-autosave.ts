import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Draft } from '../../../../shared/domain/draft.ts';
import { putDraft, saveDraft } from '../../state/drafts.ts';

const typingPauseMs = 400;

export interface SaveState {
  /** The draft the rest is about. */
  draftId: string | null;
  saving: boolean;
  error: Error | null;
  /** The updatedAt of the last draft the core confirmed. */
  savedAt: string | null;
}

/**
 * Saves the draft being written: 400 ms after typing stops, and at once when the window loses
 * focus, is hidden or closed, or the composer goes away. Saves run one after another, so an
 * older version never overwrites a newer one; a failed save is tried again with the next one.
 */
export function useAutosave() {
  const client = useQueryClient();
  const pending = useRef<Draft | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const chain = useRef<Promise<void>>(Promise.resolve());
  // Bumped by cancel: the answer to a save started before no longer concerns what is shown.
  const generation = useRef(0);
  const [state, setState] = useState<SaveState>({ draftId: null, saving: false, error: null, savedAt: null });

  /** Saves what is waiting now; resolves once every save started so far has ended. */
  const flush = useCallback((): Promise<void> => {
    clearTimeout(timer.current);
    const draft = pending.current;
    if (!draft) return chain.current;
    pending.current = null;
    const started = generation.current;
    setState((current) => ({ ...current, draftId: draft.id, saving: true }));
    chain.current = chain.current.then(() =>
      saveDraft(draft).then(
        (saved) => {
          putDraft(client, saved);
          if (started === generation.current) setState({ draftId: saved.id, saving: false, error: null, savedAt: saved.updatedAt });
        },
        (error: Error) => {
          if (started !== generation.current) return;
          pending.current ??= draft;
          setState({ draftId: draft.id, saving: false, error, savedAt: null });
        },
      ),
    );
    return chain.current;
  }, [client]);

  const schedule = useCallback(
    (draft: Draft) => {
      pending.current = draft;
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), typingPauseMs);
    },
    [flush],
  );

  /** Forgets what is waiting (the draft was sent or deleted); resolves once saves in flight end. */
  const cancel = useCallback((): Promise<void> => {
    clearTimeout(timer.current);
    pending.current = null;
    generation.current += 1;
    setState({ draftId: null, saving: false, error: null, savedAt: null });
    return chain.current;
  }, []);

  useEffect(() => {
    const now = () => void flush();
    const whenHidden = () => document.visibilityState === 'hidden' && now();
    document.addEventListener('visibilitychange', whenHidden);
    window.addEventListener('pagehide', now);
    window.addEventListener('blur', now);
    return () => {
      document.removeEventListener('visibilitychange', whenHidden);
      window.removeEventListener('pagehide', now);
      window.removeEventListener('blur', now);
      now();
    };
  }, [flush]);

  return { ...state, schedule, flush, cancel };
}
