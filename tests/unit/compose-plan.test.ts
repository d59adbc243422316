import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { mastodonScheduleMinimumMs, planDraft as planDraftOf, planTarget as planTargetOf, problemsOf, type TargetPlan } from '../../shared/compose/plan.ts';
import type { AccountSummary } from '../../shared/domain/account.ts';
import type { DraftMedia } from '../../shared/domain/draft.ts';
import { catalogues } from '../../shared/i18n/messages.ts';
import { say, translator, type Phrase } from '../../shared/i18n/translate.ts';
import { draftOf, mastodonLimits as limits } from '../support/drafts.ts';

// The plan's notes and problems are phrases of the catalogues: read here as the English catalogue
// words them (each must be a message id there).
const english = translator('en');
const inEnglish = (phrases: readonly Phrase[]) =>
  phrases.map((phrase) => {
    expect(catalogues.en).toHaveProperty([phrase.id]);
    return say(english, phrase);
  });
const targetInEnglish = (target: TargetPlan) => ({ ...target, problems: inEnglish(target.problems), notes: inEnglish(target.notes) });
const planTarget = (...args: Parameters<typeof planTargetOf>) => targetInEnglish(planTargetOf(...args));
function planDraft(...args: Parameters<typeof planDraftOf>) {
  const plan = planDraftOf(...args);
  return { ...plan, problems: inEnglish(plan.problems), targets: plan.targets.map(targetInEnglish) };
}

const now = Date.parse('2030-01-01T12:00:00.000Z');


function mastodon(overrides: Partial<AccountSummary> = {}): AccountSummary {
  return {
    id: 'mastodon:social.test:1',
    network: 'mastodon',
    server: 'social.test',
    handle: 'amy@social.test',
    displayName: 'Amy',
    avatarUrl: null,
    status: 'ok',
    postByDefault: true,
    limits: limits(),
    ...overrides,
  };
}

function bluesky(overrides: Partial<AccountSummary> = {}): AccountSummary {
  return {
    id: 'bluesky:did:plc:ann',
    network: 'bluesky',
    server: 'pds.test',
    handle: 'ann.test',
    displayName: 'Ann',
    avatarUrl: null,
    status: 'ok',
    postByDefault: true,
    limits: null,
    ...overrides,
  };
}

const image = (alt: string): DraftMedia => ({
  id: randomUUID(),
  mimeType: 'image/png',
  width: 800,
  height: 600,
  bytes: 12_345,
  thumbnail: 'data:image/jpeg;base64,AAAA',
  alt,
});

const url = 'https://example.com/a/rather/long/path/to/some/page?with=query';
const words = (count: number) => Array.from({ length: count }, (_, i) => `word${i}`).join(' ');
const marker = / (\d+)\/(\d+)$/;

describe('planTarget: how long, as each network counts', () => {
  it('counts a Mastodon link as the account’s characters_reserved_per_url, against its max_characters', () => {
    const account = mastodon({ limits: limits({ maxCharacters: 100, charactersReservedPerUrl: 10 }) });
    const plan = planTarget(draftOf(`${'a'.repeat(80)} ${url}`, [account.id]), account, now);
    expect(plan.fit).toEqual({ length: 80 + 1 + 10, limit: 100, over: false, unit: 'characters' });
    expect(plan.parts).toEqual([`${'a'.repeat(80)} ${url}`]);
    expect(plan.problems).toEqual([]);
  });

  it('counts the content warning with the text on Mastodon', () => {
    const account = mastodon({ limits: limits({ maxCharacters: 100, charactersReservedPerUrl: 10 }) });
    const fitting = planTarget(draftOf('a'.repeat(90), [account.id], { contentWarning: 'spoilers!' }), account, now);
    expect(fitting.fit).toMatchObject({ length: 99, over: false });
    const over = planTarget(draftOf('a'.repeat(90), [account.id], { contentWarning: 'spoilers!!!', allowThread: false }), account, now);
    expect(over.fit).toMatchObject({ length: 101, limit: 100, over: true });
    expect(over.problems).toEqual([expect.stringContaining('Too long: 101 of 100 characters')]);
  });

  it('uses Mastodon’s defaults (500 characters, 23 per link) when the server gave no limits', () => {
    const account = mastodon({ limits: null });
    const plan = planTarget(draftOf(`${'a'.repeat(476)} ${url}`, [account.id]), account, now);
    expect(plan.fit).toEqual({ length: 476 + 1 + 23, limit: 500, over: false, unit: 'characters' });
    const longer = planTarget(draftOf(`${'a'.repeat(477)} ${url}`, [account.id], { allowThread: false }), account, now);
    expect(longer.fit).toMatchObject({ length: 501, limit: 500, over: true });
  });

  it('counts Bluesky in graphemes, 300 at most, whatever the Mastodon limits say', () => {
    const plan = planTarget(draftOf('é'.repeat(300), ['b']), bluesky(), now);
    expect(plan.fit).toEqual({ length: 300, limit: 300, over: false, unit: 'graphemes' });
  });
});

describe('planTarget: a text too long for one post', () => {
  it('becomes a numbered thread whose every part fits, with a note, when threads are allowed', () => {
    const account = mastodon({ limits: limits({ maxCharacters: 100 }) });
    const text = words(60);
    const plan = planTarget(draftOf(text, [account.id]), account, now);
    expect(plan.problems).toEqual([]);
    expect(plan.parts.length).toBeGreaterThan(1);
    plan.parts.forEach((part, i) => {
      expect(part).toMatch(marker);
      expect(marker.exec(part)!.slice(1, 3)).toEqual([String(i + 1), String(plan.parts.length)]);
      expect([...part].length).toBeLessThanOrEqual(100);
    });
    expect(plan.parts[0]).toMatch(/^word0 word1 .* 1\/\d+$/);
    expect(plan.parts.map((part) => part.replace(marker, '')).join(' ')).toBe(text);
    expect(plan.notes).toEqual([expect.stringContaining(`it becomes a thread of ${plan.parts.length}`)]);
  });

  it('keeps the content warning inside every part’s count on Mastodon', () => {
    const account = mastodon({ limits: limits({ maxCharacters: 100 }) });
    const warning = 'x'.repeat(40);
    const plan = planTarget(draftOf(words(60), [account.id], { contentWarning: warning }), account, now);
    expect(plan.contentWarning).toBe(warning);
    for (const part of plan.parts) expect(warning.length + [...part].length).toBeLessThanOrEqual(100);
  });

  it('is a problem, not a thread, when threads are not allowed', () => {
    const plan = planTarget(draftOf(words(100), ['b'], { allowThread: false }), bluesky(), now);
    expect(plan.parts).toEqual([words(100)]);
    expect(plan.problems).toEqual([expect.stringMatching(/^Too long: \d+ of 300 graphemes\. .*allow a thread\.$/)]);
    expect(plan.notes).toEqual([]);
  });

  it('is a problem when a link longer than a whole post would have to be cut', () => {
    const longLink = `https://example.com/${'a'.repeat(400)}`;
    const plan = planTarget(draftOf(`Look at ${longLink} now`, ['b']), bluesky(), now);
    expect(plan.problems).toEqual([`“${longLink.slice(0, 60)}” is longer than one post, and links, mentions and tags are never cut.`]);
  });

  it('splits each network’s own way: the same text fits Mastodon and becomes a thread on Bluesky', () => {
    const text = words(50); // about 340 characters
    const plan = planDraft(draftOf(text, ['m', 'b']), [mastodon({ id: 'm' }), bluesky({ id: 'b' })], now);
    expect(plan.targets.map((target) => target.parts.length)).toEqual([1, 2]);
    expect(plan.sendable).toBe(true);
  });
});

describe('planTarget: what each network gets', () => {
  it('refuses a non-public draft for Bluesky, saying what it is', () => {
    const cases = { unlisted: 'unlisted (quiet public)', private: 'followers only', direct: 'mentioned people only' } as const;
    for (const [visibility, described] of Object.entries(cases)) {
      const plan = planTarget(draftOf('Hello', ['b'], { visibility: visibility as keyof typeof cases }), bluesky(), now);
      expect(plan.problems).toEqual([`Bluesky posts are always public, and this draft is ${described}: Braid will not post it to Bluesky.`]);
      expect(plan.visibility).toBeNull();
    }
    const mastodonPlan = planTarget(draftOf('Hello', ['m'], { visibility: 'direct' }), mastodon(), now);
    expect(mastodonPlan.problems).toEqual([]);
    expect(mastodonPlan.visibility).toBe('direct');
  });

  it('notes that a warning without labels shows unhidden on Bluesky', () => {
    const plan = planTarget(draftOf('Hello', ['b'], { contentWarning: 'spoilers' }), bluesky(), now);
    expect(plan.problems).toEqual([]);
    expect(plan.notes).toEqual(['Bluesky has no written warnings: without a label this post shows there unhidden.']);
    const labelled = planTarget(draftOf('Hello', ['b'], { contentWarning: 'spoilers', labels: ['graphic-media'] }), bluesky(), now);
    expect(labelled.notes).toEqual([]);
  });

  it('gives labels to Bluesky only and the content warning to Mastodon only', () => {
    const draft = draftOf('Hello', ['m', 'b'], { contentWarning: '  spoilers  ', labels: ['nudity'] });
    const [toMastodon, toBluesky] = planDraft(draft, [mastodon({ id: 'm' }), bluesky({ id: 'b' })], now).targets;
    expect(toMastodon).toMatchObject({ contentWarning: 'spoilers', labels: [] });
    expect(toBluesky).toMatchObject({ contentWarning: null, labels: ['nudity'] });
    expect(planTarget(draftOf('Hello', ['m']), mastodon(), now).contentWarning).toBeNull();
  });

  it('marks Mastodon images sensitive when there is a warning, or labels chosen for Bluesky', () => {
    const withImage = { media: [image('a photo')] };
    expect(planTarget(draftOf('Hello', ['m'], withImage), mastodon(), now).sensitive).toBe(false);
    expect(planTarget(draftOf('Hello', ['m'], { contentWarning: 'cw' }), mastodon(), now).sensitive).toBe(true);
    const labelled = planTarget(draftOf('Hello', ['m'], { ...withImage, labels: ['nudity'] }), mastodon(), now);
    expect(labelled).toMatchObject({ sensitive: true, contentWarning: null });
    expect(labelled.notes).toContain('The images are marked sensitive here, as the labels chosen for Bluesky say.');
    expect(planTarget(draftOf('Hello', ['m'], { labels: ['nudity'] }), mastodon(), now).sensitive).toBe(false); // no image to hide
    expect(planTarget(draftOf('Hello', ['b'], { ...withImage, contentWarning: 'cw' }), bluesky(), now).sensitive).toBe(false);
  });

  it('uses each network’s own variant when one is written', () => {
    const draft = draftOf('The shared text', ['m', 'b'], { variants: { bluesky: 'Short for Bluesky' } });
    const [toMastodon, toBluesky] = planDraft(draft, [mastodon({ id: 'm' }), bluesky({ id: 'b' })], now).targets;
    expect(toMastodon!.parts).toEqual(['The shared text']);
    expect(toBluesky!.parts).toEqual(['Short for Bluesky']);
  });

  it('has nothing to post without text or images, but an image alone is fine', () => {
    expect(planTarget(draftOf('   ', ['m']), mastodon(), now).problems).toEqual(['Nothing to post: write something or add an image.']);
    expect(planTarget(draftOf('', ['m'], { media: [image('A cat')] }), mastodon(), now).problems).toEqual([]);
    expect(planTarget(draftOf('', ['b'], { media: [image('A cat')] }), bluesky(), now).problems).toEqual([]);
  });

  it('notes the images without a description', () => {
    const plan = planTarget(draftOf('Pictures', ['m'], { media: [image('A cat'), image('  '), image('A dog')] }), mastodon(), now);
    expect(plan.problems).toEqual([]);
    expect(plan.notes).toEqual(['Image 2 has no description (alt text) for people who cannot see it.']);
  });

  it('refuses more images, or longer descriptions, than the Mastodon server allows', () => {
    const account = mastodon({ limits: limits({ maxMediaAttachments: 2, descriptionLimit: 10 }) });
    const plan = planTarget(draftOf('Pictures', ['m'], { media: [image('A cat'), image('A dog'), image('A very long description')] }), account, now);
    expect(plan.problems).toEqual(['social.test allows 2 images per post.', 'social.test allows image descriptions of 10 characters.']);
    const enough = planTarget(draftOf('Pictures', ['m'], { media: [image('A cat'), image('A dog'), image('A bird')] }), mastodon(), now);
    expect(enough.problems).toEqual([]);
  });

  it('answers the post of its own network in a reply, and refuses a reply it cannot make', () => {
    const mastodonKey = 'mastodon https://social.test/users/bob/statuses/1';
    const blueskyKey = 'bluesky at://did:plc:bob/app.bsky.feed.post/3kabc';
    const both = planDraft(draftOf('Yes!', ['m', 'b'], { replyTo: [mastodonKey, blueskyKey] }), [mastodon({ id: 'm' }), bluesky({ id: 'b' })], now);
    expect(both.targets.map((target) => target.replyTo)).toEqual([mastodonKey, blueskyKey]);
    expect(both.sendable).toBe(true);

    const onlyMastodon = planDraft(draftOf('Yes!', ['m', 'b'], { replyTo: [mastodonKey] }), [mastodon({ id: 'm' }), bluesky({ id: 'b' })], now);
    expect(onlyMastodon.targets[0]!.problems).toEqual([]);
    expect(onlyMastodon.targets[1]!.replyTo).toBeNull();
    expect(onlyMastodon.targets[1]!.problems).toEqual(["A Mastodon post can't be replied to from a Bluesky account."]);
    expect(onlyMastodon.sendable).toBe(false);
  });

  it('passes the language on', () => {
    expect(planTarget(draftOf('Olá', ['b'], { language: 'pt-BR' }), bluesky(), now).language).toBe('pt-BR');
  });
});

describe('planTarget: scheduling', () => {
  const at = (msFromNow: number) => new Date(now + msFromNow).toISOString();

  it('refuses a time that has passed', () => {
    const plan = planTarget(draftOf('Later', ['m'], { scheduledAt: at(-1000) }), mastodon(), now);
    expect(plan.schedule).toBeNull();
    expect(plan.problems).toEqual(['The scheduled time has passed: choose a later one, or post now.']);
  });

  it('lets a Mastodon server schedule a single post 6 minutes ahead or more', () => {
    const scheduledAt = at(mastodonScheduleMinimumMs);
    const plan = planTarget(draftOf('Later', ['m'], { scheduledAt }), mastodon(), now);
    expect(plan.schedule).toEqual({ at: scheduledAt, by: 'server' });
    expect(plan.notes).toEqual([]);
  });

  it('has Braid post it, and says Braid must be running, for a Mastodon post sooner than that', () => {
    const scheduledAt = at(mastodonScheduleMinimumMs - 1000);
    const plan = planTarget(draftOf('Later', ['m'], { scheduledAt }), mastodon(), now);
    expect(plan.schedule).toEqual({ at: scheduledAt, by: 'braid' });
    expect(plan.problems).toEqual([]);
    expect(plan.notes).toEqual([expect.stringMatching(/^Less than 6 minutes ahead.*Braid posts it itself, and must be running then\.$/)]);
  });

  it('has Braid post a Mastodon thread, the server schedules single posts only', () => {
    const scheduledAt = at(60 * 60_000);
    const plan = planTarget(draftOf(words(60), ['m'], { scheduledAt }), mastodon({ limits: limits({ maxCharacters: 100 }) }), now);
    expect(plan.parts.length).toBeGreaterThan(1);
    expect(plan.schedule).toEqual({ at: scheduledAt, by: 'braid' });
    expect(plan.notes).toContain('Mastodon schedules single posts only: Braid posts it itself, and must be running then.');
  });

  it('has Braid post to Bluesky, which cannot schedule', () => {
    const scheduledAt = at(24 * 60 * 60_000);
    const plan = planTarget(draftOf('Later', ['b'], { scheduledAt }), bluesky(), now);
    expect(plan.schedule).toEqual({ at: scheduledAt, by: 'braid' });
    expect(plan.notes).toEqual(['Bluesky cannot schedule posts: Braid posts it itself, and must be running then.']);
  });

  it('posts now when no time is set', () => {
    expect(planTarget(draftOf('Now', ['b']), bluesky(), now).schedule).toBeNull();
  });
});

describe('planDraft: the accounts', () => {
  it('refuses an account that must sign in again', () => {
    const account = mastodon({ status: 'auth_expired' });
    const plan = planDraft(draftOf('Hello', [account.id]), [account], now);
    expect(plan.targets[0]!.problems).toEqual(['amy@social.test needs to sign in again (Accounts).']);
    expect(plan.sendable).toBe(false);
    // An unreachable server may answer by then: it is no reason to refuse.
    expect(planDraft(draftOf('Hello', [account.id]), [mastodon({ status: 'unreachable' })], now).sendable).toBe(true);
  });

  it('refuses a draft for an account that has been removed, planning the others', () => {
    const plan = planDraft(draftOf('Hello', ['m', 'gone']), [mastodon({ id: 'm' })], now);
    expect(plan.problems).toEqual(['An account chosen for this draft has been removed.']);
    expect(plan.targets.map((target) => target.accountId)).toEqual(['m']);
    expect(plan.sendable).toBe(false);
  });

  it('refuses a draft with no account to post as', () => {
    const plan = planDraft(draftOf('Hello', []), [mastodon()], now);
    expect(plan.problems).toEqual(['Choose at least one account to post as.']);
    expect(plan.sendable).toBe(false);
  });

  it('is sendable when no target has a problem, notes notwithstanding', () => {
    const draft = draftOf('Hello', ['m', 'b'], { media: [image('')] });
    const plan = planDraft(draft, [mastodon({ id: 'm' }), bluesky({ id: 'b' })], now);
    expect(plan.targets.map((target) => [target.accountId, target.handle, target.network])).toEqual([
      ['m', 'amy@social.test', 'mastodon'],
      ['b', 'ann.test', 'bluesky'],
    ]);
    expect(plan.targets.every((target) => target.notes.length > 0)).toBe(true);
    expect(plan.sendable).toBe(true);
    expect(planDraft({ ...draft, visibility: 'private' }, [mastodon({ id: 'm' }), bluesky({ id: 'b' })], now).sendable).toBe(false);
  });
});

describe('quotes', () => {
  const onBluesky = { key: 'bluesky at://did:plc:kim/app.bsky.feed.post/3k', url: 'https://bsky.app/profile/kim.test/post/3k' };
  const onMastodon = { key: 'mastodon https://social.test/users/bob/statuses/9', url: 'https://social.test/@bob/9' };

  it('embeds the copy of its own network: always on Bluesky, on Mastodon where the server takes quotes', () => {
    const draft = { ...draftOf('my take', []), quote: [onBluesky, onMastodon] };
    expect(planTarget(draft, bluesky(), now)).toMatchObject({ quote: onBluesky.key, parts: ['my take'], notes: ['The quoted post is embedded.'] });
    expect(planTarget(draft, mastodon({ limits: { ...limits(), quotes: true } }), now)).toMatchObject({ quote: onMastodon.key, parts: ['my take'] });
  });

  it('adds the link where it cannot embed, counted with the text, and says why', () => {
    const older = planTarget({ ...draftOf('my take', []), quote: [onMastodon] }, mastodon(), now);
    expect(older).toMatchObject({ quote: null, parts: [`my take\n\n${onMastodon.url}`] });
    expect(older.notes).toContain('The quoted post is added as a link: social.test does not take quotes (Mastodon 4.5 and later do).');
    const across = planTarget({ ...draftOf('my take', []), quote: [onBluesky] }, mastodon({ limits: { ...limits(), quotes: true } }), now);
    expect(across).toMatchObject({ quote: null, parts: [`my take\n\n${onBluesky.url}`] });
    expect(across.notes).toContain('The quoted post is added as a link: a Bluesky post cannot be embedded in a Mastodon post.');
    // The link counts: 290 characters fit a 300-character limit alone, not with a link after them.
    const full = planTarget({ ...draftOf('x'.repeat(290), []), allowThread: false, quote: [onBluesky] }, mastodon({ limits: { ...limits(), maxCharacters: 300 } }), now);
    expect(full.problems.length).toBeGreaterThan(0);
  });

  it('cannot link a quoted post without an address', () => {
    expect(planTarget({ ...draftOf('my take', []), quote: [{ key: onBluesky.key, url: null }] }, mastodon(), now).problems).toContain('The quoted post has no web address to link to from here.');
  });
});

describe('the plan’s words', () => {
  it('are phrases of the catalogues, said in each language where shown', () => {
    const plan = planDraftOf(draftOf('Hello', ['m', 'b'], { visibility: 'private', contentWarning: 'cw' }), [mastodon({ id: 'm' }), bluesky({ id: 'b' })], now);
    expect(plan.targets[1]!.problems).toEqual([{ id: 'compose.plan.blueskyPublic', values: { visibility: 'private' } }]);
    expect(plan.targets[1]!.notes).toEqual([{ id: 'compose.plan.blueskyNoWarning' }]);
    expect(problemsOf(plan, english)).toEqual(['ann.test: Bluesky posts are always public, and this draft is followers only: Braid will not post it to Bluesky.']);
    expect(problemsOf(plan, translator('fr'))).toEqual([
      'ann.test\u00a0: Les publications Bluesky sont toujours publiques, et ce brouillon est réservé aux abonnés\u00a0: Braid ne le publiera pas sur Bluesky.',
    ]);
  });
});
