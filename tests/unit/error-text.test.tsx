// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { IntlProvider } from 'react-intl';
import { afterEach, describe, expect, it } from 'vitest';
import { BraidError } from '../../renderer/src/api.ts';
import { ErrorPanel } from '../../renderer/src/components/ErrorPanel.tsx';
import { catalogues } from '../../shared/i18n/messages.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const containers: HTMLElement[] = [];
afterEach(() => {
  for (const container of containers.splice(0)) container.remove();
});

function panelIn(locale: 'en' | 'fr', error: Error) {
  const container = document.createElement('div');
  document.body.append(container);
  containers.push(container);
  act(() =>
    createRoot(container).render(
      <IntlProvider locale={locale} messages={catalogues[locale]} onError={(failure) => { throw failure; }}>
        <ErrorPanel title="—" error={error} />
      </IntlProvider>,
    ),
  );
  return container.querySelector('p')!.textContent;
}

const fromCore = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('a failure from the core, in the user’s language', () => {
  it('in English: the core’s own sentence, as it is', () => {
    expect(panelIn('en', fromCore('network', 'social.example did not answer the timeline in time.'))).toBe('social.example did not answer the timeline in time.');
  });

  it('in French: what kind of failure in French first, and the English words kept after it', () => {
    expect(panelIn('fr', fromCore('network', 'social.example did not answer the timeline in time.'))).toBe(
      'Le serveur est injoignable. (en anglais\u00a0: social.example did not answer the timeline in time.)',
    );
    expect(panelIn('fr', fromCore('auth_expired', 'The session ended: sign in again.'))).toMatch(/^Le serveur n’accepte plus la connexion/);
  });

  it('a phrase from the core: the whole sentence in French, its fragment too', () => {
    const error = new BraidError({
      code: 'network',
      message: 'social.example did not answer the home timeline in time.',
      phrase: { id: 'error.timedOut', values: { host: 'social.example', what: { id: 'error.what.homeTimeline' }, tried: 'none' } },
    });
    expect(panelIn('fr', error)).toBe('social.example n’a pas répondu à temps pour le fil d’accueil.');
    expect(panelIn('en', error)).toBe('social.example did not answer the home timeline in time.');
  });

  it('a phrase the window does not know (a newer core): the English message after a French lead, as before', () => {
    const error = new BraidError({ code: 'network', message: 'social.example is away.', phrase: { id: 'error.fromTheFuture', values: { host: 'social.example' } } });
    expect(panelIn('fr', error)).toBe('Le serveur est injoignable. (en anglais\u00a0: social.example is away.)');
  });

  it('an error that is not the core’s (no code) is shown as it is', () => {
    expect(panelIn('fr', new Error('déjà en français'))).toBe('déjà en français');
  });
});
