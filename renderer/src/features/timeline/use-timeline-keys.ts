import { useEffect, type RefObject } from 'react';

interface Keys {
  selected: number | null;
  select: (index: number) => void;
  firstVisible: () => number;
  showNew: () => void;
  scroller: RefObject<HTMLElement | null>;
}

const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** Timeline shortcuts: j/k move, . or n shows new posts, l/b/r like, boost and reply on the selected post, Enter or o opens its conversation. */
export function useTimelineKeys({ selected, select, firstVisible, showNew, scroller }: Keys) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) return;
      const press = (action: string) =>
        selected !== null && scroller.current?.querySelector<HTMLElement>(`[data-index="${selected}"] [data-action="${action}"]`)?.click();
      switch (event.key) {
        case 'j':
          select(selected === null ? firstVisible() : selected + 1);
          break;
        case 'k':
          select(selected === null ? firstVisible() : selected - 1);
          break;
        case '.':
        case 'n':
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
  }, [selected, select, firstVisible, showNew, scroller]);
}
