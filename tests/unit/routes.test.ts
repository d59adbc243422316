import { describe, expect, it } from 'vitest';
import { conversationOn, pathOf, screenAt, type Screen } from '../../renderer/src/state/routes.ts';

describe('screen addresses', () => {
  const screens: Screen[] = [
    { name: 'home' },
    { name: 'home', conversation: ['mastodon https://social.example/@ana/1'] },
    { name: 'home', conversation: ['bluesky at://did:plc:abc/app.bsky.feed.post/3k', 'mastodon https://a.example/users/x/statuses/9?y=1#z'] },
    { name: 'compose' },
    { name: 'inbox' },
    { name: 'accounts' },
    { name: 'add-account', network: 'bluesky' },
    { name: 'add-account', network: 'mastodon', prefill: 'social.example/path' },
    { name: 'person', accountId: 'mastodon:social.example:1', who: 'https://other.example/users/tom' },
    { name: 'person', accountId: 'bluesky:did:plc:abc', who: 'did:plc:xyz' },
  ];

  it.each(screens)('gives %j back from its address', (screen) => {
    expect(screenAt(pathOf(screen))).toEqual(screen);
  });

  it('keeps a key with slashes, spaces, # and ? in one part of the address', () => {
    const path = pathOf({ name: 'home', conversation: ['mastodon https://a.example/x?y#z'] });
    expect(path).toBe('/conversation/mastodon%20https%3A%2F%2Fa.example%2Fx%3Fy%23z');
  });

  it.each(['', '/', '/nowhere', '/compose/extra', '/inbox/extra', '/accounts/add/Not A Network', '/conversation', '/conversation/%E0%A4%A', '/accounts/add/mastodon/a/b'])(
    'shows home for an address it does not know: %j',
    (path) => {
      expect(screenAt(path)).toEqual({ name: 'home' });
    },
  );

  it('says which conversation is open', () => {
    expect(conversationOn(screenAt('/conversation/a/b'))).toEqual(['a', 'b']);
    expect(conversationOn({ name: 'compose' })).toBeUndefined();
  });
});
