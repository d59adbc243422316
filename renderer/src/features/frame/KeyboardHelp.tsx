import { useEffect, useRef, useState } from 'react';
import { isTyping } from '../timeline/use-list-keys.ts';

/** Every shortcut Braid has, by where it works: the one list `?` shows. */
const shortcuts: { title: string; keys: [string[], string][] }[] = [
  {
    title: 'Timeline and conversation',
    keys: [
      [['j', 'k'], 'Next and previous post'],
      [['Enter', 'o'], 'Open the selected post’s conversation'],
      [['l'], 'Like the selected post'],
      [['b'], 'Boost or repost it'],
      [['r'], 'Reply to it'],
      [['.', 'n'], 'Show new posts (timeline)'],
    ],
  },
  {
    title: 'Going back',
    keys: [
      [['Esc'], 'Close the conversation or screen'],
      [['Alt+←', 'Backspace'], 'Back'],
      [['Alt+→'], 'Forward'],
    ],
  },
  {
    title: 'Picture viewer',
    keys: [
      [['←', '→'], 'Previous and next picture'],
      [['Z'], 'Full size or fitted'],
      [['Esc'], 'Close'],
    ],
  },
  {
    title: 'Writing',
    keys: [[['Ctrl+Enter'], 'Send (in the composer and a reply)']],
  },
  { title: 'Help', keys: [[['?'], 'This list']] },
];

/** `?` anywhere outside a text field opens the list of shortcuts, in a modal dialog Esc closes. */
export function KeyboardHelp() {
  const [open, setOpen] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '?' || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      event.preventDefault();
      setOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    if (open && dialog.current && !dialog.current.open) dialog.current.showModal();
  }, [open]);

  if (!open) return null;
  return (
    <dialog ref={dialog} className="keyboard-help" aria-labelledby="keyboard-help-title" onClose={() => setOpen(false)} onKeyDown={(event) => event.stopPropagation()}>
      <header className="keyboard-help-header">
        <h2 id="keyboard-help-title">Keyboard shortcuts</h2>
        <form method="dialog">
          <button type="submit" className="button button-quiet" autoFocus>
            Close
          </button>
        </form>
      </header>
      {shortcuts.map((group) => (
        <section key={group.title}>
          <h3>{group.title}</h3>
          <dl>
            {group.keys.map(([keys, what]) => (
              <div key={what}>
                <dt>
                  {keys.map((key, index) => (
                    <span key={key}>
                      {index > 0 ? ' or ' : null}
                      <kbd>{key}</kbd>
                    </span>
                  ))}
                </dt>
                <dd>{what}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </dialog>
  );
}
