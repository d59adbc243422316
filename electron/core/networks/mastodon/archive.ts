/**
 * The account's own statuses for the archive: GET /api/v1/accounts/:id/statuses, newest first,
 * 40 a page, older pages by max_id as the Link header says (or, on servers that send no Link
 * header, the last status's id until a page comes back empty). Boosts of others are left out
 * (exclude_reblogs, and filtered again for servers that ignore it). Each page also says the
 * request budget the server reported (X-RateLimit-Remaining/Reset), so the core can wait.
 *
 * Plain HTTP (http-json.ts) rather than masto: masto hides the Link and rate-limit headers.
 * masto's own serializer still turns each status camelCase, so the timeline's mapping serves.
 */
import { SerializerNativeImpl } from 'masto/adapters/serializers/serializer-native-impl.js';
import { z } from 'zod';
import { postSchema, type Post } from '../../../../shared/domain/post.ts';
import { textOfStatusHtml } from '../../../../shared/text/status-text.ts';
import { phrase, ServerError } from '../../base/errors.ts';
import { errorFor, parseAnswer, sendJson } from '../../http/http-json.ts';
import { retryAtFrom } from '../../http/retry-at.ts';
import type { ArchivedPost, ArchivePage, NetworkArchive } from '../archive.ts';
import { serverAccountIdOf } from './accounts.ts';
import type { MastodonSession } from './adapter.ts';
import { postFromStatus } from './post-mapping.ts';

/** Api::V1::Accounts::StatusesController's largest page (limit_param: twice the default of 20). */
export const archivePageSize = 40;

const serializer = new SerializerNativeImpl();

/** The fields the archive reads before mapping (snake_case, as the server sends them). */
const rawStatus = z.looseObject({
  id: z.string().min(1),
  reblog: z.unknown().optional(),
  account: z.looseObject({ id: z.string(), acct: z.string().optional(), url: z.string().nullish() }).optional(),
});

/** The URL of `rel` in a Link header (RFC 8288), or undefined when the header names none. */
export function linkOf(header: string, rel: string): string | undefined {
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (!match) continue;
    const rels = /;\s*rel\s*=\s*"?([^";]+)"?/i.exec(match[2] ?? '')?.[1]?.split(/\s+/) ?? [];
    if (rels.includes(rel)) return match[1];
  }
  return undefined;
}

function budgetOf(headers: Headers, now = Date.now()): ArchivePage['budget'] {
  const remaining = Number(headers.get('x-ratelimit-remaining') ?? Number.NaN);
  const reset = headers.get('x-ratelimit-reset');
  if (!Number.isFinite(remaining) || !reset) return null;
  const resetAt = Date.parse(reset);
  return Number.isNaN(resetAt) ? null : { remaining, resetAt: Math.max(resetAt, now) };
}

/** The status as the archive keeps it; its `source` is the server's JSON with the author (always
 *  the account itself) cut down to who it is. */
function archivedOf(raw: z.infer<typeof rawStatus>, post: Post): ArchivedPost {
  const html = post.content.kind === 'html' ? post.content.html : '';
  const body = post.content.kind === 'html' ? textOfStatusHtml(html) : post.content.text;
  const media = post.media;
  const account = raw.account ? { id: raw.account.id, acct: raw.account.acct, url: raw.account.url } : undefined;
  return {
    key: raw.id,
    uri: post.uri,
    url: post.url,
    createdAt: post.createdAt,
    text: post.contentWarning ? `${post.contentWarning}\n\n${body}` : body,
    altText: media.map((item) => item.alt).filter(Boolean).join('\n'),
    content: post.content,
    langs: post.language ? [post.language] : [],
    hasMedia: media.length > 0,
    isReply: post.replyTo !== null,
    isQuote: post.quote !== null,
    post,
    source: { ...raw, ...(account ? { account } : {}) },
  };
}

export function createMastodonArchive(sessionFor: (accountId: string) => Promise<MastodonSession>, log: (message: string, error?: unknown) => void = () => undefined): NetworkArchive {
  return {
    async ownPostsPage(accountId, cursor, signal) {
      const { origin, accessToken } = await sessionFor(accountId);
      const host = new URL(origin).host;
      const url = new URL(`/api/v1/accounts/${encodeURIComponent(serverAccountIdOf(accountId))}/statuses`, origin);
      url.searchParams.set('limit', String(archivePageSize));
      url.searchParams.set('exclude_reblogs', 'true');
      if (cursor) url.searchParams.set('max_id', cursor);
      const what = phrase('error.what.yourPosts');
      const response = await sendJson({ url, bearer: accessToken, ...(signal ? { signal } : {}) });
      if (response.status < 200 || response.status >= 300) {
        const error = errorFor(response, url, what);
        const retryAt = retryAtFrom(response.headers);
        throw retryAt ? new ServerError(error.code, error.phrase ?? error.message, { ...(error.status ? { status: error.status } : {}), retryAt }) : error;
      }
      const entries = parseAnswer(response, z.array(z.unknown()), url, what);
      const posts: ArchivedPost[] = [];
      let unreadable = 0;
      for (const entry of entries) {
        const raw = rawStatus.safeParse(entry);
        if (raw.success && raw.data.reblog) continue; // a boost of someone's post: not the account's own words
        try {
          if (!raw.success) throw new Error('no status id');
          const post = postSchema.parse(postFromStatus(serializer.deserialize('json', JSON.stringify(entry)), accountId, host));
          posts.push(archivedOf(raw.data, post));
        } catch (error) {
          unreadable += 1;
          log(`${host}: a status of ${accountId} could not be read for the archive`, error);
        }
      }
      // Without a Link header (some servers), the last id pages on until an empty page; with one,
      // its "next" says whether anything is older (Mastodon leaves it out after a short page).
      const link = response.headers.get('link');
      const last = rawStatus.safeParse(entries.at(-1));
      let next: string | null;
      if (entries.length === 0) next = null;
      else if (link !== null) {
        const nextUrl = linkOf(link, 'next');
        next = nextUrl ? (new URL(nextUrl, origin).searchParams.get('max_id') ?? (last.success ? last.data.id : null)) : null;
      } else next = last.success ? last.data.id : null;
      if (next !== null && next === cursor) throw new ServerError('server', phrase('error.samePage', { host, what }));
      return { posts, next, unreadable, budget: budgetOf(response.headers) };
    },

    /** statuses_count of the account itself (it counts boosts too: the bar is an estimate). */
    async total(accountId) {
      const { origin, accessToken } = await sessionFor(accountId);
      const url = new URL('/api/v1/accounts/verify_credentials', origin);
      const response = await sendJson({ url, bearer: accessToken });
      if (response.status !== 200) return null;
      const counted = z.looseObject({ statuses_count: z.number().int().nonnegative() }).safeParse(response.body);
      return counted.success ? counted.data.statuses_count : null;
    },
  };
}
