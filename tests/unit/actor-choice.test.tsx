// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountSummary } from '../../shared/domain/account.ts';
import { ActorChoice } from '../../renderer/src/features/timeline/ActorChoice.tsx';
import { InEnglish } from './in-english.tsx';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const account = (handle: string): AccountSummary => ({
  id: `mastodon:social.example:${handle}`,
  network: 'mastodon',
  server: 'social.example',
  handle: `${handle}@social.example`,
  displayName: handle,
  avatarUrl: null,
  status: 'ok',
  postByDefault: true,
  limits: null,
});
const amy = account('amy');
const bob = account('bob');

const containers: HTMLElement[] = [];
afterEach(() => {
  for (const container of containers.splice(0)) container.remove();
});

describe('choosing the account that acts on a post', () => {
  it('is a light button naming the account, which becomes the focused list of accounts when clicked; a choice is passed on', () => {
    const container = document.createElement('div');
    document.body.append(container);
    containers.push(container);
    const chosen: string[] = [];
    act(() => createRoot(container).render(<InEnglish><ActorChoice accounts={[amy, bob]} actor={amy} onChoose={(id) => chosen.push(id)} /></InEnglish>));
    expect(container.querySelector('select')).toBeNull();
    const button = container.querySelector('button')!;
    expect(button.textContent).toBe('as @amy@social.example');
    expect(button.getAttribute('aria-label')).toBe('Act as @amy@social.example: change');

    act(() => button.click());
    const select = container.querySelector('select')!;
    expect(document.activeElement).toBe(select);
    expect([...select.options].map((option) => option.textContent)).toEqual(['as @amy@social.example', 'as @bob@social.example']);
    expect(select.value).toBe(amy.id);
    act(() => {
      select.value = bob.id;
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(chosen).toEqual([bob.id]);
  });
});
