/**
 * What each target account will get from a draft: its text (or numbered thread), warning or
 * labels, visibility, images and time, and every reason it cannot be sent there. The composer
 * shows this before Send; the outbox sends exactly this. (No zod: the renderer uses it.) Notes and
 * problems are phrases of the catalogues, put in the user's language where they are shown.
 */
import type { AccountSummary, Network } from '../domain/account.ts';
import type { Draft, SelfLabel, Visibility } from '../domain/draft.ts';
import { defaultCharactersReservedPerUrl, fits, fitsIn, type ComposeTarget, type Fit } from './count.ts';
import type { Phrase, Translate } from '../i18n/translate.ts';
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
  problems: Phrase[];
  /** What the user should know before sending. */
  notes: Phrase[];
}

export interface DraftPlan {
  targets: TargetPlan[];
  /** Problems of the draft itself (nothing to post, no target). */
  problems: Phrase[];
  sendable: boolean;
}

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
  no_room: { id: 'compose.plan.noRoom' },
  unstable: { id: 'compose.plan.unstable' },
} as const satisfies Record<string, Phrase>;

function textParts(text: string, target: ComposeTarget, contentWarning: string, allowThread: boolean, problems: Phrase[], notes: Phrase[]): { parts: string[]; fit: Fit } {
  const options = target.network === 'mastodon' ? { contentWarning } : {};
  const fit = fits(target, text.trim(), options);
  if (!fit.over) return { parts: [text.trim()], fit };
  if (!allowThread) {
    problems.push({ id: 'compose.plan.tooLong', values: { length: fit.length, limit: fit.limit, unit: fit.unit } });
    return { parts: [text.trim()], fit };
  }
  const split = splitForThread(text, fitsIn(target, options));
  if (!split.ok) {
    problems.push(split.reason === 'token_too_long' ? { id: 'compose.plan.tokenTooLong', values: { token: split.token.slice(0, 60) } } : splitFailure[split.reason]);
    return { parts: [text.trim()], fit };
  }
  notes.push({ id: 'compose.plan.thread', values: { length: fit.length, limit: fit.limit, unit: fit.unit, count: split.parts.length } });
  return { parts: split.parts, fit };
}

function schedule(draft: Draft, network: Network, parts: number, now: number, problems: Phrase[], notes: Phrase[]): TargetPlan['schedule'] {
  if (!draft.scheduledAt) return null;
  const at = Date.parse(draft.scheduledAt);
  if (at <= now) {
    problems.push({ id: 'compose.plan.schedulePassed' });
    return null;
  }
  if (network === 'mastodon' && parts === 1 && at - now >= mastodonScheduleMinimumMs) return { at: draft.scheduledAt, by: 'server' };
  notes.push(network === 'mastodon' && parts === 1 ? { id: 'compose.plan.scheduleSoon' } : { id: 'compose.plan.scheduleByBraid', values: { network } });
  return { at: draft.scheduledAt, by: 'braid' };
}

const networkOfKey = (key: string): string => key.slice(0, key.indexOf(' '));
const networkNames: Record<string, string> = { mastodon: 'Mastodon', bluesky: 'Bluesky' };

/**
 * How this target quotes: as an embed where its network can (Bluesky always; Mastodon where the
 * server says it takes quotes), else as the quoted post's link at the end of the text.
 */
function quoteFor(draft: Draft, account: AccountSummary, problems: Phrase[], notes: Phrase[]): { embed: string | null; link: string | null } {
  const quoted = draft.quote ?? [];
  const { network } = account;
  if (quoted.length === 0) return { embed: null, link: null };
  const own = quoted.find((entry) => networkOfKey(entry.key) === network);
  if (own && (network === 'bluesky' || account.limits?.quotes)) {
    notes.push({ id: 'compose.plan.quoteEmbedded' });
    return { embed: own.key, link: null };
  }
  const linked = own ?? quoted[0]!;
  if (!linked.url) {
    problems.push({ id: 'compose.plan.quoteNoAddress' });
    return { embed: null, link: null };
  }
  notes.push(
    own
      ? { id: 'compose.plan.quoteLinkServer', values: { server: account.server } }
      : { id: 'compose.plan.quoteLinkNetwork', values: { from: networkOfKey(linked.key), to: networkNames[network] ?? network } },
  );
  return { embed: null, link: linked.url };
}

export function planTarget(draft: Draft, account: AccountSummary, now = Date.now()): TargetPlan {
  const problems: Phrase[] = [];
  const notes: Phrase[] = [];
  const { network } = account;
  const quote = quoteFor(draft, account, problems, notes);
  const written = draft.variants[network] ?? draft.text;
  const text = quote.link ? `${written.trimEnd()}\n\n${quote.link}` : written;
  const contentWarning = draft.contentWarning.trim();
  const target = composeTarget(account);
  const { parts, fit } = textParts(text, target, network === 'mastodon' ? contentWarning : '', draft.allowThread, problems, notes);

  if (!written.trim() && draft.media.length === 0) problems.push({ id: 'compose.plan.nothing' });
  if (account.status === 'auth_expired') problems.push({ id: 'compose.plan.signIn', values: { handle: account.handle } });

  const replyTo = draft.replyTo.find((key) => networkOfKey(key) === network) ?? null;
  if (draft.replyTo.length > 0 && !replyTo) {
    const answered = [...new Set(draft.replyTo.map((key) => networkNames[networkOfKey(key)] ?? networkOfKey(key)))].join(' / ');
    problems.push({ id: 'compose.plan.replyAcross', values: { answered, network: networkNames[network] ?? network } });
  }

  const missingAlt = draft.media.flatMap((media, i) => (media.alt.trim() ? [] : [i + 1]));
  if (missingAlt.length) notes.push({ id: 'compose.plan.missingAlt', values: { count: missingAlt.length, numbers: missingAlt.join(', ') } });

  if (network === 'mastodon') {
    const maxMedia = account.limits?.maxMediaAttachments ?? mastodonDefaults.maxMediaAttachments;
    const maxAlt = account.limits?.descriptionLimit ?? mastodonDefaults.descriptionLimit;
    if (draft.media.length > maxMedia) problems.push({ id: 'compose.plan.tooManyImages', values: { server: account.server, max: maxMedia } });
    if (draft.media.some((media) => media.alt.length > maxAlt)) problems.push({ id: 'compose.plan.altTooLong', values: { server: account.server, max: maxAlt } });
    if (!contentWarning && draft.labels.length > 0 && draft.media.length > 0) notes.push({ id: 'compose.plan.labelsSensitive' });
  } else {
    if (draft.visibility !== 'public') {
      problems.push({ id: 'compose.plan.blueskyPublic', values: { visibility: draft.visibility } });
    }
    if (draft.media.length > blueskyMaxImages) problems.push({ id: 'compose.plan.tooManyImages', values: { server: 'Bluesky', max: blueskyMaxImages } });
    if (contentWarning && draft.labels.length === 0) {
      notes.push({ id: 'compose.plan.blueskyNoWarning' });
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

/** Why a plan cannot be sent, one line each in the language of `translate`: the draft's problems, then each target's as "handle: problem". */
export function problemsOf(plan: DraftPlan, translate: Translate): string[] {
  const said = (phrase: Phrase) => translate(phrase.id, phrase.values);
  return [
    ...plan.problems.map(said),
    ...plan.targets.flatMap((target) => target.problems.map((problem) => translate('compose.plan.targetProblem', { handle: target.handle, problem: said(problem) }))),
  ];
}

export function planDraft(draft: Draft, accounts: readonly AccountSummary[], now = Date.now()): DraftPlan {
  const problems: Phrase[] = [];
  const chosen = [...new Set(draft.targets)].map((id) => accounts.find((account) => account.id === id));
  if (chosen.some((account) => !account)) problems.push({ id: 'compose.plan.accountRemoved' });
  const targets = chosen.filter((account): account is AccountSummary => Boolean(account)).map((account) => planTarget(draft, account, now));
  if (targets.length === 0) problems.push({ id: 'compose.plan.noTarget' });
  return { targets, problems, sendable: problems.length === 0 && targets.every((target) => target.problems.length === 0) };
}
