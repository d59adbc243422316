import { describe, expect, it } from 'vitest';
import { planDraft } from '../../shared/compose/plan.ts';
import { groupPreviews, outcomeKey } from '../../shared/compose/preview-groups.ts';
import type { AccountSummary } from '../../shared/domain/account.ts';
import type { Draft } from '../../shared/domain/draft.ts';
import { draftOf, mastodonLimits as limits } from '../support/drafts.ts';

const now = Date.parse('2030-01-01T12:00:00.000Z');


const mastodon = (user: string, server = 'social.test', overrides: Partial<AccountSummary> = {}): AccountSummary => ({
  id: `mastodon:${server}:${user}`,
  network: 'mastodon',
  server,
  handle: `${user}@${server}`,
  displayName: user,
  avatarUrl: null,
  status: 'ok',
  postByDefault: true,
  limits: limits(),
  ...overrides,
});

const bluesky = (user: string): AccountSummary => ({
  id: `bluesky:did:plc:${user}`,
  network: 'bluesky',
  server: 'pds.test',
  handle: `${user}.test`,
  displayName: user,
  avatarUrl: null,
  status: 'ok',
  postByDefault: true,
  limits: null,
});

const amy = mastodon('amy');
const cat = mastodon('cat');
const bob = mastodon('bob', 'other.test');
const ann = bluesky('ann');
const ben = bluesky('ben');

/** The groups of a draft for these accounts, as lists of handles. */
function cards(draft: (targets: string[]) => Draft, accounts: AccountSummary[]): string[][] {
  const plan = planDraft(
    draft(accounts.map((account) => account.id)),
    accounts,
    now,
  );
  return groupPreviews(plan.targets).map((group) => group.targets.map((target) => target.handle));
}

const long = Array.from({ length: 8 }, (_, i) => `Paragraph ${i + 1} says a little more about the harbour at dusk.`).join('\n\n'); // ~450 characters

describe('groupPreviews: one preview card per distinct outcome', () => {
  it('two Mastodon accounts on the same server share one card naming both, in the order chosen', () => {
    const plan = planDraft(draftOf('Hello from both of us.', [amy.id, cat.id]), [amy, cat], now);
    const groups = groupPreviews(plan.targets);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.targets.map((target) => target.accountId)).toEqual([amy.id, cat.id]);
    expect(groups[0]!.plan).toBe(plan.targets[0]);
  });

  it('accounts on different servers with the same rules get one card; different rules keep cards apart', () => {
    expect(cards((targets) => draftOf(long, targets), [amy, bob])).toEqual([['amy@social.test', 'bob@other.test']]);
    const small = mastodon('dan', 'small.test', { limits: limits({ maxCharacters: 300 }) });
    expect(cards((targets) => draftOf(long, targets), [amy, small, cat])).toEqual([['amy@social.test', 'cat@social.test'], ['dan@small.test']]);
  });

  it('Mastodon and Bluesky never share a card; two Bluesky accounts with the same thread do', () => {
    expect(cards((targets) => draftOf(long, targets), [amy, ann, cat, ben])).toEqual([
      ['amy@social.test', 'cat@social.test'],
      ['ann.test', 'ben.test'],
    ]);
  });

  it('a different problem (one account must sign in again) keeps that account on its own card', () => {
    const expired = mastodon('eve', 'social.test', { status: 'auth_expired' });
    expect(cards((targets) => draftOf('Hello', targets), [amy, expired, cat])).toEqual([['amy@social.test', 'cat@social.test'], ['eve@social.test']]);
  });

  it('a different limit that changes only the counter keeps cards apart', () => {
    const roomy = mastodon('fay', 'roomy.test', { limits: limits({ maxCharacters: 5000 }) });
    expect(cards((targets) => draftOf('Short.', targets), [amy, roomy])).toEqual([['amy@social.test'], ['fay@roomy.test']]);
  });

  it('no targets, no cards; a single target, one card', () => {
    expect(groupPreviews([])).toEqual([]);
    expect(cards((targets) => draftOf('Hi', targets), [ann])).toEqual([['ann.test']]);
  });

  it('the outcome key ignores who posts and the order of fields, and nothing else', () => {
    const [first, second] = planDraft(draftOf('Same words', [amy.id, cat.id]), [amy, cat], now).targets;
    expect(outcomeKey(first!)).toBe(outcomeKey(second!));
    const reordered = Object.fromEntries(Object.entries(first!).reverse()) as typeof first;
    expect(outcomeKey(reordered!)).toBe(outcomeKey(first!));
    expect(outcomeKey({ ...first!, notes: [{ id: 'compose.plan.quoteEmbedded' }] })).not.toBe(outcomeKey(first!));
    expect(outcomeKey({ ...first!, fit: { ...first!.fit, limit: first!.fit.limit + 1 } })).not.toBe(outcomeKey(first!));
    expect(outcomeKey({ ...first!, schedule: { at: '2030-01-01T13:00:00.000Z', by: 'server' } })).not.toBe(outcomeKey(first!));
  });
});
