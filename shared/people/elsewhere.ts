/**
 * Where else a person is, from their profile alone: the accounts on other networks it names
 * (fields, bio, verified links) and their Bridgy Fed bridge. These are addresses to look up, not
 * facts: a bridge exists only if the person opted in, so a window shows one only once found.
 */
import type { IdentityClaim } from '../domain/post.ts';
import type { Profile } from '../domain/profile.ts';
import { bridgedAddress } from '../timeline/cross-posts.ts';
import { claimsInBlueskyDescription, claimsInMastodonProfile } from '../timeline/identity-claims.ts';

/** What a profile says of its owner's accounts elsewhere. */
export function claimsOfProfile(profile: Pick<Profile, 'bio' | 'fields'>): IdentityClaim[] {
  if (profile.bio.kind === 'facets') return claimsInBlueskyDescription(profile.bio.text);
  return claimsInMastodonProfile({
    note: profile.bio.html,
    fields: profile.fields.map((field) => ({ name: field.name, value: field.value.kind === 'html' ? field.value.html : field.value.text, verifiedAt: field.verifiedAt })),
  });
}

export interface Elsewhere {
  network: string;
  address: string;
  /** named: the profile names it; bridged: their Bridgy Fed bridge, if they have one. */
  how: 'named' | 'bridged';
}

/** The person's possible accounts on other networks, the ones the profile names first. */
export function elsewhereOf(profile: Pick<Profile, 'author' | 'bio' | 'fields'>): Elsewhere[] {
  const named = claimsOfProfile(profile)
    .filter((claim) => claim.network !== profile.author.network)
    .sort((a, b) => Number(b.verified) - Number(a.verified))
    .map((claim): Elsewhere => ({ network: claim.network, address: claim.account, how: 'named' }));
  const bridged = bridgedAddress(profile.author);
  return bridged ? [...named, { network: bridged.network, address: bridged.handle, how: 'bridged' }] : named;
}
