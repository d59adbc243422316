/**
 * A realistic merged timeline made up in code, for benchmarks and screenshots of the real
 * renderer: varied lengths, Mastodon HTML and Bluesky facets, images, content warnings, boosts,
 * cross-posts and posts seen by two accounts. Deterministic (seeded).
 */
import type { TimelineView } from '../shared/contract.ts';
import type { AccountSummary } from '../shared/domain/account.ts';
import type { Author, Post } from '../shared/domain/post.ts';

export const benchAccounts: AccountSummary[] = [
  account('m1', 'mastodon', 'you@mastodon.one', 'You on mastodon.one'),
  account('m2', 'mastodon', 'you@mastodon.two', 'You on mastodon.two'),
  account('b1', 'bluesky', 'you.bsky.test', 'You on Bluesky'),
  account('b2', 'bluesky', 'work.bsky.test', 'Work on Bluesky'),
];

function account(id: string, network: 'mastodon' | 'bluesky', handle: string, displayName: string): AccountSummary {
  return {
    id,
    network,
    handle,
    displayName,
    avatarUrl: null,
    server: network === 'mastodon' ? `https://${handle.split('@')[1]}` : 'https://pds.bsky.test',
    status: 'ok',
    postByDefault: true,
    limits: null,
  };
}

function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export const words = 'the of and braid timeline morning coffee release notes federated protocol garden bicycle rain window music library river sunlight weekend project reading city train mountain photo community open source small web'.split(' ');
const names = ['Ada Quinn', 'Bao Tran', 'Chioma Obi', 'Dmitri Volkov', 'Elif Şahin', 'Farah Haddad', 'Gus Lindqvist', 'Hana Sato', 'Ines Duarte', 'Jon Ó Ceallaigh', '山田 花子', 'Kwame Mensah'];

export function syntheticTimeline(count: number, { seed = 7, now = Date.parse('2026-11-25T12:00:00Z'), imageUrl = null as string | null } = {}): TimelineView {
  const next = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const sentence = (length: number) => Array.from({ length }, () => pick(words)).join(' ');
  const authors: Author[] = names.flatMap((name, i) => {
    const slug = name.toLowerCase().replace(/[^a-z]/g, '') || `person${i}`;
    return [
      { network: 'mastodon', id: `https://mastodon.one/users/${slug}`, handle: `${slug}@mastodon.one`, displayName: name, avatarUrl: null, profileUrl: null },
      { network: 'bluesky', id: `did:plc:${slug}${i}`, handle: `${slug}.bsky.test`, displayName: name, avatarUrl: null, profileUrl: null },
    ] satisfies Author[];
  });

  const items: TimelineView['items'] = [];
  for (let i = 0; i < count; i++) {
    const at = new Date(now - i * 45_000).toISOString();
    const author = pick(authors);
    const text = `${sentence(4 + Math.floor(next() * 40))}.${next() < 0.3 ? `\n\n${sentence(10 + Math.floor(next() * 30))}.` : ''}`;
    const seen = author.network === 'mastodon' ? (next() < 0.2 ? ['m1', 'm2'] : [pick(['m1', 'm2'])]) : next() < 0.2 ? ['b1', 'b2'] : [pick(['b1', 'b2'])];
    const hasImage = next() < 0.18;
    const post: Post = {
      network: author.network,
      uri: author.network === 'mastodon' ? `${author.id}/statuses/${i}` : `at://${author.id}/app.bsky.feed.post/${i}`,
      url: `https://example.social/post/${i}`,
      author,
      content:
        author.network === 'mastodon'
          ? { kind: 'html', html: text.split('\n\n').map((p) => `<p>${p} <a href="https://example.org/${i}" rel="nofollow"><span class="invisible">https://</span>example.org/${i}</a></p>`).join(''), emojis: [] }
          : { kind: 'facets', text, facets: [] },
      media: hasImage && imageUrl ? [{ kind: 'image', url: imageUrl, previewUrl: imageUrl, alt: `Photo: ${sentence(5)}`, width: 1200, height: next() < 0.5 ? 800 : 1500 }] : [],
      card: null,
      replyTo: next() < 0.1 ? { handle: pick(authors).handle } : null,
      contentWarning: author.network === 'mastodon' && next() < 0.05 ? 'spoilers' : null,
      labels: [],
      counts: { replies: Math.floor(next() * 20), boosts: Math.floor(next() * 50), likes: Math.floor(next() * 300) },
      language: 'en',
      createdAt: at,
      quote: null,
      boostedBy: next() < 0.12 ? pick(authors.filter((a) => a.network === author.network)) : null,
      sortAt: at,
      seenBy: seen.map((accountId) => ({ accountId, nativeId: String(i), cid: null, liked: next() < 0.1, boosted: false })),
    };
    items.push({ posts: [post], sortAt: at });
  }
  return { version: 1, complete: true, items, accounts: benchAccounts.map((a) => ({ accountId: a.id, error: null, done: true })), gaps: [], hasMore: false };
}
