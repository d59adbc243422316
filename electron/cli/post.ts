/**
 * `braid post`: a draft made from the flags, checked with the composer's own plan
 * (shared/compose/plan.ts), sent through the durable outbox, and waited for until every target
 * has settled (or --timeout passes). --dry-run prints the plan and sends nothing; --key makes a
 * rerun resume. The outbox resumes what a stopped run left only once this post is about to be
 * sent: a usage or configuration error sends nothing at all.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { planDraft, problemsOf } from '../../shared/compose/plan.ts';
import { draftSchema, type Draft, type DraftMedia, type OutboxEntry, type SelfLabel, type Visibility } from '../../shared/domain/draft.ts';
import { z } from 'zod';
import { draftIdFrom } from '../core/compose/draft-id.ts';
import { chooseTargets, describeAccount } from './account-names.ts';
import { CliError, exitCodes, setupError, usageError, type ExitCode } from './exit.ts';
import { planJson, printPlan, type ImageFile } from './plan-output.ts';
import type { Session } from './session.ts';
import { accountsById, adviseSignIn, type AccountsById, deadlineAfter, exitCodeOfResults, finishOthers, printResults, targetJson, waitUntilSettled } from './settle.ts';
import { plain, print, readStdin, say } from './terminal.ts';
import { words, wordsOf } from './words.ts';

export interface PostOptions {
  file?: string;
  to: string[];
  image: string[];
  alt: string[];
  cw?: string;
  label: SelfLabel[];
  visibility: Visibility;
  lang?: string;
  split?: boolean;
  dryRun?: boolean;
  json?: boolean;
  key?: string;
  /** Seconds to wait for the targets to settle; none: until they have. */
  timeout?: number;
}

/** As much as the contract lets one image be (32 MB). */
const maxImageBytes = 32 * 1024 * 1024;
const imageTypes: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp', '.avif': 'image/avif' };

async function textOf(argument: string | undefined, file: string | undefined): Promise<string> {
  if (argument !== undefined && file !== undefined) throw usageError({ id: 'cli.post.textTwice' });
  if (argument === '-' || file === '-') return readStdin();
  if (file === undefined) return argument ?? '';
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw usageError({ id: 'cli.post.cannotRead', values: { flag: '--file', file, reason: (error as NodeJS.ErrnoException).code ?? String(error) } });
  }
}

/** Every flag that can be checked before the core opens: a mistake here sends nothing. */
function checkFlags(options: PostOptions): void {
  if (options.file !== undefined && !options.file) throw usageError({ id: 'cli.post.fileNeedsName' });
  if (options.alt.length > options.image.length) throw usageError({ id: 'cli.post.altCount', values: { alts: options.alt.length, images: options.image.length } });
  if (options.lang !== undefined && !draftSchema.shape.language.safeParse(options.lang).success) {
    throw usageError({ id: 'cli.post.badLanguage', values: { tag: options.lang } });
  }
  if (options.key !== undefined && !options.key.trim()) throw usageError({ id: 'cli.post.emptyKey' });
  for (const file of options.image) {
    let size: number;
    try {
      size = statSync(file).size;
    } catch (error) {
      throw usageError({ id: 'cli.post.cannotRead', values: { flag: '--image', file, reason: (error as NodeJS.ErrnoException).code ?? String(error) } });
    }
    if (size > maxImageBytes) throw usageError({ id: 'cli.post.imageTooLarge', values: { file } });
  }
}

async function attachImages(session: Session, images: readonly ImageFile[]): Promise<DraftMedia[]> {
  const media: DraftMedia[] = [];
  for (const { file, alt } of images) {
    const attached = await session
      .call('media.attach', {
        fileName: basename(file).slice(0, 300),
        mimeType: imageTypes[extname(file).toLowerCase()] ?? 'application/octet-stream',
        dataBase64: readFileSync(file).toString('base64'),
      })
      .catch((error: unknown) => {
        throw error instanceof CliError ? new CliError({ id: 'cli.post.imageRefused', values: { file, message: error.message } }, exitCodes.usage) : error;
      });
    media.push({ ...attached, alt });
  }
  return media;
}

function draftFrom(id: string, text: string, targets: string[], media: DraftMedia[], options: PostOptions): Draft {
  const draft = {
    id,
    text,
    contentWarning: options.cw ?? '',
    labels: [...new Set(options.label)],
    targets,
    variants: {},
    visibility: options.visibility,
    language: options.lang ?? null,
    allowThread: Boolean(options.split),
    media,
    replyTo: [],
    scheduledAt: null,
    updatedAt: new Date().toISOString(),
  };
  const parsed = draftSchema.safeParse(draft);
  if (!parsed.success) throw usageError({ id: 'cli.post.invalid', values: { problems: z.prettifyError(parsed.error) } });
  return parsed.data;
}

export async function post(open: () => Promise<Session>, argument: string | undefined, options: PostOptions): Promise<ExitCode> {
  const json = Boolean(options.json);
  checkFlags(options);
  const text = await textOf(argument, options.file);
  if (!text.trim() && options.image.length === 0) {
    throw usageError({ id: 'cli.post.nothing' });
  }
  const images: ImageFile[] = options.image.map((file, i) => ({ file, alt: options.alt[i] ?? '' }));
  const session = await open();
  const accounts = await session.call('accounts.list');
  const byId = accountsById(accounts);
  // The same --key gives the same draft id: a rerun finds the draft in the outbox and resumes it.
  const draftId = options.key === undefined ? randomUUID() : draftIdFrom('braid post --key', options.key);

  const earlier = (await session.call('outbox.list')).find((entry) => entry.draftId === draftId);
  if (earlier && !options.dryRun) {
    say(words('cli.post.resuming', { time: earlier.sentAt }));
    if (earlier.text.trim() !== text.trim()) say(words('cli.post.textDiffers'));
    session.resumeSending();
    return settle(session, draftId, byId, { json, keyed: true, timeout: options.timeout });
  }

  const targets = chooseTargets(accounts, options.to);
  const signedOut = targets.filter((account) => account.status === 'auth_expired');
  if (signedOut.length) {
    throw setupError((translate) =>
      [...signedOut.map((account) => translate('cli.post.signInFirst', { account: describeAccount(account), network: account.network })), translate('cli.post.nothingSent')].join('\n'),
    );
  }
  if (options.label.length && !targets.some((account) => account.network === 'bluesky')) say(words('cli.post.labelWithoutBluesky'));

  const draft = draftFrom(draftId, text, targets.map((account) => account.id), await attachImages(session, images), options);
  const plan = planDraft(draft, accounts);
  if (options.dryRun) {
    if (earlier) say(words('cli.post.keyDryRun', { time: earlier.sentAt }));
    if (json) print(JSON.stringify(planJson(plan, images)));
    else printPlan(plan, images);
    return plan.sendable ? exitCodes.ok : exitCodes.usage;
  }
  for (const target of plan.targets) for (const note of target.notes) say(words('cli.post.note', { handle: plain(target.handle), note: plain(wordsOf(note)) }));
  if (!plan.sendable) {
    const split = plan.targets.some((t) => t.parts.length === 1 && t.fit.over);
    throw usageError((translate) => [...problemsOf(plan, translate).map(plain), translate(split ? 'cli.post.nothingSentSplit' : 'cli.post.nothingSent')].join('\n'));
  }

  session.resumeSending();
  await session.call('outbox.send', draft);
  return settle(session, draftId, byId, { json, keyed: options.key !== undefined, timeout: options.timeout });
}

/** Waits for the post's targets (and for any earlier post this run resumed), then reports. */
async function settle(session: Session, draftId: string, byId: AccountsById, how: { json: boolean; keyed: boolean; timeout: number | undefined }): Promise<ExitCode> {
  const { json, keyed } = how;
  const interrupted = () => {
    say(words(keyed ? 'cli.post.stoppedKeyed' : 'cli.post.stopped'));
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  const deadline = deadlineAfter(how.timeout);
  let entries: OutboxEntry[];
  try {
    entries = await waitUntilSettled(session, (entry) => entry.draftId === draftId, byId, deadline);
    await finishOthers(session, new Set([draftId]), deadline);
  } finally {
    process.off('SIGINT', interrupted);
  }
  if (json) print(JSON.stringify({ draftId, targets: entries.flatMap((entry) => entry.targets.map((target) => targetJson(target, byId))) }));
  else printResults(entries, byId);
  adviseSignIn(entries, byId);
  return exitCodeOfResults(entries);
}
