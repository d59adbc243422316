import type { Virtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';

interface Keys {
  /** Off while another list has the keys (the timeline's, while a conversation is open). */
  active: boolean;
  selected: number | null;
  select: (index: number) => void;
  firstVisible: () => number;
  /** `.` or `n`: the timeline's new posts. */
  showNew?: () => void;
  scroller: RefObject<HTMLElement | null>;
}

export const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** How many frames a chosen row may take to render before the focus gives up on it. */
const maxFramesToFocus = 30;

/**
 * A list of posts' shortcuts: j/k move, l/b/r like, boost and reply on the selected post, Enter
 * or o opens its conversation (where the post has that button), u its author's profile, . or n shows new posts.
 */
export function useListKeys({ active, selected, select, firstVisible, showNew, scroller }: Keys) {
  useEffect(() => {
    if (!active) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
      // The focused row first: focus moves before React has re-rendered with the new selection.
      const row = () =>
        (document.activeElement instanceof HTMLElement && scroller.current?.contains(document.activeElement)
          ? document.activeElement.closest<HTMLElement>('[data-index]')
          : null) ?? (selected === null ? null : scroller.current?.querySelector<HTMLElement>(`[data-index="${selected}"]`));
      const press = (action: string) => row()?.querySelector<HTMLElement>(`[data-action="${action}"]`)?.click();
      switch (event.key) {
        case 'j':
          select(selected === null ? firstVisible() : selected + 1);
          break;
        case 'k':
          select(selected === null ? firstVisible() : selected - 1);
          break;
        case '.':
        case 'n':
          if (!showNew) return;
          showNew();
          break;
        case 'l':
          press('like');
          break;
        case 'b':
          press('boost');
          break;
        case 'r':
          press('reply');
          break;
        case 'u':
          press('profile');
          break;
        case 'Enter':
        case 'o':
          if (event.target instanceof HTMLElement && event.target.closest('a, button')) return; // the focused control's own Enter
          press('open');
          break;
        default:
          return;
      }
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active, selected, select, firstVisible, showNew, scroller]);
}

/**
 * The selected row of a virtual list (`keys`: its rows' keys, in order): `select` clamps, scrolls
 * it into view and focuses it. Rows put above it (new posts) or taken away do not change which
 * row is selected: the selection follows its row.
 */
export function useListSelection(virtualizer: Virtualizer<HTMLDivElement, Element>, scroller: RefObject<HTMLElement | null>, keys: readonly string[]) {
  const count = keys.length;
  const [selected, setSelected] = useState(-1);
  const followed = useRef<{ keys: readonly string[]; key: string | undefined }>({ keys, key: undefined });
  useLayoutEffect(() => {
    const { keys: before, key } = followed.current;
    const at = before !== keys && key !== undefined ? keys.indexOf(key) : -1;
    followed.current = { keys, key: at >= 0 ? key : selected >= 0 ? keys[selected] : undefined };
    if (at >= 0 && at !== selected) setSelected(at);
  }, [keys, selected]);
  // Only the latest choice takes focus: keys pressed faster than frames (a busy machine) would
  // otherwise each focus their row in turn, the last but one taking it from the reply box r opened.
  const pendingFocus = useRef<number | null>(null);
  const select = useCallback(
    (index: number) => {
      const clamped = Math.max(0, Math.min(index, count - 1));
      setSelected(clamped);
      virtualizer.scrollToIndex(clamped, { align: 'auto' });
      if (pendingFocus.current !== null) cancelAnimationFrame(pendingFocus.current);
      // Rows scrolled into view render in React's batch, which may come a few frames later.
      const focusRow = (framesLeft: number) => {
        pendingFocus.current = requestAnimationFrame(() => {
          pendingFocus.current = null;
          const row = scroller.current?.querySelector<HTMLElement>(`[data-index="${clamped}"]`);
          if (!row) return framesLeft > 0 ? focusRow(framesLeft - 1) : undefined;
          // A key pressed before this frame (r opening the reply box) may have put focus inside the row.
          if (!row.contains(document.activeElement)) row.focus({ preventScroll: true });
        });
      };
      focusRow(maxFramesToFocus);
    },
    [count, virtualizer, scroller],
  );
  const firstVisible = useCallback(() => virtualizer.getVirtualItemForOffset(virtualizer.scrollOffset ?? 0)?.index ?? 0, [virtualizer]);
  return { selected, setSelected, select, firstVisible };
}
