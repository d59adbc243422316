/**
 * The people of a Twitter/X data export: whom the account followed (data/following.js) and who
 * followed it (data/follower.js), to look for on the networks the user went to.
 *
 * Those two files hold only ids: `window.YTD.following.part0 = [ { "following": { "accountId":
 * "123", "userLink": "https://twitter.com/intent/user?user_id=123" } }, … ]`. Their handles and
 * names are recovered from the rest of the export, wherever the person appears in the account's
 * own tweets: a mention (entities.user_mentions: id, @handle and name) or the one a tweet
 * replies to (in_reply_to_user_id_str and in_reply_to_screen_name: a handle, no name). The
 * newest tweet wins (a handle or name may have changed). Direct messages name their
 * participants by id only, so they are not read: they would name nobody. Everyone else is
 * counted as unnamed. Each file is parsed as JSON after its prefix (parseYtd), never run.
 */
import { z } from 'zod';
import type { Author } from '../../../../shared/domain/post.ts';
import { dataFolderOf, parseYtd, tweetFilesOf, twitterDate } from './twitter-export.ts';
import { ExportFileError, openZip, readText, type ZipArchive } from './zip-reader.ts';

export interface TwitterPerson {
  /** The numeric account id. */
  id: string;
  /** The username, without @, when a tweet of the export names them. */
  handle: string | null;
  /** The display name, when a tweet of the export mentions them. */
  name: string | null;
}

export interface TwitterFollows {
  /** Whom the account followed, as data/following.js lists them. */
  following: TwitterPerson[];
  /** Who followed the account, as data/follower.js lists them. */
  followers: TwitterPerson[];
  /** People of both lists (each once) with neither handle nor name: they cannot be looked up. */
  unnamed: number;
}

const idPattern = /^\d{1,25}$/;
const handlePattern = /^\w{1,50}$/;

const mentionSchema = z.looseObject({ id_str: z.string(), screen_name: z.string(), name: z.string().nullish().catch(null) });
const tweetSchema = z.looseObject({
  created_at: z.string().nullish().catch(null),
  in_reply_to_user_id_str: z.string().nullish().catch(null),
  in_reply_to_screen_name: z.string().nullish().catch(null),
  entities: z.looseObject({ user_mentions: z.array(z.unknown()).catch([]) }).nullish().catch(null),
});

interface Known {
  handle: string | null;
  name: string | null;
  /** When the tweet that said the handle, the name, was written (ms; -Infinity: unknown). */
  handleAt: number;
  nameAt: number;
}

/** The ids of a following.js or follower.js, in order, each once (an entry without a valid id is skipped). */
async function listOf(zip: ZipArchive, file: string, key: 'following' | 'follower'): Promise<string[]> {
  if (!zip.has(file)) return [];
  const ids = new Set<string>();
  for (const entry of parseYtd(await readText(zip, file), file)) {
    const inner = entry && typeof entry === 'object' ? (entry as Record<string, unknown>)[key] : undefined;
    const accountId = inner && typeof inner === 'object' ? (inner as Record<string, unknown>).accountId : undefined;
    const id = typeof accountId === 'number' && Number.isSafeInteger(accountId) ? String(accountId) : accountId;
    if (typeof id === 'string' && idPattern.test(id)) ids.add(id);
  }
  return [...ids];
}

/** What the tweets say of the people in `wanted`: handles and names, the newest kept. */
async function namesIn(zip: ZipArchive, files: readonly string[], wanted: ReadonlySet<string>): Promise<Map<string, Known>> {
  const known = new Map<string, Known>();
  const note = (id: string | null | undefined, handle: string | null | undefined, name: string | null | undefined, at: number) => {
    if (!id || !wanted.has(id)) return;
    const entry = known.get(id) ?? { handle: null, name: null, handleAt: -Infinity, nameAt: -Infinity };
    if (handle && handlePattern.test(handle) && (entry.handle === null || at > entry.handleAt)) {
      entry.handle = handle;
      entry.handleAt = at;
    }
    const trimmed = name?.trim();
    if (trimmed && (entry.name === null || at > entry.nameAt)) {
      entry.name = trimmed;
      entry.nameAt = at;
    }
    known.set(id, entry);
  };
  for (const file of files) {
    for (const raw of parseYtd(await readText(zip, file), file)) {
      const wrapped = raw && typeof raw === 'object' && 'tweet' in raw ? raw.tweet : raw;
      const parsed = tweetSchema.safeParse(wrapped);
      if (!parsed.success) continue;
      const tweet = parsed.data;
      const date = tweet.created_at ? twitterDate(tweet.created_at) : null;
      const at = date ? Date.parse(date) : -Infinity;
      note(tweet.in_reply_to_user_id_str, tweet.in_reply_to_screen_name, null, at);
      for (const item of tweet.entities?.user_mentions ?? []) {
        const mention = mentionSchema.safeParse(item);
        if (mention.success) note(mention.data.id_str, mention.data.screen_name, mention.data.name, at);
      }
    }
  }
  return known;
}

/**
 * The people of the Twitter/X export at `path`. Throws ExportFileError when the file is not a
 * zip, not a Twitter/X export, or has neither data/following.js nor data/follower.js.
 */
export async function readTwitterFollows(path: string): Promise<TwitterFollows> {
  const zip = await openZip(path);
  try {
    const data = dataFolderOf(zip);
    const followingFile = `${data ?? 'data/'}following.js`;
    const followerFile = `${data ?? 'data/'}follower.js`;
    if (data === undefined || (!zip.has(followingFile) && !zip.has(followerFile))) {
      throw new ExportFileError('not_an_export', `${path} is not a Twitter/X data export with the people followed: it has no data/account.js and data/following.js or data/follower.js.`);
    }
    const following = await listOf(zip, followingFile, 'following');
    const followers = await listOf(zip, followerFile, 'follower');
    const everyone = new Set([...following, ...followers]);
    const known = await namesIn(zip, tweetFilesOf(zip, data), everyone);
    const person = (id: string): TwitterPerson => ({ id, handle: known.get(id)?.handle ?? null, name: known.get(id)?.name ?? null });
    let unnamed = 0;
    for (const id of everyone) if (!known.get(id)?.handle && !known.get(id)?.name) unnamed += 1;
    return { following: following.map(person), followers: followers.map(person), unnamed };
  } finally {
    zip.close();
  }
}

/** A person of the export as an author of the network the user left: twitter:<id>, the handle, the name (else the handle). */
export function twitterAuthor(person: TwitterPerson): Author {
  const handle = person.handle ?? '';
  return {
    network: 'twitter',
    id: `twitter:${person.id}`,
    handle,
    displayName: person.name ?? handle,
    avatarUrl: null,
    profileUrl: person.handle ? `https://x.com/${person.handle}` : `https://x.com/i/user/${person.id}`,
  };
}
