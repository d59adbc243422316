/**
 * Quarantine rather than crash: a timeline entry a network's module could not read becomes a
 * placeholder in its place ("this post could not be shown", with a link to the original), as
 * long as it says at least when it was posted; each is logged once, with its account.
 */
import { postSchema, type Post } from '../../../shared/domain/post.ts';
import { httpUrl } from '../../../shared/text/links.ts';
import type { Logger } from '../base/logger.ts';

export interface UnreadableEntry {
  network: string;
  accountId: string;
  /** How the account's server names it (a status id, an at:// URI). */
  nativeId: string;
  /** Its canonical URI where the entry has one, else a stand-in made from the native id. */
  uri: string;
  url: string | null;
  createdAt: string;
}

export function createQuarantine(log: Logger) {
  const logged = new Set<string>();
  return {
    /** The placeholder for an entry, or null when not even its time can be read (then it is left out). */
    unreadable(entry: Partial<UnreadableEntry> & Pick<UnreadableEntry, 'network' | 'accountId'>, error: unknown): Post | null {
      const key = `${entry.accountId} ${entry.nativeId ?? entry.uri ?? '?'}`;
      if (!logged.has(key)) {
        logged.add(key);
        log(`${entry.network}: could not read a timeline entry (${entry.nativeId ?? 'without an id'}) for ${entry.accountId}`, error);
      }
      if (!entry.nativeId || !entry.createdAt || Number.isNaN(Date.parse(entry.createdAt))) return null;
      const createdAt = new Date(entry.createdAt).toISOString();
      const uri = entry.uri ?? `${entry.network}:unreadable:${entry.nativeId}`;
      const placeholder = postSchema.safeParse({
        network: entry.network,
        uri,
        url: entry.url ? (httpUrl(entry.url)?.href ?? null) : null,
        author: { network: entry.network, id: `unreadable:${uri}`, handle: '', displayName: '', avatarUrl: null, profileUrl: null },
        content: { kind: 'facets', text: '', facets: [] },
        media: [],
        card: null,
        replyTo: null,
        contentWarning: null,
        labels: [],
        counts: { replies: 0, boosts: 0, likes: 0 },
        language: null,
        createdAt,
        quote: null,
        boostedBy: null,
        sortAt: createdAt,
        seenBy: [{ accountId: entry.accountId, nativeId: entry.nativeId, cid: null, liked: false, boosted: false }],
        unreadable: true,
      });
      return placeholder.success ? placeholder.data : null;
    },
  };
}

export type Quarantine = ReturnType<typeof createQuarantine>;

/** What `read` gives, or null when it throws (an entry a server sent that Braid cannot read). */
export function readOrNull<T>(read: () => T): T | null {
  try {
    return read();
  } catch {
    return null;
  }
}
