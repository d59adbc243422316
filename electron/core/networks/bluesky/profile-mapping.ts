/**
 * Bluesky's profile view (app.bsky.actor.defs#profileViewDetailed) as the network-neutral Profile.
 * A description is plain text: its links and hashtags are found as the Bluesky app finds them
 * (RichText without resolving mentions; a mention is only kept where it names a DID).
 */
import { RichText, type AppBskyActorDefs } from '@atproto/api';
import type { Facet } from '../../../../shared/domain/post.ts';
import { profileSchema, relationshipSchema, type Profile, type Relationship } from '../../../../shared/domain/profile.ts';
import { blueskyAuthor } from './post-mapping.ts';

type ProfileView = AppBskyActorDefs.ProfileViewDetailed;

function facetsIn(text: string): Facet[] {
  const rich = new RichText({ text });
  rich.detectFacetsWithoutResolution();
  const facets: Facet[] = [];
  for (const facet of rich.facets ?? []) {
    const { byteStart, byteEnd } = facet.index;
    for (const feature of facet.features) {
      const { $type, uri, did, tag } = feature as { $type?: string; uri?: unknown; did?: unknown; tag?: unknown };
      if ($type === 'app.bsky.richtext.facet#link' && typeof uri === 'string') facets.push({ byteStart, byteEnd, feature: { kind: 'link', uri } });
      else if ($type === 'app.bsky.richtext.facet#tag' && typeof tag === 'string') facets.push({ byteStart, byteEnd, feature: { kind: 'tag', tag } });
      else if ($type === 'app.bsky.richtext.facet#mention' && typeof did === 'string' && did.startsWith('did:')) facets.push({ byteStart, byteEnd, feature: { kind: 'mention', did } });
    }
  }
  return facets;
}

const count = (value: number | undefined) => (value !== undefined && Number.isInteger(value) && value >= 0 ? value : null);

export const relationshipOf = (profile: Pick<ProfileView, 'did' | 'viewer'>): Relationship =>
  relationshipSchema.parse({
    id: profile.did,
    following: Boolean(profile.viewer?.following),
    followedBy: Boolean(profile.viewer?.followedBy),
    muting: Boolean(profile.viewer?.muted),
    blocking: Boolean(profile.viewer?.blocking),
    blockedBy: Boolean(profile.viewer?.blockedBy),
    requested: false, // Bluesky follows need no approval
  });

/** The profile as `accountId` sees it (its viewer state is the relationship). Throws when malformed. */
export function profileOf(profile: ProfileView, accountId: string): Profile {
  const author = blueskyAuthor(profile);
  const bio = profile.description ?? '';
  return profileSchema.parse({
    network: 'bluesky',
    author,
    accountId,
    headerUrl: profile.banner ?? null,
    bio: { kind: 'facets', text: bio, facets: facetsIn(bio) },
    fields: [],
    counts: { followers: count(profile.followersCount), following: count(profile.followsCount), posts: count(profile.postsCount) },
    url: author.profileUrl,
    locked: false,
    bot: (profile.labels ?? []).some((label) => label.val === 'bot'),
    relationship: relationshipOf(profile),
  });
}
