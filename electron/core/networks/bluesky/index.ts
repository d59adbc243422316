/**
 * Bluesky (atproto) as one module: sign-in (OAuth or an app password), home timeline, publishing
 * under record keys made at Send, likes and reposts, peeks for new posts while a window has focus,
 * profile descriptions for recognising cross-posts, and the account's own posts for the archive
 * (its whole repository, read from a CAR file).
 */
import { ok } from '../../../../shared/contract.ts';
import type { IdentityClaim } from '../../../../shared/domain/post.ts';
import { claimsInBlueskyDescription } from '../../../../shared/timeline/identity-claims.ts';
import type { NetworkDefinition } from '../network.ts';
import { createBlueskyAccounts } from './accounts.ts';
import { createBlueskyActions } from './actions.ts';
import { createBlueskyArchive } from './archive.ts';
import { createBlueskyAdapter } from './adapter.ts';
import { createBlueskyConversation } from './conversation.ts';
import { createBlueskyPeople } from './people.ts';
import { createBlueskyNotifications } from './notifications.ts';
import { defaultDirectory, type BlueskyDirectory } from './identity.ts';
import { startBlueskyPeek } from './peek.ts';
import { getProfiles } from './profiles.ts';
import { blueskyKeys, createBlueskyPublisher } from './publish.ts';

export type { BlueskyDirectory };

export function blueskyNetwork(directory: BlueskyDirectory = defaultDirectory()): NetworkDefinition {
  return {
    id: 'bluesky',
    create(env) {
      const bluesky = createBlueskyAccounts(env, directory);
      return {
        info: {
          id: 'bluesky',
          name: 'Bluesky',
          shareWords: { action: 'Repost', done: 'reposted' },
          lacks: [
            { feature: 'content_warning', message: 'Bluesky has no content warnings: the warning text is not posted there; choose labels for it instead.' },
            { feature: 'visibility', message: 'Bluesky posts are always public: followers-only and direct posts are not sent there.' },
            { feature: 'server_scheduling', message: 'Bluesky cannot schedule posts: Braid posts them itself, and must be running then.' },
            { feature: 'live_updates', message: 'Bluesky has no live home timeline: Braid looks for new posts about once a minute while its window has focus.' },
          ],
        },
        signIn: {
          'accounts.bluesky.signIn': async (input) => ok(await bluesky.signInWithPassword(input)),
          'accounts.bluesky.begin': async ({ identifier }) => ok(await bluesky.beginOAuth(identifier)),
          'accounts.bluesky.await': async ({ flowId }) => ok(await bluesky.awaitOAuth(flowId)),
          'accounts.bluesky.cancel': async ({ flowId }) => {
            bluesky.cancelOAuth(flowId);
            return ok(null);
          },
        },
        accounts: bluesky.accounts,
        timeline: createBlueskyAdapter(bluesky.agentFor, env.log),
        publishing: { ...createBlueskyPublisher(bluesky.agentFor), keys: blueskyKeys },
        actions: createBlueskyActions(bluesky.agentFor),
        live: { start: (deps, focused) => startBlueskyPeek(deps, focused) },
        conversation: createBlueskyConversation(bluesky.agentFor),
        notifications: createBlueskyNotifications(bluesky.agentFor),
        people: createBlueskyPeople(bluesky.agentFor, env.log),
        archive: createBlueskyArchive(bluesky.agentFor, env.log),
        identity: {
          async claimsOf(accountId, dids) {
            const profiles = await getProfiles(await bluesky.agentFor(accountId), dids);
            return new Map<string, IdentityClaim[]>(profiles.map((profile) => [profile.did, claimsInBlueskyDescription(profile.description)]));
          },
        },
      };
    },
  };
}
