/**
 * A Twitter/X data export ("Download an archive of your data": a zip of data/*.js files and the
 * media under data/tweets_media/), read offline into archive posts, for the platform the user left.
 *
 * Each data file is JavaScript of one shape, `window.YTD.<name>.part<n> = [ … ]`: the prefix is
 * cut and the rest parsed as JSON, never run. The tweets are data/tweets.js (data/tweet.js in
 * older exports), then tweets-part1.js and on; each file is parsed whole when its turn comes, and
 * its posts made a page at a time. data/account.js names the account.
 *
 * The text is the tweet's full_text with its t.co links put back as the addresses they stand
 * for (as link facets), the link to its own media left out, and &amp; &lt; &gt; decoded. The
 * export's retweets are the account's own tweets in it ("RT @someone: …"): kept as they are.
 * Deleted tweets (deleted-tweets.js) are left out: the user deleted them.
 */
import { z } from 'zod';
import { postSchema, type Author, type Facet, type Media, type Post } from '../../../../shared/domain/post.ts';
import type { ArchivedPost, ArchivePage, AttachedMedia } from '../../networks/archive.ts';
import { pagesOf, startOf, type Reading } from './export-pages.ts';
import { ExportFileError, mediaLimit, mimeTypeOfName, openZip, readText, type ZipArchive } from './zip-reader.ts';

export interface TwitterExportAccount {
  network: 'twitter';
  /** twitter:<the account's numeric id>. */
  accountId: string;
  /** @username. */
  handle: string;
  displayName: string;
}

export interface TwitterExport {
  account: TwitterExportAccount;
  pages: AsyncIterable<ArchivePage>;
}

const numeric = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).nullish().catch(null);
const id = z.string().regex(/^\d{1,25}$/);

const accountSchema = z.looseObject({
  accountId: id,
  username: z.string().regex(/^\w{1,50}$/),
  accountDisplayName: z.string().nullish().catch(null),
});

const urlEntity = z.looseObject({ url: z.string().min(1), expanded_url: z.string().nullish().catch(null) });
const mediaEntity = z.looseObject({
  url: z.string().nullish().catch(null),
  media_url_https: z.string().nullish().catch(null),
  media_url: z.string().nullish().catch(null),
  type: z.string().nullish().catch(null),
  ext_alt_text: z.string().nullish().catch(null),
  original_info: z.looseObject({ width: numeric, height: numeric }).nullish().catch(null),
  sizes: z.looseObject({ large: z.looseObject({ w: numeric, h: numeric }).nullish().catch(null) }).nullish().catch(null),
  video_info: z
    .looseObject({ variants: z.array(z.looseObject({ url: z.string(), content_type: z.string().nullish().catch(null), bitrate: numeric })).catch([]) })
    .nullish()
    .catch(null),
});
const entitiesSchema = z
  .looseObject({
    urls: z.array(urlEntity).catch([]),
    media: z.array(mediaEntity).catch([]),
    hashtags: z.array(z.looseObject({ text: z.string() })).catch([]),
  })
  .nullish()
  .catch(null);

const tweetSchema = z.looseObject({
  id_str: id,
  full_text: z.string().optional(),
  text: z.string().optional(),
  created_at: z.string(),
  in_reply_to_status_id_str: z.string().nullish().catch(null),
  in_reply_to_screen_name: z.string().nullish().catch(null),
  quoted_status_id_str: z.string().nullish().catch(null),
  entities: entitiesSchema,
  extended_entities: z.looseObject({ media: z.array(mediaEntity).catch([]) }).nullish().catch(null),
  lang: z.string().nullish().catch(null),
  favorite_count: numeric,
  retweet_count: numeric,
  possibly_sensitive: z.boolean().nullish().catch(null),
});
type Tweet = z.infer<typeof tweetSchema>;
type MediaEntity = z.infer<typeof mediaEntity>;

const months: Record<string, number> = { Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11 };

/** Twitter's "Wed Oct 10 20:19:24 +0000 2018" as ISO-8601 UTC (an ISO date too), or null. */
export function twitterDate(value: string): string | null {
  const match = /^\w{3} (\w{3}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2}) (\d{4})$/.exec(value.trim());
  if (!match) {
    const time = /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : Number.NaN;
    return Number.isNaN(time) ? null : new Date(time).toISOString();
  }
  const [, month, day, hours, minutes, seconds, sign, offsetHours, offsetMinutes, year] = match;
  const monthIndex = months[month ?? ''];
  if (monthIndex === undefined) return null;
  const offset = (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes));
  const time = Date.UTC(Number(year), monthIndex, Number(day), Number(hours), Number(minutes) - offset, Number(seconds));
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** The JSON of a `window.YTD.<name>.part<n> = [ … ]` file, never run as JavaScript. Throws ExportFileError. */
export function parseYtd(source: string, name: string): unknown[] {
  const match = /^\s*window\.YTD\.[\w$]+\.part\d+\s*=\s*/.exec(source);
  if (!match) throw new ExportFileError('broken_export', `${name} in the Twitter export does not start with window.YTD.….part… =.`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(source.slice(match[0].length).replace(/[\s;]+$/, ''));
  } catch (error) {
    throw new ExportFileError('broken_export', `${name} in the Twitter export is not valid JSON after its window.YTD prefix (${(error as Error).message}).`, { cause: error });
  }
  if (!Array.isArray(parsed)) throw new ExportFileError('broken_export', `${name} in the Twitter export holds no list.`);
  return parsed;
}

const decodeEntities = (text: string) => text.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[name] ?? '');

/** The tweet's text with its t.co links expanded (as link facets) and its own media's link left out. */
function textOf(tweet: Tweet, media: MediaEntity[]): { text: string; facets: Facet[] } {
  const raw = tweet.full_text ?? tweet.text ?? '';
  const replacements = new Map<string, string | null>();
  for (const entity of media) if (entity.url) replacements.set(entity.url, null);
  for (const entity of tweet.entities?.urls ?? []) replacements.set(entity.url, entity.expanded_url || entity.url);
  let text = '';
  let bytes = 0;
  const facets: Facet[] = [];
  const add = (chunk: string) => {
    text += chunk;
    bytes += Buffer.byteLength(chunk, 'utf8');
  };
  let rest = raw;
  while (rest.length > 0) {
    let first: { at: number; short: string } | null = null;
    for (const short of replacements.keys()) {
      const at = rest.indexOf(short);
      if (at >= 0 && (first === null || at < first.at || (at === first.at && short.length > first.short.length))) first = { at, short };
    }
    if (first === null) {
      add(decodeEntities(rest));
      break;
    }
    add(decodeEntities(rest.slice(0, first.at)));
    const long = replacements.get(first.short);
    if (long) {
      const start = bytes;
      add(long);
      facets.push({ byteStart: start, byteEnd: bytes, feature: { kind: 'link', uri: long } });
    }
    rest = rest.slice(first.at + first.short.length);
  }
  const trimmed = text.trimEnd();
  // Hashtags, in order, where the text still says them.
  let from = 0;
  for (const { text: tag } of tweet.entities?.hashtags ?? []) {
    const at = trimmed.indexOf(`#${tag}`, from);
    if (at < 0) continue;
    const byteStart = Buffer.byteLength(trimmed.slice(0, at), 'utf8');
    facets.push({ byteStart, byteEnd: byteStart + Buffer.byteLength(`#${tag}`, 'utf8'), feature: { kind: 'tag', tag } });
    from = at + tag.length + 1;
  }
  facets.sort((a, b) => a.byteStart - b.byteStart);
  return { text: trimmed, facets };
}

const kinds: Record<string, Media['kind']> = { photo: 'image', video: 'video', animated_gif: 'gifv' };

const baseName = (url: string | null | undefined) => {
  if (!url) return null;
  try {
    return new URL(url).pathname.split('/').pop() || null;
  } catch {
    return url.split(/[/?#]/).filter(Boolean).pop() ?? null;
  }
};

function bestVariant(entity: MediaEntity) {
  const variants = entity.video_info?.variants ?? [];
  const mp4 = variants.filter((variant) => variant.content_type === 'video/mp4');
  return (mp4.length > 0 ? mp4 : variants).reduce<(typeof variants)[number] | undefined>((best, variant) => (best && (best.bitrate ?? 0) >= (variant.bitrate ?? 0) ? best : variant), undefined);
}

const positive = (value: number | null | undefined) => (value && value > 0 ? value : null);

/** A quote tweet: one the export says quotes, or one whose link is a status on Twitter or X. */
const quotesOf = (tweet: Tweet) =>
  Boolean(tweet.quoted_status_id_str) || (tweet.entities?.urls ?? []).some((entity) => /^https?:\/\/(?:www\.|mobile\.)?(?:twitter|x)\.com\/\w+\/status(?:es)?\/\d+/i.test(entity.expanded_url ?? ''));

interface Owner {
  author: Author;
  accountId: string;
  username: string;
}

async function archivedOf(raw: unknown, owner: Owner, zip: ZipArchive, mediaFiles: Map<string, string[]>, log: (message: string, error?: unknown) => void): Promise<ArchivedPost> {
  const wrapped = raw && typeof raw === 'object' && 'tweet' in raw ? raw.tweet : raw;
  const tweet = tweetSchema.parse(wrapped);
  const createdAt = twitterDate(tweet.created_at);
  if (createdAt === null) throw new Error(`created_at ${tweet.created_at} is not a date`);
  const entities = tweet.extended_entities?.media?.length ? tweet.extended_entities.media : (tweet.entities?.media ?? []);
  const { text, facets } = textOf(tweet, entities);
  const media: Media[] = [];
  const attached: AttachedMedia[] = [];
  const files = mediaFiles.get(tweet.id_str) ?? [];
  for (const entity of entities) {
    const kind = kinds[entity.type ?? ''] ?? 'unknown';
    const variant = kind === 'image' ? undefined : bestVariant(entity);
    const picture = entity.media_url_https ?? entity.media_url ?? null;
    const url = variant?.url ?? picture;
    if (!url) continue;
    media.push({
      kind,
      url,
      previewUrl: variant ? picture : null,
      alt: entity.ext_alt_text ?? '',
      width: positive(entity.original_info?.width) ?? positive(entity.sizes?.large?.w),
      height: positive(entity.original_info?.height) ?? positive(entity.sizes?.large?.h),
    });
    const names = [baseName(variant?.url), baseName(picture)].filter((name): name is string => name !== null);
    const file = files.find((candidate) => names.some((name) => candidate.endsWith(`/${tweet.id_str}-${name}`)));
    if (!file || (zip.sizeOf(file) ?? Infinity) > mediaLimit) continue;
    try {
      attached.push({ position: media.length - 1, mimeType: mimeTypeOfName(file), bytes: new Uint8Array(await zip.read(file, mediaLimit)) });
    } catch (error) {
      log(`${file} could not be read from the Twitter export`, error);
    }
  }
  const language = tweet.lang && /^[a-z]{2,3}(?:-[A-Za-z0-9]+)*$/.test(tweet.lang) && !/^(?:und|zxx|q[a-z]{2})$/.test(tweet.lang) ? tweet.lang : null;
  const url = `https://x.com/${owner.username}/status/${tweet.id_str}`;
  const post: Post = postSchema.parse({
    network: 'twitter',
    uri: `https://x.com/i/status/${tweet.id_str}`,
    url,
    author: owner.author,
    content: { kind: 'facets', text, facets },
    media,
    card: null,
    replyTo: tweet.in_reply_to_status_id_str ? { handle: tweet.in_reply_to_screen_name ?? null } : null,
    contentWarning: null,
    labels: tweet.possibly_sensitive ? ['sensitive'] : [],
    counts: { replies: 0, boosts: tweet.retweet_count ?? 0, likes: tweet.favorite_count ?? 0 },
    language,
    createdAt,
    quote: null,
    boostedBy: null,
    sortAt: createdAt,
    seenBy: [{ accountId: owner.accountId, nativeId: tweet.id_str, cid: null, liked: false, boosted: false }],
  } satisfies Post);
  return {
    key: tweet.id_str,
    uri: post.uri,
    url,
    createdAt,
    text,
    altText: media.map((item) => item.alt).filter(Boolean).join('\n'),
    content: post.content,
    langs: language ? [language] : [],
    hasMedia: media.length > 0,
    isReply: Boolean(tweet.in_reply_to_status_id_str),
    isQuote: quotesOf(tweet),
    post,
    source: wrapped,
    ...(attached.length > 0 ? { attached } : {}),
  };
}

/** The tweets' files in their order (part0 first), under the export's folder. */
export function tweetFilesOf(zip: ZipArchive, data: string): string[] {
  const pattern = /^(tweets?)(?:-part(\d+))?\.js$/;
  const found = zip.names.flatMap((name) => {
    if (!name.startsWith(data)) return [];
    const match = pattern.exec(name.slice(data.length));
    return match ? [{ name, plural: match[1] === 'tweets', part: Number(match[2] ?? 0) }] : [];
  });
  // An export has one of the two namings; were both there, the newer (tweets) is the one read.
  const plural = found.some((file) => file.plural);
  return found
    .filter((file) => file.plural === plural)
    .sort((a, b) => a.part - b.part)
    .map((file) => file.name);
}

/**
 * The export's data folder ("data/", or "<folder>/data/" in a zip made again from the unpacked
 * export): where its data/account.js is, undefined when there is none.
 */
export function dataFolderOf(zip: ZipArchive): string | undefined {
  const accountFile = zip.names.filter((name) => name === 'data/account.js' || name.endsWith('/data/account.js')).sort((a, b) => a.length - b.length)[0];
  return accountFile?.slice(0, -'account.js'.length);
}

/**
 * Reads the export at `path`: its account at once (throws ExportFileError when the file is not a
 * zip or not a Twitter/X export), its tweets page by page from `from` (a page's `next`).
 */
export async function readTwitterExport(path: string, options: { from?: string | null; log?: (message: string, error?: unknown) => void } = {}): Promise<TwitterExport> {
  const from = startOf(options.from);
  const log = options.log ?? (() => undefined);
  const zip = await openZip(path);
  try {
    const data = dataFolderOf(zip);
    const accountFile = data === undefined ? undefined : `${data}account.js`;
    const tweetFiles = data === undefined ? [] : tweetFilesOf(zip, data);
    if (accountFile === undefined || data === undefined || tweetFiles.length === 0) {
      throw new ExportFileError('not_an_export', `${path} is not a Twitter/X data export: it has no data/account.js and data/tweets.js.`);
    }
    const entry = parseYtd(await readText(zip, accountFile), 'data/account.js')[0] as { account?: unknown } | undefined;
    const parsed = accountSchema.safeParse(entry?.account);
    if (!parsed.success) throw new ExportFileError('broken_export', `data/account.js in ${path} does not name an account (accountId and username).`);
    const { accountId, username, accountDisplayName } = parsed.data;
    const account: TwitterExportAccount = { network: 'twitter', accountId: `twitter:${accountId}`, handle: `@${username}`, displayName: accountDisplayName?.trim() ? accountDisplayName : username };
    const owner: Owner = {
      accountId: account.accountId,
      username,
      author: { network: 'twitter', id: accountId, handle: username, displayName: account.displayName, avatarUrl: null, profileUrl: `https://x.com/${username}` },
    };
    async function* tweetsIn(files: ZipArchive): AsyncGenerator<unknown> {
      for (const file of tweetFiles) yield* parseYtd(await readText(files, file), file.slice(data?.length ?? 0));
    }
    async function* pages(): AsyncGenerator<ArchivePage> {
      const files = await openZip(path);
      const mediaFiles = new Map<string, string[]>();
      for (const name of files.names) {
        const match = /(?:^|\/)data\/tweets?_media\/(\d+)-[^/]+$/.exec(name);
        if (match?.[1]) mediaFiles.set(match[1], [...(mediaFiles.get(match[1]) ?? []), name]);
      }
      try {
        yield* pagesOf(tweetsIn(files), from, async (tweet): Promise<Reading> => {
          try {
            return { post: await archivedOf(tweet, owner, files, mediaFiles, log) };
          } catch (error) {
            log(`a tweet of the Twitter export ${path} could not be read`, error);
            return 'unreadable';
          }
        });
      } finally {
        files.close();
      }
    }
    return { account, pages: { [Symbol.asyncIterator]: pages } };
  } finally {
    zip.close();
  }
}
