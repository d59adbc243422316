import type { Author, Post } from '../../shared/domain/post.ts';

export const mastodonAuthor = (handle: string, id = `https://${handle.split('@')[1]}/users/${handle.split('@')[0]}`): Author => ({
  network: 'mastodon',
  id,
  handle,
  displayName: handle.split('@')[0]!,
  avatarUrl: null,
  profileUrl: id,
});

export const blueskyAuthor = (handle: string, did = `did:plc:${handle.replace(/\W/g, '')}`): Author => ({
  network: 'bluesky',
  id: did,
  handle,
  displayName: handle.split('.')[0]!,
  avatarUrl: null,
  profileUrl: `https://bsky.app/profile/${handle}`,
});

let counter = 0;

/** A post with sensible defaults; `at` is the time it was made (and its timeline position). */
export function makePost(input: {
  author: Author;
  at: string;
  text?: string;
  html?: string;
  seenBy?: string;
  uri?: string;
  nativeId?: string;
  boostedBy?: Author;
  sortAt?: string;
  likes?: number;
}): Post {
  counter += 1;
  const network = input.author.network;
  const uri = input.uri ?? (network === 'mastodon' ? `${input.author.id}/statuses/${counter}` : `at://${input.author.id}/app.bsky.feed.post/${counter}`);
  return {
    network,
    uri,
    url: null,
    author: input.author,
    content: input.html !== undefined ? { kind: 'html', html: input.html, emojis: [] } : { kind: 'facets', text: input.text ?? '', facets: [] },
    media: [],
    card: null,
    replyTo: null,
    contentWarning: null,
    labels: [],
    counts: { replies: 0, boosts: 0, likes: input.likes ?? 0 },
    language: null,
    createdAt: input.at,
    quote: null,
    boostedBy: input.boostedBy ?? null,
    sortAt: input.sortAt ?? input.at,
    seenBy: [{ accountId: input.seenBy ?? 'account-1', nativeId: input.nativeId ?? String(counter), cid: null, liked: false, boosted: false }],
  };
}
