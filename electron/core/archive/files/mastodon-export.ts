/**
 * A Mastodon account export ("Request your archive": a zip of actor.json, outbox.json, the
 * account's media under media_attachments/, avatar and header), read offline into archive posts,
 * for an account whose server is gone.
 *
 * outbox.json is an ActivityStreams OrderedCollection of the account's activities: Create (the
 * account's own statuses, with the Note inline) and Announce (boosts of others: skipped). Notes
 * listed directly (other servers' exports) are read too. It is one JSON document, parsed whole;
 * the posts are then made a page at a time, their media read from the zip as each page is made.
 *
 * The export does not say the account's numeric id on its server, so the account is known by
 * its ActivityPub id: `mastodon-export:<actor id URL>`. The media's URLs in the export are paths
 * (/media_attachments/files/…): they are kept as URLs on the actor's server, and their bytes
 * come from the zip (`attached`).
 */
import { z } from 'zod';
import { postSchema, type Author, type Media, type Poll, type Post } from '../../../../shared/domain/post.ts';
import { textOfStatusHtml } from '../../../../shared/text/status-text.ts';
import type { ArchivedPost, ArchivePage, AttachedMedia } from '../../networks/archive.ts';
import { pagesOf, startOf, type Reading } from './export-pages.ts';
import { ExportFileError, isoOf, mediaLimit, mimeTypeOfName, openZip, readText, type ZipArchive } from './zip-reader.ts';

export interface MastodonExportAccount {
  network: 'mastodon';
  /** mastodon-export:<actor id URL>: the export does not carry the account's id on its server. */
  accountId: string;
  /** @name@host, the host being the actor id's (a server whose accounts live under another domain cannot be told from the export). */
  handle: string;
  /** The account's ActivityPub id (https://host/users/name). */
  actorUri: string;
  displayName: string;
  /** The avatar's bytes, when the zip has them. */
  avatar: { mimeType: string; bytes: Uint8Array } | null;
}

export interface MastodonExport {
  account: MastodonExportAccount;
  /** Entries in outbox.json, boosts included (for progress). */
  entries: number;
  pages: AsyncIterable<ArchivePage>;
}

const httpUrl = z.string().refine((value) => {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
});

/** An ActivityStreams link: a string, a Link object, or a list of either (the first that is a string wins). */
function hrefOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    for (const item of value) {
      const href = hrefOf(item);
      if (href) return href;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    const link = value as { href?: unknown; url?: unknown };
    return hrefOf(link.href ?? link.url);
  }
  return null;
}

const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === null || value === undefined ? [] : [value]);

const actorSchema = z.looseObject({
  id: httpUrl,
  preferredUsername: z.string().min(1),
  name: z.string().nullish().catch(null),
  url: z.unknown().optional(),
  icon: z.unknown().optional(),
});

const text = z.string().nullish().catch(null);
const totalOf = z.looseObject({ totalItems: z.number().int().nonnegative() }).transform((collection) => collection.totalItems).nullish().catch(null);

const noteSchema = z.looseObject({
  id: httpUrl,
  type: z.string(),
  published: z.string().refine((value) => isoOf(value) !== null),
  url: z.unknown().optional(),
  summary: text,
  content: text,
  contentMap: z.record(z.string(), z.string()).nullish().catch(null),
  sensitive: z.boolean().nullish().catch(null),
  inReplyTo: z.unknown().optional(),
  attachment: z.unknown().optional(),
  tag: z.unknown().optional(),
  quoteUri: text,
  quoteUrl: text,
  _misskey_quote: text,
  quote: z.unknown().optional(),
  oneOf: z.unknown().optional(),
  anyOf: z.unknown().optional(),
  endTime: text,
  closed: z.unknown().optional(),
  votersCount: z.number().int().nonnegative().nullish().catch(null),
  likes: totalOf,
  shares: totalOf,
  replies: totalOf,
});
type Note = z.infer<typeof noteSchema>;

const attachmentSchema = z.looseObject({
  type: z.string().nullish().catch(null),
  mediaType: z.string().nullish().catch(null),
  url: z.unknown(),
  name: text,
  width: z.number().positive().nullish().catch(null),
  height: z.number().positive().nullish().catch(null),
});

const pollOptionSchema = z.looseObject({ name: z.string(), replies: totalOf });

const noteTypes = new Set(['Note', 'Question', 'Article', 'Page']);
const mimePattern = /^[\w.+-]+\/[\w.+-]+$/;

/** Where the export keeps outbox.json and actor.json: at the zip's top, or in one folder (a zip made again from the unpacked export). */
function rootOf(zip: ZipArchive): string | null {
  const outboxes = zip.names.filter((name) => name === 'outbox.json' || name.endsWith('/outbox.json')).sort((a, b) => a.length - b.length);
  for (const outbox of outboxes) {
    const root = outbox.slice(0, -'outbox.json'.length);
    if (zip.has(`${root}actor.json`)) return root;
  }
  return null;
}

function parseJson(source: string, name: string): unknown {
  try {
    return JSON.parse(source);
  } catch (error) {
    throw new ExportFileError('broken_export', `${name} in the Mastodon export is not valid JSON (${(error as Error).message}).`, { cause: error });
  }
}

/** A media path of the export as the zip's file name: without a leading slash or Mastodon's /system/ folder. */
const pathOf = (url: string) => {
  let path = url;
  try {
    path = new URL(url).pathname;
  } catch {
    // a path already
  }
  return path.replace(/^\/+/, '').replace(/^system\//, '');
};

/** The account whose export it is, as every post names it. */
interface Owner {
  author: Author;
  accountId: string;
  origin: string;
}

function mediaKindOf(mediaType: string | null, type: string | null): Media['kind'] {
  const major = (mediaType ?? '').split('/')[0];
  if (major === 'image' || major === 'video' || major === 'audio') return major;
  switch (type) {
    case 'Image':
      return 'image';
    case 'Video':
      return 'video';
    case 'Audio':
      return 'audio';
    default:
      return 'unknown';
  }
}

/** The zip's name for a media path: under the export's folder, else any file that ends the same from media_attachments/ on. */
function mediaFinder(zip: ZipArchive, root: string): (path: string) => string | undefined {
  const bySuffix = new Map<string, string>();
  for (const name of zip.names) {
    const at = name.indexOf('media_attachments/');
    if (at >= 0 && !bySuffix.has(name.slice(at))) bySuffix.set(name.slice(at), name);
  }
  return (path) => {
    for (const candidate of new Set([path, safeDecode(path)])) {
      if (zip.has(`${root}${candidate}`)) return `${root}${candidate}`;
      const at = candidate.indexOf('media_attachments/');
      const found = at >= 0 ? bySuffix.get(candidate.slice(at)) : undefined;
      if (found) return found;
    }
    return undefined;
  };
}

const safeDecode = (path: string) => {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
};

function pollOf(note: Note, now: number): Poll | undefined {
  const multiple = Array.isArray(note.anyOf) && note.anyOf.length > 0;
  const raw = listOf(multiple ? note.anyOf : note.oneOf);
  const options = raw.flatMap((option) => {
    const parsed = pollOptionSchema.safeParse(option);
    return parsed.success ? [{ title: parsed.data.name, votes: parsed.data.replies ?? null }] : [];
  });
  if (note.type !== 'Question' || options.length === 0) return undefined;
  const expiresAt = isoOf(note.endTime) ?? isoOf(note.closed);
  return {
    options: options.slice(0, 50),
    multiple,
    expiresAt,
    expired: Boolean(note.closed) || (expiresAt !== null && Date.parse(expiresAt) <= now),
    votes: options.reduce((sum, option) => sum + (option.votes ?? 0), 0),
    voters: note.votersCount ?? null,
  };
}

/** One Note as an archived post, its media's bytes read from the zip. Throws when the note is not one. */
async function archivedOf(raw: unknown, who: Owner, zip: ZipArchive, findMedia: (path: string) => string | undefined, log: (message: string, error?: unknown) => void): Promise<ArchivedPost> {
  const note = noteSchema.parse(raw);
  const createdAt = isoOf(note.published) ?? '';
  const html = note.content ?? Object.values(note.contentMap ?? {})[0] ?? '';
  const langs = Object.keys(note.contentMap ?? {}).filter((lang) => lang !== 'und');
  const media: Media[] = [];
  const attached: AttachedMedia[] = [];
  for (const item of listOf(note.attachment)) {
    const attachment = attachmentSchema.safeParse(item);
    const href = attachment.success ? hrefOf(attachment.data.url) : null;
    if (!attachment.success || !href) continue;
    const { mediaType, type, name, width, height } = attachment.data;
    const path = pathOf(href);
    let url = href;
    try {
      url = new URL(href, who.origin).href;
    } catch {
      // kept as the export says it
    }
    media.push({ kind: mediaKindOf(mediaType ?? null, type ?? null), url, previewUrl: null, alt: name ?? '', width: width ?? null, height: height ?? null });
    const file = findMedia(path);
    if (!file || (zip.sizeOf(file) ?? Infinity) > mediaLimit) continue;
    try {
      const bytes = await zip.read(file, mediaLimit);
      attached.push({ position: media.length - 1, mimeType: mediaType && mimePattern.test(mediaType) ? mediaType : mimeTypeOfName(file), bytes: new Uint8Array(bytes) });
    } catch (error) {
      log(`${file} could not be read from the Mastodon export`, error);
    }
  }
  const emojis = listOf(note.tag).flatMap((tag) => {
    const emoji = tag as { type?: unknown; name?: unknown; icon?: unknown };
    const url = emoji && emoji.type === 'Emoji' && typeof emoji.name === 'string' ? hrefOf(emoji.icon) : null;
    return url ? [{ shortcode: (emoji.name as string).replace(/^:|:$/g, ''), url }] : [];
  });
  const inReplyTo = hrefOf(note.inReplyTo);
  const quoteUri = note.quoteUri ?? note._misskey_quote ?? note.quoteUrl ?? hrefOf(note.quote);
  const contentWarning = note.summary?.trim() ? note.summary : null;
  const poll = pollOf(note, Date.now());
  const post: Post = postSchema.parse({
    network: 'mastodon',
    uri: note.id,
    url: hrefOf(note.url) ?? note.id,
    author: who.author,
    content: { kind: 'html', html, emojis },
    media,
    card: null,
    replyTo: inReplyTo ? { handle: inReplyTo.startsWith(`${who.author.id}/`) ? who.author.handle : null } : null,
    contentWarning,
    labels: note.sensitive ? ['sensitive'] : [],
    counts: { replies: note.replies ?? 0, boosts: note.shares ?? 0, likes: note.likes ?? 0 },
    language: langs[0] ?? null,
    createdAt,
    ...(poll ? { poll } : {}),
    // The quoted post is not in the export: its address stays in `source`.
    quote: null,
    boostedBy: null,
    sortAt: createdAt,
    seenBy: [{ accountId: who.accountId, nativeId: note.id, cid: null, liked: false, boosted: false }],
  } satisfies Post);
  const body = textOfStatusHtml(html);
  return {
    key: note.id,
    uri: note.id,
    url: post.url,
    createdAt,
    text: contentWarning ? `${contentWarning}\n\n${body}` : body,
    altText: media.map((item) => item.alt).filter(Boolean).join('\n'),
    content: post.content,
    langs,
    hasMedia: media.length > 0,
    isReply: inReplyTo !== null,
    isQuote: Boolean(quoteUri),
    post,
    source: note,
    ...(attached.length > 0 ? { attached } : {}),
  };
}

/** What one outbox entry holds: the Note of a Create, a Note itself; a boost is skipped. */
function noteOfEntry(entry: unknown): unknown {
  if (!entry || typeof entry !== 'object') return null;
  const { type, object } = entry as { type?: unknown; object?: unknown };
  if (type === 'Announce') return 'skipped';
  if (typeof type === 'string' && noteTypes.has(type)) return entry;
  if (type === 'Create' && object && typeof object === 'object') return object;
  return null;
}

/**
 * Reads the export at `path`: its account at once (throws ExportFileError when the file is not a
 * zip or not a Mastodon export), its posts page by page from `from` (a page's `next`).
 */
export async function readMastodonExport(path: string, options: { from?: string | null; log?: (message: string, error?: unknown) => void } = {}): Promise<MastodonExport> {
  const from = startOf(options.from);
  const log = options.log ?? (() => undefined);
  const zip = await openZip(path);
  try {
    const root = rootOf(zip);
    if (root === null) throw new ExportFileError('not_an_export', `${path} is not a Mastodon account export: it has no outbox.json and actor.json.`);
    const actor = actorSchema.safeParse(parseJson(await readText(zip, `${root}actor.json`), 'actor.json'));
    if (!actor.success) throw new ExportFileError('broken_export', `actor.json in ${path} does not describe a Mastodon account (it needs an id URL and a preferredUsername).`);
    const outbox = parseJson(await readText(zip, `${root}outbox.json`), 'outbox.json') as { orderedItems?: unknown; items?: unknown } | null;
    const list = outbox && typeof outbox === 'object' ? (outbox.orderedItems ?? outbox.items) : undefined;
    if (!Array.isArray(list)) throw new ExportFileError('broken_export', `outbox.json in ${path} lists no posts (it has no orderedItems).`);
    const host = new URL(actor.data.id).host;
    const iconUrl = hrefOf(actor.data.icon);
    const iconType = (actor.data.icon as { mediaType?: unknown } | undefined)?.mediaType;
    let avatar: MastodonExportAccount['avatar'] = null;
    if (iconUrl && !/^https?:/i.test(iconUrl) && zip.has(`${root}${iconUrl}`)) {
      try {
        avatar = { mimeType: typeof iconType === 'string' && mimePattern.test(iconType) ? iconType : mimeTypeOfName(iconUrl), bytes: new Uint8Array(await zip.read(`${root}${iconUrl}`, mediaLimit)) };
      } catch (error) {
        log(`the avatar of the Mastodon export ${path} could not be read`, error);
      }
    }
    const account: MastodonExportAccount = {
      network: 'mastodon',
      accountId: `mastodon-export:${actor.data.id}`,
      handle: `@${actor.data.preferredUsername}@${host}`,
      actorUri: actor.data.id,
      displayName: actor.data.name?.trim() ? actor.data.name : actor.data.preferredUsername,
      avatar,
    };
    const author: Author = {
      network: 'mastodon',
      id: actor.data.id,
      handle: `${actor.data.preferredUsername}@${host}`,
      displayName: account.displayName,
      avatarUrl: iconUrl && /^https?:/i.test(iconUrl) ? iconUrl : null,
      profileUrl: hrefOf(actor.data.url) ?? actor.data.id,
    };
    const who: Owner = { author, accountId: account.accountId, origin: new URL(actor.data.id).origin };
    const entries: unknown[] = list;
    const folder = root;
    async function* pages(): AsyncGenerator<ArchivePage> {
      const media = await openZip(path);
      const findMedia = mediaFinder(media, folder);
      try {
        yield* pagesOf(entries, from, async (entry): Promise<Reading> => {
          const note = noteOfEntry(entry);
          if (note === 'skipped') return 'skipped';
          try {
            if (note === null) throw new Error('neither a Create of a note nor a note');
            return { post: await archivedOf(note, who, media, findMedia, log) };
          } catch (error) {
            log(`an entry of the Mastodon export ${path} could not be read`, error);
            return 'unreadable';
          }
        });
      } finally {
        media.close();
      }
    }
    return { account, entries: entries.length, pages: { [Symbol.asyncIterator]: pages } };
  } finally {
    zip.close();
  }
}
