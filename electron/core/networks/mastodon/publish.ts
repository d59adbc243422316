/**
 * Sending one outbox target to a Mastodon account: images uploaded (v2, then polled until the
 * server has processed them), then each part of the thread as a reply to the one before, every
 * part with its own Idempotency-Key made at Send. Sending a part again with its key answers the
 * status made the first time (Mastodon keeps keys one hour); after that, the account's recent
 * statuses are searched for it before anything is sent again.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AccountSummary } from '../../../../shared/domain/account.ts';
import { textOfHtml } from '../../../../shared/timeline/cross-posts.ts';
import { prepareImage } from '../../media/image-prep.ts';
import type { Job, PostedPart, PublishContext, Publisher } from '../publishing.ts';
import { phrase, ServerError, type What } from '../../base/errors.ts';
import { uploadTimeoutMs } from '../../http/timeouts.ts';
import { defaultLimits, mastoCall, mastoClient } from './account-api.ts';
import { lengthRefusal } from './length-refusal.ts';
import { mastodonLength } from '../../../../shared/compose/count.ts';
import type { MastodonSession } from './adapter.ts';
import type { MastodonActions } from './actions.ts';

/** A media attachment or a status: what is kept of either is its id and url. */
const createdAnswer = z.looseObject({ id: z.string().min(1), url: z.string().nullish() });
const recentAnswer = z.array(z.looseObject({ id: z.string(), url: z.string().nullish(), content: z.string().catch(''), inReplyToId: z.string().nullish(), createdAt: z.string() }));
const meAnswer = z.looseObject({ id: z.string().min(1) });
const visibilities = ['public', 'unlisted', 'private', 'direct'] as const;
const parentSchema = z.object({ id: z.string().min(1), visibility: z.enum(visibilities).catch('public') });
type ParentStatus = z.infer<typeof parentSchema>;

/** A reply is never more visible than what it answers (as Mastodon's own composer does). */
const narrower = (a: ParentStatus['visibility'], b: ParentStatus['visibility']) => (visibilities.indexOf(a) >= visibilities.indexOf(b) ? a : b);

/** Mastodon keeps an Idempotency-Key this long; a little less, to be safe. */
const idempotencyWindowMs = 55 * 60_000;

/** One Idempotency-Key per part: Mastodon keeps each for an hour and answers the same status again. */
export const mastodonKeys = (count: number): string[] => Array.from({ length: count }, () => randomUUID());

export interface MastodonPublishOptions {
  /** How long to wait for the server to process an image (default 2 minutes). */
  mediaTimeoutMs?: number;
  pollIntervalMs?: number;
}

/** Text as a status shows it: white space collapsed, a remote mention as its link text (@user). */
const normalized = (text: string) =>
  text
    .replace(/@([\w.-]+)@[\w-]+(?:\.[\w-]+)+/g, '@$1')
    .replace(/\s+/g, ' ')
    .trim();

export function createMastodonPublisher(
  sessionFor: (accountId: string) => Promise<MastodonSession>,
  actions: Pick<MastodonActions, 'sightingOn'>,
  options: MastodonPublishOptions = {},
): Publisher {
  const { mediaTimeoutMs = 120_000, pollIntervalMs = 500 } = options;

  return {
    async publish(job: Job, account: AccountSummary, context: PublishContext): Promise<PostedPart[]> {
      const { origin, accessToken } = await sessionFor(account.id);
      const host = new URL(origin).host;
      const client = mastoClient(origin, accessToken);
      const call = <T extends z.ZodType>(what: What, schema: T, run: () => PromiseLike<unknown>) => mastoCall(origin, what, schema, run);

      /** The status answered, on this account's server, and how visible it is. */
      async function parentStatus(): Promise<ParentStatus | undefined> {
        const parent = job.plan.parent;
        if (!parent) return undefined;
        const known = parentSchema.safeParse(context.job().progress.parent);
        if (known.success) return known.data;
        const sighting = parent.seenBy.find((s) => s.accountId === account.id) ?? (await actions.sightingOn(account.id, parent));
        const status = await call(phrase('error.what.postRepliedTo'), parentSchema, () => client.v1.statuses.$select(sighting.nativeId).fetch());
        context.save({ parent: status });
        return status;
      }

      /** The quoted status's id on this account's server (found there once, then kept with the job). */
      async function quotedStatusId(): Promise<string | undefined> {
        const quoted = job.plan.quoted;
        if (!quoted) return undefined;
        const known = context.job().progress.quoted;
        if (typeof known === 'string') return known;
        const sighting = quoted.seenBy.find((s) => s.accountId === account.id) ?? (await actions.sightingOn(account.id, quoted));
        context.save({ quoted: sighting.nativeId });
        return sighting.nativeId;
      }

      async function waitUntilProcessed(id: string): Promise<void> {
        const deadline = Date.now() + mediaTimeoutMs;
        for (let wait = pollIntervalMs; ; wait = Math.min(wait * 2, 5_000)) {
          let ready: boolean;
          try {
            ready = Boolean((await call(phrase('error.what.imageCheck'), createdAnswer, () => client.v1.media.$select(id).fetch())).url);
          } catch (error) {
            // Servers without GET /api/v1/media/:id (GoToSocial, older Pleroma) process at once.
            if (error instanceof ServerError && error.code === 'not_supported') return;
            throw error;
          }
          if (ready) return;
          if (Date.now() > deadline) throw new ServerError('server', phrase('error.post.imageProcessing', { host, seconds: Math.round(mediaTimeoutMs / 1000) }));
          await new Promise((resolve) => setTimeout(resolve, wait));
        }
      }

      async function uploadImages(): Promise<string[]> {
        const saved = context.job().progress.media;
        if (saved) return saved;
        const { media } = job.plan;
        const limits = account.limits ?? defaultLimits;
        const ids: string[] = [];
        context.uploaded(0, media.length);
        for (const [index, item] of media.entries()) {
          const image = await prepareImage(context.image(index), { maxBytes: limits.imageSizeLimit, maxPixels: limits.imageMatrixLimit });
          const file = new Blob([new Uint8Array(image.bytes)], { type: image.mimeType });
          const uploader = mastoClient(origin, accessToken, uploadTimeoutMs(image.bytes.length));
          const created = await call(phrase('error.what.image', { number: index + 1 }), createdAnswer, () =>
            uploader.v2.media.create({ file, description: item.alt.trim() || null, skipPolling: true }),
          );
          if (!created.url) await waitUntilProcessed(created.id);
          ids.push(created.id);
          context.uploaded(index + 1, media.length);
        }
        context.save({ media: ids });
        context.step('media_uploaded');
        return ids;
      }

      /** A part sent over an hour ago whose answer never came: is it among the account's statuses? */
      async function findSent(text: string, inReplyToId: string | undefined, since: string): Promise<PostedPart | null> {
        const me = await call(phrase('error.what.accountCheck'), meAnswer, () => client.v1.accounts.verifyCredentials());
        const recent = await call(phrase('error.what.recentPosts'), recentAnswer, () => client.v1.accounts.$select(me.id).statuses.list({ limit: 40 }));
        const wanted = normalized(text);
        const found = recent.find(
          (status) =>
            Date.parse(status.createdAt) >= Date.parse(since) - 60_000 &&
            (status.inReplyToId ?? undefined) === inReplyToId &&
            normalized(textOfHtml(status.content)) === wanted,
        );
        return found ? { id: found.id, url: found.url ?? null } : null;
      }

      const { plan } = job;
      const parent = await parentStatus();
      const inReplyTo = parent?.id;
      const visibility = narrower(plan.visibility ?? 'public', parent?.visibility ?? 'public');
      // A reply the parent allows to be public takes the account's own default, as Mastodon's apps do.
      const sentVisibility = parent && visibility === 'public' ? undefined : visibility;
      const mediaIds = job.plan.media.length > 0 ? await uploadImages() : [];
      const quotedId = await quotedStatusId();
      const posted = [...(context.job().progress.posted ?? [])];
      for (let index = posted.length; index < plan.parts.length; index += 1) {
        const text = plan.parts[index]!;
        const replyTo = index === 0 ? inReplyTo : posted[index - 1]!.id;
        const sentAt = context.job().sentAt;
        if (sentAt && Date.now() - Date.parse(sentAt) > idempotencyWindowMs) {
          const found = await findSent(text, replyTo, sentAt);
          if (found) {
            posted.push(found);
            context.save({ posted });
            continue;
          }
        }
        context.sending();
        const created = await call(plan.parts.length > 1 ? phrase('error.what.threadPart', { part: index + 1 }) : phrase('error.what.post'), createdAnswer, () =>
          client.v1.statuses.create(
            {
              status: text,
              ...(sentVisibility ? { visibility: sentVisibility } : {}),
              ...(plan.contentWarning ? { spoilerText: plan.contentWarning } : {}),
              ...(plan.sensitive ? { sensitive: true } : {}),
              ...(plan.language ? { language: plan.language } : {}),
              ...(replyTo ? { inReplyToId: replyTo } : {}),
              ...(index === 0 && mediaIds.length ? { mediaIds } : {}),
              ...(index === 0 && quotedId ? { quotedStatusId: quotedId } : {}),
              ...(plan.schedule?.by === 'server' ? { scheduledAt: plan.schedule.at } : {}),
            },
            { requestInit: { headers: { 'Idempotency-Key': job.keys[index]! } } },
          ),
        ).catch((error: unknown) => {
          const limits = account.limits ?? defaultLimits;
          const counted = mastodonLength(text, { charactersReservedPerUrl: limits.charactersReservedPerUrl, countsInFull: limits.countsInFull ?? false, contentWarning: plan.contentWarning ?? '' });
          throw lengthRefusal(error, host, counted) ?? error;
        });
        // A scheduled status answers a ScheduledStatus: it has an id but no url yet.
        posted.push({ id: created.id, url: created.url ?? null });
        context.save({ posted });
      }
      return posted;
    },
  };
}
