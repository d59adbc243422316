import { authorizeIfToken } from '../auth.ts';
import { sendError } from '../errors.ts';
import { sendJson, str, truthy, type Ctx } from '../http.ts';
import { limitParam } from '../pagination.ts';
import { htmlToText } from '../render-text.ts';
import type { Router } from '../router.ts';
import type { Actor, StatusRecord } from '../social.ts';

interface Found {
  accounts: Actor[];
  statuses: StatusRecord[];
  hashtags: string[];
}

/** ResolveURLService, for what this server holds: statuses (its own and other servers') and accounts, by URL or URI. */
function resolveUrl(ctx: Ctx, query: string, viewerId: string | null, localOnly: boolean): Partial<Found> | undefined {
  const { social } = ctx.server;
  const status = social.allStatuses().find((s) => s.reblogOfId === null && (s.url === query || s.uri === query));
  if (status) {
    const local = social.actor(status.accountId)?.domain === null;
    return social.canSee(viewerId, status) && (local || !localOnly) ? { statuses: [status] } : undefined;
  }
  const account = social.allAccounts().find((a) => social.profileUrl(a) === query || social.profileUri(a) === query);
  return account && (account.domain === null || !localOnly) ? { accounts: [account] } : undefined;
}

/** AccountSearchService, roughly: an exact `user@domain`, else usernames and display names starting with the query. */
function searchAccounts(ctx: Ctx, query: string): Actor[] {
  const { social } = ctx.server;
  const wanted = query.replace(/^@/, '').toLowerCase();
  if (wanted.includes('@')) {
    const exact = social.findAccount(wanted);
    return exact ? [exact] : [];
  }
  return social.allAccounts().filter((a) => a.username.toLowerCase().startsWith(wanted) || a.displayName.toLowerCase().startsWith(wanted));
}

/**
 * Full-text search as Elasticsearch does it for a user: statuses they wrote, were mentioned in, favourited or
 * reblogged (`searchable_by`), since accounts here are not `indexable`.
 */
function searchStatuses(ctx: Ctx, query: string, viewerId: string): StatusRecord[] {
  const { social } = ctx.server;
  const words = query.toLowerCase().split(/\s+/).filter((w) => w !== '');
  return social.allStatuses().filter((s) => {
    if (s.reblogOfId !== null) return false;
    const reachable = s.accountId === viewerId || s.mentionIds.includes(viewerId) || social.hasFavourited(viewerId, s.id) || social.reblogBy(viewerId, s.id) !== undefined;
    const text = `${s.spoilerText}\n${htmlToText(s.content)}\n${s.media.map((m) => m.description ?? '').join('\n')}`.toLowerCase();
    return reachable && words.every((w) => text.includes(w));
  });
}

function searchHashtags(ctx: Ctx, query: string): string[] {
  const wanted = query.replace(/^#/, '').toLowerCase();
  const names = new Set(ctx.server.social.allStatuses().flatMap((s) => s.tags.map((t) => t.toLowerCase())));
  return [...names].filter((name) => name.startsWith(wanted)).sort();
}

/** GET /api/v2/search (Api::V2::SearchController with SearchService). */
function search(ctx: Ctx): void {
  const auth = authorizeIfToken(ctx, ['read', 'read:search']);
  if (!auth) return;
  const query = (str(ctx.input, 'q') ?? '').trim();
  if (query === '') return sendError(ctx, 400, { error: 'param is missing or the value is empty or invalid: q' });
  const viewer = auth.user;
  const resolve = truthy(str(ctx.input, 'resolve'));
  const offsetParam = str(ctx.input, 'offset');
  if (!viewer && offsetParam !== undefined && offsetParam !== '') {
    return sendError(ctx, 401, { error: 'Search queries pagination is not supported without authentication' });
  }
  if (!viewer && resolve) return sendError(ctx, 401, { error: 'Search queries that resolve remote resources are not supported without authentication' });
  const limitValue = Number.parseInt(str(ctx.input, 'limit') ?? '0', 10);
  const offsetValue = Number.parseInt(offsetParam ?? '0', 10);
  if (limitValue < 0 || offsetValue < 0) return sendError(ctx, 400, { error: 'Pagination values for `offset` and `limit` must be positive' });

  const type = str(ctx.input, 'type') || undefined;
  const limit = limitParam(ctx.input, 20, 40);
  const offset = type === undefined || Number.isNaN(offsetValue) ? 0 : offsetValue;
  const viewerId = viewer?.id ?? null;
  const found: Found = { accounts: [], statuses: [], hashtags: [] };

  if (limit > 0) {
    if (/^https?:\/\//.test(query)) {
      // With resolve, anything this server knows (or, for real, fetches); without, only what is local.
      const resolved = resolveUrl(ctx, query, viewerId, !resolve);
      const kind = resolved?.statuses ? 'statuses' : 'accounts';
      if (resolved && offset === 0 && (type === undefined || type === kind)) Object.assign(found, resolved);
    } else {
      const startsWithHash = query.startsWith('#');
      const hasAt = query.includes('@');
      const hasSpace = query.includes(' ');
      if ((type === undefined || type === 'accounts') && !startsWithHash && !(hasAt && hasSpace)) found.accounts = searchAccounts(ctx, query);
      if ((type === undefined || type === 'statuses') && viewerId !== null && !((startsWithHash || hasAt) && !hasSpace)) found.statuses = searchStatuses(ctx, query, viewerId);
      if ((type === undefined || type === 'hashtags') && !hasAt) found.hashtags = searchHashtags(ctx, query);
    }
  }

  const window = <T>(items: T[]): T[] => items.slice(offset, offset + limit);
  const { renderer } = ctx.server;
  sendJson(ctx, 200, {
    accounts: window(found.accounts).map((a) => renderer.account(a)),
    statuses: window(found.statuses).map((s) => renderer.status(s, viewerId, 'list')),
    hashtags: window(found.hashtags).map((name) => ({
      name,
      url: `${ctx.server.baseUrl()}/tags/${encodeURIComponent(name)}`,
      history: [],
      ...(viewer ? { following: false } : {}),
    })),
  });
}

export function searchRoutes(router: Router): void {
  router.add('GET', '/api/v2/search', search);
}
