import { createContext, useContext } from 'react';
import type { Draft } from '../../../shared/domain/draft.ts';
import type { Post } from '../../../shared/domain/post.ts';

/** A draft begun from elsewhere (a post's Quote button), with the posts it quotes to show in the composer. */
export interface ComposeStart {
  draft: Draft;
  quoted: Post[];
}

/** Opens the composer on a new draft. */
export const StartCompose = createContext<(start: ComposeStart) => void>(() => undefined);
export const useStartCompose = () => useContext(StartCompose);
