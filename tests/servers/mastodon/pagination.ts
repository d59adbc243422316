import { str, type Ctx, type Params } from './http.ts';

export interface PageParams {
  limit: number;
  maxId: bigint | null;
  sinceId: bigint | null;
  minId: bigint | null;
}

/** Ruby's String#to_i: the leading digits, or 0. */
function rubyInteger(value: string): bigint {
  const digits = /^\s*([+-]?\d+)/.exec(value)?.[1];
  return digits ? BigInt(digits) : 0n;
}

/** An id parameter as Feed#get takes it: blank means absent, anything else goes through to_i. */
function idParam(input: Params, key: string): bigint | null {
  const value = str(input, key);
  return value === undefined || value.trim() === '' ? null : rubyInteger(value);
}

/** Api::BaseController#limit_param: the default without `limit`, else |limit| capped at twice the default. */
export function limitParam(input: Params, defaultLimit: number, maxLimit = defaultLimit * 2): number {
  const value = str(input, 'limit');
  if (value === undefined) return defaultLimit;
  const asked = rubyInteger(value);
  const magnitude = Number(asked < 0n ? -asked : asked);
  return Math.min(magnitude, maxLimit);
}

export function pageParams(input: Params, defaultLimit: number): PageParams {
  return { limit: limitParam(input, defaultLimit), maxId: idParam(input, 'max_id'), sinceId: idParam(input, 'since_id'), minId: idParam(input, 'min_id') };
}

/**
 * Feed#get / Paginable: without min_id, the newest `limit` items below max_id and above since_id. With min_id (which
 * wins over since_id), the `limit` items just above min_id (and below max_id): the page immediately newer than the
 * cursor. Either way the answer is newest first.
 */
export function paginate<T extends { id: string }>(newestFirst: T[], page: PageParams): T[] {
  const below = (item: T) => page.maxId === null || BigInt(item.id) < page.maxId;
  if (page.minId !== null) {
    const min = page.minId;
    return newestFirst.filter((item) => BigInt(item.id) > min && below(item)).reverse().slice(0, page.limit).reverse();
  }
  const since = page.sinceId;
  return newestFirst.filter((item) => below(item) && (since === null || BigInt(item.id) > since)).slice(0, page.limit);
}

/**
 * Api::Pagination#set_pagination_headers for id-paginated collections: `next` (older, max_id = last id) and `prev`
 * (newer, min_id = first id), keeping the permitted parameters, only when the page is not empty. `continues` false:
 * no `next` (controllers whose records_continue? says the page was the last, being short).
 */
export function setLinkHeader(ctx: Ctx, page: { id: string }[], permitted: string[] = ['limit'], continues = true): void {
  if (!ctx.server.options.linkHeaders) return;
  const first = page[0];
  const last = page.at(-1);
  if (!first || !last) return;
  const prev = `<${pageUrl(ctx, { min_id: first.id }, permitted)}>; rel="prev"`;
  ctx.res.setHeader('Link', continues ? `<${pageUrl(ctx, { max_id: last.id }, permitted)}>; rel="next", ${prev}` : prev);
}

/** This request's address with `cursor` and the permitted parameters it came with, as pagination_params builds it. */
export function pageUrl(ctx: Ctx, cursor: Record<string, string>, permitted: string[] = ['limit']): string {
  const query: [string, string[]][] = Object.entries(cursor).map(([key, value]) => [key, [value]]);
  for (const key of permitted) {
    const value = ctx.input[key];
    // Array parameters (`types[]`) go back as they came, one `key[]` per value.
    if (Array.isArray(value)) query.push([`${key}[]`, value]);
    else if (value !== undefined) query.push([key, [value]]);
  }
  // Rails' Hash#to_query sorts the keys.
  query.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const search = new URLSearchParams(query.flatMap(([key, values]) => values.map((value): [string, string] => [key, value])));
  return `${ctx.server.baseUrl()}${ctx.url.pathname}?${search.toString()}`;
}
