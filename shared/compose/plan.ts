/**
 * What each target account will get from a draft: its text (or numbered thread), warning or
 * labels, visibility, images and time, and every reason it cannot be sent there. The composer
 * shows this before Send; the outbox sends exactly this. (No zod: the renderer uses it.)
 */
import type { AccountSummary, Network } from '../domain/account.ts';
import type { Draft, SelfLabel, Visibility } from '../domain/draft.ts';
import { defaultCharactersReservedPerUrl, fits, fitsIn, type ComposeTarget, type Fit } from './count.ts';
import { splitForThread } from './split.ts';

export const mastodonDefaults = { maxCharacters: 500, maxMediaAttachments: 4, descriptionLimit: 1500 } as const;
/** Mastodon refuses scheduled_at less than 5 minutes ahead; a margin covers the time to send. */
export const mastodonScheduleMinimumMs = 6 * 60_000;
const blueskyMaxImages = 4;

export interface TargetPlan {
  accountId: string;
  network: Network;
  handle: string;
  /** Each post of the thread, in order; one part when the text fits. */
  parts: string[];
  /** The whole text as one post, for the counter. */
  fit: Fit;
  /** Mastodon's spoiler_text (on every part); null elsewhere or when empty. */
  contentWarning: string | null;
  /** Bluesky's self-labels (on every part). */
  labels: SelfLabel[];
  /** Mastodon: the images are hidden until clicked (a warning, or labels chosen for Bluesky). */
  sensitive: boolean;
  /** Mastodon only. */
  visibility: Visibility | null;
  language: string | null;
  /** The timeline post this answers on this network (its postKey), if a reply. */
  replyTo: string | null;
  /** The post quoted as an embed on this network (its postKey); a quote that can only be a link is in the text instead. */
  quote: string | null;
  /** How it is posted later: by the server (Mastodon scheduled_at) or by Braid itself. */
  schedule: { at: string; by: 'server' | 'braid' } | null;
  /** Why it cannot be sent to this account. Send is refused while any target has one. */
  problems: string[];
  /** What the user should know before sending. */
  notes: string[];
}

export interface DraftPlan {
  targets: TargetPlan[];
  /** Problems of the draft itself (nothing to post, no target). */
  problems: string[];
  sendable: boolean;
}

const visibilityWords: Record<Visibility, string> = {
  public: 'public',
  unlisted: 'unlisted (quiet public)',
  private: 'followers only',
  direct: 'mentioned people only',
};

function composeTarget(account: AccountSummary): ComposeTarget {
  if (account.network === 'bluesky') return { network: 'bluesky' };
  return {
    network: 'mastodon',
    maxCharacters: account.limits?.maxCharacters ?? mastodonDefaults.maxCharacters,
    charactersReservedPerUrl: account.limits?.charactersReservedPerUrl ?? defaultCharactersReservedPerUrl,
    countsInFull: account.limits?.countsInFull ?? false,
  };
}

const splitFailure = {
  token_too_long: (token: string) => `“${token.slice(0, 60)}” is longer than one post, and links, mentions and tags are never cut.`,
  no_room: () => 'Not even one word fits in a post with this warning.',
  unstable: () => 'Braid could not cut this text into a thread.',
} as const;

function textParts(text: string, target: ComposeTarget, contentWarning: string, allowThread: boolean, problems: string[], notes: string[]): { parts: string[]; fit: Fit } {
  const options = target.network === 'mastodon' ? { contentWarning } : {};
  const fit = fits(target, text.trim(), options);
  if (!fit.over) return { parts: [text.trim()], fit };
  if (!allowThread) {
    problems.push(`Too long: ${fit.length} of ${fit.limit} ${fit.unit}. Shorten it, write a version for this network, or allow a thread.`);
    return { parts: [text.trim()], fit };
  }
  const split = splitForThread(text, fitsIn(target, options));
  if (!split.ok) {
    problems.push(split.reason === 'token_too_long' ? splitFailure.token_too_long(split.token) : splitFailure[split.reason]());
    return { parts: [text.trim()], fit };
  }
  notes.push(`Too long for one post (${fit.length} of ${fit.limit} ${fit.unit}): it becomes a thread of ${split.parts.length}.`);
  return { parts: split.parts, fit };
}

function schedule(draft: Draft, network: Network, parts: number, now: number, problems: string[], notes: string[]): TargetPlan['schedule'] {
  if (!draft.scheduledAt) return null;
  const at = Date.parse(draft.scheduledAt);
  if (at <= now) {
    problems.push('The scheduled time has passed: choose a later one, or post now.');
    return null;
  }
  if (network === 'mastodon' && parts === 1 && at - now >= mastodonScheduleMinimumMs) return { at: draft.scheduledAt, by: 'server' };
  notes.push(
    network === 'mastodon' && parts === 1
      ? 'Less than 6 minutes ahead for the server to schedule it: Braid posts it itself, and must be running then.'
      : `${network === 'bluesky' ? 'Bluesky cannot schedule posts' : 'Mastodon schedules single posts only'}: Braid posts it itself, and must be running then.`,
  );
  return { at: draft.scheduledAt, by: 'braid' };
}

const networkOfKey = (key: string): string => key.slice(0, key.indexOf(' '));
const networkNames: Record<string, string> = { mastodon: 'Mastodon', bluesky: 'Bluesky' };

/**
 * How this target quotes: as an embed where its network can (Bluesky always; Mastodon where the
 * server says it takes quotes), else as the quoted post's link at the end of the text.
 */
function quoteFor(draft: Draft, account: AccountSummary, problems: string[], notes: string[]): { embed: string | null; link: string | null } {
  const quoted = draft.quote ?? [];
  const { network } = account;
  if (quoted.length === 0) return { embed: null, link: null };
  const own = quoted.find((entry) => networkOfKey(entry.key) === network);
  if (own && (network === 'bluesky' || account.limits?.quotes)) {
    notes.push('The quoted post is embedded.');
    return { embed: own.key, link: null };
  }
  const linked = own ?? quoted[0]!;
  if (!linked.url) {
    problems.push('The quoted post has no web address to link to from here.');
    return { embed: null, link: null };
  }
  notes.push(
    own
      ? `The quoted post is added as a link: ${account.server} does not take quotes (Mastodon 4.5 and later do).`
      : `The quoted post is added as a link: a ${networkNames[networkOfKey(linked.key)] ?? 'post of another network'} post cannot be embedded in a ${networkNames[network]} post.`,
  );
  return { embed: null, link: linked.url };
}

export function planTarget(draft: Draft, account: AccountSummary, now = Date.now()): TargetPlan {
  const problems: string[] = [];
  const notes: string[] = [];
  const { network } = account;
  const quote = quoteFor(draft, account, problems, notes);
  const written = draft.variants[network] ?? draft.text;
  const text = quote.link ? `${written.trimEnd()}\n\n${quote.link}` : written;
  const contentWarning = draft.contentWarning.trim();
  const target = composeTarget(account);
  const { parts, fit } = textParts(text, target, network === 'mastodon' ? contentWarning : '', draft.allowThread, problems, notes);

  if (!written.trim() && draft.media.length === 0) problems.push('Nothing to post: write something or add an image.');
  if (account.status === 'auth_expired') problems.push(`${account.handle} needs to sign in again (Accounts).`);

  const replyTo = draft.replyTo.find((key) => networkOfKey(key) === network) ?? null;
  if (draft.replyTo.length > 0 && !replyTo) {
    const answered = draft.replyTo.map((key) => networkNames[networkOfKey(key)] ?? 'other').join(' or ');
    problems.push(`A ${answered} post can't be replied to from a ${networkNames[network]} account.`);
  }

  const missingAlt = draft.media.flatMap((media, i) => (media.alt.trim() ? [] : [i + 1]));
  if (missingAlt.length) notes.push(`Image ${missingAlt.join(', ')} has no description (alt text) for people who cannot see it.`);

  if (network === 'mastodon') {
    const maxMedia = account.limits?.maxMediaAttachments ?? mastodonDefaults.maxMediaAttachments;
    const maxAlt = account.limits?.descriptionLimit ?? mastodonDefaults.descriptionLimit;
    if (draft.media.length > maxMedia) problems.push(`${account.server} allows ${maxMedia} images per post.`);
    if (draft.media.some((media) => media.alt.length > maxAlt)) problems.push(`${account.server} allows image descriptions of ${maxAlt} characters.`);
    if (!contentWarning && draft.labels.length > 0 && draft.media.length > 0) notes.push('The images are marked sensitive here, as the labels chosen for Bluesky say.');
  } else {
    if (draft.visibility !== 'public') {
      problems.push(`Bluesky posts are always public, and this draft is ${visibilityWords[draft.visibility]}: Braid will not post it to Bluesky.`);
    }
    if (draft.media.length > blueskyMaxImages) problems.push(`Bluesky allows ${blueskyMaxImages} images per post.`);
    if (contentWarning && draft.labels.length === 0) {
      notes.push('Bluesky has no written warnings: without a label this post shows there unhidden.');
    }
  }

  return {
    accountId: account.id,
    network,
    handle: account.handle,
    parts,
    fit,
    contentWarning: network === 'mastodon' && contentWarning ? contentWarning : null,
    labels: network === 'bluesky' ? [...draft.labels] : [],
    sensitive: network === 'mastodon' && (Boolean(contentWarning) || (draft.labels.length > 0 && draft.media.length > 0)),
    visibility: network === 'mastodon' ? draft.visibility : null,
    language: draft.language,
    replyTo,
    quote: quote.embed,
    schedule: schedule(draft, network, parts.length, now, problems, notes),
    problems,
    notes,
  };
}

/** How a post its server refused as too long is sent again: as a numbered thread, or cut to fit with "…". */
export type RefusalFix = 'thread' | 'cut';

/**
 * The plan for a target whose server refused the post as too long although Braid counted it as
 * fitting: the server counts as written (links and mentions in full), so this one is counted that
 * way, and the text becomes a thread or is cut at a word (never inside a link) to fit with "…".
 * A schedule that has passed is dropped: the post goes now.
 */
export function planRefusedTarget(draft: Draft, account: AccountSummary, fix: RefusalFix, now = Date.now()): TargetPlan {
  const counted: AccountSummary = account.limits ? { ...account, limits: { ...account.limits, countsInFull: true } } : account;
  const scheduledAt = draft.scheduledAt && Date.parse(draft.scheduledAt) > now ? draft.scheduledAt : null;
  const text = draft.variants[account.network] ?? draft.text;
  const fitting = (candidate: string) => !fits(composeTarget(counted), candidate, { contentWarning: draft.contentWarning.trim() }).over;
  const cut = (): string => {
    const first = splitForThread(text, (part) => fitting(`${part}…`), { numbering: false });
    return first.ok && first.parts.length > 1 ? `${first.parts[0]!.trimEnd()}…` : text;
  };
  const variants = fix === 'cut' ? { ...draft.variants, [account.network]: cut() } : draft.variants;
  return planTarget({ ...draft, scheduledAt, allowThread: fix === 'thread', variants }, counted, now);
}

/** Why a plan cannot be sent, one line each: the draft's problems, then each target's as "handle: problem". */
export function problemsOf(plan: DraftPlan): string[] {
  return [...plan.problems, ...plan.targets.flatMap((target) => target.problems.map((problem) => `${target.handle}: ${problem}`))];
}

export function planDraft(draft: Draft, accounts: readonly AccountSummary[], now = Date.now()): DraftPlan {
  const problems: string[] = [];
  const chosen = [...new Set(draft.targets)].map((id) => accounts.find((account) => account.id === id));
  if (chosen.some((account) => !account)) problems.push('An account chosen for this draft has been removed.');
  const targets = chosen.filter((account): account is AccountSummary => Boolean(account)).map((account) => planTarget(draft, account, now));
  if (targets.length === 0) problems.push('Choose at least one account to post as.');
  return { targets, problems, sendable: problems.length === 0 && targets.every((target) => target.problems.length === 0) };
}
