import { fail, ok, type AppInfo, type Handlers, type TimelineView } from '../../shared/contract.ts';
import { postKey } from '../../shared/domain/post-key.ts';
import type { AccountsService } from './accounts/accounts-service.ts';
import type { ActionsService } from './actions/actions-service.ts';
import type { ComposeService } from './compose/compose-service.ts';
import type { Outbox } from './compose/outbox.ts';
import type { LiveUpdates } from './timeline/live-updates.ts';
import type { TimelineService } from './timeline/timeline-service.ts';
import type { EventHub } from './events.ts';
import { readReadingPosition, readTheme, writeReadingPosition, writeTheme } from './settings.ts';
import type { Database } from './store/database.ts';

/** How long a reply from the timeline is waited for before the answer says it is still on its way. */
const replyWaitMs = 30_000;

export interface CoreDeps {
  db: Database;
  events: EventHub;
  accounts: AccountsService;
  timeline: TimelineService;
  live: Pick<LiveUpdates, 'setFocused'>;
  actions: ActionsService;
  compose: ComposeService;
  outbox: Outbox;
  host: AppInfo['host'];
  version: string;
}

/** The view's newest `limit` items (and `limit` more past the item at `through`, the reading
 *  position), saying that there is more when it cut some. */
function newest(view: TimelineView, limit: number | undefined, through: string | undefined): TimelineView {
  if (limit === undefined) return view;
  const at = through === undefined ? -1 : view.items.findIndex((item) => item.posts.some((post) => postKey(post) === through));
  const count = Math.max(limit, at + 1 + limit);
  return view.items.length <= count ? view : { ...view, items: view.items.slice(0, count), hasMore: true };
}

/**
 * Composition: the handler of every contract channel, built from the core's services. A
 * ServerError thrown by a service becomes that error's Result in the dispatcher.
 */
export function createHandlers({ db, events, accounts, timeline, live, actions, compose, outbox, host, version }: CoreDeps): Handlers {
  return {
    'app.info': async () => ok({ name: 'Braid', version, host, platform: process.platform }),
    'theme.get': async () => ok(readTheme(db)),
    'theme.set': async (theme) => {
      writeTheme(db, theme);
      events.emit('theme.changed', theme);
      return ok(theme);
    },

    'accounts.list': async () => ok(accounts.list()),
    'accounts.check': async () => ok(await accounts.checkAll()),
    'accounts.remove': async ({ id }) => {
      await accounts.remove(id);
      return ok(null);
    },
    'accounts.setPostByDefault': async ({ id, postByDefault }) => ok(accounts.setPostByDefault(id, postByDefault)),

    'accounts.mastodon.begin': async ({ instance, mode }) => ok(await accounts.beginMastodon(instance, mode)),
    'accounts.mastodon.await': async ({ flowId }) => ok(await accounts.awaitMastodon(flowId)),
    'accounts.mastodon.finish': async ({ flowId, code }) => ok(await accounts.finishMastodon(flowId, code)),
    'accounts.mastodon.cancel': async ({ flowId }) => {
      accounts.cancelMastodon(flowId);
      return ok(null);
    },
    'accounts.bluesky.signIn': async (input) => ok(await accounts.signInBluesky(input)),
    'timeline.view': async (request) => ok(newest(timeline.view(), request?.limit, readReadingPosition(db)?.key)),
    'timeline.refresh': async () => ok(await timeline.refresh()),
    'timeline.loadMore': async () => ok(await timeline.loadMore()),
    'timeline.setFocused': async ({ focused }) => {
      live.setFocused(focused);
      return ok(null);
    },
    'timeline.position.get': async () => ok(readReadingPosition(db)),
    'timeline.position.set': async (position) => {
      writeReadingPosition(db, position);
      return ok(null);
    },
    'post.like': ({ key, accountId, on }) => actions.like(key, accountId, on),
    'post.boost': ({ key, accountId, on }) => actions.boost(key, accountId, on),
    'post.reply': async ({ key, accountId, text }) => {
      const draft = compose.replyDraft(key, accountId, text);
      const sent = outbox.send(draft);
      if (!sent.ok) return sent;
      const target = (await outbox.settled(draft.id, replyWaitMs))?.targets[0];
      if (target?.state === 'posted') return ok({ url: target.urls[0] ?? null });
      if (target?.state === 'failed' && target.error) return fail(target.error.code, target.error.message, accountId);
      return fail('unknown_outcome', 'The reply is still being sent: its line in the outbox says how it goes.', accountId);
    },

    'drafts.list': async () => ok(compose.drafts()),
    'drafts.save': async (draft) => compose.saveDraft(draft),
    'drafts.delete': async ({ id }) => {
      compose.deleteDraft(id);
      return ok(null);
    },
    'media.attach': async ({ dataBase64 }) => ok(await compose.attach(dataBase64)),
    'compose.linkPreview': async ({ url }) => ok(await compose.linkPreview(url)),
    'outbox.send': async (draft) => outbox.send(draft),
    'outbox.list': async () => ok(outbox.list()),
    'outbox.retry': async ({ jobId }) => outbox.retry(jobId),
    'outbox.discard': async ({ draftId }) => outbox.discard(draftId),
    'accounts.bluesky.begin': async ({ identifier }) => ok(await accounts.beginBlueskyOAuth(identifier)),
    'accounts.bluesky.await': async ({ flowId }) => ok(await accounts.awaitBlueskyOAuth(flowId)),
    'accounts.bluesky.cancel': async ({ flowId }) => {
      accounts.cancelBlueskyOAuth(flowId);
      return ok(null);
    },
  };
}
