/** Bluesky profiles by DID or handle (app.bsky.actor.getProfiles), for what their descriptions say. */
import type { Agent } from '@atproto/api';
import { phrase } from '../../base/errors.ts';
import { fromXrpcError } from './xrpc-errors.ts';
import { hostOf } from './actions.ts';

export interface BlueskyProfile {
  did: string;
  handle: string;
  description: string;
}

/** app.bsky.actor.getProfiles takes at most this many actors a call. */
export const profilesPerCall = 25;

/** The profiles of these actors that exist (a deleted or suspended account is left out), one call per 25. */
export async function getProfiles(agent: Agent, actors: readonly string[]): Promise<BlueskyProfile[]> {
  const host = hostOf(agent);
  const profiles: BlueskyProfile[] = [];
  for (let start = 0; start < actors.length; start += profilesPerCall) {
    let data;
    try {
      ({ data } = await agent.getProfiles({ actors: actors.slice(start, start + profilesPerCall) }));
    } catch (error) {
      throw fromXrpcError(error, host, phrase('error.what.profiles'));
    }
    for (const profile of data.profiles) profiles.push({ did: profile.did, handle: profile.handle, description: profile.description ?? '' });
  }
  return profiles;
}
