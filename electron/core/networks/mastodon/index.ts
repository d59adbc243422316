/**
 * Mastodon, and servers speaking its API (Pleroma, Akkoma, GoToSocial, …), as one module:
 * sign-in (OAuth with PKCE), home timeline, publishing with Idempotency-Keys, likes and boosts,
 * and live updates from the user stream (or polling where a server has none).
 */
import { ok } from '../../../../shared/contract.ts';
import type { NetworkDefinition } from '../network.ts';
import { createMastodonAccounts } from './accounts.ts';
import { createMastodonActions } from './actions.ts';
import { createMastodonAdapter } from './adapter.ts';
import { createMastodonArchive } from './archive.ts';
import { createMastodonConversation } from './conversation.ts';
import { createMastodonPeople } from './people.ts';
import { createMastodonNotifications } from './notifications.ts';
import { startMastodonLive } from './live.ts';
import { createMastodonPublisher, mastodonKeys, type MastodonPublishOptions } from './publish.ts';
import { createMastodonSignIn } from './sign-in.ts';

export type { MastodonPublishOptions };

export function mastodonNetwork(publishOptions?: MastodonPublishOptions): NetworkDefinition {
  return {
    id: 'mastodon',
    create(env) {
      const { accounts, session, save } = createMastodonAccounts(env);
      const signIn = createMastodonSignIn(env.db, env.secrets);
      const actions = createMastodonActions(session);
      return {
        info: {
          id: 'mastodon',
          name: 'Mastodon',
          shareWords: { action: 'Boost', done: 'boosted' },
          lacks: [{ feature: 'self_labels', message: 'Mastodon has no self-labels: labels chosen for Bluesky mark the images sensitive there.' }],
        },
        signIn: {
          'accounts.mastodon.begin': async ({ instance, mode }) => ok(await signIn.begin(instance, mode)),
          'accounts.mastodon.await': async ({ flowId }) => ok(save(await signIn.awaitRedirect(flowId))),
          'accounts.mastodon.finish': async ({ flowId, code }) => ok(save(await signIn.finishWithCode(flowId, code))),
          'accounts.mastodon.cancel': async ({ flowId }) => {
            signIn.cancel(flowId);
            return ok(null);
          },
          'accounts.mastodon.token': async ({ instance, token }) => ok(await accounts.signInWithToken(instance, token)),
        },
        accounts,
        timeline: createMastodonAdapter(session, env.log),
        publishing: { ...createMastodonPublisher(session, actions, publishOptions), keys: mastodonKeys },
        actions,
        live: { start: (deps) => startMastodonLive({ ...deps, session }) },
        conversation: createMastodonConversation(session),
        notifications: createMastodonNotifications(session),
        people: createMastodonPeople(session, env.log),
        archive: createMastodonArchive(session, env.log),
      };
    },
  };
}
