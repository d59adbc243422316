import { describe, expect, it } from 'vitest';
import { postSchema } from '../../shared/domain/post.ts';
import { postFromStatus } from '../../electron/core/networks/mastodon/post-mapping.ts';

/** A status as masto hands it over (camelCase), shaped like Mastodon's documented Status entity. */
const original = {
  id: '109999',
  uri: 'https://other.example/users/zoe/statuses/555',
  url: 'https://other.example/@zoe/555',
  createdAt: '2026-11-25T09:30:00.000Z',
  account: { id: '77', username: 'zoe', acct: 'zoe@other.example', url: 'https://other.example/@zoe', uri: 'https://other.example/users/zoe', displayName: 'Zoë :blobcat:', avatar: 'https://other.example/a.png' },
  content: '<p>Look :blobcat: <a href="https://example.com/x">example.com/x</a></p>',
  spoilerText: 'eye contact',
  sensitive: true,
  mediaAttachments: [
    { id: '1', type: 'image', url: 'https://files.example/1.jpg', previewUrl: 'https://files.example/1s.jpg', description: 'A cat', meta: { original: { width: 1200, height: 900 } } },
    { id: '2', type: 'image', url: null, previewUrl: null, description: null, meta: null },
  ],
  card: { url: 'https://example.com/x', title: 'X', description: 'About x', image: null },
  emojis: [{ shortcode: 'blobcat', url: 'https://other.example/e/blobcat.png', staticUrl: 'https://other.example/e/blobcat.png' }],
  inReplyToId: null,
  inReplyToAccountId: null,
  mentions: [],
  repliesCount: 2,
  reblogsCount: 5,
  favouritesCount: 9,
  favourited: true,
  reblogged: false,
  language: 'en',
  visibility: 'public',
};

const boost = {
  ...original,
  id: '110000',
  uri: 'https://home.example/users/amy/statuses/110000/activity',
  createdAt: '2026-11-25T10:00:00.000Z',
  account: { id: '1', username: 'amy', acct: 'amy', url: 'https://home.example/@amy', displayName: 'Amy', avatar: null },
  content: '',
  reblog: original,
};

describe('Mastodon statuses as posts', () => {
  it('maps a boost of a remote status: the original, who boosted it, at the boost’s time', () => {
    const post = postFromStatus(boost, 'mastodon:home.example:1', 'home.example');
    expect(postSchema.safeParse(post).success).toBe(true);
    expect(post).toMatchObject({
      network: 'mastodon',
      uri: 'https://other.example/users/zoe/statuses/555',
      url: 'https://other.example/@zoe/555',
      author: { id: 'https://other.example/users/zoe', handle: 'zoe@other.example', displayName: 'Zoë :blobcat:' },
      boostedBy: { handle: 'amy@home.example', displayName: 'Amy' },
      createdAt: '2026-11-25T09:30:00.000Z',
      sortAt: '2026-11-25T10:00:00.000Z',
      contentWarning: 'eye contact',
      labels: ['sensitive'],
      counts: { replies: 2, boosts: 5, likes: 9 },
      language: 'en',
      card: { url: 'https://example.com/x', title: 'X', description: 'About x', imageUrl: null },
    });
    expect(post.content).toEqual({ kind: 'html', html: original.content, emojis: [{ shortcode: 'blobcat', url: 'https://other.example/e/blobcat.png' }] });
    // the media still processing (no url) is left out; the other keeps its size and alt text
    expect(post.media).toEqual([{ kind: 'image', url: 'https://files.example/1.jpg', previewUrl: 'https://files.example/1s.jpg', alt: 'A cat', width: 1200, height: 900 }]);
    // actions act on the original's id on this account's server
    expect(post.seenBy).toEqual([{ accountId: 'mastodon:home.example:1', nativeId: '109999', cid: null, liked: true, boosted: false }]);
  });

  it('names local accounts with their server, and says whom a reply answers', () => {
    const reply = {
      ...original,
      account: { id: '1', username: 'amy', acct: 'amy', url: 'https://home.example/@amy', displayName: '', avatar: null },
      inReplyToId: '5',
      inReplyToAccountId: '77',
      mentions: [{ id: '77', acct: 'zoe@other.example', username: 'zoe', url: 'https://other.example/@zoe' }],
      spoilerText: '',
      sensitive: false,
    };
    const post = postFromStatus(reply, 'a', 'home.example');
    expect(post.author.handle).toBe('amy@home.example');
    expect(post.replyTo).toEqual({ handle: 'zoe@other.example' });
    expect(post.contentWarning).toBeNull();
    expect(post.labels).toEqual([]);
  });

  it('refuses an entry that is not a status', () => {
    expect(() => postFromStatus({ id: '1', content: '<p>hi</p>' }, 'a', 'home.example')).toThrow();
    expect(() => postFromStatus('<html>', 'a', 'home.example')).toThrow();
  });

  it('shows an accepted quote as the quoted post, and every other state as why it is not shown', () => {
    const quoting = (quote: unknown) => postFromStatus({ ...original, spoilerText: '', quote }, 'a', 'home.example');
    expect(quoting({ state: 'accepted', quotedStatus: { ...original, id: '42', uri: 'https://other.example/users/zoe/statuses/42' } }).quote).toMatchObject({
      network: 'mastodon',
      uri: 'https://other.example/users/zoe/statuses/42',
      author: { handle: 'zoe@other.example' },
    });
    expect(quoting({ state: 'pending', quotedStatus: null }).quote).toEqual({ unavailable: 'pending', uri: null });
    expect(quoting({ state: 'blocked_domain', quotedStatus: null }).quote).toEqual({ unavailable: 'blocked', uri: null });
    // a state added after this was written reads as unauthorized, as Mastodon's documentation asks
    expect(quoting({ state: 'frozen', quotedStatus: null }).quote).toEqual({ unavailable: 'unauthorized', uri: null });
    // a quoted status Braid cannot read leaves the quote out, not the post
    const post = quoting({ state: 'accepted', quotedStatus: { id: 1 } });
    expect(post.quote).toBeNull();
    expect(postSchema.safeParse(post).success).toBe(true);
  });
});
