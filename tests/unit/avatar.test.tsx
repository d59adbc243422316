import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { AccountSummary } from '../../shared/domain/account.ts';
import { Avatar } from '../../renderer/src/components/Avatar.tsx';

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
});
