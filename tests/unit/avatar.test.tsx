// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { AccountSummary } from '../../shared/domain/account.ts';
import { Avatar } from '../../renderer/src/components/Avatar.tsx';
import { AuthorAvatar } from '../../renderer/src/features/timeline/AuthorLine.tsx';

const account = (id: string, network: string, displayName: string): AccountSummary => ({
  id, network, server: 's', handle: `${displayName}@s`, displayName, avatarUrl: null, status: 'ok', postByDefault: true, limits: null,
});

describe('accounts in the rail', () => {
  it('are told apart at a glance: a colour of their own and their network marked, even with one name', () => {
    const demo = [
      account('mastodon:mastodon.one:1', 'mastodon', 'You'),
      account('mastodon:mastodon.two:1', 'mastodon', 'You'),
      account('bluesky:did:plc:aaaaaaaaaaaaaaaaaaaaaaaa', 'bluesky', 'You'),
      account('bluesky:did:plc:aaaaaaaaaaaaaaaaaaaaaaab', 'bluesky', 'You'),
    ];
    const drawn = demo.map((a) => renderToStaticMarkup(<Avatar account={a} mark />));
    const hues = drawn.map((markup) => Number(/--hue:(\d+)/.exec(markup)?.[1]));
    for (const [i, hue] of hues.entries()) for (const other of hues.slice(i + 1)) expect(Math.min(Math.abs(hue - other), 360 - Math.abs(hue - other))).toBeGreaterThanOrEqual(20);
    expect(drawn.map((markup) => /class="avatar-mark"[^>]*>(\w)</.exec(markup)?.[1])).toEqual(['M', 'M', 'B', 'B']);
  });

  it('show the initial when their picture does not load (a server without its placeholder, a picture gone)', async () => {
    Object.assign(globalThis, { IS_REACT_ACT_ENVIRONMENT: true });
    const container = document.createElement('div');
    const root = createRoot(container);
    const author = { network: 'mastodon', id: 'x', handle: 'ann@social.example', displayName: 'Ann', avatarUrl: 'https://social.example/avatars/original/missing.png', profileUrl: null };
    await act(async () => root.render(<><Avatar account={{ ...account('mastodon:s:1', 'mastodon', 'Bea'), avatarUrl: 'https://social.example/a.png' }} /><AuthorAvatar author={author} /></>));
    expect([...container.querySelectorAll('img')].map((img) => img.getAttribute('src'))).toEqual(['https://social.example/a.png', 'https://social.example/avatars/original/missing.png']);
    await act(async () => {
      for (const img of container.querySelectorAll('img')) img.dispatchEvent(new Event('error'));
    });
    expect(container.querySelectorAll('img')).toHaveLength(0);
    expect([...container.querySelectorAll('.avatar')].map((avatar) => avatar.textContent)).toEqual(['B', 'A']);
    await act(async () => root.unmount());
  });
});
