import { useEffect, useRef, useState } from 'react';
import { isTyping } from '../timeline/use-list-keys.ts';
import type { MessageId } from '../../../../shared/i18n/messages.ts';
import { useWords } from '../../i18n/use-words.ts';
import { onEvent } from '../../api.ts';

/** Every shortcut Braid has, by where it works: the one list `?` shows. Keys are the keyboard's own names. */
const shortcuts: { title: MessageId; keys: [string[], MessageId][] }[] = [
  {
    title: 'keys.group.lists',
    keys: [
      [['j', 'k'], 'keys.nextPrevious'],
      [['Enter', 'o'], 'keys.open'],
      [['l'], 'keys.like'],
      [['b'], 'keys.boost'],
      [['r'], 'keys.reply'],
      [['u'], 'keys.profile'],
      [['.', 'n'], 'keys.showNew'],
    ],
  },
  {
    title: 'keys.group.back',
    keys: [
      [['Esc'], 'keys.close.screen'],
      [['Alt+←', 'Backspace'], 'keys.back'],
      [['Alt+→'], 'keys.forward'],
    ],
  },
  {
    title: 'keys.group.viewer',
    keys: [
      [['←', '→'], 'keys.pictures'],
      [['Z'], 'keys.zoom'],
      [['Esc'], 'keys.closeViewer'],
    ],
  },
  { title: 'keys.group.writing', keys: [[['Ctrl+Enter'], 'keys.send']] },
  { title: 'keys.group.help', keys: [[['?'], 'keys.help']] },
];

/** `?` anywhere outside a text field (or the menu's Help) opens the list of shortcuts, in a modal dialog Esc closes. */
export function KeyboardHelp() {
  const [open, setOpen] = useState(false);
  const words = useWords();
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
  useEffect(() => onEvent('menu.command', (command) => command === 'keys.help' && setOpen(true)), []);

  useEffect(() => {
    if (open && dialog.current && !dialog.current.open) dialog.current.showModal();
  }, [open]);

  if (!open) return null;
  return (
    <dialog ref={dialog} className="keyboard-help" aria-labelledby="keyboard-help-title" onClose={() => setOpen(false)} onKeyDown={(event) => event.stopPropagation()}>
      <header className="keyboard-help-header">
        <h2 id="keyboard-help-title">{words('keys.title')}</h2>
        <form method="dialog">
          <button type="submit" className="button button-quiet" autoFocus>
            {words('keys.close')}
          </button>
        </form>
      </header>
      {shortcuts.map((group) => (
        <section key={group.title}>
          <h3>{words(group.title)}</h3>
          <dl>
            {group.keys.map(([keys, what]) => (
              <div key={what}>
                <dt>
                  {keys.map((key, index) => (
                    <span key={key}>
                      {index > 0 ? words('keys.or') : null}
                      <kbd>{key}</kbd>
                    </span>
                  ))}
                </dt>
                <dd>{words(what)}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </dialog>
  );
}
