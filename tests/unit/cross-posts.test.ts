import { describe, expect, it } from 'vitest';
import { collapseCrossPosts, comparableText, isCrossPost, sameIdentity, type IdentityLinks } from '../../shared/timeline/cross-posts.ts';
import { blueskyAuthor, makePost, mastodonAuthor } from '../support/post-factory.ts';

const annMastodon = mastodonAuthor('ann@one.example');
const annBluesky = blueskyAuthor('ann.bsky.social');
const eve = blueskyAuthor('eve.bsky.social');
const links: IdentityLinks = new Map([[annMastodon.id, new Set([annBluesky.id])]]);
const noLinks: IdentityLinks = new Map();
const at = (hhmm: string) => `2026-11-25T${hhmm}:00.000Z`;

const onMastodon = (html: string, time = '10:00') => makePost({ author: annMastodon, at: at(time), html, seenBy: 'm' });
const onBluesky = (text: string, time = '10:01', author = annBluesky) => makePost({ author, at: at(time), text, seenBy: 'b' });

const announcement = 'Braid 1.0 is out: one timeline for Mastodon and Bluesky, and one composer for both.';

describe('the words of a post, for comparison', () => {
  it('sets aside markup, entities, links, mentions and thread markers', () => {
    expect(
      comparableText(
        makePost({
          author: annMastodon,
          at: at('10:00'),
          html: '<p>Hello &amp; welcome, <span class="h-card"><a href="https://x.example/@bob">@<span>bob</span></a></span>!</p><p>See <a href="https://example.com/a/very/long/path"><span class="invisible">https://</span>example.com/a/very/lo…</a> 1/2</p>',
        }),
      ),
    ).toBe('hello & welcome, ! see');
    expect(comparableText(onBluesky('Hello & welcome, @bob.bsky.social! See example.com/a/very/lo... (1/2)'))).toBe('hello & welcome, ! see');
  });

  it('sets aside the "RE: link" line a Mastodon quote starts with, as the other copy embeds the quote instead', () => {
    const quoting = onMastodon('<p class="quote-inline">RE: <a href="https://x.example/@bob/1">x.example/@bob/1</a></p><p>Reading this again</p>');
    expect(comparableText(quoting)).toBe(comparableText(onBluesky('Reading this again')));
    expect(comparableText(onMastodon('<p>RE: the meeting</p>'))).toBe('re: the meeting');
  });
});

describe('hostile character references', () => {
  it('are read as nothing instead of throwing', () => {
    expect(comparableText(makePost({ author: annMastodon, at: at('10:00'), html: '<p>a&#a;b&#x110000;c&#233;&#xE9;</p>' }))).toBe('abcéé');
  });
});

describe('cross-posts collapse, near misses do not', () => {
  it('collapses the same words by linked identities within minutes, links and mentions written differently', () => {
    const m = onMastodon(`<p>${announcement} <a href="https://braid.example/release">https://braid.example/release</a></p>`);
    const b = onBluesky(`${announcement} braid.example/release`);
    expect(isCrossPost(m, b, links)).toBe(true);
    const items = collapseCrossPosts([m, b], links);
    expect(items).toHaveLength(1);
    expect(items[0]!.posts.map((p) => p.network)).toEqual(['bluesky', 'mastodon']);
  });

  it('collapses a long Mastodon post with the first part of its Bluesky thread', () => {
    const long = `${announcement} It also works from the command line, for release announcements.`;
    expect(isCrossPost(onMastodon(`<p>${long}</p>`), onBluesky(`${announcement} 1/2`), links)).toBe(true);
  });

  it('recognises bridged accounts (Bridgy Fed) without any profile link', () => {
    const bridged = mastodonAuthor('ann.bsky.social@bsky.brid.gy');
    const m = makePost({ author: bridged, at: at('10:00'), html: `<p>${announcement}</p>` });
    expect(isCrossPost(m, onBluesky(announcement), noLinks)).toBe(true);
    expect(sameIdentity(mastodonAuthor('ann@one.example'), blueskyAuthor('ann.one.example.ap.brid.gy'), noLinks)).toBe(true);
  });

  it('does not collapse the same words from people who are not linked', () => {
    expect(isCrossPost(onMastodon(`<p>${announcement}</p>`), onBluesky(announcement, '10:01', eve), links)).toBe(false);
    expect(isCrossPost(onMastodon(`<p>${announcement}</p>`), onBluesky(announcement), noLinks)).toBe(false);
  });

  it('does not collapse different words from the same person', () => {
    expect(isCrossPost(onMastodon('<p>Braid 1.0 is out today!</p>'), onBluesky('Braid 1.1 is out today!'), links)).toBe(false);
  });

  it('does not collapse posts more than 10 minutes apart', () => {
    expect(isCrossPost(onMastodon(`<p>${announcement}</p>`, '10:00'), onBluesky(announcement, '10:11'), links)).toBe(false);
    expect(isCrossPost(onMastodon(`<p>${announcement}</p>`, '10:00'), onBluesky(announcement, '10:10'), links)).toBe(true);
  });

  it('does not collapse two posts of the same network, boosts, empty texts or a short prefix', () => {
    const m1 = onMastodon(`<p>${announcement}</p>`);
    const m2 = makePost({ author: mastodonAuthor('ann@two.example'), at: at('10:00'), html: `<p>${announcement}</p>` });
    expect(isCrossPost(m1, m2, new Map([[m1.author.id, new Set([m2.author.id])]]))).toBe(false);
    const boost = makePost({ author: annBluesky, at: at('10:01'), text: announcement, boostedBy: eve });
    expect(isCrossPost(m1, boost, links)).toBe(false);
    expect(isCrossPost(onMastodon('<p></p>'), onBluesky(''), links)).toBe(false);
    expect(isCrossPost(onMastodon(`<p>${announcement}</p>`), onBluesky('Braid 1.0'), links)).toBe(false);
  });

  it('pairs each post at most once and keeps the rest in time order', () => {
    const m = onMastodon(`<p>${announcement}</p>`, '10:00');
    const b1 = onBluesky(announcement, '10:01');
    const b2 = onBluesky(announcement, '10:02');
    const other = onBluesky('Something else entirely, about lunch.', '10:03');
    const items = collapseCrossPosts([m, b1, b2, other], links);
    expect(items.map((item) => item.posts.length)).toEqual([1, 2, 1]);
    expect(items.map((item) => item.sortAt.slice(11, 16))).toEqual(['10:03', '10:02', '10:01']);
  });
});
