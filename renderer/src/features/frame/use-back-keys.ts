import { useEffect } from 'react';
import { isTyping } from '../timeline/use-list-keys.ts';

// MouseEvent.button of the side buttons most mice have.
const mouseBack = 3;
const mouseForward = 4;

/**
 * Back and forward as in a browser, in both hosts (Electron gives a window none of them):
 * Alt+← / Alt+→, the mouse's side buttons, Backspace, and Escape, which
 * closes the screen open over home (`closable`) unless something inside it (a dialog, a menu)
 * used it first. Keys typed in a text field stay the field's.
 */
export function useBackKeys(back: () => void, closable: boolean) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // In a text field every key is the field's (Alt+← moves by word on a Mac).
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
      if (event.altKey && event.key === 'ArrowLeft') back();
      else if (event.altKey && event.key === 'ArrowRight') history.forward();
      else if (event.altKey) return;
      else if (event.key === 'Backspace') back();
      else if (event.key === 'Escape' && closable) back();
      else return;
      event.preventDefault();
    };
    // The browser would act on the side buttons too: the page takes them, once.
    const onMouseDown = (event: MouseEvent) => {
      if (event.button === mouseBack || event.button === mouseForward) event.preventDefault();
    };
    const onMouseUp = (event: MouseEvent) => {
      if (event.button !== mouseBack && event.button !== mouseForward) return;
      event.preventDefault();
      if (event.button === mouseBack) back();
      else history.forward();
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('mousedown', onMouseDown);
    window.addEventListener('mouseup', onMouseUp);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('mousedown', onMouseDown);
      window.removeEventListener('mouseup', onMouseUp);
    };
  }, [back, closable]);
}
